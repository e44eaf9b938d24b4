// Must not compile: a schema needs exactly one time member (aioinflux raises SchemaError).
#include <QInflux/schema.h>
struct NoTime { double value; };
QINFLUX_LINEPROTOCOL(NoTime, QINFLUX_FLOAT(value));
void use(const std::vector<NoTime> &v) { (void)QInflux::LineProtocol::serialize(v); }
