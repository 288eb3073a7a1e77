#include "dedupcache.h"

#include <algorithm>

namespace sb {

DedupCache::DedupCache(const Clock &clock, qint64 ttlMs)
    : m_clock(clock)
    , m_ttlMs(ttlMs)
{
}

const DedupCacheEntry *DedupCache::find(const QString &key)
{
    const auto it = m_entries.constFind(key);
    if (it == m_entries.cend())
        return nullptr;
    if (it->expiresAtMs <= m_clock.nowMs() && !it->pending)
        return nullptr;
    return &*it;
}

void DedupCache::insertPending(const QString &key, qint64 businessId, const QString &number)
{
    const qint64 now = m_clock.nowMs();
    if (now >= m_nextPurgeMs) {
        purgeExpired(now);
        m_nextPurgeMs = now + 1000;
    }
    DedupCacheEntry entry;
    entry.key = key;
    entry.businessId = businessId;
    entry.number = number;
    entry.status = QStringLiteral("pending");
    entry.expiresAtMs = now + m_ttlMs;
    m_entries.insert(key, entry);
}

void DedupCache::resolve(const QString &key, qint64 callId, const QString &callSid, const QString &status)
{
    const auto it = m_entries.find(key);
    if (it == m_entries.end())
        return;
    it->callId = callId;
    it->callSid = callSid;
    it->status = status;
    it->pending = false;
}

void DedupCache::remove(const QString &key)
{
    m_entries.remove(key);
}

QList<DedupCacheEntry> DedupCache::entries()
{
    purgeExpired(m_clock.nowMs());
    QList<DedupCacheEntry> list = m_entries.values();
    std::sort(list.begin(), list.end(),
              [](const DedupCacheEntry &a, const DedupCacheEntry &b) { return a.expiresAtMs < b.expiresAtMs; });
    return list;
}

void DedupCache::purgeExpired(qint64 nowMs)
{
    // A pending entry stays until its request finishes: waiters are attached to it.
    m_entries.removeIf([nowMs](const auto &it) { return !it.value().pending && it.value().expiresAtMs <= nowMs; });
}

} // namespace sb
