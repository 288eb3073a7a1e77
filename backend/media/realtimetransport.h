#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

#include <memory>
#include <span>

class QObject;

namespace sb {

class EpollReactor;

/**
 * @brief The Realtime bridge's WebSocket to the AI, whichever way it is carried.
 *
 * `ws://` runs on the media reactor (WebSocketConnection: no Qt socket, writes batched with the
 * Twilio side's). `wss://` (OpenAI itself) stays on QWebSocket, which brings TLS; there is no
 * TLS client of our own. A Unix socket (SWITCHBOARD_REALTIME_SOCKET) is served by the reactor too.
 */
class RealtimeTransport
{
public:
    class Listener
    {
    public:
        virtual void onTransportOpen() = 0;
        /// A text message, UTF-8 (valid until the call returns).
        virtual void onTransportText(QByteArrayView utf8) = 0;
        /// The socket is gone (failed to connect, dropped, or closed); called once.
        virtual void onTransportClosed() = 0;

    protected:
        ~Listener() = default;
    };

    virtual ~RealtimeTransport() = default;

    /// Connects to @p url (ws or wss) with `Authorization: @p authorization`.
    virtual void open(const QUrl &url, const QByteArray &authorization) = 0;
    /// Sends one text message made of @p parts one after the other (together UTF-8).
    virtual void sendTextParts(std::span<const QByteArrayView> parts) = 0;
    void sendText(QByteArrayView utf8) { sendTextParts(std::span(&utf8, 1)); }
    /// Starts the closing handshake; the listener hears onTransportClosed() when it is done.
    virtual void close(quint16 code, const QString &reason, int timeoutMs) = 0;
    /// Drops the socket without telling the listener.
    virtual void abort() = 0;
    virtual bool isOpen() const = 0;
    /// The peer's close code, or 1006 when it went away without one.
    virtual quint16 closeCode() const = 0;
    virtual QString errorString() const = 0;

    /// The transport for @p url's scheme: the reactor for `ws`, QWebSocket for `wss`. With
    /// @p unixSocket, the reactor over that socket whatever the scheme (the proxy there does TLS).
    static std::unique_ptr<RealtimeTransport> create(const QUrl &url, const QString &unixSocket, EpollReactor &reactor,
                                                     qint64 maxMessageBytes, Listener *listener);
};

} // namespace sb
