#include "secretstore.h"

using namespace Qt::StringLiterals;

namespace QInflux {

QCoro::Task<QString> SecretStore::unavailableReason()
{
    // A key that is never written: NotFound from a working store.
    const SecretLookup probe = co_await read(u"qinflux-availability-probe"_s);
    co_return probe.status == SecretLookup::Status::Unavailable ? probe.reason : QString();
}

} // namespace QInflux
