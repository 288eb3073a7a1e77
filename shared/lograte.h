#pragma once

#include "clock.h"

#include <QHash>
#include <QMutex>
#include <QString>

class QDebug;

namespace sb {

/// The answer of LogRateLimiter::check(): log now or not, and what was held back before.
struct LogRateDecision
{
    bool allowed = false;
    /// When allowed: how many checks of this key were refused since its previous allowed one.
    /// When refused: 0.
    qint64 suppressed = 0;

    explicit operator bool() const { return allowed; }

    /// `" (N similar suppressed)"`, or an empty string when nothing was suppressed.
    QString note() const;
};

/// Streams the suppressed note (nothing when N is 0), so a log line can end with `<< decision`.
QDebug operator<<(QDebug debug, const LogRateDecision &decision);

/**
 * @brief Lets one log line per key through per interval and counts the rest (DESIGN.md invariant 10).
 *
 * The first check() of a key is allowed; later checks are refused until @c interval has passed
 * since the last allowed one (at exactly @c interval it is allowed again). The allowed check
 * reports how many were refused in between, so the line can say "(N similar suppressed)".
 *
 * Thread-safe. The number of tracked keys is bounded: when a new key would exceed the limit,
 * keys idle for at least one interval are forgotten (with their pending counts); if every key is
 * still active, new keys share one overflow slot, so a flood of distinct keys stays one line
 * per interval.
 */
class LogRateLimiter
{
public:
    static constexpr qint64 kDefaultIntervalMs = 10'000;
    static constexpr int kDefaultMaxKeys = 1024;

    explicit LogRateLimiter(qint64 intervalMs = kDefaultIntervalMs, const Clock &clock = Clock::system(),
                            int maxKeys = kDefaultMaxKeys);

    LogRateLimiter(const LogRateLimiter &) = delete;
    LogRateLimiter &operator=(const LogRateLimiter &) = delete;

    /// Whether to log the line for @p key now, and how many of its lines were suppressed before.
    LogRateDecision check(const QString &key);

    qint64 intervalMs() const { return m_intervalMs; }
    int maxKeys() const { return m_maxKeys; }

    /// How many keys are tracked now (the overflow slot not included); for tests and metrics.
    int trackedKeys() const;

private:
    struct Entry
    {
        qint64 lastAllowedMs = 0;
        qint64 suppressed = 0;
        bool seen = false;
    };

    LogRateDecision decide(Entry &entry, qint64 nowMs);
    void forgetIdle(qint64 nowMs);

    const Clock &m_clock;
    const qint64 m_intervalMs;
    const int m_maxKeys;

    mutable QMutex m_mutex;
    QHash<QString, Entry> m_entries;
    Entry m_overflow;
    qint64 m_lastForgetMs = 0;
    bool m_forgotOnce = false;
};

} // namespace sb

/**
 * One-line rate-limited logging:
 * @code
 * SB_LOG_RATE_LIMITED(qCWarning(sb::lcMedia), m_logRate, QStringLiteral("bad-frame"), "bad frame on" << sid);
 * @endcode
 * logs `bad frame on MZ… (12 similar suppressed)` at most once per interval per key.
 * The stream expression after the key is only evaluated when the line is logged.
 */
#define SB_LOG_RATE_LIMITED(logStatement, limiter, key, ...)                                           \
    do {                                                                                              \
        if (const ::sb::LogRateDecision sbLogRate_ = (limiter).check(key))                            \
            logStatement << __VA_ARGS__ << sbLogRate_;                                                \
    } while (false)
