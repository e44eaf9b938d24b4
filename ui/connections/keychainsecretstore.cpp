#include "keychainsecretstore.h"

#include <QPointer>

#include <QCoroSignal>
#include <qt6keychain/keychain.h>

using namespace Qt::StringLiterals;

namespace QInflux {

namespace {

QString unavailability(const QKeychain::Job &job);

/// How a keychain job ended: QtKeychain's code, and the reason to show when it is not NoError
/// or EntryNotFound (also when the job never finished).
struct Outcome
{
    QKeychain::Error code = QKeychain::OtherError;
    QString reason;
};

/// Starts `job`, waits at most `timeout` and deletes it later. The job stays readable until the
/// caller returns to the event loop.
QCoro::Task<Outcome> run(QPointer<QKeychain::Job> job, std::chrono::milliseconds timeout)
{
    job->setAutoDelete(false);
    job->setInsecureFallback(false); // never the plain-text QSettings fallback
    job->start();
    const auto finished = co_await qCoro(job.data(), &QKeychain::Job::finished, timeout);
    if (!job)
        co_return Outcome{QKeychain::OtherError, KeychainSecretStore::tr("the keychain request was cancelled")};
    if (!finished) {
        QObject::connect(job, &QKeychain::Job::finished, job, &QObject::deleteLater);
        co_return Outcome{QKeychain::OtherError,
                          KeychainSecretStore::tr("the system keychain did not answer within %1 s").arg(timeout.count() / 1000.0)};
    }
    job->deleteLater();
    co_return Outcome{job->error(), unavailability(*job)};
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
    const Outcome outcome = co_await run(job.data(), m_timeout);
    switch (outcome.code) {
    case QKeychain::NoError:
        co_return SecretLookup{SecretLookup::Status::Found, job ? job->textData() : QString(), {}};
    case QKeychain::EntryNotFound:
        co_return SecretLookup{SecretLookup::Status::NotFound, {}, {}};
    default:
        co_return SecretLookup{SecretLookup::Status::Unavailable, {}, outcome.reason};
    }
}

QCoro::Task<Result<void>> KeychainSecretStore::write(QString key, QString secret)
{
    auto *job = new QKeychain::WritePasswordJob(m_service, this);
    job->setKey(key);
    job->setTextData(secret);
    const Outcome outcome = co_await run(job, m_timeout);
    if (outcome.code != QKeychain::NoError)
        co_return Error(Error::Kind::Io, outcome.reason);
    co_return {};
}

QCoro::Task<Result<void>> KeychainSecretStore::remove(QString key)
{
    auto *job = new QKeychain::DeletePasswordJob(m_service, this);
    job->setKey(key);
    const Outcome outcome = co_await run(job, m_timeout);
    if (outcome.code != QKeychain::NoError && outcome.code != QKeychain::EntryNotFound)
        co_return Error(Error::Kind::Io, outcome.reason);
    co_return {};
}

} // namespace QInflux
