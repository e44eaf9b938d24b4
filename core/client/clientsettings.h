#pragma once

#include "result.h"

#include <QString>
#include <QUrl>

#include <chrono>

namespace QInflux {

/// Where and how to reach an InfluxDB 1.x server. A plain value; the Client copies it.
struct ClientSettings
{
    QString host = QStringLiteral("localhost");
    int port = 8086;
    bool ssl = false;
    /// Path prefix when the server sits behind a reverse proxy, e.g. "/influx".
    QString pathPrefix;
    QString username;
    /// Sent in an Authorization: Basic header, never in the URL.
    QString password;
    /// Default database for queries and writes.
    QString database;
    /// Default retention policy for writes and queries; empty = the database's default.
    QString retentionPolicy;
    std::chrono::milliseconds timeout{10'000};

    /// scheme://host:port/prefix, without a trailing slash.
    QUrl baseUrl() const;
    /// Fills host, port, ssl and pathPrefix from "http://host:port/prefix" (user info is taken too).
    static Result<ClientSettings> fromUrl(const QString &url);
};

} // namespace QInflux
