#pragma once

#include "liveconnection.h"

#include "http/httpmessage.h"

#include "shared/call.h"
#include "shared/callevent.h"
#include "shared/lograte.h"

#include <QHash>
#include <QJsonArray>
#include <QObject>
#include <QSet>

#include <memory>

namespace sb {

class ApiTokens;
class ChangeListener;
class HttpServer;
class Storage;


/// What the hub keeps and sends.
struct LiveSettings
{
    int recentCalls = 10'000;                    ///< calls a snapshot carries at most (live ones first)
    qint64 activeWithinMs = 24 * 3600 * 1000LL;  ///< a non-final call older than this no longer counts as live
    int historyEvents = 5000;                    ///< timeline events one `history` carries at most
    LiveLimits limits;
};

/**
 * @brief WebSocket `/console`: the live hub. A snapshot of the live and recent calls, then deltas.
 *
 * The handshake needs `Authorization: Bearer <token>` of any reading role; anything else is
 * refused before the upgrade (401/403 JSON, like the API). A plain `GET /console` answers the
 * same refusal, or 426 with a valid token (a console uses it to explain a failed handshake).
 *
 * Changes come from the call timeline: the events this instance commits (Storage::eventsAppended)
 * and, on PostgreSQL, the ids other instances announce (ChangeListener). The hub reads what
 * changed in one storage task per batch (never per console), keeps the live and recent calls in
 * memory for snapshots, and encodes each delta once for every console. Events of kind
 * `job_changed` also go out as `job`, of kind `dedup_decision` as `dedup` (their detail is the
 * job or decision). Timeline events go only to consoles that subscribed to their call.
 */
class LiveHub : public QObject
{
    Q_OBJECT
public:
    static constexpr QStringView kPath = u"/console";

    LiveHub(HttpServer &http, Storage &storage, const ApiTokens &tokens, LiveSettings settings = {},
            QObject *parent = nullptr);
    ~LiveHub() override;

    /// Replaces the current alerts (objects {key, severity, message, action, value, threshold})
    /// and sends them to every console when they changed.
    void setAlerts(const QJsonArray &alerts);

    qint64 revision() const { return m_revision; }
    bool isReady() const { return m_ready; }
    int connectionCount() const { return int(m_connections.size()); }
    int cachedCalls() const { return int(m_calls.size()); }
    quint64 snapshotsSent() const { return m_snapshotsSent; }
    /// Snapshots sent again because a console fell behind, over every connection so far.
    quint64 resyncs() const;

signals:
    /// The first load finished: snapshots can be served.
    void ready();
    /// A batch of changes went out (tests wait on it).
    void changesPublished(qint64 revision);
    /// Other instances' changes are heard from now on (PostgreSQL only).
    void listeningToOtherInstances();

private:
    struct ChangeBatch;

    std::optional<HttpResponse> checkHandshake(const HttpRequest &request) const;
    void accept(std::unique_ptr<QWebSocket> socket);
    void load();
    void startSnapshot(LiveConnection *connection);
    void onEventsAppended(const QList<sb::CallEvent> &events);
    void onRemoteEvents(const QList<qint64> &ids);
    void readChanges();
    void apply(const ChangeBatch &batch);
    void publishEvent(const CallEvent &event);
    void publishCall(const Call &call);
    void broadcast(const QString &text, qint64 coalesceCallId = 0);
    void onSubscribe(LiveConnection *connection, const live::Subscribe &request);
    void cacheCall(const Call &call);
    void trimCalls();
    qint64 nextRevision() { return ++m_revision; }

    HttpServer &m_http;
    Storage &m_storage;
    const ApiTokens &m_tokens;
    LiveSettings m_settings;
    QString m_instance;
    std::unique_ptr<ChangeListener> m_listener;
    mutable LogRateLimiter m_logRate; ///< also used by the const handshake check

    bool m_ready = false;
    qint64 m_revision = 0;
    QHash<qint64, Call> m_calls;
    qsizetype m_finishedCalls = 0; ///< calls in m_calls in a final status (what trimCalls() may drop)
    QHash<qint64, QString> m_businesses;
    QJsonArray m_alerts;
    QSet<LiveConnection *> m_connections;

    QList<CallEvent> m_localEvents;  ///< committed here, not yet published
    QList<qint64> m_remoteIds;       ///< announced by other instances, not yet read
    bool m_reading = false;

    quint64 m_snapshotsSent = 0;
    quint64 m_closedResyncs = 0;
};

} // namespace sb
