#include "realtimetransport.h"

#include "websocketconnection.h"
#include "websocketframes.h"

#include <QHostInfo>
#include <QNetworkRequest>
#include <QPointer>
#include <QWebSocket>

using namespace Qt::StringLiterals;

namespace sb {

namespace {

/// `ws://`, or any URL over a Unix socket, on the media reactor.
class ReactorTransport final : public RealtimeTransport, private WebSocketConnection::Listener
{
public:
    ReactorTransport(EpollReactor &reactor, const QString &unixSocket, qint64 maxMessageBytes,
                     RealtimeTransport::Listener *listener)
        : m_listener(listener)
        , m_connection(reactor, maxMessageBytes, this)
        , m_unixSocket(unixSocket)
    {
    }

    void open(const QUrl &url, const QByteArray &authorization) override
    {
        const quint16 port = quint16(url.port(80));
        QByteArray target = url.path(QUrl::FullyEncoded).toUtf8();
        if (target.isEmpty())
            target = "/";
        if (url.hasQuery())
            target += '?' + url.query(QUrl::FullyEncoded).toUtf8();
        QByteArray host = url.host(QUrl::FullyEncoded).toUtf8();
        if (url.port() != -1)
            host += ':' + QByteArray::number(url.port());
        const QList<QByteArray> headers{"Authorization: " + authorization};
        if (!m_unixSocket.isEmpty()) {
            m_connection.connectToUnixSocket(m_unixSocket, host, target, headers);
            return;
        }
        const QHostAddress address(url.host());
        if (!address.isNull()) {
            m_connection.connectTo(address, port, host, target, headers);
            return;
        }
        // A name: resolve it off the I/O thread, then dial the first address.
        QHostInfo::lookupHost(url.host(), &m_connection, [this, port, host, target, headers](const QHostInfo &info) {
            if (m_connection.state() != WebSocketConnection::State::Connecting)
                return; // aborted meanwhile
            if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
                m_lookupError = u"cannot resolve the AI's host: %1"_s.arg(info.errorString());
                m_connection.abort();
                m_listener->onTransportClosed();
                return;
            }
            m_connection.connectTo(info.addresses().constFirst(), port, host, target, headers);
        });
    }

    void sendTextParts(std::span<const QByteArrayView> parts) override { m_connection.sendTextParts(parts); }
    void close(quint16 code, const QString &reason, int timeoutMs) override
    {
        m_connection.close(code, reason.toUtf8(), timeoutMs);
    }
    void abort() override { m_connection.abort(); }
    bool isOpen() const override { return m_connection.isOpen(); }
    quint16 closeCode() const override { return m_connection.closeCode(); }
    QString errorString() const override
    {
        return m_lookupError.isEmpty() ? m_connection.errorString() : m_lookupError;
    }

private:
    void onWebSocketOpen() override { m_listener->onTransportOpen(); }
    void onWebSocketText(QByteArrayView utf8) override { m_listener->onTransportText(utf8); }
    void onWebSocketClosed() override { m_listener->onTransportClosed(); }

    RealtimeTransport::Listener *m_listener;
    WebSocketConnection m_connection;
    QString m_unixSocket;
    QString m_lookupError;
};

/// `wss://` on QWebSocket (TLS).
class QtTransport final : public RealtimeTransport
{
public:
    QtTransport(qint64 maxMessageBytes, Listener *listener)
        : m_listener(listener)
    {
        m_socket.setMaxAllowedIncomingMessageSize(quint64(maxMessageBytes));
        QObject::connect(&m_socket, &QWebSocket::connected, &m_socket, [this] { m_listener->onTransportOpen(); });
        QObject::connect(&m_socket, &QWebSocket::textMessageReceived, &m_socket,
                         [this](const QString &text) { m_listener->onTransportText(text.toUtf8()); });
        QObject::connect(&m_socket, &QWebSocket::disconnected, &m_socket, [this] { closed(); });
        QObject::connect(&m_socket, QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error), &m_socket,
                         [this](QAbstractSocket::SocketError) {
            m_error = m_socket.errorString();
            if (m_socket.state() != QAbstractSocket::ConnectedState)
                closed();
        });
    }
    ~QtTransport() override { abort(); }

    void open(const QUrl &url, const QByteArray &authorization) override
    {
        QNetworkRequest request(url);
        request.setRawHeader("Authorization", authorization);
        m_socket.open(request);
    }
    void sendTextParts(std::span<const QByteArrayView> parts) override
    {
        m_socket.sendTextMessage(QString::fromUtf8(joinParts(parts)));
    }
    void close(quint16 code, const QString &reason, int) override
    {
        m_socket.close(QWebSocketProtocol::CloseCode(code), reason);
    }
    void abort() override
    {
        m_notified = true;
        m_socket.abort();
    }
    bool isOpen() const override { return m_socket.state() == QAbstractSocket::ConnectedState; }
    quint16 closeCode() const override { return quint16(m_socket.closeCode()); }
    QString errorString() const override { return m_error; }

private:
    void closed()
    {
        if (std::exchange(m_notified, true))
            return;
        m_listener->onTransportClosed();
    }

    Listener *m_listener;
    QWebSocket m_socket;
    QString m_error;
    bool m_notified = false;
};

} // namespace

std::unique_ptr<RealtimeTransport> RealtimeTransport::create(const QUrl &url, const QString &unixSocket,
                                                             EpollReactor &reactor, qint64 maxMessageBytes,
                                                             Listener *listener)
{
    if (url.scheme() == u"wss" && unixSocket.isEmpty())
        return std::make_unique<QtTransport>(maxMessageBytes, listener);
    return std::make_unique<ReactorTransport>(reactor, unixSocket, maxMessageBytes, listener);
}

} // namespace sb
