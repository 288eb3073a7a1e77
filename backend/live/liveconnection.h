#pragma once

#include "http/apitokens.h"

#include "shared/livemessages.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>

#include <deque>
#include <memory>

class QWebSocket;

namespace sb {

/// How much one console may have waiting before it is resynchronised instead.
struct LiveLimits
{
    qint64 inFlightBytes = 1 << 20;      ///< handed to the socket, not yet written to the network
    int queuedMessages = 5000;           ///< waiting behind that, after coalescing
    qint64 queuedBytes = 16 << 20;       ///< the same in bytes
    int subscriptions = 64;              ///< calls whose timeline one console follows at once
};

/**
 * @brief One console on `/console`: its socket, its outgoing queue and its subscriptions.
 *
 * Messages arrive already encoded (once for every console) and go to the socket while less than
 * LiveLimits::inFlightBytes wait there; the rest queue. A queued `call` delta is replaced by a
 * newer one for the same call (it moves to the back, so revisions stay in order). When the queue
 * overflows it is dropped, nothing more queues, and once the socket drained the console asks the
 * hub for a fresh snapshot (resyncWanted): a slow console costs the backend bounded memory and
 * never a wait.
 */
class LiveConnection : public QObject
{
    Q_OBJECT
public:
    LiveConnection(std::unique_ptr<QWebSocket> socket, ApiRole role, const LiveLimits &limits,
                   QObject *parent = nullptr);
    ~LiveConnection() override;

    ApiRole role() const { return m_role; }
    bool isSubscribed(qint64 callId) const { return m_subscriptions.contains(callId); }
    void subscribe(qint64 callId);
    /// Whether a snapshot was sent and no resync is pending: deltas are wanted.
    bool isLive() const { return m_state == State::Live || m_state == State::AwaitingSnapshot; }

    /// The hub is encoding a snapshot of its current revision: deltas queue from now on. Returns
    /// the snapshot's generation for sendSnapshot().
    quint64 snapshotStarted();
    /// Sends the snapshot of @p generation, if it is still the latest started, then what queued meanwhile.
    void sendSnapshot(quint64 generation, const QString &text);
    /// Queues @p text; @p callId (for `call` deltas) lets a newer one replace it while queued.
    void send(const QString &text, qint64 coalesceCallId = 0);
    /// Sends an `error` message at once (an answer to the console's own request).
    void sendError(const Error &error);
    void close();

    qint64 coalesced() const { return m_coalesced; }
    int resyncs() const { return m_resyncs; }
    int queued() const { return int(m_queue.size()); }

signals:
    void subscribeRequested(sb::LiveConnection *connection, const sb::live::Subscribe &request);
    /// The console fell behind, dropped its queue and has drained: it needs a fresh snapshot.
    void resyncWanted(sb::LiveConnection *connection);
    void closed(sb::LiveConnection *connection);

private:
    enum class State { AwaitingFirst, AwaitingSnapshot, Live, Overflowed };
    struct Pending
    {
        QString text;
        qint64 callId = 0; ///< 0 when it cannot be coalesced; empty text once replaced
    };

    void onTextMessage(const QString &text);
    void onBytesWritten(qint64 bytes);
    void flush();
    void overflow();
    void askForResync();
    void dropQueue();
    void write(const QString &text);

    std::unique_ptr<QWebSocket> m_socket;
    ApiRole m_role;
    LiveLimits m_limits;
    State m_state = State::AwaitingFirst;
    std::deque<Pending> m_queue;
    qint64 m_frontSeq = 0;                  ///< sequence number of m_queue.front()
    QHash<qint64, qint64> m_queuedCalls;    ///< call id → sequence number of its queued delta
    qint64 m_queuedBytes = 0;
    qint64 m_replaced = 0;                  ///< queued entries emptied by a newer delta
    qint64 m_inFlight = 0;
    QSet<qint64> m_subscriptions;
    qint64 m_coalesced = 0;
    int m_resyncs = 0;
    quint64 m_snapshotGeneration = 0;
    bool m_resyncAsked = false;
};

} // namespace sb
