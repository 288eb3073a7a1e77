#include "lograte.h"

#include <QDebug>
#include <QMutexLocker>

namespace sb {

QString LogRateDecision::note() const
{
    if (suppressed <= 0)
        return {};
    return QStringLiteral(" (%1 similar suppressed)").arg(suppressed);
}

QDebug operator<<(QDebug debug, const LogRateDecision &decision)
{
    if (decision.suppressed > 0) {
        const QDebugStateSaver saver(debug);
        debug.noquote() << QStringLiteral("(%1 similar suppressed)").arg(decision.suppressed);
    }
    return debug;
}

LogRateLimiter::LogRateLimiter(qint64 intervalMs, const Clock &clock, int maxKeys)
    : m_clock(clock)
    , m_intervalMs(qMax<qint64>(intervalMs, 0))
    , m_maxKeys(qMax(maxKeys, 1))
{
}

LogRateDecision LogRateLimiter::check(const QString &key)
{
    const QMutexLocker locker(&m_mutex);
    const qint64 now = m_clock.nowMs();

    auto it = m_entries.find(key);
    if (it == m_entries.end()) {
        if (m_entries.size() >= m_maxKeys)
            forgetIdle(now);
        if (m_entries.size() >= m_maxKeys)
            return decide(m_overflow, now);
        it = m_entries.insert(key, Entry{});
    }
    return decide(*it, now);
}

int LogRateLimiter::trackedKeys() const
{
    const QMutexLocker locker(&m_mutex);
    return int(m_entries.size());
}

LogRateDecision LogRateLimiter::decide(Entry &entry, qint64 nowMs)
{
    // A clock that went backwards (wall-clock correction) must not silence a key for that long.
    if (!entry.seen || nowMs - entry.lastAllowedMs >= m_intervalMs || nowMs < entry.lastAllowedMs) {
        const LogRateDecision decision{true, entry.suppressed};
        entry = Entry{nowMs, 0, true};
        return decision;
    }
    ++entry.suppressed;
    return {false, 0};
}

void LogRateLimiter::forgetIdle(qint64 nowMs)
{
    // Scanning every key costs O(n); when all keys are busy, do it at most once per interval.
    if (m_forgotOnce && nowMs - m_lastForgetMs < m_intervalMs && nowMs >= m_lastForgetMs)
        return;
    m_forgotOnce = true;
    m_lastForgetMs = nowMs;
    m_entries.removeIf([&](QHash<QString, Entry>::iterator it) {
        return nowMs - it->lastAllowedMs >= m_intervalMs;
    });
}

} // namespace sb
