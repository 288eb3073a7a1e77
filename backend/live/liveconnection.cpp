#include "liveconnection.h"

#include "http/httpmessage.h"

#include "shared/logging.h"

#include <QWebSocket>

using namespace Qt::StringLiterals;

namespace sb {

LiveConnection::LiveConnection(std::unique_ptr<QWebSocket> socket, ApiRole role, const LiveLimits &limits,
                               QObject *parent)
    : QObject(parent)
    , m_socket(std::move(socket))
    , m_role(role)
    , m_limits(limits)
{
    m_socket->setParent(nullptr);
    // A console sends small requests only.
    m_socket->setMaxAllowedIncomingMessageSize(64 * 1024);
    m_socket->setMaxAllowedIncomingFrameSize(64 * 1024);
    connect(m_socket.get(), &QWebSocket::textMessageReceived, this, &LiveConnection::onTextMessage);
    connect(m_socket.get(), &QWebSocket::binaryMessageReceived, this, [this] {
        sendError(invalidInput(u"console messages are JSON text"_s));
    });
    connect(m_socket.get(), &QWebSocket::bytesWritten, this, &LiveConnection::onBytesWritten);
    connect(m_socket.get(), &QWebSocket::disconnected, this, [this] { emit closed(this); });
}

LiveConnection::~LiveConnection()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

void LiveConnection::subscribe(qint64 callId)
{
    if (m_subscriptions.size() >= m_limits.subscriptions && !m_subscriptions.contains(callId))
        m_subscriptions.erase(m_subscriptions.begin()); // the console forgot to unsubscribe; keep it bounded
    m_subscriptions.insert(callId);
}

quint64 LiveConnection::snapshotStarted()
{
    dropQueue();
    m_state = State::AwaitingSnapshot;
    return ++m_snapshotGeneration;
}

void LiveConnection::sendSnapshot(quint64 generation, const QString &text)
{
    if (m_state != State::AwaitingSnapshot || generation != m_snapshotGeneration)
        return; // a later snapshot was started; its deltas queue from a later revision
    write(text);
    m_state = State::Live;
    flush();
}

void LiveConnection::send(const QString &text, qint64 coalesceCallId)
{
    if (!isLive())
        return; // a snapshot will carry the state
    if (coalesceCallId > 0) {
        if (auto it = m_queuedCalls.find(coalesceCallId); it != m_queuedCalls.end()) {
            Pending &older = m_queue[size_t(it.value() - m_frontSeq)];
            m_queuedBytes -= older.text.size();
            older.text = QString();
            ++m_replaced;
            ++m_coalesced;
        }
    }
    if (coalesceCallId > 0)
        m_queuedCalls.insert(coalesceCallId, m_frontSeq + qint64(m_queue.size()));
    m_queue.push_back({text, coalesceCallId});
    m_queuedBytes += text.size();
    // Replaced entries leave when they reach the front; they do not count.
    if (qint64(m_queue.size()) - m_replaced > m_limits.queuedMessages || m_queuedBytes > m_limits.queuedBytes)
        return overflow();
    flush();
}

void LiveConnection::sendError(const Error &error)
{
    write(QString::fromUtf8(live::encode(live::ErrorMessage{errorCodeName(error.code), error.message})));
}

void LiveConnection::close()
{
    m_socket->close(QWebSocketProtocol::CloseCodeGoingAway);
}

void LiveConnection::onTextMessage(const QString &text)
{
    auto message = live::decode(text.toUtf8());
    if (!message)
        return sendError(message.error());
    if (const auto *subscribe = std::get_if<live::Subscribe>(&message.value())) {
        emit subscribeRequested(this, *subscribe);
    } else if (const auto *unsubscribe = std::get_if<live::Unsubscribe>(&message.value())) {
        m_subscriptions.remove(unsubscribe->callId);
    } else {
        sendError(invalidInput(u"a console may send subscribe and unsubscribe, not "_s
                               + live::typeName(message.value())));
    }
}

void LiveConnection::onBytesWritten(qint64 bytes)
{
    // Frame headers are counted here but not when sending: clamp at zero.
    m_inFlight = qMax<qint64>(0, m_inFlight - bytes);
    if (m_state == State::Overflowed)
        askForResync();
    else
        flush();
}

void LiveConnection::flush()
{
    while (!m_queue.empty() && m_inFlight < m_limits.inFlightBytes) {
        Pending next = std::move(m_queue.front());
        m_queue.pop_front();
        if (next.callId > 0 && !next.text.isNull()) {
            auto it = m_queuedCalls.find(next.callId);
            if (it != m_queuedCalls.end() && it.value() == m_frontSeq)
                m_queuedCalls.erase(it);
        }
        ++m_frontSeq;
        if (next.text.isNull()) {
            --m_replaced;
            continue;
        }
        m_queuedBytes -= next.text.size();
        write(next.text);
    }
}

void LiveConnection::overflow()
{
    ++m_resyncs;
    qCDebug(lcLive) << "a console fell" << m_queue.size() << "messages behind: resynchronising it";
    dropQueue();
    m_state = State::Overflowed;
    m_resyncAsked = false;
    askForResync();
}

void LiveConnection::askForResync()
{
    // Once what the socket holds has mostly drained, so the snapshot does not queue behind it.
    if (m_resyncAsked || m_inFlight >= m_limits.inFlightBytes / 4)
        return;
    m_resyncAsked = true;
    emit resyncWanted(this);
}

void LiveConnection::dropQueue()
{
    m_queue.clear();
    m_queuedCalls.clear();
    m_queuedBytes = 0;
    m_replaced = 0;
}

void LiveConnection::write(const QString &text)
{
    m_inFlight += text.size();
    m_socket->sendTextMessage(text);
}

} // namespace sb
