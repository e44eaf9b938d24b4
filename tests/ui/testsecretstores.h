#pragma once

// Secret stores for the connection tests: one that works (a map in memory, standing in for a
// keychain that holds entries) and one that reports no keychain, as on a machine without a
// Secret Service. The real QtKeychain store is tested without D-Bus in connectionstoretest.

#include "connections/secretstore.h"

#include <QHash>

namespace QInflux::Test {

class MemorySecretStore : public SecretStore
{
public:
    QHash<QString, QString> entries;

    QCoro::Task<SecretLookup> read(QString key) override
    {
        if (!entries.contains(key))
            co_return SecretLookup{SecretLookup::Status::NotFound, {}, {}};
        co_return SecretLookup{SecretLookup::Status::Found, entries.value(key), {}};
    }
    QCoro::Task<Result<void>> write(QString key, QString secret) override
    {
        entries.insert(key, secret);
        co_return {};
    }
    QCoro::Task<Result<void>> remove(QString key) override
    {
        entries.remove(key);
        co_return {};
    }
};

class NoKeychainStore : public SecretStore
{
public:
    static QString reason() { return QStringLiteral("no Secret Service on this test bus"); }
    int reads = 0;

    QCoro::Task<SecretLookup> read(QString) override
    {
        ++reads;
        co_return SecretLookup{SecretLookup::Status::Unavailable, {}, reason()};
    }
    QCoro::Task<Result<void>> write(QString, QString) override { co_return Error(Error::Kind::Io, reason()); }
    QCoro::Task<Result<void>> remove(QString) override { co_return Error(Error::Kind::Io, reason()); }
};

} // namespace QInflux::Test
