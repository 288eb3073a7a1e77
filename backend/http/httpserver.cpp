#include "httpserver.h"

#include "unixsocket.h"

#include "shared/logging.h"

#include <QCoreApplication>
#include <QFile>
#include <QLoggingCategory>
#include <QMap>
#include <QMetaEnum>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>
#include <QWebSocket>

#include <fcntl.h>
#include <mutex>
#include <sys/socket.h>
#include <unistd.h>

namespace sb {

/**
 * Per connection (a child of its socket): answers in request order, the bytes received since the
 * last complete request (the body limit), and the server's count of unanswered requests.
 */
class ResponseQueue : public QObject
{
    Q_OBJECT // findChild<ResponseQueue *>() on the socket relies on the meta-object
public:
    ResponseQueue(QTcpSocket *socket, HttpServer *server) : QObject(socket), m_socket(socket), m_server(server) { }

    ~ResponseQueue() override
    {
        // Requests whose client left before the answer are no longer in flight.
        if (m_server)
            m_server->requestsFinished(int(m_nextTicket - m_nextToWrite));
    }

    quint64 takeTicket()
    {
        m_receivedBytes = 0;
        return m_nextTicket++;
    }

    /// Counts bytes as they arrive; true once the request being received is over @p limit.
    bool exceeds(qint64 newBytes, qint64 limit)
    {
        m_receivedBytes += newBytes;
        return m_receivedBytes > limit;
    }

    void complete(quint64 ticket, QByteArray wire, bool close)
    {
        m_ready.insert(ticket, {std::move(wire), close});
        int finished = 0;
        while (!m_ready.isEmpty() && m_ready.firstKey() == m_nextToWrite) {
            const auto [bytes, closeAfter] = m_ready.take(m_nextToWrite++);
            ++finished;
            if (m_socket->state() != QAbstractSocket::ConnectedState)
                continue;
            m_socket->write(bytes);
            if (closeAfter)
                m_socket->disconnectFromHost();
        }
        if (m_server)
            m_server->requestsFinished(finished);
    }

private:
    QTcpSocket *m_socket;
    QPointer<HttpServer> m_server;
    quint64 m_nextTicket = 0;
    quint64 m_nextToWrite = 0;
    qint64 m_receivedBytes = 0;
    QMap<quint64, std::pair<QByteArray, bool>> m_ready;
};

/// Hands the HTTP server sockets that already count their bytes, so an oversized body is refused
/// while it arrives instead of being buffered whole (Qt 6.4 reads a request fully before routing).
class GuardedTcpServer : public QTcpServer
{
public:
    /// @p unixSocket: its connections have no IP address (Qt would read the path's bytes as one).
    GuardedTcpServer(HttpServer *server, bool unixSocket) : QTcpServer(server), m_server(server), m_unixSocket(unixSocket) { }

    static bool fromUnixSocket(const QTcpSocket *socket) { return socket->property(kUnixSocketProperty).toBool(); }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        if (m_unixSocket)
            socket->setProperty(kUnixSocketProperty, true);
        auto *queue = new ResponseQueue(socket, m_server);
        // Connected before the HTTP server connects its parser, so this runs first on every read.
        connect(socket, &QTcpSocket::readyRead, queue, [this, socket, queue] {
            if (!queue->exceeds(socket->bytesAvailable(), m_server->maxBodyBytes() + kHeaderAllowance))
                return;
            QObject::disconnect(socket, &QTcpSocket::readyRead, nullptr, nullptr);
            m_server->refuseOversized(socket);
        });
        addPendingConnection(socket);
    }

private:
    static constexpr qint64 kHeaderAllowance = 64 * 1024;
    static constexpr const char *kUnixSocketProperty = "switchboardUnixSocket";
    HttpServer *m_server;
    bool m_unixSocket;
};

namespace {

HttpRequest requestFrom(const QHttpServerRequest &qtRequest, const QTcpSocket *socket)
{
    HttpRequest request = HttpRequest::fromQt(qtRequest);
    if (GuardedTcpServer::fromUnixSocket(socket))
        request.remoteAddress = QHostAddress(); // a local proxy: the client's address is not ours to know
    return request;
}

/// Runs @p work on the I/O (main) thread: at once when already there, else queued to it.
template <typename F>
void onIoThread(F &&work)
{
    QCoreApplication *app = QCoreApplication::instance();
    if (QThread::currentThread() == app->thread())
        work();
    else
        QMetaObject::invokeMethod(app, std::forward<F>(work), Qt::QueuedConnection);
}

void deliver(const QPointer<ResponseQueue> &queue, quint64 ticket, bool close, const HttpResponse &response)
{
    // Serialised on the calling thread so the I/O thread only writes bytes.
    onIoThread([queue, ticket, close, wire = response.serialize(close)]() mutable {
        if (queue)
            queue->complete(ticket, std::move(wire), close);
    });
}

constexpr int kLingerMs = 5000; // how long a refused client may keep sending before it is cut off

QString bodyTooLargeMessage(qint64 limit)
{
    return QStringLiteral("the request body is larger than the limit of %1 bytes").arg(limit);
}

bool wantsClose(const QHttpServerRequest &request)
{
    return request.value(QByteArrayLiteral("connection")).compare("close", Qt::CaseInsensitive) == 0;
}

} // namespace

HttpResponder::HttpResponder(QPointer<ResponseQueue> queue, quint64 ticket, bool closeAfter)
    : m_queue(std::move(queue))
    , m_ticket(ticket)
    , m_closeAfter(closeAfter)
    , m_done(false)
{
}

HttpResponder::HttpResponder(HttpResponder &&other) noexcept
    : m_queue(std::move(other.m_queue))
    , m_ticket(other.m_ticket)
    , m_closeAfter(other.m_closeAfter)
    , m_done(std::exchange(other.m_done, true))
{
}

HttpResponder::~HttpResponder()
{
    if (!m_done) {
        qCWarning(lcHttp) << "a request was dropped without an answer; sending 500";
        send(HttpResponse::error({ErrorCode::Internal, QStringLiteral("the request was not answered")}));
    }
}

void HttpResponder::send(const HttpResponse &response)
{
    if (std::exchange(m_done, true)) {
        qCWarning(lcHttp) << "a request was answered twice; the second answer is dropped";
        return;
    }
    deliver(m_queue, m_ticket, m_closeAfter, response);
}

void HttpResponder::sendWhenReady(QFuture<HttpResponse> future) &&
{
    // Continuations are stored in std::function, so the move-only responder rides in a shared_ptr.
    auto responder = std::make_shared<HttpResponder>(std::move(*this));
    future.then(QtFuture::Launch::Sync, [responder](const HttpResponse &response) { responder->send(response); });
}

struct HttpServer::Route
{
    Method method;
    QStringList segments;
    Handler handler;
};

struct HttpServer::WebSocketRoute
{
    QString path;
    WebSocketGate gate;
    WebSocketHandler handler;
    WebSocketDescriptorHandler descriptorHandler; ///< set instead of handler for descriptor routes
};

namespace {

QLoggingCategory::CategoryFilter previousLogFilter = nullptr;

/// Qt 6.4 warns "WebSocket received but … request not handled" whenever handleRequest() returns
/// false for an upgrade. HttpServer answers every upgrade itself (403, 404, or the descriptor
/// hand-over, once per Media Stream), so that warning is noise on every one of them: the
/// category's warnings are off (invariant 10).
void quietQtUpgradeWarnings(QLoggingCategory *category)
{
    if (previousLogFilter)
        previousLogFilter(category);
    if (qstrcmp(category->categoryName(), "qt.httpserver") == 0)
        category->setEnabled(QtWarningMsg, false);
}

} // namespace

HttpServer::HttpServer(QObject *parent)
    : QAbstractHttpServer(parent)
{
    static std::once_flag installed;
    std::call_once(installed, [] { previousLogFilter = QLoggingCategory::installFilter(quietQtUpgradeWarnings); });
}

HttpServer::~HttpServer()
{
    stopListening();
}

void HttpServer::route(Method method, const QString &pattern, Handler handler)
{
    m_routes.push_back({method, pattern.split(u'/', Qt::SkipEmptyParts), std::move(handler)});
}

void HttpServer::route(Method method, const QString &pattern, std::function<HttpResponse(const HttpRequest &)> handler)
{
    route(method, pattern, [handler = std::move(handler)](HttpRequest &&request, HttpResponder &&responder) {
        responder.send(handler(request));
    });
}

void HttpServer::webSocketRoute(const QString &path, WebSocketGate gate, WebSocketHandler handler)
{
    if (m_webSocketRoutes.empty())
        connect(this, &QAbstractHttpServer::newWebSocketConnection, this, &HttpServer::onWebSocketConnection);
    m_webSocketRoutes.push_back({path, std::move(gate), std::move(handler), {}});
}

void HttpServer::webSocketDescriptorRoute(const QString &path, WebSocketGate gate, WebSocketDescriptorHandler handler)
{
    if (m_webSocketRoutes.empty()) // Qt asks handleRequest() about upgrades only with this connected
        connect(this, &QAbstractHttpServer::newWebSocketConnection, this, &HttpServer::onWebSocketConnection);
    m_webSocketRoutes.push_back({path, std::move(gate), {}, std::move(handler)});
}

const HttpServer::WebSocketRoute *HttpServer::webSocketRouteFor(const QString &path) const
{
    const QStringView exact = path.endsWith(u'/') && path.size() > 1 ? QStringView(path).chopped(1) : QStringView(path);
    for (const WebSocketRoute &route : m_webSocketRoutes) {
        if (route.path == exact)
            return &route;
    }
    return nullptr;
}

bool HttpServer::handleUpgrade(const QHttpServerRequest &qtRequest, QTcpSocket *socket)
{
    // Returning true lets Qt upgrade the socket; false makes it close the socket (after a
    // warning of its own), so a refusal is written here first.
    const HttpRequest request = requestFrom(qtRequest, socket);
    const WebSocketRoute *route = webSocketRouteFor(request.path);
    std::optional<HttpResponse> refusal;
    if (!route)
        refusal = HttpResponse::error(notFound(QStringLiteral("no WebSocket endpoint at %1").arg(request.path)));
    else if (route->gate)
        refusal = route->gate(request);
    if (!refusal && route->descriptorHandler) {
        // The connection leaves Qt: the handler gets a duplicate of the descriptor, and returning
        // false makes Qt close its own (which leaves the connection open: the duplicate holds it).
        const int descriptor = ::fcntl(int(socket->socketDescriptor()), F_DUPFD_CLOEXEC, 0);
        if (descriptor < 0) {
            socket->write(HttpResponse::error({ErrorCode::Unavailable, QStringLiteral("out of file descriptors")})
                              .serialize(true));
            return false;
        }
        delete socket->findChild<ResponseQueue *>(QString(), Qt::FindDirectChildrenOnly);
        route->descriptorHandler(descriptor, request);
        return false;
    }
    if (!refusal) {
        // From here on the socket carries WebSocket frames, not requests: no body limit, no queue.
        // (QWebSocket also drops the socket's connections when it takes it over; this does not
        // rely on that.)
        delete socket->findChild<ResponseQueue *>(QString(), Qt::FindDirectChildrenOnly);
        return true;
    }
    socket->write(refusal->serialize(true));
    return false;
}

void HttpServer::onWebSocketConnection()
{
    while (hasPendingWebSocketConnections()) {
        std::unique_ptr<QWebSocket> socket = nextPendingWebSocketConnection();
        if (!socket)
            continue;
        const WebSocketRoute *route = webSocketRouteFor(socket->requestUrl().path());
        if (route && route->handler) {
            route->handler(std::move(socket));
        } else { // cannot happen: handleUpgrade() refused it
            socket->abort();
        }
    }
}

Result<quint16> HttpServer::listen(const QHostAddress &address, quint16 port)
{
    auto *listener = new GuardedTcpServer(this, false);
    if (!listener->listen(address, port)) {
        const QString reason = listener->errorString();
        delete listener;
        return Error{ErrorCode::Unavailable,
                     QStringLiteral("cannot listen on %1:%2: %3").arg(address.toString()).arg(port).arg(reason)};
    }
    bind(listener);
    m_listeners.append(listener);
    return listener->serverPort();
}

Result<void> HttpServer::listenUnixSocket(const QString &path)
{
    auto *listener = new GuardedTcpServer(this, true);
    if (auto listening = UnixSocket::listen(*listener, path); !listening) {
        delete listener;
        return listening;
    }
    bind(listener);
    m_listeners.append(listener);
    m_socketPaths.append(path);
    return {};
}

void HttpServer::stopListening()
{
    for (const QPointer<QTcpServer> &listener : std::as_const(m_listeners)) {
        if (listener)
            listener->close();
    }
    for (const QString &path : std::exchange(m_socketPaths, {}))
        ::unlink(QFile::encodeName(path).constData());
}

bool HttpServer::handleRequest(const QHttpServerRequest &qtRequest, QTcpSocket *socket)
{
    if (qtRequest.value(QByteArrayLiteral("upgrade")).compare("websocket", Qt::CaseInsensitive) == 0
        && qtRequest.value(QByteArrayLiteral("connection")).toLower().contains("upgrade"))
        return handleUpgrade(qtRequest, socket);

    auto *queue = socket->findChild<ResponseQueue *>(QString(), Qt::FindDirectChildrenOnly);
    Q_ASSERT(queue); // every socket comes from GuardedTcpServer
    ++m_inFlight;
    HttpResponder responder(queue, queue->takeTicket(), wantsClose(qtRequest));

    if (qtRequest.body().size() > m_maxBodyBytes) { // a body sent without Content-Length
        ++m_oversized;
        responder.send(HttpResponse::error({ErrorCode::InvalidInput, bodyTooLargeMessage(m_maxBodyBytes)}).withStatus(413));
        return true;
    }
    HttpRequest request = requestFrom(qtRequest, socket);
    const QStringList segments = request.path.split(u'/', Qt::SkipEmptyParts);
    QStringList allowed;
    for (const Route &route : m_routes) {
        if (route.segments.size() != segments.size())
            continue;
        QHash<QString, QString> parameters;
        bool matches = true;
        for (qsizetype i = 0; matches && i < segments.size(); ++i) {
            const QString &expected = route.segments.at(i);
            const QString &actual = segments.at(i);
            const qsizetype close = expected.indexOf(u'}');
            if (expected.startsWith(u'{') && close > 0) {
                // `{name}` or `{name}.suffix`: the parameter is what precedes the literal suffix.
                const QStringView suffix = QStringView(expected).sliced(close + 1);
                matches = actual.size() > suffix.size() && actual.endsWith(suffix);
                if (matches)
                    parameters.insert(expected.mid(1, close - 1), actual.chopped(suffix.size()));
            } else {
                matches = expected == actual;
            }
        }
        if (!matches)
            continue;
        if (route.method != request.method) {
            allowed << QString::fromLatin1(QMetaEnum::fromType<Method>().valueToKey(int(route.method))).toUpper();
            continue;
        }
        request.pathParameters = std::move(parameters);
        route.handler(std::move(request), std::move(responder));
        return true;
    }

    if (!allowed.isEmpty()) {
        HttpResponse response = HttpResponse::error(
            {ErrorCode::InvalidInput, QStringLiteral("%1 only accepts %2").arg(request.path, allowed.join(u", "))});
        response.status = 405;
        response.headers.append({QByteArrayLiteral("Allow"), allowed.join(u", ").toLatin1()});
        responder.send(response);
    } else {
        responder.send(HttpResponse::error(notFound(QStringLiteral("no route for %1").arg(request.path))));
    }
    return true;
}

void HttpServer::refuseOversized(QTcpSocket *socket)
{
    ++m_oversized;
    const HttpResponse response =
        HttpResponse::error({ErrorCode::InvalidInput, bodyTooLargeMessage(m_maxBodyBytes)}).withStatus(413);
    socket->write(response.serialize(true));
    // A plain close with the client still sending makes the kernel reset the connection, and the
    // client loses the 413. So: half-close once the answer is out, drain what still arrives, and
    // let the client hang up (or cut it off after a grace period).
    connect(socket, &QTcpSocket::readyRead, socket, [socket] { socket->readAll(); });
    const auto closeWriteSide = [socket] {
        if (socket->bytesToWrite() == 0)
            ::shutdown(int(socket->socketDescriptor()), SHUT_WR);
    };
    connect(socket, &QTcpSocket::bytesWritten, socket, closeWriteSide);
    QTimer::singleShot(kLingerMs, socket, [socket] { socket->abort(); });
}

void HttpServer::requestsFinished(int count)
{
    m_inFlight -= count;
    if (m_inFlight == 0)
        emit idle();
}

void HttpServer::missingHandler(const QHttpServerRequest &, QTcpSocket *)
{
    // handleRequest() answers every request itself, unknown paths included.
}

} // namespace sb

#include "httpserver.moc"
