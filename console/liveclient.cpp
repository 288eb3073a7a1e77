#include "liveclient.h"

#include "shared/logging.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

using namespace Qt::StringLiterals;

namespace sb {

namespace {
constexpr int kProbeTimeoutMs = 5000;
constexpr int kDefaultBatchMs = 50;

QByteArray bearer(const QString &token)
{
    return "Bearer " + token.toUtf8();
}
} // namespace

LiveClient::LiveClient(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
{
    // Snapshots of 10,000 calls are megabytes; the default limits allow far more, keep it explicit.
    m_socket.setMaxAllowedIncomingMessageSize(256 * 1024 * 1024);
    connect(&m_socket, &QWebSocket::connected, this, &LiveClient::onConnected);
    connect(&m_socket, &QWebSocket::disconnected, this, &LiveClient::onDisconnected);
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &LiveClient::onTextMessage);
    connect(&m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this, [this] {
        if (!m_wasLive)
            openFailed();
    });
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &LiveClient::open);
    m_batchTimer.setSingleShot(true);
    m_batchTimer.setInterval(kDefaultBatchMs);
    connect(&m_batchTimer, &QTimer::timeout, this, &LiveClient::flushCalls);
}

LiveClient::~LiveClient()
{
    m_socket.disconnect(this);
    m_socket.abort();
}

QUrl LiveClient::socketUrl(const QUrl &backendUrl)
{
    QUrl url = backendUrl;
    url.setScheme(backendUrl.scheme() == u"https" ? u"wss"_s : u"ws"_s);
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path + u"/console"_s);
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

void LiveClient::connectTo(const ConnectionTarget &target)
{
    m_target = target;
    m_wanted = true;
    m_attempts = 0;
    m_delayMs = m_firstDelayMs;
    m_reconnectTimer.stop();
    m_socket.abort();
    open();
}

void LiveClient::disconnectFromBackend()
{
    m_wanted = false;
    m_reconnectTimer.stop();
    if (m_probe)
        m_probe->abort();
    m_socket.close();
    setState(State::Disconnected, tr("Not connected"));
}

void LiveClient::setReconnectDelays(int firstMs, int maxMs)
{
    m_firstDelayMs = firstMs;
    m_maxDelayMs = maxMs;
    m_delayMs = firstMs;
}

void LiveClient::subscribe(qint64 callId)
{
    send(live::Subscribe{callId, {}});
}

void LiveClient::unsubscribe(qint64 callId)
{
    send(live::Unsubscribe{callId});
}

void LiveClient::send(const live::Message &message)
{
    if (m_state == State::Live)
        m_socket.sendTextMessage(QString::fromUtf8(live::encode(message)));
}

void LiveClient::open()
{
    if (!m_wanted)
        return;
    m_wasLive = false;
    m_failureHandled = false;
    if (m_state != State::Reconnecting)
        setState(State::Connecting, tr("Connecting to %1…").arg(m_target.backendUrl.toDisplayString()));
    QNetworkRequest request(socketUrl(m_target.backendUrl));
    request.setRawHeader("Authorization", bearer(m_target.token));
    m_socket.open(request);
}

void LiveClient::onConnected()
{
    m_wasLive = true;
    m_delayMs = m_firstDelayMs;
    // Live once the snapshot arrives; until then the connection is still being set up.
}

void LiveClient::onDisconnected()
{
    m_batchTimer.stop();
    m_pendingCalls.clear();
    m_pendingOrder.clear();
    if (!m_wanted)
        return;
    if (m_wasLive) {
        scheduleReconnect(tr("The connection to the backend was lost."));
        return;
    }
    openFailed();
}

void LiveClient::openFailed()
{
    // Qt reports a failed handshake through error() and disconnected(); explain it once.
    if (!m_wanted || std::exchange(m_failureHandled, true))
        return;
    // The WebSocket only says the handshake failed; the same request over plain HTTP says why.
    if (m_probe)
        m_probe->abort();
    QUrl url = m_target.backendUrl;
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path + u"/console"_s);
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", bearer(m_target.token));
    request.setTransferTimeout(kProbeTimeoutMs);
    m_probe = m_network->get(request);
    connect(m_probe, &QNetworkReply::finished, this, [this, reply = m_probe.data()] {
        reply->deleteLater();
        if (!m_wanted || reply->error() == QNetworkReply::OperationCanceledError)
            return;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QString serverMessage = QJsonDocument::fromJson(reply->readAll())
                                          .object()
                                          .value(u"error"_s)
                                          .toObject()
                                          .value(u"message"_s)
                                          .toString();
        if (status == 401 || status == 403) {
            m_wanted = false;
            setState(State::Refused, tr("The backend refused the token (%1). Check the token and connect again.")
                                         .arg(serverMessage.isEmpty() ? QString::number(status) : serverMessage));
            return;
        }
        if (status == 0) {
            scheduleReconnect(tr("The backend at %1 is unreachable: %2.")
                                  .arg(m_target.backendUrl.toDisplayString(), reply->errorString()));
            return;
        }
        if (status == 404) {
            scheduleReconnect(tr("%1 answers, but has no live console endpoint (HTTP 404): is it a Switchboard backend?")
                                  .arg(m_target.backendUrl.toDisplayString()));
            return;
        }
        scheduleReconnect(tr("The backend did not accept the live connection (HTTP %1%2).")
                              .arg(status)
                              .arg(serverMessage.isEmpty() ? QString() : QString(u": "_s + serverMessage)));
    });
}

void LiveClient::scheduleReconnect(const QString &reason)
{
    if (!m_wanted)
        return;
    const int delay = m_delayMs;
    m_delayMs = qMin(m_maxDelayMs, m_delayMs * 2);
    ++m_attempts;
    if (m_attempts == 1) // once per outage, not per attempt
        qCInfo(lcConsoleNet).noquote() << reason << "Reconnecting.";
    setState(State::Reconnecting, tr("%1 Reconnecting in %2 s (attempt %3)…")
                                      .arg(reason)
                                      .arg(qMax(1, (delay + 999) / 1000))
                                      .arg(m_attempts));
    m_reconnectTimer.start(delay);
}

void LiveClient::setState(State state, const QString &text)
{
    if (state == m_state && text == m_stateText)
        return;
    m_state = state;
    m_stateText = text;
    emit stateChanged(state, text);
}

void LiveClient::onTextMessage(const QString &text)
{
    auto decoded = live::decode(text.toUtf8());
    if (!decoded) {
        qCWarning(lcConsoleNet).noquote() << "ignored a message from the backend:" << decoded.error().message;
        return;
    }
    live::Message &message = decoded.value();
    if (auto *snapshot = std::get_if<live::Snapshot>(&message)) {
        m_batchTimer.stop();
        m_pendingCalls.clear();
        m_pendingOrder.clear();
        m_revision = snapshot->revision;
        m_role = snapshot->role;
        m_attempts = 0;
        setState(State::Live, tr("Connected to %1 as %2").arg(m_target.backendUrl.toDisplayString(), m_role));
        emit snapshotReceived(*snapshot);
        emit alertsChanged(snapshot->alerts);
        return;
    }
    if (auto *error = std::get_if<live::ErrorMessage>(&message)) {
        emit requestFailed(error->message);
        return;
    }
    std::visit(
        [this](const auto &m) {
            if constexpr (requires { m.revision; })
                m_revision = qMax(m_revision, m.revision);
        },
        message);
    if (auto *changed = std::get_if<live::CallChanged>(&message)) {
        if (!changed->businessName.isEmpty())
            emit businessNamed(changed->call.businessId, changed->businessName);
        const qint64 id = changed->call.id;
        if (!m_pendingCalls.contains(id))
            m_pendingOrder.append(id);
        m_pendingCalls.insert(id, std::move(changed->call));
        if (!m_batchTimer.isActive())
            m_batchTimer.start();
    } else if (auto *event = std::get_if<live::EventAppended>(&message)) {
        emit eventReceived(event->event);
    } else if (auto *history = std::get_if<live::History>(&message)) {
        emit historyReceived(*history);
    } else if (auto *dedup = std::get_if<live::DedupDecided>(&message)) {
        emit dedupDecided(dedup->decision);
    } else if (auto *job = std::get_if<live::JobChanged>(&message)) {
        emit jobChanged(job->job);
    } else if (auto *alerts = std::get_if<live::AlertsChanged>(&message)) {
        emit alertsChanged(alerts->alerts);
    }
}

void LiveClient::flushCalls()
{
    QList<Call> calls;
    calls.reserve(m_pendingOrder.size());
    for (qint64 id : std::as_const(m_pendingOrder))
        calls.append(m_pendingCalls.take(id));
    m_pendingOrder.clear();
    if (!calls.isEmpty())
        emit callsChanged(calls);
}

} // namespace sb
