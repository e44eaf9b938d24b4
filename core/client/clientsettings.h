#pragma once

#include <QInflux/result.h>
#include <QInflux/retrypolicy.h>

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

    /// Sent as `Authorization: Token <token>` (InfluxDB 1.8+, and the v1-compatible endpoints of
    /// 2.x/3.x, where it is an API token). Takes precedence over username/password.
    QString token;

    // TLS (with ssl = true)
    /// PEM file of CA certificates trusted in addition to the system's.
    QString caFile;
    /// PEM client certificate and its private key, for servers that ask for one.
    QString clientCertificateFile;
    QString clientKeyFile;
    /// Skips certificate verification. Explicit opt-in only: anyone on the path can then read and
    /// change the traffic.
    bool insecureSkipVerify = false;

    /// Ask for MessagePack query answers (typed: 1 and 1.0 differ; faster to decode). The client
    /// takes JSON when the server answers with it. false = always JSON.
    bool messagePack = true;
    /// Ask for gzip-compressed query answers (Accept-Encoding: gzip). Saves bandwidth on slow links;
    /// costs the server CPU (on a LAN the answer comes slower). Off: the answer comes as it is.
    bool gzipAnswers = false;
    /// gzip-compress write bodies (Content-Encoding: gzip).
    bool gzipWrites = false;
    /// User-Agent header; empty = "qinflux/<version>".
    QString userAgent;
    /// Retries of failed writes.
    RetryPolicy retry;

    /// scheme://host:port/prefix, without a trailing slash.
    QUrl baseUrl() const;
    /// Fills host, port, ssl and pathPrefix from "http://host:port/prefix" (user info is taken too).
    static Result<ClientSettings> fromUrl(const QString &url);
};

} // namespace QInflux
