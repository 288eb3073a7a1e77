#include "livehub.h"

#include "async.h"
#include "changelistener.h"
#include "http/apitokens.h"
#include "http/httpserver.h"
#include "storage/callqueries.h"
#include "storage/livequeries.h"
#include "storage/storage.h"

#include "shared/logging.h"
#include "shared/statusorder.h"

#include <QPointer>
#include <QTimer>
#include <QUuid>
#include <QWebSocket>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace sb {

namespace {

constexpr int kRetryMs = 1000;
/// NOTIFY payloads are limited to 8000 bytes; ids are sent in chunks below that.
constexpr qsizetype kNotifyPayloadChars = 7800;

QString text(const live::Message &message)
{
    return QString::fromUtf8(live::encode(message));
}

QJsonObject businessesJson(const QHash<qint64, QString> &names)
{
    QJsonObject json;
    for (auto it = names.cbegin(); it != names.cend(); ++it)
        json.insert(QString::number(it.key()), it.value());
    return json;
}

} // namespace

/// What one storage task read for a batch of changes.
struct LiveHub::ChangeBatch
{
    QList<CallEvent> events; ///< oldest first
    QList<Call> calls;
    std::optional<QHash<qint64, QString>> businesses; ///< read again when a call named an unknown one
};

LiveHub::LiveHub(HttpServer &http, Storage &storage, const ApiTokens &tokens, LiveSettings settings, QObject *parent)
    : QObject(parent)
    , m_http(http)
    , m_storage(storage)
    , m_tokens(tokens)
    , m_settings(std::move(settings))
    , m_instance(QUuid::createUuid().toString(QUuid::WithoutBraces))
{
    // The HTTP server may outlive the hub and keeps these handlers: guard them.
    m_http.route(HttpServer::Method::Get, kPath.toString(), [self = QPointer(this)](const HttpRequest &request) {
        if (!self)
            return HttpResponse::error({ErrorCode::Unavailable, u"the live hub is shutting down"_s});
        if (auto refused = self->checkHandshake(request))
            return *refused;
        HttpResponse response = HttpResponse::error(
            {ErrorCode::InvalidInput, u"/console is a WebSocket endpoint: upgrade to websocket"_s});
        response.status = 426;
        response.headers.append({QByteArrayLiteral("Upgrade"), QByteArrayLiteral("websocket")});
        return response;
    });
    m_http.webSocketRoute(
        kPath.toString(),
        [self = QPointer(this)](const HttpRequest &request) -> std::optional<HttpResponse> {
            if (!self)
                return HttpResponse::error({ErrorCode::Unavailable, u"the live hub is shutting down"_s});
            return self->checkHandshake(request);
        },
        [self = QPointer(this)](std::unique_ptr<QWebSocket> socket) {
            if (self)
                self->accept(std::move(socket));
        });

    connect(&m_storage, &Storage::eventsAppended, this, &LiveHub::onEventsAppended, Qt::QueuedConnection);
    if (m_storage.dialect() == SqlDialect::PostgreSQL) {
        m_listener = std::make_unique<ChangeListener>(m_storage, m_instance);
        connect(m_listener.get(), &ChangeListener::eventsNotified, this, &LiveHub::onRemoteEvents);
        connect(m_listener.get(), &ChangeListener::listening, this, &LiveHub::listeningToOtherInstances);
    }
    load();
}

LiveHub::~LiveHub()
{
    m_listener.reset();
    const QSet<LiveConnection *> connections = std::exchange(m_connections, {});
    qDeleteAll(connections);
}

std::optional<HttpResponse> LiveHub::checkHandshake(const HttpRequest &request) const
{
    if (auto role = m_tokens.authorize(request.header("Authorization"), Access::Read); !role) {
        SB_LOG_RATE_LIMITED(qCWarning(lcLive), m_logRate, u"console-refused"_s,
                            "a console was refused:" << role.error().message);
        return HttpResponse::error(role.error());
    }
    return std::nullopt;
}

void LiveHub::accept(std::unique_ptr<QWebSocket> socket)
{
    // The gate already checked the token; read the role again from the same header.
    const auto role = m_tokens.authorize(socket->request().rawHeader("Authorization"), Access::Read);
    auto *connection = new LiveConnection(std::move(socket), role ? *role : ApiRole::Viewer, m_settings.limits, this);
    m_connections.insert(connection);
    connect(connection, &LiveConnection::closed, this, [this](LiveConnection *closed) {
        if (m_connections.remove(closed)) {
            m_closedResyncs += closed->resyncs();
            closed->deleteLater();
        }
    });
    connect(connection, &LiveConnection::subscribeRequested, this, &LiveHub::onSubscribe);
    // Queued: an overflow is noticed while broadcasting; the snapshot comes after that loop.
    connect(connection, &LiveConnection::resyncWanted, this, &LiveHub::startSnapshot, Qt::QueuedConnection);
    qCDebug(lcLive) << "a console connected as" << roleName(connection->role());
    if (m_ready)
        startSnapshot(connection);
}

void LiveHub::load()
{
    const LiveSettings settings = m_settings;
    struct Loaded
    {
        QList<Call> calls;
        QHash<qint64, QString> businesses;
    };
    whenReady(m_storage.run([settings](StorageSession &session) -> Result<Loaded> {
                  LiveQueries queries(session);
                  auto calls = queries.liveAndRecent(settings.recentCalls, settings.activeWithinMs);
                  if (!calls)
                      return calls.error();
                  auto businesses = queries.businessNames();
                  if (!businesses)
                      return businesses.error();
                  return Loaded{std::move(calls).value(), std::move(businesses).value()};
              }),
              this, [this](Result<Loaded> loaded) {
                  if (!loaded) {
                      SB_LOG_RATE_LIMITED(qCWarning(lcLive), m_logRate, u"live-load"_s,
                                          "cannot load the live calls, retrying:" << loaded.error().message);
                      QTimer::singleShot(kRetryMs, this, &LiveHub::load);
                      return;
                  }
                  for (const Call &call : loaded.value().calls)
                      cacheCall(call);
                  m_businesses = loaded.value().businesses;
                  m_ready = true;
                  for (LiveConnection *connection : std::as_const(m_connections))
                      startSnapshot(connection);
                  emit ready();
                  readChanges();
              });
}

quint64 LiveHub::resyncs() const
{
    quint64 total = m_closedResyncs;
    for (const LiveConnection *connection : m_connections)
        total += connection->resyncs();
    return total;
}

void LiveHub::startSnapshot(LiveConnection *connection)
{
    if (!m_connections.contains(connection))
        return;
    const quint64 generation = connection->snapshotStarted();
    live::Snapshot snapshot;
    snapshot.revision = m_revision;
    snapshot.role = roleName(connection->role());
    snapshot.calls = m_calls.values();
    snapshot.alerts = m_alerts;
    snapshot.businesses = businessesJson(m_businesses);
    // Encoding 10,000 calls takes tens of milliseconds: not on the I/O thread. Deltas queue meanwhile.
    QFuture<QString> encoded = QtConcurrent::run([snapshot = std::move(snapshot)]() mutable {
        std::sort(snapshot.calls.begin(), snapshot.calls.end(), [](const Call &a, const Call &b) { return a.id > b.id; });
        return text(snapshot);
    });
    whenReady(encoded, this, [this, generation, connection = QPointer(connection)](QString snapshotText) {
        if (!connection || !m_connections.contains(connection))
            return;
        connection->sendSnapshot(generation, snapshotText);
        ++m_snapshotsSent;
    });
}

void LiveHub::onEventsAppended(const QList<CallEvent> &events)
{
    m_localEvents.append(events);
    readChanges();
}

void LiveHub::onRemoteEvents(const QList<qint64> &ids)
{
    m_remoteIds.append(ids);
    readChanges();
}

void LiveHub::readChanges()
{
    // One read at a time: call states are applied in the order they were read.
    if (m_reading || !m_ready || (m_localEvents.isEmpty() && m_remoteIds.isEmpty()))
        return;
    m_reading = true;
    QList<CallEvent> local = std::exchange(m_localEvents, {});
    QList<qint64> remote = std::exchange(m_remoteIds, {});
    QSet<qint64> knownBusinesses(m_businesses.keyBegin(), m_businesses.keyEnd());
    const QString announce = m_listener ? m_instance : QString();
    whenReady(
        m_storage.run([local, remote, knownBusinesses, announce](StorageSession &session) -> Result<ChangeBatch> {
            LiveQueries queries(session);
            ChangeBatch batch;
            auto remoteEvents = queries.eventsByIds(remote);
            if (!remoteEvents)
                return remoteEvents.error();
            batch.events = local + *remoteEvents;
            std::sort(batch.events.begin(), batch.events.end(),
                      [](const CallEvent &a, const CallEvent &b) { return a.id < b.id; });
            QList<qint64> callIds;
            for (const CallEvent &event : std::as_const(batch.events)) {
                if (!callIds.contains(event.callId))
                    callIds.append(event.callId);
            }
            auto calls = queries.callsByIds(callIds);
            if (!calls)
                return calls.error();
            batch.calls = std::move(calls).value();
            const bool unknownBusiness = std::any_of(batch.calls.cbegin(), batch.calls.cend(), [&](const Call &call) {
                return !knownBusinesses.contains(call.businessId);
            });
            if (unknownBusiness) {
                auto names = queries.businessNames();
                if (!names)
                    return names.error();
                batch.businesses = std::move(names).value();
            }
            // Tell the other instances what this one committed, in chunks NOTIFY accepts.
            if (!announce.isEmpty()) {
                QList<qint64> chunk;
                qsizetype chars = 0;
                for (qsizetype i = 0; i < local.size(); ++i) {
                    chunk.append(local.at(i).id);
                    chars += 21;
                    if (chars >= kNotifyPayloadChars || i + 1 == local.size()) {
                        if (auto sent = queries.notify(ChangeListener::kChannel.toString(),
                                                       ChangeListener::payload(announce, chunk));
                            !sent)
                            return sent.error();
                        chunk.clear();
                        chars = 0;
                    }
                }
            }
            return batch;
        }),
        this, [this, local, remote](Result<ChangeBatch> batch) {
            m_reading = false;
            if (!batch) {
                // Keep the changes and try again: a console must not miss them.
                SB_LOG_RATE_LIMITED(qCWarning(lcLive), m_logRate, u"live-read"_s,
                                    "cannot read the latest changes, retrying:" << batch.error().message);
                m_localEvents = local + m_localEvents;
                m_remoteIds = remote + m_remoteIds;
                QTimer::singleShot(kRetryMs, this, &LiveHub::readChanges);
                return;
            }
            apply(*batch);
            readChanges();
        });
}

void LiveHub::apply(const ChangeBatch &batch)
{
    if (batch.businesses)
        m_businesses = *batch.businesses;
    for (const CallEvent &event : batch.events)
        publishEvent(event);
    for (const Call &call : batch.calls)
        publishCall(call);
    trimCalls();
    emit changesPublished(m_revision);
}

void LiveHub::publishEvent(const CallEvent &event)
{
    QString encoded;
    for (LiveConnection *connection : std::as_const(m_connections)) {
        if (!connection->isSubscribed(event.callId))
            continue;
        if (encoded.isNull())
            encoded = text(live::EventAppended{nextRevision(), event});
        connection->send(encoded);
    }
    if (event.kind == u"job_changed")
        broadcast(text(live::JobChanged{nextRevision(), event.detail}));
    else if (event.kind == u"dedup_decision")
        broadcast(text(live::DedupDecided{nextRevision(), event.detail}));
}

void LiveHub::publishCall(const Call &call)
{
    cacheCall(call);
    if (!m_connections.isEmpty())
        broadcast(text(live::CallChanged{nextRevision(), call, m_businesses.value(call.businessId)}), call.id);
}

void LiveHub::broadcast(const QString &encoded, qint64 coalesceCallId)
{
    for (LiveConnection *connection : std::as_const(m_connections))
        connection->send(encoded, coalesceCallId);
}

void LiveHub::setAlerts(const QJsonArray &alerts)
{
    if (alerts == m_alerts)
        return;
    m_alerts = alerts;
    broadcast(text(live::AlertsChanged{nextRevision(), m_alerts}));
}

void LiveHub::onSubscribe(LiveConnection *connection, const live::Subscribe &request)
{
    // Subscribed before the history is read, so no event falls between the two; the console
    // merges events it gets twice by id.
    if (request.callId > 0)
        connection->subscribe(request.callId);
    const int limit = m_settings.historyEvents;
    whenReady(m_storage.run([request, limit](StorageSession &session) -> Result<live::History> {
                  CallQueries queries(session);
                  auto call = request.callId > 0 ? queries.findById(request.callId) : queries.findBySid(request.callSid);
                  if (!call)
                      return call.error();
                  auto events = queries.events(call->id, 0, limit + 1);
                  if (!events)
                      return events.error();
                  live::History history;
                  history.call = std::move(call).value();
                  history.events = std::move(events).value();
                  history.truncated = history.events.size() > limit;
                  if (history.truncated)
                      history.events.resize(limit);
                  return history;
              }),
              this, [this, connection = QPointer(connection)](Result<live::History> history) {
                  if (!connection || !m_connections.contains(connection))
                      return;
                  if (!history)
                      return connection->sendError(history.error());
                  connection->subscribe(history->call.id);
                  live::History message = std::move(history).value();
                  message.revision = nextRevision();
                  connection->send(text(message));
              });
}

void LiveHub::cacheCall(const Call &call)
{
    auto it = m_calls.find(call.id);
    if (it == m_calls.end()) {
        m_calls.insert(call.id, call);
    } else {
        m_finishedCalls -= isFinal(it->status) ? 1 : 0;
        *it = call;
    }
    m_finishedCalls += isFinal(call.status) ? 1 : 0;
}

void LiveHub::trimCalls()
{
    // A pass over every cached call, so only when it removes at least a tenth of recentCalls:
    // live calls, which stay, may keep the cache above recentCalls for a long time, and a pass
    // per batch of changes would then cost the I/O thread more than the changes themselves.
    const qsizetype slack = m_settings.recentCalls / 10;
    if (m_calls.size() <= m_settings.recentCalls + slack || m_finishedCalls < qMax<qsizetype>(slack, 1))
        return;
    QList<qint64> finished;
    for (auto it = m_calls.cbegin(); it != m_calls.cend(); ++it) {
        if (isFinal(it->status))
            finished.append(it.key());
    }
    std::sort(finished.begin(), finished.end());
    const qsizetype excess = m_calls.size() - m_settings.recentCalls;
    for (qsizetype i = 0; i < excess && i < finished.size(); ++i) {
        m_calls.remove(finished.at(i));
        --m_finishedCalls;
    }
}

} // namespace sb
