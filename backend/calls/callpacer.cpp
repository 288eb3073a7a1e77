#include "callpacer.h"

#include <QTimer>

#include <cmath>

namespace sb {

CallPacer::CallPacer(double callsPerSecond, QObject *parent)
    : QObject(parent)
    , m_cps(callsPerSecond)
{
    m_timer.start();
}

qint64 CallPacer::schedule(std::function<void()> go)
{
    if (m_cps <= 0) {
        go();
        return 0;
    }
    const double now = double(m_timer.nsecsElapsed()) / 1e6;
    const double slot = std::max(now, m_nextSlotMs);
    m_nextSlotMs = slot + 1000.0 / m_cps;
    const qint64 waitMs = qint64(std::ceil(slot - now));
    if (waitMs <= 0) {
        go();
        return 0;
    }
    ++m_queued;
    QTimer::singleShot(std::chrono::milliseconds(waitMs), Qt::PreciseTimer, this, [this, go = std::move(go)] {
        --m_queued;
        go();
    });
    return waitMs;
}

} // namespace sb
