// Must not compile: two measurement members.
#include <QInflux/schema.h>
struct TwoMeasurements { std::string m1; std::string m2; std::int64_t t; double value; };
QINFLUX_LINEPROTOCOL(TwoMeasurements, QINFLUX_MEASUREMENT(m1), QINFLUX_MEASUREMENT(m2), QINFLUX_TIMEINT(t), QINFLUX_FLOAT(value));
void use(const std::vector<TwoMeasurements> &v) { (void)QInflux::LineProtocol::serialize(v); }
