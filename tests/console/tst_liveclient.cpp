// The console's LiveClient against a real backend in this process (port 0, SQLite): snapshot then
// deltas, reconnecting after the backend restarts, a refused token, an unreachable backend.

#include "backendharness.h"
#include "calldetail.h"
#include "http/httpserver.h"
#include "live/livehub.h"
#include "liveclient.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace sb;
using namespace sb::test;
using namespace Qt::StringLiterals;

namespace {

FormFields voiceFields(const QString &callSid)
{
    return {{u"AccountSid"_s, u"AC0123456789abcdef0123456789abcdef"_s}, {u"CallSid"_s, callSid},
            {u"CallStatus"_s, u"ringing"_s}, {u"Direction"_s, u"inbound"_s},
            {u"From"_s, u"+972501234567"_s}, {u"To"_s, u"+97235551234"_s}};
}

FormFields statusFields(const QString &callSid, const QString &status, int sequence)
{
    return {{u"AccountSid"_s, u"AC0123456789abcdef0123456789abcdef"_s}, {u"CallSid"_s, callSid},
            {u"CallStatus"_s, status}, {u"SequenceNumber"_s, QString::number(sequence)}};
}

/// Every call the client reported, latest state per CallSid.
struct SeenCalls
{
    explicit SeenCalls(LiveClient &client)
    {
        QObject::connect(&client, &LiveClient::snapshotReceived, &client, [this](const live::Snapshot &snapshot) {
            ++snapshots;
            for (const Call &call : snapshot.calls)
                calls.insert(call.callSid, call);
        });
        QObject::connect(&client, &LiveClient::callsChanged, &client, [this](const QList<Call> &changed) {
            for (const Call &call : changed)
                calls.insert(call.callSid, call);
        });
    }
    CallStatus statusOf(const QString &sid) const { return calls.value(sid).status; }
    int snapshots = 0;
    QHash<QString, Call> calls;
};

} // namespace

class TestLiveClient : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_database;
    QString m_databaseUrl;
    std::unique_ptr<BackendHarness> m_backend;

    ConnectionTarget target(const QByteArray &token = BackendHarness::kViewerToken) const
    {
        return {m_backend->url(QString()), QString::fromLatin1(token)};
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
        QVERIFY(url.ok());
        m_databaseUrl = *url;
        auto backend = BackendHarness::start(m_databaseUrl);
        QVERIFY2(backend.ok(), backend.ok() ? "" : qPrintable(backend.error().message));
        m_backend = std::move(backend).value();
    }

    void cleanup() { m_backend.reset(); }

    void socketUrlFollowsTheBackendUrl_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<QString>("socket");
        QTest::newRow("http") << u"http://127.0.0.1:8080"_s << u"ws://127.0.0.1:8080/console"_s;
        QTest::newRow("https behind a path") << u"https://calls.example.com/sb/"_s << u"wss://calls.example.com/sb/console"_s;
    }

    void socketUrlFollowsTheBackendUrl()
    {
        QFETCH(QString, backend);
        QFETCH(QString, socket);
        QCOMPARE(LiveClient::socketUrl(QUrl(backend)).toString(), socket);
    }

    void snapshotThenDeltas()
    {
        const QString before = BackendHarness::newCallSid();
        QCOMPARE(m_backend->postWebhook(u"/twilio/voice"_s, voiceFields(before)).status, 200);
        QTRY_COMPARE(m_backend->app().live().cachedCalls(), 1); // the hub publishes after the answer

        LiveClient client;
        SeenCalls seen(client);
        QSignalSpy states(&client, &LiveClient::stateChanged);
        client.connectTo(target());
        QTRY_COMPARE(client.state(), LiveClient::State::Live);
        QCOMPARE(seen.snapshots, 1);
        QVERIFY(seen.calls.contains(before));
        QCOMPARE(client.role(), u"viewer"_s);
        QVERIFY(client.stateText().contains(u"viewer"_s));
        QCOMPARE(states.first().first().value<LiveClient::State>(), LiveClient::State::Connecting);

        const QString sid = BackendHarness::newCallSid();
        QCOMPARE(m_backend->postWebhook(u"/twilio/voice"_s, voiceFields(sid)).status, 200);
        QTRY_COMPARE(seen.statusOf(sid), CallStatus::Ringing);
        QCOMPARE(m_backend->postWebhook(u"/twilio/status"_s, statusFields(sid, u"in-progress"_s, 1)).status, 200);
        QTRY_COMPARE(seen.statusOf(sid), CallStatus::InProgress);

        // The detail of one call: history, then its events as they happen.
        CallDetail detail(client);
        detail.show(seen.calls.value(sid).id);
        QTRY_VERIFY(detail.isLoaded());
        QCOMPARE(detail.call().callSid, sid);
        const qsizetype eventsBefore = detail.timeline()->events().size();
        QVERIFY(eventsBefore >= 2);
        QCOMPARE(m_backend->postWebhook(u"/twilio/status"_s, statusFields(sid, u"completed"_s, 2)).status, 200);
        QTRY_COMPARE(detail.call().status, CallStatus::Completed);
        QTRY_VERIFY(detail.timeline()->events().size() > eventsBefore);
        QCOMPARE(seen.snapshots, 1);
    }

    void reconnectsAfterTheBackendRestarts()
    {
        LiveClient client;
        client.setReconnectDelays(100, 400);
        SeenCalls seen(client);
        client.connectTo(target());
        QTRY_COMPARE(client.state(), LiveClient::State::Live);
        const quint16 port = m_backend->port();

        m_backend.reset();
        QTRY_COMPARE(client.state(), LiveClient::State::Reconnecting);
        QVERIFY(client.stateText().contains(u"Reconnecting"_s));
        // While it is down, the attempts fail as unreachable and keep going.
        QTRY_VERIFY(client.stateText().contains(u"unreachable"_s));

        auto restarted = BackendHarness::start(m_databaseUrl, [port](BackendConfig &config) {
            config.listenPort = port;
            config.publicUrl.setPort(port);
        });
        QVERIFY2(restarted.ok(), restarted.ok() ? "" : qPrintable(restarted.error().message));
        m_backend = std::move(restarted).value();
        const QString sid = BackendHarness::newCallSid();
        QCOMPARE(m_backend->postWebhook(u"/twilio/voice"_s, voiceFields(sid)).status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(client.state(), LiveClient::State::Live, 10000);
        QCOMPARE(seen.snapshots, 2);
        QTRY_VERIFY(seen.calls.contains(sid));
    }

    void refusedTokenStopsWithAClearMessage_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::newRow("unknown token") << QByteArray("not-a-token");
        QTest::newRow("empty token") << QByteArray();
    }

    void refusedTokenStopsWithAClearMessage()
    {
        QFETCH(QByteArray, token);
        LiveClient client;
        client.setReconnectDelays(50, 50);
        client.connectTo(target(token));
        QTRY_COMPARE(client.state(), LiveClient::State::Refused);
        QVERIFY2(client.stateText().contains(u"refused the token"_s), qPrintable(client.stateText()));
        QVERIFY2(!token.isEmpty() ? !client.stateText().contains(QString::fromLatin1(token)) : true,
                 "the token is not repeated");
        // No retrying: a wrong token stays wrong.
        QSignalSpy states(&client, &LiveClient::stateChanged);
        QVERIFY(!states.wait(300));
    }

    void unreachableBackendKeepsRetrying()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 closedPort = probe.serverPort();
        probe.close();

        LiveClient client;
        client.setReconnectDelays(50, 100);
        QSignalSpy states(&client, &LiveClient::stateChanged);
        client.connectTo({QUrl(u"http://127.0.0.1:%1"_s.arg(closedPort)), u"viewer-token"_s});
        QTRY_COMPARE(client.state(), LiveClient::State::Reconnecting);
        QVERIFY2(client.stateText().contains(u"unreachable"_s), qPrintable(client.stateText()));
        // It tries again (a new Connecting/Reconnecting report per attempt).
        QTRY_VERIFY(states.size() >= 3);
        client.disconnectFromBackend();
        QCOMPARE(client.state(), LiveClient::State::Disconnected);
    }

    void aServerThatIsNotSwitchboard()
    {
        // An HTTP server without /console (the simulator's kind): a 404, explained, retried.
        HttpServer other;
        const auto port = other.listen(QHostAddress::LocalHost, 0);
        QVERIFY(port.ok());
        LiveClient client;
        client.setReconnectDelays(50, 100);
        client.connectTo({QUrl(u"http://127.0.0.1:%1"_s.arg(*port)), u"viewer-token"_s});
        // The explanation, not just "404": the first state names the URL, whose port may hold those digits.
        QTRY_VERIFY2(client.stateText().contains(u"no live console endpoint (HTTP 404)"_s), qPrintable(client.stateText()));
        QCOMPARE(client.state(), LiveClient::State::Reconnecting);
    }
};

QTEST_GUILESS_MAIN(TestLiveClient)
#include "tst_liveclient.moc"
