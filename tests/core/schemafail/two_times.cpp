// Must not compile: two time members.
#include <QInflux/schema.h>
struct TwoTimes { std::int64_t a; std::int64_t b; double value; };
QINFLUX_LINEPROTOCOL(TwoTimes, QINFLUX_TIMEINT(a), QINFLUX_TIMEINT(b), QINFLUX_FLOAT(value));
void use(const std::vector<TwoTimes> &v) { (void)QInflux::LineProtocol::serialize(v); }
