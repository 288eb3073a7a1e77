#include "inboundgenerator.h"

#include "calldriver.h"
#include "simulator.h"

namespace sb::sim {

InboundGenerator::InboundGenerator(Simulator &simulator)
    : m_simulator(simulator)
{
    m_wait.setSingleShot(true);
    m_clock.start();
    connect(&m_wait, &QTimer::timeout, this, &InboundGenerator::pump);
    connect(&m_simulator, &Simulator::callFinished, this, &InboundGenerator::onCallFinished);
}

void InboundGenerator::submit(const InboundBatch &batch)
{
    const SimOptions &options = m_simulator.options();
    for (int i = 0; i < batch.count; ++i) {
        Pending pending;
        CallRequest &request = pending.request;
        request.direction = QStringLiteral("inbound");
        request.to = batch.to.isEmpty() ? QStringLiteral("+15005550006") : batch.to;
        request.from = batch.from.isEmpty() ? QStringLiteral("+1500555%1").arg((m_placed + int(m_queue.size())) % 10000, 4, 10, QLatin1Char('0'))
                                            : batch.from;
        request.url = batch.voiceUrl.isEmpty() ? options.voiceUrl : batch.voiceUrl;
        request.statusCallback = batch.statusCallback.isEmpty() ? options.statusCallback : batch.statusCallback;
        request.statusCallbackEvents = batch.statusEvents;
        request.streamSeconds = batch.streamSeconds;
        request.faults = batch.faults;
        pending.ratePerSec = batch.ratePerSec;
        pending.concurrency = batch.concurrency;
        m_queue.enqueue(pending);
    }
    pump();
}

void InboundGenerator::stop()
{
    m_queue.clear();
    m_active.clear();
    m_wait.stop();
}

void InboundGenerator::pump()
{
    while (!m_queue.isEmpty()) {
        const Pending &next = m_queue.head();
        if (next.concurrency > 0 && m_active.size() >= next.concurrency)
            return; // a finished call pumps again
        const qint64 now = m_clock.elapsed();
        if (now < m_nextAllowedMs) {
            if (!m_wait.isActive())
                m_wait.start(int(m_nextAllowedMs - now));
            return;
        }
        if (next.ratePerSec > 0)
            m_nextAllowedMs = std::max(m_nextAllowedMs, now) + qint64(1000.0 / next.ratePerSec);
        const Pending pending = m_queue.dequeue();
        ++m_placed;
        CallDriver *driver = m_simulator.placeCall(pending.request);
        if (!driver->call().isFinal())
            m_active.insert(driver->call().sid);
    }
    if (m_active.isEmpty())
        emit drained();
}

void InboundGenerator::onCallFinished(const QString &callSid)
{
    if (m_active.remove(callSid))
        pump();
}

} // namespace sb::sim
