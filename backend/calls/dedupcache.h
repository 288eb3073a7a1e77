#pragma once

#include "shared/clock.h"

#include <QHash>
#include <QList>
#include <QString>

namespace sb {

/// One intent the memory layer remembers: the call it led to, once known.
struct DedupCacheEntry
{
    QString key;           ///< dedupKey(): business, normalised number, minute bucket
    qint64 businessId = 0;
    QString number;        ///< E.164
    qint64 callId = 0;     ///< our row (0 while pending, or when placed without a reservation)
    QString callSid;       ///< empty until Twilio created the call
    QString status;        ///< what the first request reported (`pending` while it runs)
    qint64 expiresAtMs = 0;
    bool pending = true;   ///< the first request for the key has not finished yet
};

/**
 * @brief Layer (a) of invariant 1: intents by dedupKey() for a TTL (60 s) on the I/O thread.
 *
 * Not thread-safe by design: every outbound request passes through the service on the I/O
 * thread, so a check followed by an insert is atomic without a lock. The database layer is the
 * authority; this cache only spares it (and the caller) the obvious repeats. Expired entries
 * are never returned and are dropped as new ones arrive.
 */
class DedupCache
{
public:
    static constexpr qint64 kDefaultTtlMs = 60'000;

    explicit DedupCache(const Clock &clock, qint64 ttlMs = kDefaultTtlMs);

    /// The live entry for @p key, or nullptr.
    const DedupCacheEntry *find(const QString &key);
    /// Remembers a new pending intent (replacing an expired one).
    void insertPending(const QString &key, qint64 businessId, const QString &number);
    /// The first request finished with a call: duplicates now point at it.
    void resolve(const QString &key, qint64 callId, const QString &callSid, const QString &status);
    /// Forgets @p key (the first request failed, so the next one should try again).
    void remove(const QString &key);

    /// Live entries, soonest to expire first.
    QList<DedupCacheEntry> entries();
    qint64 remainingMs(const DedupCacheEntry &entry) const { return qMax<qint64>(0, entry.expiresAtMs - m_clock.nowMs()); }
    qsizetype size() const { return m_entries.size(); }
    qint64 ttlMs() const { return m_ttlMs; }

private:
    void purgeExpired(qint64 nowMs);

    const Clock &m_clock;
    const qint64 m_ttlMs;
    QHash<QString, DedupCacheEntry> m_entries;
    qint64 m_nextPurgeMs = 0;
};

} // namespace sb
