#pragma once

#include "httpmessage.h"

#include "shared/result.h"

#include <QAbstractHttpServer>
#include <QFuture>
#include <QPointer>
#include <QTcpServer>

#include <functional>
#include <memory>
#include <optional>

namespace sb {

class ResponseQueue;

/**
 * @brief The promise of one HTTP answer. Move-only; send() exactly once, from any thread.
 *
 * The answer is written on the I/O thread, in request order for its connection, and only if
 * the client is still connected. A responder dropped without an answer sends a 500, so a bug
 * never leaves a client (or Twilio) waiting.
 */
class HttpResponder
{
public:
    HttpResponder(QPointer<ResponseQueue> queue, quint64 ticket, bool closeAfter);
    HttpResponder(HttpResponder &&other) noexcept;
    HttpResponder &operator=(HttpResponder &&other) = delete;
    HttpResponder(const HttpResponder &) = delete;
    ~HttpResponder();

    void send(const HttpResponse &response);
    /// Sends what @p future yields once it finishes, whichever thread finishes it.
    void sendWhenReady(QFuture<HttpResponse> future) &&;

private:
    QPointer<ResponseQueue> m_queue;
    quint64 m_ticket = 0;
    bool m_closeAfter = false;
    bool m_done = true;
};

/**
 * @brief The backend's HTTP server: a router over QAbstractHttpServer.
 *
 * Built on the abstract server rather than QHttpServer because Qt 6.4's QHttpServer keeps a
 * reference to a request that is reused per connection when an answer is deferred; here every
 * request is copied into an HttpRequest and answered through an HttpResponder. Routes are exact
 * paths whose `{name}` (or `{name}.json`) segments become path parameters; a path served for other methods answers
 * 405, an unknown one 404, both as JSON errors.
 */
class HttpServer : public QAbstractHttpServer
{
    Q_OBJECT
public:
    using Handler = std::function<void(HttpRequest &&request, HttpResponder &&responder)>;
    using Method = QHttpServerRequest::Method;

    explicit HttpServer(QObject *parent = nullptr);
    ~HttpServer() override;

    void route(Method method, const QString &pattern, Handler handler);
    /// A handler that answers at once.
    void route(Method method, const QString &pattern, std::function<HttpResponse(const HttpRequest &)> handler);

    /// Decides a WebSocket upgrade before it happens: std::nullopt accepts it, a response refuses it.
    using WebSocketGate = std::function<std::optional<HttpResponse>(const HttpRequest &request)>;
    /// Takes an accepted, upgraded socket.
    using WebSocketHandler = std::function<void(std::unique_ptr<QWebSocket> socket)>;

    /**
     * A WebSocket endpoint at the exact @p path (a trailing `/` is tolerated). Qt 6.4 asks
     * handleRequest() about every upgrade request before it upgrades: @p gate answers there, so a
     * refused handshake gets a plain HTTP answer (403, …) and is never upgraded. An upgrade to a
     * path without an endpoint gets 404. Plain requests to @p path still go to the routes.
     */
    void webSocketRoute(const QString &path, WebSocketGate gate, WebSocketHandler handler);

    /// Takes an accepted upgrade's socket descriptor (the handshake still to be answered).
    using WebSocketDescriptorHandler = std::function<void(int descriptor, const HttpRequest &request)>;
    /**
     * Like webSocketRoute(), but once @p gate accepts, the connection leaves Qt: @p handler gets
     * the socket's descriptor (non-blocking, owned by the handler from then on) and answers the
     * opening handshake itself. For endpoints that serve thousands of sockets on their own
     * event loop (Media Streams on an epoll reactor).
     */
    void webSocketDescriptorRoute(const QString &path, WebSocketGate gate, WebSocketDescriptorHandler handler);

    /// Starts listening; returns the port actually bound (useful with port 0).
    Result<quint16> listen(const QHostAddress &address, quint16 port);
    /**
     * Also serves on the Unix socket @p path (for a TLS proxy on this host: no TCP stack between
     * them). A leftover socket file is replaced; the file is removed when listening stops.
     */
    Result<void> listenUnixSocket(const QString &path);
    /// Stops accepting connections; open ones finish what they started.
    void stopListening();

    /// Bodies larger than this are refused with 413 while they arrive (default 1 MiB).
    void setMaxBodyBytes(qint64 bytes) { m_maxBodyBytes = bytes; }
    qint64 maxBodyBytes() const { return m_maxBodyBytes; }
    /// Requests accepted and not yet answered (or abandoned by their client).
    int inFlight() const { return m_inFlight; }
    quint64 oversizedRequests() const { return m_oversized; }

signals:
    /// The last request in flight was answered.
    void idle();

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    friend class ResponseQueue;
    friend class GuardedTcpServer;
    void refuseOversized(QTcpSocket *socket);
    void requestsFinished(int count);

    struct Route;
    struct WebSocketRoute;
    const WebSocketRoute *webSocketRouteFor(const QString &path) const;
    bool handleUpgrade(const QHttpServerRequest &request, QTcpSocket *socket);
    void onWebSocketConnection();

    std::vector<Route> m_routes;
    std::vector<WebSocketRoute> m_webSocketRoutes;
    QList<QPointer<QTcpServer>> m_listeners;
    QStringList m_socketPaths; ///< Unix sockets to remove when listening stops
    qint64 m_maxBodyBytes = 1024 * 1024;
    int m_inFlight = 0;
    quint64 m_oversized = 0;
};

} // namespace sb
