// Must not compile: no field and no placeholder.
#include <QInflux/schema.h>
struct NoField { std::int64_t t; std::string host; };
QINFLUX_LINEPROTOCOL(NoField, QINFLUX_TIMEINT(t), QINFLUX_TAG(host));
void use(const std::vector<NoField> &v) { (void)QInflux::LineProtocol::serialize(v); }
