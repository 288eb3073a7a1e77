#include "websocketconnection.h"

#include "http/unixsocket.h"

#include <QRandomGenerator>
#include <QTimer>

#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace sb {

namespace {
constexpr qsizetype kMaxHandshakeBytes = 16 * 1024;
constexpr quint32 kIn = EPOLLIN | EPOLLRDHUP | EPOLLET; // see readSome()

void setNoDelay(int fd)
{
    // Frames are small and latency matters: never wait for an ACK before sending the next one.
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

QByteArrayView headerValue(QByteArrayView headers, QByteArrayView name)
{
    qsizetype at = 0;
    while (at < headers.size()) {
        qsizetype end = headers.indexOf("\r\n", at);
        if (end < 0)
            end = headers.size();
        const QByteArrayView line = headers.sliced(at, end - at);
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.first(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return line.sliced(colon + 1).trimmed();
        at = end + 2;
    }
    return {};
}
} // namespace

WebSocketConnection::WebSocketConnection(EpollReactor &reactor, int fd, qint64 maxMessageBytes, Listener *listener,
                                         QObject *parent)
    : QObject(parent)
    , m_reactor(reactor)
    , m_listener(listener)
    , m_role(Role::Server)
    , m_reader(Role::Server, maxMessageBytes)
{
    adopt(fd);
    m_state = State::Open;
    if (m_fd < 0) // the listener is still being built: tell it from the event loop
        QTimer::singleShot(0, this, [this] { finish(WebSocketCode::Abnormal, m_error); });
}

WebSocketConnection::WebSocketConnection(EpollReactor &reactor, qint64 maxMessageBytes, Listener *listener,
                                         QObject *parent)
    : QObject(parent)
    , m_reactor(reactor)
    , m_listener(listener)
    , m_role(Role::Client)
    , m_reader(Role::Client, maxMessageBytes)
{
}

WebSocketConnection::~WebSocketConnection()
{
    abort();
}

void WebSocketConnection::adopt(int fd)
{
    setNoDelay(fd);
    if (!m_reactor.add(fd, this, kIn)) {
        m_error = u"cannot watch the socket: %1"_s.arg(QString::fromLocal8Bit(std::strerror(errno)));
        ::close(fd);
        return;
    }
    m_fd = fd;
}

void WebSocketConnection::connectTo(const QHostAddress &address, quint16 port, const QByteArray &host,
                                    const QByteArray &target, const QList<QByteArray> &headers)
{
    sockaddr_storage storage{};
    socklen_t length = 0;
    bool ok = false;
    if (address.protocol() == QAbstractSocket::IPv4Protocol) {
        auto *in = reinterpret_cast<sockaddr_in *>(&storage);
        in->sin_family = AF_INET;
        in->sin_port = htons(port);
        in->sin_addr.s_addr = htonl(address.toIPv4Address(&ok));
        length = sizeof(sockaddr_in);
    } else if (address.protocol() == QAbstractSocket::IPv6Protocol) {
        auto *in6 = reinterpret_cast<sockaddr_in6 *>(&storage);
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons(port);
        const Q_IPV6ADDR bytes = address.toIPv6Address();
        std::memcpy(&in6->sin6_addr, &bytes, 16);
        length = sizeof(sockaddr_in6);
        ok = true;
    }
    if (!ok) {
        finish(WebSocketCode::Abnormal, u"not an IP address: %1"_s.arg(address.toString()));
        return;
    }
    dial(reinterpret_cast<const sockaddr *>(&storage), length, host, target, headers);
}

void WebSocketConnection::connectToUnixSocket(const QString &path, const QByteArray &host, const QByteArray &target,
                                              const QList<QByteArray> &headers)
{
    const auto address = UnixSocket::address(path);
    if (!address) {
        finish(WebSocketCode::Abnormal, address.error().message);
        return;
    }
    dial(reinterpret_cast<const sockaddr *>(&*address), sizeof(sockaddr_un), host, target, headers);
}

void WebSocketConnection::dial(const sockaddr *address, socklen_t length, const QByteArray &host,
                               const QByteArray &target, const QList<QByteArray> &headers)
{
    Q_ASSERT(m_state == State::Connecting && m_fd < 0);
    const int fd = ::socket(address->sa_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        finish(WebSocketCode::Abnormal, u"socket: %1"_s.arg(QString::fromLocal8Bit(std::strerror(errno))));
        return;
    }
    // A Unix socket connects at once or fails (EAGAIN: its listener's backlog is full).
    if (::connect(fd, address, length) != 0 && errno != EINPROGRESS) {
        const int error = errno;
        ::close(fd);
        finish(WebSocketCode::Abnormal, u"connect: %1"_s.arg(QString::fromLocal8Bit(std::strerror(error))));
        return;
    }
    adopt(fd);
    if (m_fd < 0) {
        finish(WebSocketCode::Abnormal, m_error);
        return;
    }
    const QByteArray key = WebSocketHandshake::newKey();
    m_expectedAccept = WebSocketHandshake::acceptFor(key);
    m_out = "GET " + target + " HTTP/1.1\r\nHost: " + host
            + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: " + key
            + "\r\n";
    for (const QByteArray &header : headers)
        m_out += header + "\r\n";
    m_out += "\r\n";
    watchOutput(true); // writable = connected (or failed)
}

void WebSocketConnection::onEpollEvents(quint32 events)
{
    if (m_state == State::Connecting) {
        if (!(events & (EPOLLOUT | EPOLLERR | EPOLLHUP)))
            return;
        int error = 0;
        socklen_t length = sizeof error;
        ::getsockopt(m_fd, SOL_SOCKET, SO_ERROR, &error, &length);
        if (error != 0 || (events & (EPOLLERR | EPOLLHUP))) {
            finish(WebSocketCode::Abnormal,
                   u"connect: %1"_s.arg(QString::fromLocal8Bit(std::strerror(error ? error : ECONNREFUSED))));
            return;
        }
        m_state = State::Handshaking; // EPOLLOUT is set: the request goes out below
    }
    if ((events & EPOLLOUT) && m_fd >= 0)
        flush();
    if (m_fd >= 0 && (events & (EPOLLIN | EPOLLERR | EPOLLHUP | EPOLLRDHUP)))
        readSome(events);
}

void WebSocketConnection::readSome(quint32 events)
{
    // Edge-triggered: read until the socket is drained. A short read means it was (new bytes after
    // it raise a new edge), which saves the extra recv() that would only say EAGAIN; but when the
    // peer's end came with this edge, no other edge follows: read on until recv() says so.
    const bool peerEnded = events & (EPOLLRDHUP | EPOLLHUP | EPOLLERR);
    char *buffer = m_reactor.readBuffer();
    for (;;) {
        const ssize_t got = ::recv(m_fd, buffer, size_t(EpollReactor::kReadBufferBytes), 0);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                return;
            finish(WebSocketCode::Abnormal, QString::fromLocal8Bit(std::strerror(errno)));
            return;
        }
        if (got == 0) { // the peer closed its side
            if (m_state == State::Handshaking)
                finish(WebSocketCode::Abnormal, u"the server closed the connection during the handshake"_s);
            else
                finish(m_state == State::Closing ? m_closeCode : quint16(WebSocketCode::Abnormal));
            return;
        }
        if (!m_discardInput) {
            if (m_pending.isEmpty()) {
                process(buffer, got);
            } else {
                m_pending.append(buffer, got);
                QByteArray pending = std::exchange(m_pending, {});
                process(pending.data(), pending.size());
            }
        }
        if (m_fd < 0 || (got < EpollReactor::kReadBufferBytes && !peerEnded))
            return;
    }
}

bool WebSocketConnection::readHandshakeResponse(char *&data, qsizetype &size)
{
    const QByteArrayView received(data, size);
    const qsizetype end = received.indexOf("\r\n\r\n");
    if (end < 0) {
        if (size > kMaxHandshakeBytes)
            finish(WebSocketCode::Abnormal, u"the handshake response is too long"_s);
        else
            m_pending = received.toByteArray();
        return false;
    }
    const QByteArrayView head = received.first(end);
    const qsizetype lineEnd = head.indexOf("\r\n");
    const QByteArrayView statusLine = lineEnd < 0 ? head : head.first(lineEnd);
    const QByteArrayView headers = lineEnd < 0 ? QByteArrayView() : head.sliced(lineEnd + 2);
    if (!statusLine.startsWith("HTTP/1.1 101")) {
        finish(WebSocketCode::Abnormal,
               u"the server refused the upgrade: %1"_s.arg(QString::fromUtf8(statusLine.first(std::min<qsizetype>(statusLine.size(), 200)))));
        return false;
    }
    if (headerValue(headers, "Upgrade").compare("websocket", Qt::CaseInsensitive) != 0
        || !headerValue(headers, "Connection").toByteArray().toLower().contains("upgrade")
        || headerValue(headers, "Sec-WebSocket-Accept") != m_expectedAccept) {
        finish(WebSocketCode::Abnormal, u"the server's upgrade answer is not a WebSocket handshake"_s);
        return false;
    }
    data += end + 4;
    size -= end + 4;
    m_state = State::Open;
    m_listener->onWebSocketOpen();
    return m_state == State::Open;
}

void WebSocketConnection::process(char *data, qsizetype size)
{
    if (m_state == State::Handshaking && !readHandshakeResponse(data, size))
        return;
    while (m_fd >= 0 && !m_discardInput) {
        qsizetype used = 0;
        const WebSocketReader::Event event = m_reader.next(data, size, used);
        data += used;
        size -= used;
        using Kind = WebSocketReader::Event::Kind;
        switch (event.kind) {
        case Kind::NeedMore:
            if (size > 0)
                m_pending = QByteArray(data, size);
            return;
        case Kind::Text:
            if (m_state == State::Open)
                m_listener->onWebSocketText(event.payload);
            break;
        case Kind::Binary:
            if (m_state == State::Open)
                m_listener->onWebSocketBinary(event.payload);
            break;
        case Kind::Ping:
            if (m_state == State::Open) {
                WebSocketWriter::appendFrame(m_out, WebSocketCode::Pong, event.payload, mask());
                queueFlush();
            }
            break;
        case Kind::Pong:
            break;
        case Kind::Close:
            m_closeCode = event.code;
            if (m_state == State::Open) {
                // Echo the peer's code (RFC 6455 5.5.1), then hang up once it is out.
                if (event.code == WebSocketCode::NoStatus)
                    WebSocketWriter::appendFrame(m_out, WebSocketCode::Close, {}, mask());
                else
                    WebSocketWriter::appendClose(m_out, event.code, {}, mask());
                m_state = State::Closing;
                closeAfterFlush();
            } else {
                finish(m_closeCode);
            }
            return;
        case Kind::Error:
            m_closeCode = event.code;
            m_discardInput = true;
            if (m_state == State::Open) {
                WebSocketWriter::appendClose(m_out, event.code, QByteArrayView(event.error), mask());
                m_state = State::Closing;
                queueFlush();
                // The peer may still be sending (an oversized frame): closing now would reset the
                // connection and lose our close frame. Wait for its answer, or give up after 2 s.
                QTimer::singleShot(2000, this, [this] {
                    if (m_state == State::Closing)
                        finish(m_closeCode);
                });
            }
            m_listener->onWebSocketProtocolError(event.code, event.error);
            return;
        }
    }
}

void WebSocketConnection::sendTextParts(std::span<const QByteArrayView> parts)
{
    if (m_state != State::Open || m_overflowed)
        return;
    WebSocketWriter::appendFrameParts(m_out, WebSocketCode::Text, parts, mask());
    queueFlush();
}

void WebSocketConnection::close(quint16 code, QByteArrayView reason, int timeoutMs)
{
    if (m_state == State::Connecting || m_state == State::Handshaking) {
        abort();
        return;
    }
    if (m_state != State::Open)
        return;
    m_closeCode = code;
    WebSocketWriter::appendClose(m_out, code, reason, mask());
    m_state = State::Closing;
    queueFlush();
    QTimer::singleShot(timeoutMs, this, [this] {
        if (m_state == State::Closing)
            finish(m_closeCode);
    });
}

void WebSocketConnection::abort()
{
    if (m_flushQueued) {
        m_reactor.cancelFlush(this);
        m_flushQueued = false;
    }
    if (m_fd >= 0) {
        m_reactor.remove(m_fd, this);
        ::close(m_fd);
        m_fd = -1;
    }
    m_state = State::Closed;
    m_listener = nullptr;
}

void WebSocketConnection::queueFlush()
{
    if (m_out.size() > kMaxPendingOutput && !m_overflowed) {
        // Dropped from the event loop, not from inside the sender's call (it may be mid-way
        // through its own state change).
        m_overflowed = true;
        QTimer::singleShot(0, this, [this] {
            finish(WebSocketCode::Abnormal, u"the peer stopped reading (%1 bytes unsent)"_s.arg(m_out.size()));
        });
        return;
    }
    if (m_flushQueued || m_watchingOutput || m_fd < 0 || m_state == State::Connecting)
        return; // already queued, or waiting for EPOLLOUT (which flushes)
    m_flushQueued = true;
    m_reactor.wantFlush(this);
}

void WebSocketConnection::flush()
{
    m_flushQueued = false;
    if (m_fd < 0)
        return;
    qsizetype sent = 0;
    while (sent < m_out.size()) {
        const ssize_t n = ::send(m_fd, m_out.constData() + sent, size_t(m_out.size() - sent), MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                break;
            finish(WebSocketCode::Abnormal, QString::fromLocal8Bit(std::strerror(errno)));
            return;
        }
        sent += n;
    }
    if (sent == m_out.size())
        m_out.resize(0); // keeps the capacity for the next frames
    else
        m_out.remove(0, sent);

    watchOutput(!m_out.isEmpty());
    if (m_out.isEmpty() && m_closeAfterFlush)
        finish(m_closeCode);
}

void WebSocketConnection::closeAfterFlush()
{
    m_closeAfterFlush = true;
    m_discardInput = true;
    if (m_out.isEmpty())
        finish(m_closeCode);
    else
        queueFlush();
}

void WebSocketConnection::watchOutput(bool on)
{
    if (on == m_watchingOutput || m_fd < 0)
        return;
    m_watchingOutput = on;
    m_reactor.modify(m_fd, this, on ? kIn | EPOLLOUT : kIn);
}

void WebSocketConnection::finish(quint16 code, const QString &error)
{
    Listener *listener = std::exchange(m_listener, nullptr);
    if (!listener)
        return; // finished or aborted before
    m_closeCode = code;
    if (!error.isEmpty())
        m_error = error;
    abort();
    listener->onWebSocketClosed(); // last: the listener may schedule our deletion
}

std::optional<quint32> WebSocketConnection::mask() const
{
    // RFC 6455 5.3: a client masks every frame with a fresh, unpredictable key; a server never.
    // QRandomGenerator::global() takes a lock per call: each thread draws from its own
    // generator instead, seeded from the global one.
    if (m_role == Role::Server)
        return std::nullopt;
    thread_local QRandomGenerator keys = [] {
        quint32 seed[16];
        QRandomGenerator::global()->fillRange(seed);
        return QRandomGenerator(seed);
    }();
    return keys.generate();
}

} // namespace sb
