#include "keychainsecretstore.h"

#include <QPointer>

#include <QCoroSignal>
#include <qt6keychain/keychain.h>

using namespace Qt::StringLiterals;

namespace QInflux {

namespace {

/// Starts `job` and waits for it; false when it did not finish in time (it then deletes itself later).
QCoro::Task<bool> run(QKeychain::Job *job, std::chrono::milliseconds timeout)
{
    job->setAutoDelete(false);
    job->setInsecureFallback(false); // never the plain-text QSettings fallback
    job->start();
    const auto finished = co_await qCoro(job, &QKeychain::Job::finished, timeout);
    if (!finished)
        QObject::connect(job, &QKeychain::Job::finished, job, &QObject::deleteLater);
    co_return finished.has_value();
}

QString timeoutReason(std::chrono::milliseconds timeout)
{
    return KeychainSecretStore::tr("the system keychain did not answer within %1 s").arg(timeout.count() / 1000.0);
}

/// Errors that mean "no keychain to use" rather than "this entry".
QString unavailability(const QKeychain::Job &job)
{
    const QString why = job.errorString().isEmpty() ? KeychainSecretStore::tr("no keychain service") : job.errorString();
    switch (job.error()) {
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return KeychainSecretStore::tr("no system keychain is available (%1)").arg(why);
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        return KeychainSecretStore::tr("access to the system keychain was denied (%1)").arg(why);
    default:
        return KeychainSecretStore::tr("the system keychain cannot be used (%1)").arg(why);
    }
}

} // namespace

KeychainSecretStore::KeychainSecretStore(QString service, QObject *parent)
    : SecretStore(parent), m_service(std::move(service))
{
}

QCoro::Task<SecretLookup> KeychainSecretStore::read(QString key)
{
    QPointer<QKeychain::ReadPasswordJob> job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setKey(key);
    const std::chrono::milliseconds timeout = m_timeout;
    if (!co_await run(job, timeout))
        co_return SecretLookup{SecretLookup::Status::Unavailable, {}, timeoutReason(timeout)};
    if (!job) // the store was destroyed meanwhile
        co_return SecretLookup{SecretLookup::Status::Unavailable, {}, tr("the keychain request was cancelled")};
    job->deleteLater();
    switch (job->error()) {
    case QKeychain::NoError:
        co_return SecretLookup{SecretLookup::Status::Found, job->textData(), {}};
    case QKeychain::EntryNotFound:
        co_return SecretLookup{SecretLookup::Status::NotFound, {}, {}};
    default:
        co_return SecretLookup{SecretLookup::Status::Unavailable, {}, unavailability(*job)};
    }
}

QCoro::Task<Result<void>> KeychainSecretStore::write(QString key, QString secret)
{
    QPointer<QKeychain::WritePasswordJob> job = new QKeychain::WritePasswordJob(m_service, this);
    job->setKey(key);
    job->setTextData(secret);
    const std::chrono::milliseconds timeout = m_timeout;
    if (!co_await run(job, timeout))
        co_return Error(Error::Kind::Io, timeoutReason(timeout));
    if (!job)
        co_return Error(Error::Kind::Cancelled, tr("the keychain request was cancelled"));
    job->deleteLater();
    if (job->error() != QKeychain::NoError)
        co_return Error(Error::Kind::Io, unavailability(*job));
    co_return {};
}

QCoro::Task<Result<void>> KeychainSecretStore::remove(QString key)
{
    QPointer<QKeychain::DeletePasswordJob> job = new QKeychain::DeletePasswordJob(m_service, this);
    job->setKey(key);
    const std::chrono::milliseconds timeout = m_timeout;
    if (!co_await run(job, timeout))
        co_return Error(Error::Kind::Io, timeoutReason(timeout));
    if (!job)
        co_return Error(Error::Kind::Cancelled, tr("the keychain request was cancelled"));
    job->deleteLater();
    if (job->error() != QKeychain::NoError && job->error() != QKeychain::EntryNotFound)
        co_return Error(Error::Kind::Io, unavailability(*job));
    co_return {};
}

} // namespace QInflux
