#pragma once

#include "connectionsettings.h"

#include "shared/call.h"
#include "shared/callevent.h"
#include "shared/livemessages.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QWebSocket>

class QNetworkAccessManager;
class QNetworkReply;

namespace sb {

/**
 * @brief The console's connection to a backend's `/console` hub.
 *
 * Opens the WebSocket with the bearer token, decodes every message (shared/livemessages.h) and
 * hands it out as typed signals that models and views connect to. Call deltas are batched
 * (callsChanged() at most every batchIntervalMs()), so a burst becomes one model update.
 *
 * When the connection drops it reconnects with a growing delay (Reconnecting). A failed
 * handshake is explained by asking `GET /console` with the same token: a refused token ends in
 * Refused (no retry: the token will not fix itself), an unreachable backend keeps retrying.
 */
class LiveClient : public QObject
{
    Q_OBJECT
public:
    enum class State { Disconnected, Connecting, Live, Reconnecting, Refused };
    Q_ENUM(State)

    explicit LiveClient(QObject *parent = nullptr);
    ~LiveClient() override;

    /// Connects to @p target (an http(s) base URL; the socket goes to ws(s)://…/console).
    void connectTo(const ConnectionTarget &target);
    void disconnectFromBackend();

    State state() const { return m_state; }
    /// What the state means for a person, with the reason of the last failure.
    QString stateText() const { return m_stateText; }
    ConnectionTarget target() const { return m_target; }
    qint64 revision() const { return m_revision; }
    QString role() const { return m_role; }

    /// Asks for a call's history, then its timeline events as they happen (see historyReceived, eventReceived).
    void subscribe(qint64 callId);
    void unsubscribe(qint64 callId);

    void setReconnectDelays(int firstMs, int maxMs);
    int batchIntervalMs() const { return m_batchTimer.interval(); }
    void setBatchIntervalMs(int ms) { m_batchTimer.setInterval(ms); }

    /// The WebSocket URL for a backend base URL.
    static QUrl socketUrl(const QUrl &backendUrl);

signals:
    void stateChanged(sb::LiveClient::State state, const QString &text);
    /// Everything the console held is replaced by this.
    void snapshotReceived(const sb::live::Snapshot &snapshot);
    /// Created or updated calls (summaries: no transcripts), oldest change first, one per call.
    void callsChanged(const QList<sb::Call> &calls);
    void businessNamed(qint64 businessId, const QString &name);
    void eventReceived(const sb::CallEvent &event);
    void historyReceived(const sb::live::History &history);
    /// Dedup decisions: {id, at, business_id, number, dedup_key, layer, outcome, call_id}.
    void dedupDecided(const QJsonObject &decision);
    /// Job changes: the job JSON as the backend wrote it.
    void jobChanged(const QJsonObject &job);
    /// The whole current alert list: objects {key, severity, message, action, value, threshold}.
    void alertsChanged(const QJsonArray &alerts);
    /// The backend could not serve a request of ours (an unknown call, …).
    void requestFailed(const QString &message);

private:
    void open();
    void onConnected();
    void onDisconnected();
    void onTextMessage(const QString &text);
    void openFailed();
    void scheduleReconnect(const QString &reason);
    void setState(State state, const QString &text);
    void flushCalls();
    void send(const live::Message &message);

    QWebSocket m_socket;
    QNetworkAccessManager *m_network;
    QPointer<QNetworkReply> m_probe;
    ConnectionTarget m_target;
    State m_state = State::Disconnected;
    QString m_stateText;
    bool m_wanted = false;   ///< the user wants a connection (not after disconnectFromBackend or Refused)
    bool m_wasLive = false;  ///< this socket got to Live before it dropped
    bool m_failureHandled = false; ///< this attempt's failure is being explained
    QTimer m_reconnectTimer;
    int m_firstDelayMs = 500;
    int m_maxDelayMs = 10'000;
    int m_delayMs = 500;
    int m_attempts = 0; ///< reconnection attempts since the connection was last live
    qint64 m_revision = 0;
    QString m_role;
    QTimer m_batchTimer;
    QList<qint64> m_pendingOrder;
    QHash<qint64, Call> m_pendingCalls;
};

} // namespace sb
