// Must not compile: a field named "time" (the server drops it).
#include <QInflux/schema.h>
struct TimeKey { std::int64_t t; double time; };
QINFLUX_LINEPROTOCOL(TimeKey, QINFLUX_TIMEINT(t), QINFLUX_FLOAT(time));
void use(const std::vector<TimeKey> &v) { (void)QInflux::LineProtocol::serialize(v); }
