#pragma once

#include <QInflux/qinfluxcore_export.h>

#include <QByteArray>

#include <chrono>
#include <optional>

namespace QInflux {

/// When and how often a failed write is tried again: on network errors, HTTP 429 and 5xx only
/// (never on other 4xx, never on a partial write). Defaults as influxdb-client-python/-java.
struct QINFLUX_CORE_EXPORT RetryPolicy
{
    /// Retries after the first attempt; 0 turns retrying off.
    int maxRetries = 5;
    std::chrono::milliseconds firstDelay{5'000};
    double backoffBase = 2.0;
    std::chrono::milliseconds maxDelay{125'000};
    /// No retry starts later than this after the first attempt.
    std::chrono::milliseconds maxTotal{180'000};
    /// Each delay is multiplied by a random factor in [1 - jitter, 1 + jitter].
    double jitter = 0.2;

    /// Delay before retry number `retry` (1-based), before jitter: firstDelay * base^(retry-1), capped.
    std::chrono::milliseconds delayBefore(int retry) const;
    /// delayBefore() with jitter applied.
    std::chrono::milliseconds jitteredDelayBefore(int retry) const;

    /// A Retry-After header: delta-seconds or an HTTP date. nullopt when absent or unreadable.
    static std::optional<std::chrono::milliseconds> parseRetryAfter(const QByteArray &value);
};

} // namespace QInflux
