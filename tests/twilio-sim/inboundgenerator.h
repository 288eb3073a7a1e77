#pragma once

#include "simcall.h"

#include <QElapsedTimer>
#include <QObject>
#include <QQueue>
#include <QSet>
#include <QTimer>

namespace sb::sim {

class Simulator;

/// One `POST /sim/inbound` (or `--inbound N`): that many calls into the backend.
struct InboundBatch
{
    int count = 1;
    double ratePerSec = 0;  ///< 0: as fast as concurrency allows
    int concurrency = 0;    ///< 0: unlimited
    CallFaults faults;
    int streamSeconds = -1; ///< -1: the simulator's default
    QString to;             ///< empty: +15005550006
    QString from;           ///< empty: a distinct +1500555xxxx per call
    QUrl voiceUrl;          ///< empty: --voice-url
    QUrl statusCallback;    ///< empty: --status-callback
    QStringList statusEvents{QStringLiteral("initiated"), QStringLiteral("ringing"), QStringLiteral("answered"),
                             QStringLiteral("completed")};
};

/**
 * @brief Places inbound calls at a rate, never more than a concurrency at once.
 *
 * Each call is an ordinary CallDriver with Direction=inbound; the voice webhook goes out with
 * CallStatus=ringing. Batches queue behind each other.
 */
class InboundGenerator : public QObject
{
    Q_OBJECT
public:
    explicit InboundGenerator(Simulator &simulator);

    void submit(const InboundBatch &batch);
    void stop();
    int pending() const { return int(m_queue.size()); }
    int active() const { return int(m_active.size()); }
    int placed() const { return m_placed; }

signals:
    /// Every submitted call has been placed and has ended.
    void drained();

private:
    void pump();
    void onCallFinished(const QString &callSid);

    struct Pending
    {
        CallRequest request;
        double ratePerSec = 0;
        int concurrency = 0;
    };

    Simulator &m_simulator;
    QQueue<Pending> m_queue;
    QSet<QString> m_active;
    QTimer m_wait;
    QElapsedTimer m_clock;
    qint64 m_nextAllowedMs = 0;
    int m_placed = 0;
};

} // namespace sb::sim
