// The live hub on /console: snapshot then deltas, revisions, the handshake, subscriptions, a slow
// console, and (PostgreSQL) a console on one instance seeing calls written by another.

#include "http/apitokens.h"
#include "http/httpserver.h"
#include "httpclient.h"
#include "live/livehub.h"
#include "storage/callcreation.h"
#include "storage/calllifecycle.h"
#include "storage/dedupdecisions.h"
#include "storage/storage.h"
#include "storage/storagedetail.h"
#include "storage/transcripts.h"
#include "testdatabase.h"

#include "shared/livemessages.h"

#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QWebSocket>
#include <QtEndian>

using namespace sb;
using namespace sb::test;
using namespace Qt::StringLiterals;

namespace {

constexpr auto kViewer = "viewer-token";

/// One backend instance: storage, an HTTP server on port 0 and the hub.
struct Instance
{
    std::unique_ptr<Storage> storage;
    std::unique_ptr<HttpServer> http;
    std::unique_ptr<LiveHub> hub;
    quint16 port = 0;

    QUrl url(const QString &scheme = u"ws"_s) const
    {
        return QUrl(scheme + u"://127.0.0.1:"_s + QString::number(port) + u"/console"_s);
    }
};

ApiTokens tokens()
{
    static const ApiTokens parsed = *ApiTokens::parse(u"viewer:viewer-token,admin:admin-token"_s);
    return parsed;
}

/// A console as a test sees it: every decoded message, in order.
class TestConsole : public QObject
{
public:
    explicit TestConsole(const QUrl &url, const QByteArray &token = kViewer)
    {
        connect(&socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
            auto message = live::decode(text.toUtf8());
            if (!message)
                qFatal("undecodable message: %s", qPrintable(message.error().message));
            messages.append(std::move(message).value());
        });
        QNetworkRequest request(url);
        if (!token.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + token);
        socket.open(request);
    }

    template <typename T>
    QList<T> all() const
    {
        QList<T> found;
        for (const live::Message &message : messages) {
            if (const auto *typed = std::get_if<T>(&message))
                found.append(*typed);
        }
        return found;
    }
    template <typename T>
    int count() const { return int(all<T>().size()); }

    bool hasCallWithSid(const QString &sid, CallStatus status) const
    {
        for (const live::CallChanged &changed : all<live::CallChanged>()) {
            if (changed.call.callSid == sid && changed.call.status == status)
                return true;
        }
        return false;
    }

    /// The calls this console knows of: its latest snapshot's and every delta's since.
    QSet<qint64> knownCalls() const
    {
        QSet<qint64> known;
        for (const live::Message &message : messages) {
            if (const auto *snapshot = std::get_if<live::Snapshot>(&message)) {
                known.clear();
                for (const Call &call : snapshot->calls)
                    known.insert(call.id);
            } else if (const auto *changed = std::get_if<live::CallChanged>(&message)) {
                known.insert(changed->call.id);
            }
        }
        return known;
    }

    void send(const live::Message &message) { socket.sendTextMessage(QString::fromUtf8(live::encode(message))); }

    QWebSocket socket;
    QList<live::Message> messages;
};

qint64 revisionOf(const live::Message &message)
{
    return std::visit(
        [](const auto &m) -> qint64 {
            if constexpr (requires { m.revision; })
                return m.revision;
            else
                return -1;
        },
        message);
}

QString newSid()
{
    static int counter = 0;
    return u"CA%1"_s.arg(++counter, 32, 10, QChar(u'0'));
}

Call createCall(Storage &storage, const QString &sid, qint64 businessId = 1)
{
    return storage.runBlocking([sid, businessId](StorageSession &session) {
        InboundCall inbound;
        inbound.callSid = sid;
        inbound.to = u"+97235551234"_s;
        inbound.from = u"+972501234567"_s;
        inbound.businessId = businessId;
        auto created = CallCreation(session).createInbound(inbound);
        if (!created)
            qFatal("createInbound: %s", qPrintable(created.error().message));
        return created->call;
    });
}

/// Creates @p count calls in one transaction (one batch of changes for the hub).
void createCalls(Storage &storage, int count)
{
    QStringList sids;
    for (int i = 0; i < count; ++i)
        sids << newSid();
    const bool ok = storage.runBlocking([sids](StorageSession &session) {
        auto transaction = Transaction::begin(session);
        for (const QString &sid : sids) {
            InboundCall inbound;
            inbound.callSid = sid;
            inbound.to = u"+97235551234"_s;
            inbound.from = u"+972501234567"_s;
            if (!CallCreation(session).createInbound(inbound))
                return false;
        }
        return bool(transaction.value().commit());
    });
    QVERIFY(ok);
}

void appendEvent(Storage &storage, qint64 callId, const QString &kind, const QJsonObject &detail)
{
    const bool ok = storage.runBlocking([=](StorageSession &session) {
        auto locked = detail::beginWriteOnCall(session, callId);
        if (!locked || !detail::appendEvent(session, locked->call, kind, u"test"_s, detail))
            return false;
        return bool(locked.value().transaction.commit());
    });
    QVERIFY(ok);
}

/// Reads server → client WebSocket messages from raw bytes (unmasked frames; a large message
/// comes in several, collected in @p partial until the final one).
QList<QByteArray> parseMessages(QByteArray &buffer, QByteArray &partial)
{
    QList<QByteArray> frames;
    for (;;) {
        if (buffer.size() < 2)
            return frames;
        const auto *data = reinterpret_cast<const uchar *>(buffer.constData());
        qint64 length = data[1] & 0x7f;
        qsizetype header = 2;
        if (length == 126) {
            if (buffer.size() < 4)
                return frames;
            length = qFromBigEndian<quint16>(data + 2);
            header = 4;
        } else if (length == 127) {
            if (buffer.size() < 10)
                return frames;
            length = qint64(qFromBigEndian<quint64>(data + 2));
            header = 10;
        }
        if (buffer.size() < header + length)
            return frames;
        partial.append(buffer.mid(header, length));
        if (data[0] & 0x80)
            frames.append(std::exchange(partial, {}));
        buffer.remove(0, header + length);
    }
}

} // namespace

class TestLiveHub : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_database;
    QString m_url;
    std::unique_ptr<Instance> m_a;

    std::unique_ptr<Instance> startInstance(const QString &url, LiveSettings settings = {})
    {
        auto instance = std::make_unique<Instance>();
        auto storage = Storage::open(*DatabaseUrl::parse(url));
        if (!storage)
            qFatal("%s", qPrintable(storage.error().message));
        instance->storage = std::move(storage).value();
        instance->http = std::make_unique<HttpServer>();
        instance->port = *instance->http->listen(QHostAddress::LocalHost, 0);
        static const ApiTokens apiTokens = tokens();
        instance->hub = std::make_unique<LiveHub>(*instance->http, *instance->storage, apiTokens, settings);
        if (!instance->hub->isReady() && !QSignalSpy(instance->hub.get(), &LiveHub::ready).wait(10000))
            qFatal("the hub did not load");
        return instance;
    }

private slots:
    void initTestCase()
    {
        auto database = TestDatabase::fromEnvironment();
        QVERIFY2(database.ok(), database.ok() ? "" : qPrintable(database.error().message));
        m_database = std::move(database).value();
    }

    void init()
    {
        auto url = m_database->fresh();
        QVERIFY2(url.ok(), url.ok() ? "" : qPrintable(url.error().message));
        m_url = *url;
        m_a = startInstance(m_url);
    }

    void cleanup() { m_a.reset(); }

    void snapshotThenDeltasInRevisionOrder()
    {
        const Call first = createCall(*m_a->storage, newSid());
        const Call second = createCall(*m_a->storage, newSid());
        QTRY_COMPARE(m_a->hub->cachedCalls(), 2);

        TestConsole console(m_a->url());
        QTRY_COMPARE(console.messages.size(), 1);
        const auto snapshot = std::get<live::Snapshot>(console.messages.first());
        QCOMPARE(snapshot.role, u"viewer"_s);
        QCOMPARE(snapshot.calls.size(), 2);
        QCOMPARE(snapshot.calls.at(0).id, second.id); // newest first
        QCOMPARE(snapshot.calls.at(1).callSid, first.callSid);
        QVERIFY(snapshot.calls.at(0).transcription.isEmpty());
        QCOMPARE(snapshot.businesses.value(u"1"_s).toString(), u"Default"_s);

        const QString sid = newSid();
        createCall(*m_a->storage, sid);
        for (int i = 0; i < 5; ++i) {
            const bool ok = m_a->storage->runBlocking([&](StorageSession &session) {
                return bool(RealtimeTranscript(session).appendTranscriptLine(sid, u"caller"_s, u"line %1"_s.arg(i)));
            });
            QVERIFY(ok);
        }
        QTRY_VERIFY(console.hasCallWithSid(sid, CallStatus::Ringing));
        QTRY_COMPARE(m_a->hub->revision(), revisionOf(console.messages.last()));

        qint64 previous = snapshot.revision;
        for (qsizetype i = 1; i < console.messages.size(); ++i) {
            const qint64 revision = revisionOf(console.messages.at(i));
            QVERIFY2(revision > previous, qPrintable(u"message %1: revision %2 after %3"_s.arg(i).arg(revision).arg(previous)));
            previous = revision;
        }
        // Timeline events go only to consoles that subscribed to the call; summaries carry no transcript.
        QCOMPARE(console.count<live::EventAppended>(), 0);
        for (const auto &changed : console.all<live::CallChanged>()) {
            QVERIFY(changed.call.transcription.isEmpty());
            QCOMPARE(changed.businessName, u"Default"_s);
        }
    }

    void handshakeRefusesBadTokens_data()
    {
        QTest::addColumn<QByteArray>("authorization");
        QTest::addColumn<int>("status");
        QTest::newRow("no header") << QByteArray() << 401;
        QTest::newRow("unknown token") << QByteArray("Bearer not-a-token") << 401;
        QTest::newRow("not bearer") << QByteArray("Basic dmlld2VyOnZpZXdlcg==") << 401;
        QTest::newRow("valid token, plain GET") << QByteArray("Bearer viewer-token") << 426;
    }

    void handshakeRefusesBadTokens()
    {
        QFETCH(QByteArray, authorization);
        QFETCH(int, status);
        // A plain GET gets the refusal the handshake gets, as JSON.
        QNetworkAccessManager network;
        HeaderList headers;
        if (!authorization.isEmpty())
            headers.append({"Authorization", authorization});
        const HttpReply reply = sendRequest(network, "GET", m_a->url(u"http"_s), {}, headers);
        QCOMPARE(reply.status, status);
        QVERIFY(reply.json().contains(u"error"_s));

        QWebSocket socket;
        QNetworkRequest request(m_a->url());
        if (!authorization.isEmpty())
            request.setRawHeader("Authorization", authorization);
        QSignalSpy connected(&socket, &QWebSocket::connected);
        QSignalSpy failed(&socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error));
        socket.open(request);
        if (status == 426) {
            QVERIFY(connected.wait(5000));
        } else {
            QVERIFY(failed.wait(5000));
            QCOMPARE(connected.size(), 0);
            QCOMPARE(m_a->hub->connectionCount(), 0);
        }
    }

    void subscribeGivesHistoryThenThatCallsEvents()
    {
        const QString sid = newSid();
        const Call call = createCall(*m_a->storage, sid);
        const Call other = createCall(*m_a->storage, newSid());
        // Once published, their creation events are history, not live events of the subscription.
        QTRY_COMPARE(m_a->hub->cachedCalls(), 2);
        TestConsole console(m_a->url());
        QTRY_COMPARE(console.count<live::Snapshot>(), 1);

        console.send(live::Subscribe{call.id, {}});
        QTRY_COMPARE(console.count<live::History>(), 1);
        const live::History history = console.all<live::History>().first();
        QCOMPARE(history.call.callSid, sid);
        QVERIFY(!history.events.isEmpty());
        QCOMPARE(history.events.first().kind, u"created"_s);

        appendEvent(*m_a->storage, other.id, u"note"_s, {});
        const bool ok = m_a->storage->runBlocking([&](StorageSession &session) {
            return bool(RealtimeTranscript(session).appendTranscriptLine(sid, u"caller"_s, u"hello there"_s));
        });
        QVERIFY(ok);
        QTRY_COMPARE(console.count<live::EventAppended>(), 1);
        const CallEvent event = console.all<live::EventAppended>().first().event;
        QCOMPARE(event.callId, call.id);
        QCOMPARE(event.kind, u"transcript_line"_s);
        QCOMPARE(event.detail.value(u"text"_s).toString(), u"hello there"_s);

        // By CallSid too; an unknown call is an error message, and the socket stays open.
        console.send(live::Subscribe{0, other.callSid});
        QTRY_COMPARE(console.count<live::History>(), 2);
        console.send(live::Subscribe{0, newSid()});
        QTRY_COMPARE(console.count<live::ErrorMessage>(), 1);
        QCOMPARE(console.all<live::ErrorMessage>().first().code, u"not_found"_s);

        console.send(live::Unsubscribe{call.id});
        console.send(live::Unsubscribe{other.id});
        QTRY_COMPARE(console.socket.state(), QAbstractSocket::ConnectedState);
        appendEvent(*m_a->storage, call.id, u"note"_s, {});
        QTRY_VERIFY(console.count<live::CallChanged>() >= 2);
        QCOMPARE(console.count<live::EventAppended>(), 1);
    }

    void jobDedupAndAlertDeltas()
    {
        const Call call = createCall(*m_a->storage, newSid());
        TestConsole console(m_a->url());
        QTRY_COMPARE(console.count<live::Snapshot>(), 1);

        const QJsonObject job{{u"id"_s, 7}, {u"call_id"_s, call.id}, {u"state"_s, u"running"_s}};
        appendEvent(*m_a->storage, call.id, u"job_changed"_s, job);
        QTRY_COMPARE(console.count<live::JobChanged>(), 1);
        QCOMPARE(console.all<live::JobChanged>().first().job, job);

        const bool recorded = m_a->storage->runBlocking([&](StorageSession &session) {
            DedupDecision decision;
            decision.businessId = 1;
            decision.number = u"+97235551234"_s;
            decision.layer = DedupLayer::Memory;
            decision.outcome = u"duplicate"_s;
            decision.callId = call.id;
            return bool(DedupDecisions(session).record(decision));
        });
        QVERIFY(recorded);
        QTRY_COMPARE(console.count<live::DedupDecided>(), 1);
        const QJsonObject decision = console.all<live::DedupDecided>().first().decision;
        QCOMPARE(decision.value(u"layer"_s).toString(), u"memory"_s);
        QCOMPARE(decision.value(u"call_id"_s).toInteger(), call.id);

        const QJsonArray alerts{QJsonObject{{u"key"_s, u"high_bucket_share"_s}, {u"severity"_s, u"warning"_s},
                                            {u"message"_s, u"many HIGH calls"_s}, {u"action"_s, u"check streams"_s},
                                            {u"value"_s, 0.4}, {u"threshold"_s, 0.2}}};
        m_a->hub->setAlerts(alerts);
        m_a->hub->setAlerts(alerts); // unchanged: not sent again
        QTRY_COMPARE(console.count<live::AlertsChanged>(), 1);
        QCOMPARE(console.all<live::AlertsChanged>().first().alerts, alerts);

        TestConsole later(m_a->url());
        QTRY_COMPARE(later.count<live::Snapshot>(), 1);
        QCOMPARE(later.all<live::Snapshot>().first().alerts, alerts);
    }

    void badConsoleMessagesGetErrors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not JSON") << u"{"_s << u"not JSON"_s;
        QTest::newRow("unknown type") << u"{\"type\":\"launch\",\"version\":1}"_s << u"unknown type"_s;
        QTest::newRow("other version") << u"{\"type\":\"subscribe\",\"version\":2,\"call_id\":1}"_s << u"version 2"_s;
        QTest::newRow("subscribe without a call") << u"{\"type\":\"subscribe\",\"version\":1}"_s << u"call_id or call_sid"_s;
        QTest::newRow("a backend message") << u"{\"type\":\"alert\",\"version\":1,\"revision\":1,\"alerts\":[]}"_s
                                           << u"not alert"_s;
    }

    void badConsoleMessagesGetErrors()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        TestConsole console(m_a->url());
        QTRY_COMPARE(console.count<live::Snapshot>(), 1);
        console.socket.sendTextMessage(text);
        QTRY_COMPARE(console.count<live::ErrorMessage>(), 1);
        const auto error = console.all<live::ErrorMessage>().first();
        QVERIFY2(error.message.contains(expected), qPrintable(error.message));
        QCOMPARE(console.socket.state(), QAbstractSocket::ConnectedState);
    }

    void finishedCallsAreTrimmedLiveOnesStay()
    {
        LiveSettings settings;
        settings.recentCalls = 20; // trimmed once 2 (a tenth) finished calls can go
        m_a.reset();
        m_a = startInstance(m_url, settings);
        QList<Call> calls;
        for (int i = 0; i < 25; ++i)
            calls << createCall(*m_a->storage, newSid());
        QTRY_COMPARE(m_a->hub->cachedCalls(), 25); // live calls stay, however many
        const auto finish = [&](const Call &call) {
            const bool ok = m_a->storage->runBlocking([sid = call.callSid](StorageSession &session) {
                return CallLifecycle(session).applyStatus(sid, {{CallStatus::Completed, 9}, 30, {}}).ok();
            });
            QVERIFY(ok);
        };
        QSignalSpy published(m_a->hub.get(), &LiveHub::changesPublished);
        finish(calls.at(3));
        QTRY_VERIFY(!published.isEmpty());
        QCOMPARE(m_a->hub->cachedCalls(), 25); // one finished call is not worth a pass over the cache
        finish(calls.at(1));
        QTRY_COMPARE(m_a->hub->cachedCalls(), 23);

        TestConsole console(m_a->url());
        QTRY_COMPARE(console.count<live::Snapshot>(), 1);
        const auto snapshot = std::get<live::Snapshot>(console.messages.first());
        QCOMPARE(snapshot.calls.size(), 23);
        for (const Call &call : snapshot.calls)
            QVERIFY2(!isFinal(call.status), qPrintable(call.callSid)); // the finished ones went, the live ones stayed
    }

    void slowConsoleGetsAFreshSnapshotAndSlowsNobody()
    {
        LiveSettings settings;
        settings.limits.inFlightBytes = 16 * 1024;
        settings.limits.queuedMessages = 100;
        m_a.reset();
        m_a = startInstance(m_url, settings);

        // The slow console: a raw socket that completes the handshake, then stops reading.
        QTcpSocket slow;
        slow.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 4096);
        slow.connectToHost(QHostAddress::LocalHost, m_a->port);
        QVERIFY(slow.waitForConnected(5000));
        slow.write("GET /console HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                   "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                   "Authorization: Bearer viewer-token\r\n\r\n");
        QByteArray received;
        QByteArray partial;
        QTRY_VERIFY(received.append(slow.readAll()).contains("\r\n\r\n"));
        QVERIFY(received.startsWith("HTTP/1.1 101"));
        received.remove(0, received.indexOf("\r\n\r\n") + 4);
        slow.setReadBufferSize(4096); // stop taking data from the kernel

        TestConsole fast(m_a->url());
        QTRY_COMPARE(fast.count<live::Snapshot>(), 1);

        for (int batch = 0; batch < 4; ++batch)
            createCalls(*m_a->storage, 2000);
        // The fast console knows every call while the slow one is stuck (bursts larger than the
        // queue resynchronise it too); the hub dropped the slow one's queue.
        QTRY_COMPARE_WITH_TIMEOUT(fast.knownCalls().size(), 8000, 30000);
        QTRY_VERIFY(m_a->hub->resyncs() >= 1);

        // Reading again, the slow console gets a fresh snapshot that holds every call.
        slow.setReadBufferSize(0);
        int snapshots = 0;
        QSet<qint64> callsSeen;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                received.append(slow.readAll());
                for (const QByteArray &frame : parseMessages(received, partial)) {
                    auto message = live::decode(frame);
                    if (!message)
                        continue; // a close or ping frame
                    if (const auto *snapshot = std::get_if<live::Snapshot>(&message.value())) {
                        ++snapshots;
                        callsSeen.clear();
                        for (const Call &call : snapshot->calls)
                            callsSeen.insert(call.id);
                    } else if (const auto *changed = std::get_if<live::CallChanged>(&message.value())) {
                        callsSeen.insert(changed->call.id);
                    }
                }
                return snapshots >= 2 && callsSeen.size() == 8000;
            }(),
            30000);
    }

    void consoleOnOneInstanceSeesAnothersCalls()
    {
        if (!m_database->isPostgres())
            QSKIP("several instances share PostgreSQL only; SQLite is one instance");
        auto b = startInstance(m_url);
        QSignalSpy listening(m_a->hub.get(), &LiveHub::listeningToOtherInstances);
        TestConsole onA(m_a->url());
        QTRY_COMPARE(onA.count<live::Snapshot>(), 1);

        const QString sid = newSid();
        const Call call = createCall(*b->storage, sid);
        QTRY_VERIFY_WITH_TIMEOUT(onA.hasCallWithSid(sid, CallStatus::Ringing), 1000);
        onA.send(live::Subscribe{call.id, {}});
        QTRY_COMPARE(onA.count<live::History>(), 1);
        const bool ok = b->storage->runBlocking([&](StorageSession &session) {
            return bool(RealtimeTranscript(session).appendTranscriptLine(sid, u"agent"_s, u"shalom"_s));
        });
        QVERIFY(ok);
        QTRY_COMPARE_WITH_TIMEOUT(onA.count<live::EventAppended>(), 1, 1000);
        QCOMPARE(onA.all<live::EventAppended>().first().event.detail.value(u"text"_s).toString(), u"shalom"_s);
        // Instance A's own writes reach its console as well.
        createCall(*m_a->storage, newSid());
        QTRY_COMPARE(onA.count<live::CallChanged>(), 3);
    }
};

QTEST_GUILESS_MAIN(TestLiveHub)
#include "tst_livehub.moc"
