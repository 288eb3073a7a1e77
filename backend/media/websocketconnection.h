#pragma once

#include "epollreactor.h"
#include "websocketframes.h"

#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QString>

#include <initializer_list>
#include <span>

#include <sys/socket.h>

namespace sb {

/**
 * @brief One RFC 6455 WebSocket on a raw socket watched by an EpollReactor (no QTcpSocket).
 *
 * A server connection adopts a descriptor whose opening handshake is already answered
 * (HttpServer::webSocketDescriptorRoute); a client connection dials and shakes hands itself
 * (`ws://` only; TLS stays with QWebSocket). Frames are read with WebSocketReader: pings are
 * answered, a peer's close is echoed, a protocol violation is answered with a close frame
 * carrying its code and reason. Sends are batched per reactor dispatch.
 *
 * The listener hears about messages and, exactly once, about the end of the connection:
 * after a closing handshake, the peer going away, a failure, or a close() whose peer did not
 * answer in time. abort() by the owner ends it silently.
 */
class WebSocketConnection : public QObject, private EpollReactor::Watcher, private EpollReactor::Flushable
{
    Q_OBJECT
public:
    using Role = WebSocketReader::Role;
    enum class State { Connecting, Handshaking, Open, Closing, Closed };
    /// A peer that leaves this much unread is dropped (a stalled AI or caller must not eat memory).
    static constexpr qsizetype kMaxPendingOutput = 8 * 1024 * 1024;

    class Listener
    {
    public:
        /// A client connection finished its opening handshake.
        virtual void onWebSocketOpen() { }
        virtual void onWebSocketText(QByteArrayView utf8) = 0;
        virtual void onWebSocketBinary(QByteArrayView) { }
        /// The peer broke the protocol (@p code is what we close with: 1002, 1007, 1009).
        virtual void onWebSocketProtocolError(quint16 code, const char *why)
        {
            Q_UNUSED(code);
            Q_UNUSED(why);
        }
        /// The connection is gone (the descriptor is closed); called once, last.
        virtual void onWebSocketClosed() = 0;

    protected:
        ~Listener() = default;
    };

    /// A server connection on @p fd (already upgraded); takes the descriptor.
    WebSocketConnection(EpollReactor &reactor, int fd, qint64 maxMessageBytes, Listener *listener,
                        QObject *parent = nullptr);
    /// A client connection, not connected yet: see connectTo().
    WebSocketConnection(EpollReactor &reactor, qint64 maxMessageBytes, Listener *listener, QObject *parent = nullptr);
    ~WebSocketConnection() override;

    /// Client: dials @p address:@p port and asks for @p target (path and query) with @p headers
    /// (each a full `Name: value` line). The listener hears onWebSocketOpen() or onWebSocketClosed().
    void connectTo(const QHostAddress &address, quint16 port, const QByteArray &host, const QByteArray &target,
                   const QList<QByteArray> &headers);
    /// Client: the same over the Unix socket at @p path (@p host is still the Host header).
    void connectToUnixSocket(const QString &path, const QByteArray &host, const QByteArray &target,
                             const QList<QByteArray> &headers);

    /// Sends one text message; @p utf8 must be UTF-8.
    void sendText(QByteArrayView utf8) { sendTextParts(std::span(&utf8, 1)); }
    /// Sends one text message made of @p parts one after the other (together UTF-8), written
    /// straight into the output buffer: no message is assembled first.
    void sendTextParts(std::span<const QByteArrayView> parts);
    void sendTextParts(std::initializer_list<QByteArrayView> parts) { sendTextParts(std::span(parts.begin(), parts.size())); }
    /// Starts the closing handshake; after @p timeoutMs without the peer's answer the socket is dropped.
    void close(quint16 code, QByteArrayView reason, int timeoutMs = 2000);
    /// Drops the socket now, without telling the listener.
    void abort();

    State state() const { return m_state; }
    bool isOpen() const { return m_state == State::Open; }
    /// The peer's close code (1005 without one, 1006 when it went away without a close frame),
    /// or the code we closed with after a protocol error.
    quint16 closeCode() const { return m_closeCode; }
    /// Why a client connection failed (connect, handshake, I/O), empty otherwise.
    const QString &errorString() const { return m_error; }
    /// Bytes waiting for the socket to take them.
    qsizetype pendingOutput() const { return m_out.size(); }

private:
    void onEpollEvents(quint32 events) override;
    void flush() override;

    void adopt(int fd);
    void dial(const sockaddr *address, socklen_t length, const QByteArray &host, const QByteArray &target,
              const QList<QByteArray> &headers);
    void queueFlush();
    void onConnected();
    void readSome(quint32 events);
    void process(char *data, qsizetype size);
    bool readHandshakeResponse(char *&data, qsizetype &size);
    void closeAfterFlush();
    void finish(quint16 code, const QString &error = {});
    void watchOutput(bool on);
    std::optional<quint32> mask() const;

    EpollReactor &m_reactor;
    Listener *m_listener;
    Role m_role;
    WebSocketReader m_reader;
    int m_fd = -1;
    State m_state = State::Connecting;
    QByteArray m_pending; ///< received bytes not yet a whole frame (or the handshake response)
    QByteArray m_out;     ///< frames not yet taken by the socket
    QByteArray m_expectedAccept;
    bool m_flushQueued = false;
    bool m_watchingOutput = false;
    bool m_closeAfterFlush = false;
    bool m_discardInput = false; ///< after a protocol error: wait for the peer to go
    bool m_overflowed = false;   ///< more than kMaxPendingOutput unsent: being dropped
    quint16 m_closeCode = WebSocketCode::Abnormal;
    QString m_error;
};

} // namespace sb
