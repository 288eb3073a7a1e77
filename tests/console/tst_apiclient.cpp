#include "apiclient.h"

#include "fakeapi.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace sb;
using Method = HttpServer::Method;

namespace {

/// Runs one request and waits for its handler.
std::optional<Result<ApiReply>> call(const std::function<void(ApiClient::Handler)> &send)
{
    std::optional<Result<ApiReply>> result;
    send([&result](const Result<ApiReply> &reply) { result = reply; });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 15000))
        qWarning("no answer within 15 s");
    return result;
}

/// The error's message, for QVERIFY2 (which formats its message whether or not it fails).
QByteArray errorOf(const std::optional<Result<ApiReply>> &reply)
{
    if (!reply)
        return "no answer";
    return reply->ok() ? QByteArray() : reply->error().message.toUtf8();
}

std::optional<Result<ApiReply>> get(ApiClient &api, const QString &path, const QUrlQuery &query = {})
{
    return call([&](ApiClient::Handler handler) { api.get(path, query, &api, handler); });
}

/// A local port nothing listens on: bound once, then released.
quint16 closedPort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    return server.serverPort();
}

} // namespace

class TestApiClient : public QObject
{
    Q_OBJECT

private slots:
    void sendsTheTokenAndReadsTheJson()
    {
        FakeApi fake;
        fake.answerJson(Method::Get, QStringLiteral("/api/jobs"), QJsonObject{{QStringLiteral("jobs"), QJsonArray{}}});
        ApiClient api;
        api.setBaseUrl(fake.url());
        api.setToken(QStringLiteral("viewer-token"));
        const auto reply = get(api, QStringLiteral("/api/jobs"), QUrlQuery{{QStringLiteral("call_sid"), QStringLiteral("CA1")}});
        QVERIFY2(reply && reply->ok(), errorOf(reply).constData());
        QCOMPARE((*reply)->status, 200);
        QVERIFY((*reply)->json.value(QStringLiteral("jobs")).isArray());
        QCOMPARE(fake.received.size(), 1);
        QCOMPARE(fake.received.first().authorization, QByteArray("Bearer viewer-token"));
        QCOMPARE(fake.received.first().query, QStringLiteral("call_sid=CA1"));
    }

    void postsJsonAndKeepsTheStatus()
    {
        FakeApi fake;
        fake.answerJson(Method::Post, QStringLiteral("/api/calls/{sid}/reprocess"),
                        QJsonObject{{QStringLiteral("created"), true}}, 202);
        ApiClient api;
        api.setBaseUrl(fake.url());
        const auto reply = call([&](ApiClient::Handler handler) {
            api.post(QStringLiteral("/api/calls/CA7/reprocess"), QJsonObject{{QStringLiteral("force"), true}}, &api, handler);
        });
        QVERIFY(reply && reply->ok());
        QCOMPARE((*reply)->status, 202);
        QCOMPARE(fake.received.first().body.value(QStringLiteral("force")), QJsonValue(true));
    }

    void baseUrlWithAPathPrefix()
    {
        ApiClient api;
        api.setBaseUrl(QUrl(QStringLiteral("https://calls.example.com/switchboard/")));
        QCOMPARE(api.urlFor(QStringLiteral("/api/jobs"), QUrlQuery{{QStringLiteral("limit"), QStringLiteral("5")}}),
                 QUrl(QStringLiteral("https://calls.example.com/switchboard/api/jobs?limit=5")));
    }

    void errorsBecomeClearMessages_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("messagePart");

        QTest::newRow("JSON error 400") << 400 << QByteArray(R"({"error":{"code":"invalid_input","message":"days must be 1 to 365"}})")
                                        << int(ErrorCode::InvalidInput) << QStringLiteral("days must be 1 to 365");
        QTest::newRow("403 with a message") << 403 << QByteArray(R"({"error":{"code":"forbidden","message":"this needs the admin role"}})")
                                            << int(ErrorCode::Forbidden) << QStringLiteral("Not allowed for your role: this needs the admin role");
        QTest::newRow("403 without a body") << 403 << QByteArray() << int(ErrorCode::Forbidden) << QStringLiteral("Not allowed for your role (HTTP 403)");
        QTest::newRow("401") << 401 << QByteArray() << int(ErrorCode::Unauthorized) << QStringLiteral("did not accept the API token");
        QTest::newRow("404") << 404 << QByteArray("not json") << int(ErrorCode::NotFound) << QStringLiteral("does not know /api/x");
        QTest::newRow("503 JSON") << 503 << QByteArray(R"({"error":{"code":"unavailable","message":"the database is unreachable"}})")
                                  << int(ErrorCode::Unavailable) << QStringLiteral("the database is unreachable");
        QTest::newRow("500 text") << 500 << QByteArray("boom") << int(ErrorCode::Internal) << QStringLiteral("answered HTTP 500 to /api/x");
    }

    void errorsBecomeClearMessages()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(int, code);
        QFETCH(QString, messagePart);
        FakeApi fake;
        fake.answer(Method::Get, QStringLiteral("/api/x"), [&](const HttpRequest &) {
            return HttpResponse::text(body, "application/json", status);
        });
        ApiClient api;
        api.setBaseUrl(fake.url());
        const auto reply = get(api, QStringLiteral("/api/x"));
        QVERIFY(reply);
        QVERIFY(!reply->ok());
        QCOMPARE(int(reply->error().code), code);
        QVERIFY2(reply->error().message.contains(messagePart), errorOf(reply).constData());
    }

    void malformedJsonIsAnUpstreamError_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("truncated") << QByteArray(R"({"jobs": [)");
        QTest::newRow("an array") << QByteArray("[1, 2]");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("html") << QByteArray("<html>proxy</html>");
    }

    void malformedJsonIsAnUpstreamError()
    {
        QFETCH(QByteArray, body);
        FakeApi fake;
        fake.answer(Method::Get, QStringLiteral("/api/jobs"), [&](const HttpRequest &) {
            return HttpResponse::text(body, "application/json", 200);
        });
        ApiClient api;
        api.setBaseUrl(fake.url());
        const auto reply = get(api, QStringLiteral("/api/jobs"));
        QVERIFY(reply && !reply->ok());
        QCOMPARE(reply->error().code, ErrorCode::Upstream);
        QVERIFY2(reply->error().message.contains(QStringLiteral("not a JSON object")), errorOf(reply).constData());
    }

    void refusedConnectionIsReported()
    {
        ApiClient api;
        api.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(closedPort())));
        const auto reply = get(api, QStringLiteral("/api/jobs"));
        QVERIFY(reply && !reply->ok());
        QCOMPARE(reply->error().code, ErrorCode::Unavailable);
        QVERIFY2(reply->error().message.contains(QStringLiteral("refused the connection")), errorOf(reply).constData());
    }

    void unresolvableHostIsReported()
    {
        ApiClient api;
        api.setBaseUrl(QUrl(QStringLiteral("http://switchboard.invalid")));
        const auto reply = get(api, QStringLiteral("/api/jobs"));
        QVERIFY(reply && !reply->ok());
        QCOMPARE(reply->error().code, ErrorCode::Unavailable);
        QVERIFY2(reply->error().message.contains(QStringLiteral("cannot be reached")), errorOf(reply).constData());
    }

    void silentBackendTimesOut()
    {
        // Accepts the connection and never answers.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        ApiClient api;
        api.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(silent.serverPort())));
        api.setTimeoutMs(200);
        const auto reply = get(api, QStringLiteral("/api/jobs"));
        QVERIFY(reply && !reply->ok());
        QCOMPARE(reply->error().code, ErrorCode::Unavailable);
        QVERIFY2(reply->error().message.contains(QStringLiteral("did not answer in time")), errorOf(reply).constData());
    }

    void noHandlerAfterTheContextIsGone()
    {
        FakeApi fake;
        fake.answerJson(Method::Get, QStringLiteral("/api/jobs"), QJsonObject{});
        ApiClient api;
        api.setBaseUrl(fake.url());
        bool called = false;
        auto context = std::make_unique<QObject>();
        api.get(QStringLiteral("/api/jobs"), {}, context.get(), [&](const Result<ApiReply> &) { called = true; });
        context.reset();
        // A second request on the same connection is answered after the first one.
        const auto after = get(api, QStringLiteral("/api/jobs"));
        QVERIFY(after && after->ok());
        QCOMPARE(fake.received.size(), 2);
        QVERIFY(!called);
    }
};

QTEST_GUILESS_MAIN(TestApiClient)
#include "tst_apiclient.moc"
