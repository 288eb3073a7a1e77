#pragma once

#include <QDateTime>

#include <atomic>

namespace sb {

/// The time source of every time-based rule (dedup windows, TTLs, leases), so tests can move it.
class Clock
{
public:
    virtual ~Clock() = default;
    /// Milliseconds since the Unix epoch, UTC.
    virtual qint64 nowMs() const = 0;
    QDateTime now() const { return QDateTime::fromMSecsSinceEpoch(nowMs(), Qt::UTC); }

    /// The process-wide wall clock.
    static Clock &system();
};

class SystemClock final : public Clock
{
public:
    qint64 nowMs() const override { return QDateTime::currentMSecsSinceEpoch(); }
};

/// A clock that only moves when told to; safe to read and move from any thread.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(qint64 startMs = 1'700'000'000'000) : m_ms(startMs) { }
    qint64 nowMs() const override { return m_ms.load(); }
    void setMs(qint64 ms) { m_ms.store(ms); }
    void advanceMs(qint64 ms) { m_ms.fetch_add(ms); }

private:
    std::atomic<qint64> m_ms;
};

inline Clock &Clock::system()
{
    static SystemClock clock;
    return clock;
}

} // namespace sb
