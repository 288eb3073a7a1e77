#include "http/httpserver.h"
#include "http/operationsroutes.h"
#include "http/unixsocket.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPromise>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QWebSocket>
#include <QTest>
#include <QThreadPool>
#include <QtConcurrent>
#include <QFileInfo>
#include <QTemporaryDir>

#include <sys/socket.h>
#include <unistd.h>

using namespace sb;

namespace {

struct Reply
{
    int status = 0;
    QJsonObject json;
    QByteArray allow;
};

Reply request(QNetworkAccessManager &network, quint16 port, const QString &path, const QByteArray &verb = "GET")
{
    QNetworkRequest req(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path)));
    std::unique_ptr<QNetworkReply> reply(network.sendCustomRequest(req, verb));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    if (!finished.wait(10000))
        return {};
    return {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
            QJsonDocument::fromJson(reply->readAll()).object(), reply->rawHeader("Allow")};
}

/// A future finished later by a pool thread, as a storage thread would.
template <typename T>
QFuture<T> finishedElsewhere(T value)
{
    return QtConcurrent::run([value] { return value; });
}

/// Writes @p request to the Unix socket at @p path and reads until the server closes the connection.
QByteArray rawExchange(const QString &path, const QByteArray &request)
{
    const auto address = UnixSocket::address(path);
    if (!address)
        return {};
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (::connect(fd, reinterpret_cast<const sockaddr *>(&*address), sizeof(sockaddr_un)) != 0) {
        ::close(fd);
        return {};
    }
    QTcpSocket socket; // Qt reads any stream socket; the event loop keeps the server going meanwhile
    socket.setSocketDescriptor(fd);
    socket.write(request);
    QByteArray answer;
    (void)QTest::qWaitFor([&] {
        answer += socket.readAll();
        return socket.state() == QAbstractSocket::UnconnectedState;
    }, 10000);
    return answer + socket.readAll();
}

} // namespace

class TestHttpServer : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<HttpServer> m_server;
    quint16 m_port = 0;
    QNetworkAccessManager m_network;
    std::optional<HttpResponder> m_held;
    int m_fastCalls = 0;

private slots:
    void init()
    {
        m_server = std::make_unique<HttpServer>();
        m_held.reset();
        m_fastCalls = 0;
        m_server->route(HttpServer::Method::Get, QStringLiteral("/calls/{sid}/events"), [](const HttpRequest &r) {
            return HttpResponse::json(QJsonObject{{QStringLiteral("sid"), r.pathParameter(QStringLiteral("sid"))}});
        });
        m_server->route(HttpServer::Method::Post, QStringLiteral("/calls/{sid}/events"), [](const HttpRequest &r) {
            return HttpResponse::json(QJsonObject{{QStringLiteral("posted"), QString::fromUtf8(r.body)}}, 201);
        });
        m_server->route(HttpServer::Method::Get, QStringLiteral("/Calls/{sid}.json"), [](const HttpRequest &r) {
            return HttpResponse::json(QJsonObject{{QStringLiteral("sid"), r.pathParameter(QStringLiteral("sid"))}});
        });
        m_server->route(HttpServer::Method::Get, QStringLiteral("/held"), [this](HttpRequest &&, HttpResponder &&responder) {
            m_held.emplace(std::move(responder));
        });
        m_server->route(HttpServer::Method::Get, QStringLiteral("/fast"), [this](const HttpRequest &) {
            ++m_fastCalls;
            return HttpResponse::json(QJsonObject{{QStringLiteral("which"), QStringLiteral("fast")}});
        });
        m_server->route(HttpServer::Method::Get, QStringLiteral("/whoami"), [](const HttpRequest &r) {
            return HttpResponse::json(QJsonObject{{QStringLiteral("remote"), r.remoteAddress.toString()},
                                                  {QStringLiteral("known"), !r.remoteAddress.isNull()}});
        });
        m_server->route(HttpServer::Method::Get, QStringLiteral("/forgot"), [](HttpRequest &&, HttpResponder &&) {
            // A buggy handler that never answers: the dropped responder must answer 500 itself.
        });
        m_server->route(HttpServer::Method::Get, QStringLiteral("/async/{n}"), [](HttpRequest &&r, HttpResponder &&responder) {
            const int n = r.pathParameter(QStringLiteral("n")).toInt();
            std::move(responder).sendWhenReady(finishedElsewhere(HttpResponse::json(QJsonObject{{QStringLiteral("n"), n}})));
        });
        const auto port = m_server->listen(QHostAddress::LocalHost, 0);
        QVERIFY(port.ok());
        m_port = *port;
    }

    void cleanup()
    {
        m_held.reset();
        m_server.reset();
    }

    void routesWithPathParameters()
    {
        const Reply get = request(m_network, m_port, QStringLiteral("/calls/CA123/events"));
        QCOMPARE(get.status, 200);
        QCOMPARE(get.json.value(QStringLiteral("sid")).toString(), QStringLiteral("CA123"));
    }

    void suffixedParameters_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("sid");
        QTest::newRow("sid with suffix") << QStringLiteral("/Calls/CA42.json") << 200 << QStringLiteral("CA42");
        QTest::newRow("suffix missing") << QStringLiteral("/Calls/CA42") << 404 << QString();
        QTest::newRow("suffix alone") << QStringLiteral("/Calls/.json") << 404 << QString();
    }

    void suffixedParameters()
    {
        QFETCH(QString, path);
        QFETCH(int, status);
        QFETCH(QString, sid);
        const Reply reply = request(m_network, m_port, path);
        QCOMPARE(reply.status, status);
        if (status == 200)
            QCOMPARE(reply.json.value(QStringLiteral("sid")).toString(), sid);
    }

    void unknownPathIs404AndWrongMethodIs405()
    {
        const Reply missing = request(m_network, m_port, QStringLiteral("/calls/CA1"));
        QCOMPARE(missing.status, 404);
        QCOMPARE(missing.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
                 QStringLiteral("not_found"));

        const Reply wrongMethod = request(m_network, m_port, QStringLiteral("/calls/CA1/events"), "DELETE");
        QCOMPARE(wrongMethod.status, 405);
        QCOMPARE(wrongMethod.allow, QByteArray("GET, POST"));
    }

    void answersFromOtherThreadsReachTheRightClient()
    {
        // Many requests in flight at once, each answered by a pool thread: every client gets its own answer.
        std::vector<std::unique_ptr<QNetworkReply>> replies;
        for (int n = 0; n < 200; ++n) {
            replies.emplace_back(m_network.get(
                QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1/async/%2").arg(m_port).arg(n)))));
        }
        for (int n = 0; n < 200; ++n) {
            QNetworkReply *reply = replies[size_t(n)].get();
            if (!reply->isFinished())
                QVERIFY(QSignalSpy(reply, &QNetworkReply::finished).wait(10000));
            QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
            QCOMPARE(QJsonDocument::fromJson(reply->readAll()).object().value(QStringLiteral("n")).toInt(), n);
        }
    }

    void pipelinedAnswersKeepRequestOrder()
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(socket.waitForConnected(5000));
        socket.write("GET /held HTTP/1.1\r\nHost: x\r\n\r\nGET /fast HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_COMPARE(m_fastCalls, 1); // the second request was handled before the first was answered
        QVERIFY(m_held.has_value());
        m_held->send(HttpResponse::json(QJsonObject{{QStringLiteral("which"), QStringLiteral("held")}}));

        QByteArray received;
        QTRY_VERIFY((received += socket.readAll()).count("HTTP/1.1 200") == 2);
        QVERIFY2(received.indexOf("\"held\"") < received.indexOf("\"fast\""), received.constData());
    }

    void clientGoneBeforeTheAnswer()
    {
        {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, m_port);
            QVERIFY(socket.waitForConnected(5000));
            socket.write("GET /held HTTP/1.1\r\nHost: x\r\n\r\n");
            QTRY_VERIFY(m_held.has_value());
            socket.disconnectFromHost();
        }
        // Let the server notice the disconnect and delete the connection, then answer anyway.
        QTRY_VERIFY(m_server->findChildren<QTcpSocket *>().isEmpty());
        m_held->send(HttpResponse::json(QJsonObject{}));
        QCoreApplication::processEvents();
        QCOMPARE(request(m_network, m_port, QStringLiteral("/fast")).status, 200);
    }

    void droppedResponderAnswers500()
    {
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("dropped without an answer")));
        const Reply reply = request(m_network, m_port, QStringLiteral("/forgot"));
        QCOMPARE(reply.status, 500);
        QCOMPARE(reply.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
                 QStringLiteral("internal"));
    }

    void secondAnswerIsDropped()
    {
        std::unique_ptr<QNetworkReply> reply(
            m_network.get(QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1/held").arg(m_port)))));
        QTRY_VERIFY(m_held.has_value());
        m_held->send(HttpResponse::json(QJsonObject{{QStringLiteral("first"), true}}));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("answered twice")));
        m_held->send(HttpResponse::json(QJsonObject{{QStringLiteral("second"), true}}));
        QVERIFY(QSignalSpy(reply.get(), &QNetworkReply::finished).wait(5000));
        QVERIFY(QJsonDocument::fromJson(reply->readAll()).object().contains(QStringLiteral("first")));
    }

    void busyPortIsAClearError()
    {
        HttpServer second;
        const auto clash = second.listen(QHostAddress::LocalHost, m_port);
        QVERIFY(!clash.ok());
        QCOMPARE(clash.error().code, ErrorCode::Unavailable);
        QVERIFY2(clash.error().message.contains(QString::number(m_port)), qPrintable(clash.error().message));
    }

    void servesOnAUnixSocket()
    {
        QTemporaryDir directory;
        const QString path = directory.filePath(QStringLiteral("http.sock"));
        const auto listening = m_server->listenUnixSocket(path);
        QVERIFY2(listening.ok(), qPrintable(listening.error().message));
        QVERIFY(QFileInfo(path).exists());
        QCOMPARE(QFileInfo(path).permissions() & (QFileDevice::WriteOther | QFileDevice::ReadOther), QFileDevice::Permissions());
        // Two pipelined requests on one connection: both answered, in order, as over TCP.
        const QByteArray answer = rawExchange(path, "GET /calls/CA1/events HTTP/1.1\r\nHost: x\r\n\r\n"
                                                    "GET /calls/CA2/events HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
        QVERIFY(answer.indexOf("\"sid\":\"CA1\"") < answer.indexOf("\"sid\":\"CA2\""));
        QVERIFY(answer.contains("\"sid\":\"CA2\""));
        // A Unix socket's client has no IP address (Qt would read the socket path's bytes as one).
        const QByteArray who = rawExchange(path, "GET /whoami HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        QVERIFY2(who.contains("\"known\":false") && who.contains("\"remote\":\"\""), who.constData());
        // TCP keeps working beside it, with its address.
        const Reply overTcp = request(m_network, m_port, QStringLiteral("/whoami"));
        QCOMPARE(overTcp.status, 200);
        QCOMPARE(overTcp.json.value(QStringLiteral("remote")).toString(), QStringLiteral("127.0.0.1"));
        m_server->stopListening();
        QVERIFY(!QFileInfo::exists(path)); // removed with the listener
    }

    void unixSocketPathClashes()
    {
        QTemporaryDir directory;
        // A socket file left by a process that is gone is replaced.
        const QString stale = directory.filePath(QStringLiteral("stale.sock"));
        {
            const auto address = UnixSocket::address(stale);
            QVERIFY(address.ok());
            const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
            QCOMPARE(::bind(fd, reinterpret_cast<const sockaddr *>(&*address), sizeof(sockaddr_un)), 0);
            ::close(fd); // never listened, nobody answers: as after a crash
        }
        const auto replaced = m_server->listenUnixSocket(stale);
        QVERIFY2(replaced.ok(), qPrintable(replaced.error().message));
        QVERIFY(rawExchange(stale, "GET /fast HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").startsWith("HTTP/1.1 200"));

        // A path another server answers on is not taken from it.
        HttpServer second;
        const auto taken = second.listenUnixSocket(stale);
        QVERIFY(!taken.ok());
        QVERIFY2(taken.error().message.contains(QStringLiteral("another process serves")), qPrintable(taken.error().message));
        QVERIFY(rawExchange(stale, "GET /fast HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").startsWith("HTTP/1.1 200"));

        // Nor is a file that is not a socket, which stays as it was.
        const QString plain = directory.filePath(QStringLiteral("notes.txt"));
        QFile file(plain);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("keep me");
        file.close();
        const auto refused = second.listenUnixSocket(plain);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.contains(QStringLiteral("not a socket")), qPrintable(refused.error().message));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("keep me"));

        // A directory that does not exist: a clear error.
        const auto missing = second.listenUnixSocket(directory.filePath(QStringLiteral("no/such/dir/x.sock")));
        QVERIFY(!missing.ok());
        QVERIFY2(missing.error().message.contains(QStringLiteral("cannot listen on")), qPrintable(missing.error().message));
    }

    void stopListeningRefusesNewConnections()
    {
        m_server->stopListening();
        QCOMPARE(request(m_network, m_port, QStringLiteral("/fast")).status, 0); // refused: no HTTP at all
    }

    void bodyJustOverTheLimitIs413()
    {
        m_server->setMaxBodyBytes(1024);
        m_server->route(HttpServer::Method::Post, QStringLiteral("/echo"), [](const HttpRequest &r) {
            return HttpResponse::json(QJsonObject{{QStringLiteral("size"), r.body.size()}});
        });
        QNetworkRequest small(QUrl(QStringLiteral("http://127.0.0.1:%1/echo").arg(m_port)));
        std::unique_ptr<QNetworkReply> ok(m_network.post(small, QByteArray(1024, 'a')));
        QVERIFY(QSignalSpy(ok.get(), &QNetworkReply::finished).wait(5000));
        QCOMPARE(ok->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        std::unique_ptr<QNetworkReply> big(m_network.post(small, QByteArray(1025, 'a')));
        QVERIFY(QSignalSpy(big.get(), &QNetworkReply::finished).wait(5000));
        QCOMPARE(big->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 413);
        QCOMPARE(m_server->oversizedRequests(), quint64(1));
    }

    void hugeBodyIsRefusedWhileItArrives()
    {
        m_server->setMaxBodyBytes(64 * 1024);
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(socket.waitForConnected(5000));
        socket.write("POST /calls/CA1/events HTTP/1.1\r\nHost: x\r\nContent-Length: 104857600\r\n\r\n");
        const QByteArray chunk(64 * 1024, 'x');
        QByteArray received;
        // Keep sending until the server answers; it must do so long before the announced 100 MiB.
        for (int i = 0; i < 64 && socket.state() == QAbstractSocket::ConnectedState && !received.contains("413"); ++i) {
            socket.write(chunk);
            socket.waitForBytesWritten(1000);
            QCoreApplication::processEvents();
            received += socket.readAll();
        }
        QTRY_VERIFY((received += socket.readAll()).startsWith("HTTP/1.1 413"));
        QVERIFY(received.contains("Connection: close"));
        QTRY_COMPARE(socket.state(), QAbstractSocket::UnconnectedState);
        QCOMPARE(m_server->oversizedRequests(), quint64(1));
        QCOMPARE(request(m_network, m_port, QStringLiteral("/fast")).status, 200); // still serving
    }

    void idleOnceRequestsInFlightAreAnswered()
    {
        std::unique_ptr<QNetworkReply> reply(
            m_network.get(QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1/held").arg(m_port)))));
        QTRY_VERIFY(m_held.has_value());
        QCOMPARE(m_server->inFlight(), 1);
        QSignalSpy idle(m_server.get(), &HttpServer::idle);
        m_server->stopListening();
        QCOMPARE(idle.count(), 0);
        m_held->send(HttpResponse::json(QJsonObject{{QStringLiteral("late"), true}}));
        QTRY_COMPARE(idle.count(), 1);
        QCOMPARE(m_server->inFlight(), 0);
        QVERIFY(QSignalSpy(reply.get(), &QNetworkReply::finished).wait(5000) || reply->isFinished());
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200); // the answer still went out
    }

    void abandonedRequestsAreNotInFlight()
    {
        {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, m_port);
            QVERIFY(socket.waitForConnected(5000));
            socket.write("GET /held HTTP/1.1\r\nHost: x\r\n\r\n");
            QTRY_VERIFY(m_held.has_value());
            QCOMPARE(m_server->inFlight(), 1);
        }
        QTRY_COMPARE(m_server->inFlight(), 0); // the client left: nothing to wait for at shutdown
    }

    void webSocketsOutliveTheBodyLimit()
    {
        // An accepted upgrade carries frames, not requests: the body limit must not cut it off.
        m_server->setMaxBodyBytes(64 * 1024);
        std::vector<std::unique_ptr<QWebSocket>> accepted;
        m_server->webSocketRoute(QStringLiteral("/echo"), {}, [&](std::unique_ptr<QWebSocket> socket) {
            QWebSocket *raw = socket.get();
            connect(raw, &QWebSocket::textMessageReceived, raw, [raw](const QString &text) { raw->sendTextMessage(text); });
            accepted.push_back(std::move(socket));
        });
        QWebSocket client;
        client.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/echo").arg(m_port)));
        QTRY_COMPARE(client.state(), QAbstractSocket::ConnectedState);
        qint64 echoed = 0;
        connect(&client, &QWebSocket::textMessageReceived, this, [&](const QString &text) { echoed += text.size(); });
        const QString frame(16 * 1024, u'x');
        for (int i = 0; i < 128; ++i) // 2 MiB, 32 times the limit
            client.sendTextMessage(frame);
        QTRY_COMPARE_WITH_TIMEOUT(echoed, qint64(128) * frame.size(), 20000);
        QCOMPARE(client.state(), QAbstractSocket::ConnectedState);
        QCOMPARE(m_server->oversizedRequests(), quint64(0));
    }

    void upgradeToAnUnknownPathIsRefused()
    {
        QWebSocket client;
        QSignalSpy closed(&client, &QWebSocket::disconnected);
        client.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/nowhere").arg(m_port)));
        QVERIFY(closed.wait(5000));
        QVERIFY(client.state() != QAbstractSocket::ConnectedState);
        QCOMPARE(request(m_network, m_port, QStringLiteral("/fast")).status, 200);
    }

    void operationsRoutes_data()
    {
        QTest::addColumn<bool>("ready");
        QTest::addColumn<int>("readyStatus");
        QTest::newRow("database answers") << true << 200;
        QTest::newRow("database down") << false << 503;
    }

    void operationsRoutes()
    {
        QFETCH(bool, ready);
        QFETCH(int, readyStatus);
        int probes = 0;
        addOperationsRoutes(*m_server, [&] {
            ++probes;
            return finishedElsewhere(ready ? Result<void>()
                                           : Result<void>(Error{ErrorCode::Unavailable, QStringLiteral("connection refused")}));
        });

        const Reply health = request(m_network, m_port, QStringLiteral("/healthz"));
        QCOMPARE(health.status, 200);
        QCOMPARE(health.json.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
        QCOMPARE(probes, 0); // liveness never touches the database

        const Reply readiness = request(m_network, m_port, QStringLiteral("/readyz"));
        QCOMPARE(readiness.status, readyStatus);
        QCOMPARE(probes, 1);
        if (!ready) {
            const QJsonObject error = readiness.json.value(QStringLiteral("error")).toObject();
            QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("unavailable"));
            QVERIFY(error.value(QStringLiteral("message")).toString().contains(QStringLiteral("connection refused")));
        }
    }
};

QTEST_GUILESS_MAIN(TestHttpServer)
#include "tst_httpserver.moc"
