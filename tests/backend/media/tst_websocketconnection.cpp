// WebSocketConnection on an EpollReactor over real sockets: the server side against a raw peer
// (socketpair, byte-exact), the descriptor hand-over from HttpServer against QWebSocket, our
// client against QWebSocketServer, and many sockets on one reactor.

#include "http/httpserver.h"
#include "media/epollreactor.h"
#include "media/websocketconnection.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

#include <fcntl.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace sb;
using namespace Qt::StringLiterals;

namespace {

/// What a connection told its listener; echoes text back when asked to.
class Recorder final : public WebSocketConnection::Listener
{
public:
    WebSocketConnection *echoTo = nullptr;
    QStringList texts;
    int opened = 0;
    int closed = 0;
    QList<quint16> errors;

    void onWebSocketOpen() override { ++opened; }
    void onWebSocketText(QByteArrayView utf8) override
    {
        texts << QString::fromUtf8(utf8);
        if (echoTo)
            echoTo->sendText(utf8);
    }
    void onWebSocketProtocolError(quint16 code, const char *) override { errors << code; }
    void onWebSocketClosed() override { ++closed; }
};

/// @p size bytes of ASCII text that is not one repeated letter.
QByteArray textOfSize(qsizetype size)
{
    QByteArray text(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        text[i] = char('a' + i % 23);
    return text;
}

/// The client end of a socketpair whose other end a server WebSocketConnection serves.
class RawPeer
{
public:
    RawPeer()
    {
        int fds[2];
        if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
            qFatal("socketpair failed");
        fd = fds[0];
        serverFd = fds[1];
        ::fcntl(serverFd, F_SETFL, O_NONBLOCK);
    }
    ~RawPeer()
    {
        if (fd >= 0)
            ::close(fd);
    }

    void send(const QByteArray &bytes) { QCOMPARE(::send(fd, bytes.constData(), size_t(bytes.size()), 0), bytes.size()); }
    static QByteArray masked(quint8 opcode, QByteArrayView payload)
    {
        QByteArray out;
        WebSocketWriter::appendFrame(out, opcode, payload, 0x0BADF00Du);
        return out;
    }
    /// What the server sent so far, as events ("text:…", "close:code:reason", "eof").
    QStringList received()
    {
        char buffer[65536];
        for (;;) {
            const ssize_t n = ::recv(fd, buffer, sizeof buffer, MSG_DONTWAIT);
            if (n == 0) {
                events << u"eof"_s;
                break;
            }
            if (n < 0)
                break;
            pending.append(buffer, n);
        }
        qsizetype pos = 0;
        for (;;) {
            qsizetype used = 0;
            const auto event = reader.next(pending.data() + pos, pending.size() - pos, used);
            pos += used;
            using Kind = WebSocketReader::Event::Kind;
            if (event.kind == Kind::NeedMore || event.kind == Kind::Error)
                break;
            const QString payload = QString::fromUtf8(event.payload);
            if (event.kind == Kind::Text)
                events.insert(events.size() - (events.endsWith(u"eof"_s) ? 1 : 0), u"text:"_s + payload);
            else if (event.kind == Kind::Pong)
                events.insert(events.size() - (events.endsWith(u"eof"_s) ? 1 : 0), u"pong:"_s + payload);
            else if (event.kind == Kind::Close)
                events.insert(events.size() - (events.endsWith(u"eof"_s) ? 1 : 0),
                              u"close:%1:%2"_s.arg(event.code).arg(payload));
        }
        pending.remove(0, pos);
        return events;
    }

    int fd = -1;
    int serverFd = -1;
    QByteArray pending;
    QStringList events;
    WebSocketReader reader{WebSocketReader::Role::Client, 1 << 20};
};

} // namespace

class TestWebSocketConnection : public QObject
{
    Q_OBJECT

private slots:
    void echoAndPing()
    {
        EpollReactor reactor;
        RawPeer peer;
        Recorder recorder;
        WebSocketConnection connection(reactor, peer.serverFd, 1024, &recorder);
        recorder.echoTo = &connection;
        peer.send(RawPeer::masked(WebSocketCode::Text, "hello") + RawPeer::masked(WebSocketCode::Ping, "abc"));
        reactor.dispatch();
        QCOMPARE(recorder.texts, QStringList{u"hello"_s});
        QCOMPARE(peer.received(), (QStringList{u"text:hello"_s, u"pong:abc"_s}));
        QCOMPARE(reactor.watched(), 1);
    }

    void frameSplitAtEveryByte_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QStringList>("texts");
        QTest::newRow("one text") << RawPeer::masked(WebSocketCode::Text, "{\"event\":\"media\"}")
                                  << QStringList{u"{\"event\":\"media\"}"_s};
        QByteArray fragments;
        fragments.append(char(0x01)); // text, not final
        fragments.append(char(0x82));
        fragments.append("\0\0\0\0ab", 6);
        fragments.append(char(0x80)); // continuation, final
        fragments.append(char(0x81));
        fragments.append("\0\0\0\0c", 5);
        QTest::newRow("fragments") << fragments << QStringList{u"abc"_s};
        QTest::newRow("two texts") << RawPeer::masked(WebSocketCode::Text, "a") + RawPeer::masked(WebSocketCode::Text, "שלום")
                                   << QStringList{u"a"_s, u"שלום"_s};
    }

    void frameSplitAtEveryByte()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QStringList, texts);
        EpollReactor reactor;
        RawPeer peer;
        Recorder recorder;
        WebSocketConnection connection(reactor, peer.serverFd, 1024, &recorder);
        for (char byte : bytes) {
            peer.send(QByteArray(1, byte));
            reactor.dispatch();
        }
        QCOMPARE(recorder.texts, texts);
        QCOMPARE(recorder.closed, 0);
        QVERIFY(connection.isOpen());
    }

    void protocolErrorClosesWithItsCode_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("code");
        QByteArray unmasked;
        WebSocketWriter::appendFrame(unmasked, WebSocketCode::Text, "hi");
        QTest::newRow("unmasked") << unmasked << 1002;
        QTest::newRow("bad opcode") << RawPeer::masked(0x3, "x") << 1002;
        QTest::newRow("oversized") << RawPeer::masked(WebSocketCode::Text, QByteArray(2000, 'x')) << 1009;
        QTest::newRow("not UTF-8") << RawPeer::masked(WebSocketCode::Text, "\xff\xfe") << 1007;
        QTest::newRow("bad close code") << RawPeer::masked(WebSocketCode::Close, "\x03\xed") << 1002;
    }

    void protocolErrorClosesWithItsCode()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, code);
        EpollReactor reactor;
        RawPeer peer;
        Recorder recorder;
        WebSocketConnection connection(reactor, peer.serverFd, 1024, &recorder);
        peer.send(bytes);
        reactor.dispatch();
        QCOMPARE(recorder.errors, QList<quint16>{quint16(code)});
        const QStringList events = peer.received();
        QCOMPARE(events.size(), 1);
        QVERIFY2(events.first().startsWith(u"close:%1:"_s.arg(code)), qPrintable(events.first()));
        QCOMPARE(recorder.closed, 0); // waits for the peer: closing now could reset the connection
        ::shutdown(peer.fd, SHUT_WR);
        reactor.dispatch();
        QCOMPARE(recorder.closed, 1);
        QCOMPARE(int(connection.closeCode()), code);
        QCOMPARE(connection.state(), WebSocketConnection::State::Closed);
        QCOMPARE(reactor.watched(), 0);
    }

    void peerClosesWithCode_data()
    {
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("echoed");
        QTest::newRow("4000 with a reason") << QByteArray("\x0f\xa0" "bye", 5) << 4000 << u"close:4000:"_s;
        QTest::newRow("1000") << QByteArray("\x03\xe8", 2) << 1000 << u"close:1000:"_s;
        QTest::newRow("no code") << QByteArray() << 1005 << u"close:1005:"_s;
    }

    void peerClosesWithCode()
    {
        QFETCH(QByteArray, payload);
        QFETCH(int, code);
        QFETCH(QString, echoed);
        EpollReactor reactor;
        RawPeer peer;
        Recorder recorder;
        WebSocketConnection connection(reactor, peer.serverFd, 1024, &recorder);
        peer.send(RawPeer::masked(WebSocketCode::Close, payload));
        reactor.dispatch();
        QCOMPARE(recorder.closed, 1);
        QCOMPARE(int(connection.closeCode()), code);
        QCOMPARE(peer.received(), (QStringList{echoed, u"eof"_s})); // echoed, then the server hangs up
        connection.sendText("after the close"); // ignored, no crash
        connection.sendTextParts({"after", "the close"});
        QCOMPARE(connection.pendingOutput(), 0);
    }

    void serverSendsOneFrameFromParts()
    {
        // Unmasked, each header length at its limits, one text message per call.
        EpollReactor reactor;
        RawPeer peer;
        Recorder recorder;
        WebSocketConnection connection(reactor, peer.serverFd, 1024, &recorder);
        QStringList expected;
        for (const qsizetype size : {0, 125, 126, 65'535, 65'536}) {
            const QByteArray payload = textOfSize(size);
            const qsizetype cut = size / 3;
            connection.sendTextParts({payload.first(cut), QByteArrayView(), payload.sliced(cut)});
            expected << u"text:"_s + QString::fromUtf8(payload);
        }
        QTRY_COMPARE(peer.received(), expected);
        QCOMPARE(recorder.closed, 0);
    }

    void peerVanishesWithoutClose()
    {
        EpollReactor reactor;
        auto peer = std::make_unique<RawPeer>();
        Recorder recorder;
        WebSocketConnection connection(reactor, peer->serverFd, 1024, &recorder);
        peer.reset();
        reactor.dispatch();
        QCOMPARE(recorder.closed, 1);
        QCOMPARE(int(connection.closeCode()), int(WebSocketCode::Abnormal));
    }

    void lastFrameThenGoneInOneEdge()
    {
        // A frame and the peer's end arrive before the reactor looks: one edge carries both, and
        // no other follows, so reading stops only at the end (not at the short read).
        EpollReactor reactor;
        auto peer = std::make_unique<RawPeer>();
        Recorder recorder;
        WebSocketConnection connection(reactor, peer->serverFd, 1024, &recorder);
        peer->send(RawPeer::masked(WebSocketCode::Text, "last words"));
        peer.reset();
        reactor.dispatch();
        QCOMPARE(recorder.texts, QStringList{u"last words"_s});
        QCOMPARE(recorder.closed, 1);
    }

    void ourCloseWaitsForThePeerThenGivesUp()
    {
        EpollReactor reactor;
        RawPeer peer;
        Recorder recorder;
        WebSocketConnection connection(reactor, peer.serverFd, 1024, &recorder);
        connection.close(WebSocketCode::PolicyViolation, "unknown call", 1000);
        QCOMPARE(peer.received(), QStringList{}); // sent from the event loop, not inside close()
        QTRY_COMPARE(peer.received(), QStringList{u"close:1008:unknown call"_s});
        QCOMPARE(recorder.closed, 0);
        QTRY_COMPARE(recorder.closed, 1); // the peer never answered
        QCOMPARE(int(connection.closeCode()), 1008);
        QCOMPARE(peer.received(), (QStringList{u"close:1008:unknown call"_s, u"eof"_s}));
    }

    void ourCloseAnswered()
    {
        EpollReactor reactor;
        RawPeer peer;
        Recorder recorder;
        WebSocketConnection connection(reactor, peer.serverFd, 1024, &recorder);
        connection.close(WebSocketCode::Normal, "done");
        peer.send(RawPeer::masked(WebSocketCode::Text, "late") + RawPeer::masked(WebSocketCode::Close, "\x03\xe8"));
        reactor.dispatch();
        QCOMPARE(recorder.closed, 1);
        QCOMPARE(recorder.texts, QStringList{}); // nothing delivered once closing
        QCOMPARE(int(connection.closeCode()), 1000);
    }

    void peerThatStopsReadingIsDropped()
    {
        EpollReactor reactor;
        RawPeer peer; // never reads
        Recorder recorder;
        WebSocketConnection connection(reactor, peer.serverFd, 1024, &recorder);
        const QByteArray frame(60'000, 'x');
        for (int i = 0; i < 400; ++i) // 24 MB
            connection.sendText(frame);
        QCOMPARE(recorder.closed, 0); // not from inside the sender's call
        QVERIFY(connection.pendingOutput() <= WebSocketConnection::kMaxPendingOutput + 2 * frame.size());
        QTRY_COMPARE(recorder.closed, 1);
        QVERIFY2(connection.errorString().contains(u"stopped reading"_s), qPrintable(connection.errorString()));
        QCOMPARE(reactor.watched(), 0);
    }

    void watcherRemovedDuringABatchIsNotCalled()
    {
        // Two readable descriptors in one batch; whichever watcher runs first removes the other,
        // which must then not be called (in the media path: a session ending another's socket).
        struct Watcher final : EpollReactor::Watcher
        {
            EpollReactor *reactor = nullptr;
            Watcher *other = nullptr;
            int fd = -1;
            int calls = 0;
            void onEpollEvents(quint32) override
            {
                ++calls;
                reactor->remove(other->fd, other);
                reactor->remove(fd, this);
            }
        };
        EpollReactor reactor;
        int a[2];
        int b[2];
        QCOMPARE(::pipe(a), 0);
        QCOMPARE(::pipe(b), 0);
        Watcher first;
        Watcher second;
        first.reactor = second.reactor = &reactor;
        first.other = &second;
        second.other = &first;
        first.fd = a[0];
        second.fd = b[0];
        QVERIFY(reactor.add(a[0], &first, EPOLLIN));
        QVERIFY(reactor.add(b[0], &second, EPOLLIN));
        QCOMPARE(::write(a[1], "x", 1), 1);
        QCOMPARE(::write(b[1], "x", 1), 1);
        reactor.dispatch();
        QCOMPARE(first.calls + second.calls, 1);
        QCOMPARE(reactor.watched(), 0);
        for (int fd : {a[0], a[1], b[0], b[1]})
            ::close(fd);
    }

    void abortIsSilent()
    {
        EpollReactor reactor;
        RawPeer peer;
        Recorder recorder;
        WebSocketConnection connection(reactor, peer.serverFd, 1024, &recorder);
        connection.abort();
        QCOMPARE(recorder.closed, 0);
        QCOMPARE(reactor.watched(), 0);
        QCOMPARE(peer.received(), QStringList{u"eof"_s});
    }

    void handOverFromHttpServer()
    {
        // The descriptor leaves Qt after the gate accepted: Qt closing its own copy must not end it.
        HttpServer http;
        auto port = http.listen(QHostAddress::LocalHost, 0);
        QVERIFY(port);
        EpollReactor reactor;
        Recorder recorder;
        std::unique_ptr<WebSocketConnection> served;
        http.webSocketDescriptorRoute(
            u"/echo"_s,
            [](const HttpRequest &request) -> std::optional<HttpResponse> {
                if (request.header("X-Allow") != "yes")
                    return HttpResponse::error({ErrorCode::Forbidden, u"no"_s});
                return std::nullopt;
            },
            [&](int descriptor, const HttpRequest &request) {
                const QByteArray answer = WebSocketHandshake::serverAnswer(request.header("Sec-WebSocket-Key"));
                QCOMPARE(::send(descriptor, answer.constData(), size_t(answer.size()), MSG_NOSIGNAL), answer.size());
                served = std::make_unique<WebSocketConnection>(reactor, descriptor, 1 << 20, &recorder);
                recorder.echoTo = served.get();
            });

        QWebSocket refused;
        QNetworkRequest refusedRequest(QUrl(u"ws://127.0.0.1:%1/echo"_s.arg(port.value())));
        QSignalSpy refusedGone(&refused, &QWebSocket::disconnected);
        refused.open(refusedRequest);
        QVERIFY(refusedGone.wait(5000));
        QVERIFY(!served);

        QWebSocket client;
        QNetworkRequest request(QUrl(u"ws://127.0.0.1:%1/echo"_s.arg(port.value())));
        request.setRawHeader("X-Allow", "yes");
        QStringList echoed;
        connect(&client, &QWebSocket::textMessageReceived, this, [&](const QString &text) { echoed << text; });
        client.open(request);
        QTRY_COMPARE(client.state(), QAbstractSocket::ConnectedState);
        QVERIFY(served);
        for (int i = 0; i < 20; ++i)
            client.sendTextMessage(u"frame %1 שלום"_s.arg(i));
        QTRY_COMPARE(echoed.size(), 20);
        QCOMPARE(echoed.last(), u"frame 19 שלום"_s);
        QCOMPARE(client.state(), QAbstractSocket::ConnectedState);
        QSignalSpy gone(&client, &QWebSocket::disconnected);
        client.close(QWebSocketProtocol::CloseCodeGoingAway, u"bye"_s);
        QTRY_COMPARE(recorder.closed, 1);
        QCOMPARE(int(served->closeCode()), 1001);
        QTRY_COMPARE(gone.size(), 1);
    }

    void clientAgainstQtServer()
    {
        QWebSocketServer server(u"fake"_s, QWebSocketServer::NonSecureMode);
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        QWebSocket *accepted = nullptr;
        QStringList serverGot;
        connect(&server, &QWebSocketServer::newConnection, this, [&] {
            accepted = server.nextPendingConnection();
            connect(accepted, &QWebSocket::textMessageReceived, this, [&](const QString &text) {
                serverGot << text;
                accepted->sendTextMessage(u"re: "_s + text);
            });
        });
        EpollReactor reactor;
        Recorder recorder;
        WebSocketConnection client(reactor, 1 << 20, &recorder);
        client.connectTo(QHostAddress::LocalHost, server.serverPort(), "127.0.0.1", "/v1/realtime?model=x",
                         {"Authorization: Bearer sk-test"});
        QTRY_COMPARE(recorder.opened, 1);
        QTRY_VERIFY(accepted);
        QCOMPARE(accepted->request().rawHeader("Authorization"), QByteArray("Bearer sk-test"));
        QCOMPARE(accepted->requestUrl().path(), u"/v1/realtime"_s);
        client.sendText(u"hello שלום"_s.toUtf8());
        client.sendText(QByteArray(70'000, 'x')); // a 64-bit length, masked
        QTRY_COMPARE(recorder.texts.size(), 2);
        QCOMPARE(serverGot.first(), u"hello שלום"_s);
        QCOMPARE(serverGot.last().size(), 70'000);
        QCOMPARE(recorder.texts.first(), u"re: hello שלום"_s);
        QSignalSpy serverGone(accepted, &QWebSocket::disconnected);
        client.close(WebSocketCode::Normal, "call ended");
        QTRY_COMPARE(serverGone.size(), 1);
        QCOMPARE(accepted->closeCode(), QWebSocketProtocol::CloseCodeNormal);
        QTRY_COMPARE(recorder.closed, 1);
        QCOMPARE(client.errorString(), QString());
    }

    void clientSendsOneMaskedFrameFromParts()
    {
        // Masked with a fresh key per frame, each header length at its limits, a letter split
        // across two parts: Qt's server reads each as one message.
        QWebSocketServer server(u"fake"_s, QWebSocketServer::NonSecureMode);
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        QStringList serverGot;
        connect(&server, &QWebSocketServer::newConnection, this, [&] {
            QWebSocket *accepted = server.nextPendingConnection();
            connect(accepted, &QWebSocket::textMessageReceived, this, [&](const QString &text) { serverGot << text; });
        });
        EpollReactor reactor;
        Recorder recorder;
        WebSocketConnection client(reactor, 1 << 20, &recorder);
        client.connectTo(QHostAddress::LocalHost, server.serverPort(), "127.0.0.1", "/", {});
        QTRY_COMPARE(recorder.opened, 1);
        QStringList expected;
        for (const qsizetype size : {0, 1, 125, 126, 65'535, 65'536}) {
            const QByteArray payload = textOfSize(size);
            const qsizetype cut = size / 3;
            client.sendTextParts({payload.first(cut), payload.sliced(cut, (size - cut) / 2),
                                  payload.sliced(cut + (size - cut) / 2)});
            expected << QString::fromUtf8(payload);
        }
        const QByteArray hebrew = u"שלום"_s.toUtf8();
        client.sendTextParts({"{\"t\":\"", hebrew.first(3), hebrew.sliced(3), "\"}"});
        expected << u"{\"t\":\"שלום\"}"_s;
        QTRY_COMPARE(serverGot.size(), expected.size());
        QCOMPARE(serverGot, expected);
        QCOMPARE(recorder.closed, 0);
    }

    void clientFailures_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("nothing listens") << u"refused"_s;
        QTest::newRow("plain HTTP server") << u"http"_s;
    }

    void clientFailures()
    {
        QFETCH(QString, kind);
        quint16 port = 0;
        HttpServer http;
        if (kind == u"refused") {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            port = probe.serverPort();
        } else {
            auto listening = http.listen(QHostAddress::LocalHost, 0);
            QVERIFY(listening);
            port = listening.value();
        }
        EpollReactor reactor;
        Recorder recorder;
        WebSocketConnection client(reactor, 1024, &recorder);
        client.connectTo(QHostAddress::LocalHost, port, "127.0.0.1", "/v1/realtime", {});
        QTRY_COMPARE(recorder.closed, 1);
        QCOMPARE(recorder.opened, 0);
        QVERIFY(!client.errorString().isEmpty());
        QCOMPARE(reactor.watched(), 0);
    }

    void manySocketsOnOneReactor()
    {
        // Our client and our server, both ends on one reactor, through the HttpServer hand-over.
        constexpr int kSockets = 300;
        HttpServer http;
        auto port = http.listen(QHostAddress::LocalHost, 0);
        QVERIFY(port);
        EpollReactor reactor;
        std::vector<std::unique_ptr<Recorder>> serverRecorders;
        std::vector<std::unique_ptr<WebSocketConnection>> served;
        http.webSocketDescriptorRoute(
            u"/echo"_s, [](const HttpRequest &) { return std::optional<HttpResponse>(); },
            [&](int descriptor, const HttpRequest &request) {
                const QByteArray answer = WebSocketHandshake::serverAnswer(request.header("Sec-WebSocket-Key"));
                (void)::send(descriptor, answer.constData(), size_t(answer.size()), MSG_NOSIGNAL);
                serverRecorders.push_back(std::make_unique<Recorder>());
                served.push_back(std::make_unique<WebSocketConnection>(reactor, descriptor, 1024,
                                                                       serverRecorders.back().get()));
                serverRecorders.back()->echoTo = served.back().get();
            });
        std::vector<std::unique_ptr<Recorder>> recorders;
        std::vector<std::unique_ptr<WebSocketConnection>> clients;
        for (int i = 0; i < kSockets; ++i) {
            recorders.push_back(std::make_unique<Recorder>());
            clients.push_back(std::make_unique<WebSocketConnection>(reactor, 1024, recorders.back().get()));
            clients.back()->connectTo(QHostAddress::LocalHost, port.value(), "127.0.0.1", "/echo", {});
        }
        const auto allOpen = [&] {
            return std::all_of(recorders.begin(), recorders.end(), [](const auto &r) { return r->opened == 1; });
        };
        QTRY_VERIFY_WITH_TIMEOUT(allOpen(), 20000);
        for (int round = 0; round < 3; ++round) {
            for (int i = 0; i < kSockets; ++i)
                clients[size_t(i)]->sendText(u"%1/%2"_s.arg(i).arg(round).toUtf8());
        }
        const auto allEchoed = [&] {
            return std::all_of(recorders.begin(), recorders.end(), [](const auto &r) { return r->texts.size() == 3; });
        };
        QTRY_VERIFY_WITH_TIMEOUT(allEchoed(), 20000);
        for (int i = 0; i < kSockets; ++i)
            QCOMPARE(recorders[size_t(i)]->texts, (QStringList{u"%1/0"_s.arg(i), u"%1/1"_s.arg(i), u"%1/2"_s.arg(i)}));
        QCOMPARE(reactor.watched(), 2 * kSockets);
        for (auto &client : clients)
            client->close(WebSocketCode::Normal, {});
        const auto allClosed = [&] {
            return std::all_of(recorders.begin(), recorders.end(), [](const auto &r) { return r->closed == 1; })
                   && std::all_of(serverRecorders.begin(), serverRecorders.end(),
                                  [](const auto &r) { return r->closed == 1; });
        };
        QTRY_VERIFY_WITH_TIMEOUT(allClosed(), 20000);
        QCOMPARE(reactor.watched(), 0);
    }
};

QTEST_GUILESS_MAIN(TestWebSocketConnection)
#include "tst_websocketconnection.moc"
