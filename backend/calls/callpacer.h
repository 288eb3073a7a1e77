#pragma once

#include <QElapsedTimer>
#include <QObject>

#include <functional>

namespace sb {

/**
 * @brief Spaces Calls.json requests to a calls-per-second rate (Twilio's default account limit
 * is 1 CPS), so creates queue here instead of meeting 429s.
 *
 * Slots are handed out in order, 1000/cps ms apart, on a monotonic timer (not the injectable
 * Clock: this is real waiting, and nothing waits for it but a QTimer). A rate of 0 turns pacing
 * off. Lives on the I/O thread.
 */
class CallPacer : public QObject
{
    Q_OBJECT
public:
    explicit CallPacer(double callsPerSecond, QObject *parent = nullptr);

    /// Runs @p go when the next slot comes (at once if it has come); returns the wait in ms.
    qint64 schedule(std::function<void()> go);

    double callsPerSecond() const { return m_cps; }
    /// Requests scheduled and not yet released.
    int queued() const { return m_queued; }

private:
    double m_cps;
    QElapsedTimer m_timer;
    double m_nextSlotMs = 0;
    int m_queued = 0;
};

} // namespace sb
