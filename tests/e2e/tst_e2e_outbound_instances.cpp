// Invariant 1 across processes: three real switchboard-backend processes on one PostgreSQL
// database and one simulated Twilio. The memory layer is per process, so duplicates that land on
// different instances can only be caught by the database layer (reserveUnlessActive under
// pg_advisory_xact_lock). Also: the dedup database going away under a running backend, failing
// open (the default) and failing closed (SWITCHBOARD_DEDUP_FAIL_CLOSED=1).
#include "backendharness.h"
#include "postgrescluster.h"
#include "serverprocess.h"

#include "storage/databaseurl.h"

#include "calldriver.h"
#include "simulator.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace sb;
using namespace sb::test;

namespace {

const QString kAccount = u"AC0123456789abcdef0123456789abcdef"_qs;
const QString kCalls = u"POST Calls.json"_qs;
const QString kBackend = QStringLiteral(SWITCHBOARD_BACKEND_EXE);

QJsonObject request(const QString &to, const QString &from = u"+97231234567"_qs)
{
    return {{u"business_id"_qs, 1}, {u"to"_qs, to}, {u"from"_qs, from}};
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

const HeaderList kDialerHeaders{{"Content-Type", "application/json"},
                                {"Authorization", QByteArray("Bearer ") + BackendHarness::kDialerToken}};

} // namespace

class TestE2eOutboundInstances : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<PostgresCluster> m_cluster;
    std::unique_ptr<sim::Simulator> m_simulator;
    std::vector<std::unique_ptr<ServerProcess>> m_instances;
    std::unique_ptr<BackendHarness> m_backend;
    QNetworkAccessManager m_network;
    int m_databases = 0;

    QString freshDatabase()
    {
        auto url = m_cluster->createDatabase(u"outbound_instances_%1"_qs.arg(++m_databases));
        return url.ok() ? *url : QString();
    }

    int creates() { return m_simulator->stats().rest(kCalls); }

    /// Starts @p count backend processes on one fresh database. The first one alone, so that
    /// only one of them applies the migrations; the others find the schema in place.
    void startInstances(int count)
    {
        const QString database = freshDatabase();
        QVERIFY(!database.isEmpty());
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"SWITCHBOARD_LISTEN"_qs, u"127.0.0.1:0"_qs);
        environment.insert(u"SWITCHBOARD_DATABASE_URL"_qs, database);
        environment.insert(u"TWILIO_API_BASE_URL"_qs, m_simulator->options().publicUrl.toString());
        environment.insert(u"TWILIO_ACCOUNT_SID"_qs, kAccount);
        environment.insert(u"TWILIO_AUTH_TOKEN"_qs, QString::fromLatin1(BackendHarness::kAuthToken));
        environment.insert(u"SWITCHBOARD_API_TOKENS"_qs,
                           u"viewer:%1,dialer:%2"_qs.arg(QLatin1StringView(BackendHarness::kViewerToken),
                                                         QLatin1StringView(BackendHarness::kDialerToken)));
        environment.insert(u"SWITCHBOARD_OUTBOUND_CALLS_PER_SECOND"_qs, u"0"_qs);
        environment.insert(u"SWITCHBOARD_TWILIO_TIMEOUT_MS"_qs, u"5000"_qs);
        for (int i = 0; i < count; ++i) {
            m_instances.push_back(std::make_unique<ServerProcess>(kBackend, QStringList(), environment));
            if (i == 0)
                QVERIFY2(m_instances.back()->waitForPort() != 0, qPrintable(m_instances.back()->log()));
        }
        for (auto &instance : m_instances)
            QVERIFY2(instance->waitForPort() != 0, qPrintable(instance->log()));
    }

    QJsonObject countersOf(ServerProcess &instance)
    {
        const HttpReply reply = sendRequest(m_network, "GET", instance.url(u"/api/dedup/cache"_qs), {},
                                            {{"Authorization", QByteArray("Bearer ") + BackendHarness::kViewerToken}});
        return reply.json().value(u"counters"_qs).toObject();
    }

    qint64 summedCounter(const QString &name)
    {
        qint64 sum = 0;
        for (auto &instance : m_instances)
            sum += countersOf(*instance).value(name).toInteger();
        return sum;
    }

    /// Closes every connection to @p database but ours, and lets no new one in: the backend's
    /// storage threads lose their sessions, and their attempts to reconnect are refused.
    bool cutOff(const QString &databaseUrl, bool cut)
    {
        const auto parsed = DatabaseUrl::parse(databaseUrl);
        if (!parsed)
            return false;
        const QString name = parsed->databaseName();
        bool ok = true;
        {
            QSqlDatabase admin = QSqlDatabase::addDatabase(u"QPSQL"_qs, u"cut-off"_qs);
            admin.setHostName(parsed->host());
            admin.setPort(parsed->port());
            admin.setUserName(parsed->user());
            admin.setDatabaseName(u"postgres"_qs);
            ok = admin.open();
            QSqlQuery query(admin);
            const QStringList statements = cut
                ? QStringList{u"ALTER DATABASE \"%1\" ALLOW_CONNECTIONS false"_qs.arg(name),
                              u"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '%1' AND pid <> pg_backend_pid()"_qs.arg(name)}
                : QStringList{u"ALTER DATABASE \"%1\" ALLOW_CONNECTIONS true"_qs.arg(name)};
            for (const QString &sql : statements) {
                if (ok && !query.exec(sql)) {
                    qWarning("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
                    ok = false;
                }
            }
            if (ok && cut) {
                // pg_terminate_backend only signals: wait until the sessions are really gone.
                const QDeadlineTimer deadline(10000);
                for (;;) {
                    ok = query.exec(u"SELECT count(*) FROM pg_stat_activity WHERE datname = '%1'"_qs.arg(name)) && query.next();
                    if (!ok || query.value(0).toInt() == 0 || deadline.hasExpired())
                        break;
                    QTest::qWait(10);
                }
                ok = ok && query.value(0).toInt() == 0;
            }
            query.finish();
            admin.close();
        }
        QSqlDatabase::removeDatabase(u"cut-off"_qs);
        return ok;
    }

    void startHarness(bool failClosed, QString *databaseUrl)
    {
        *databaseUrl = freshDatabase();
        QVERIFY(!databaseUrl->isEmpty());
        auto backend = BackendHarness::start(*databaseUrl, [&](BackendConfig &config) {
            config.twilioAccountSid = kAccount;
            config.twilioApiBaseUrl = m_simulator->options().publicUrl;
            config.outboundCallsPerSecond = 0;
            config.twilioTimeoutMs = 5000;
            config.dedupFailClosed = failClosed;
        });
        QVERIFY2(backend.ok(), backend.ok() ? "" : qPrintable(backend.error().message));
        m_backend = std::move(backend).value();
    }

    QJsonObject harnessCounters()
    {
        return m_backend->apiGet(u"/api/dedup/cache"_qs).json().value(u"counters"_qs).toObject();
    }

private slots:
    void initTestCase()
    {
        auto cluster = PostgresCluster::start();
        QVERIFY2(cluster.ok(), cluster.ok() ? "" : qPrintable(cluster.error().message));
        m_cluster = std::move(cluster).value();
    }

    void init()
    {
        sim::SimOptions options;
        options.accountSid = kAccount;
        options.authToken = BackendHarness::kAuthToken;
        options.answerDelayMs = 60'000; // every call placed stays ringing, so active, for the whole test
        options.streamSeconds = 1;
        options.callSeconds = 1;
        m_simulator = std::make_unique<sim::Simulator>(options);
        QVERIFY(m_simulator->listen(QHostAddress::LocalHost, 0).ok());
    }

    void cleanup()
    {
        if (QTest::currentTestFailed()) {
            for (auto &instance : m_instances)
                qInfo("backend log:\n%s", qPrintable(instance->log().right(4000)));
        }
        if (m_simulator) {
            for (sim::CallDriver *driver : m_simulator->calls())
                driver->end(u"canceled"_qs);
        }
        m_instances.clear();
        m_backend.reset();
        m_simulator.reset();
    }

    void threeInstancesOnPostgreSQLDialAnIntentOnce()
    {
        startInstances(3);
        QVERIFY(!QTest::currentTestFailed());
        // 200 identical requests, all written before any answer is read, round robin over the instances.
        QList<QUrl> urls;
        for (int i = 0; i < 200; ++i)
            urls.append(m_instances[size_t(i % 3)]->url(u"/api/outbound/call"_qs));
        const QList<HttpReply> replies = postConcurrently(urls, QList<QByteArray>(200, compact(request(u"+972501112233"_qs))),
                                                          kDialerHeaders);
        QCOMPARE(replies.size(), 200);
        int placed = 0;
        int memory = 0;
        int database = 0;
        int withoutSid = 0;
        QSet<QString> sids;
        QSet<qint64> callIds;
        for (const HttpReply &reply : replies) {
            QVERIFY2(reply.status == 200 || reply.status == 201, reply.body.constData());
            const QJsonObject answer = reply.json();
            callIds.insert(answer.value(u"call_id"_qs).toInteger());
            // A duplicate decided in the database while another instance's Calls.json is still in
            // flight finds the reservation before its CallSid: it names the call by call_id, with
            // call_sid null and status "reserved" (and the requests waiting on it in that
            // instance's memory get the same answer).
            if (answer.value(u"call_sid"_qs).isNull()) {
                QVERIFY2(answer.value(u"is_duplicate"_qs).toBool(), reply.body.constData());
                QCOMPARE(answer.value(u"status"_qs).toString(), u"reserved"_qs);
                ++withoutSid;
            } else {
                sids.insert(answer.value(u"call_sid"_qs).toString());
            }
            QCOMPARE(answer.value(u"failed_open"_qs).toBool(), false);
            if (!answer.value(u"is_duplicate"_qs).toBool()) {
                QCOMPARE(reply.status, 201);
                ++placed;
            } else if (answer.value(u"dedup_layer"_qs).toString() == u"database") {
                ++database;
            } else {
                QCOMPARE(answer.value(u"dedup_layer"_qs).toString(), u"memory"_qs);
                ++memory;
            }
        }
        QCOMPARE(placed, 1);
        QCOMPARE(memory + database, 199);
        // Each instance sends its first request for the intent to the database and the ones that
        // arrive meanwhile wait on it in memory; an instance that learnt only the reservation asks
        // the database again later. So the two instances that did not place the call each found
        // it in the database at least once.
        QVERIFY(database >= 2);
        qInfo("%d placed, %d memory and %d database duplicates; %d answers without a CallSid yet", placed, memory,
              database, withoutSid);
        QCOMPARE(callIds.size(), 1);
        QVERIFY(*callIds.begin() > 0);
        QCOMPARE(sids.size(), 1); // at least the placing answer has it; every one that has it agrees
        QVERIFY2(sids.begin()->startsWith(u"CA"), qPrintable(*sids.begin()));
        QCOMPARE(creates(), 1);
        QCOMPARE(m_simulator->calls().size(), 1);
        QCOMPARE(m_simulator->calls().first()->call().sid, *sids.begin());
        QCOMPARE(summedCounter(u"placed"_qs), 1);
        QCOMPARE(summedCounter(u"database_duplicates"_qs), database);
        QCOMPARE(summedCounter(u"memory_duplicates"_qs), memory);
        QCOMPARE(summedCounter(u"failed_open"_qs), 0);

        // Once Twilio's CallSid is stored, every instance names it, including those that first
        // saw only the reservation (they ask the database again instead of repeating a null sid).
        const QString placedSid = *sids.begin();
        for (size_t instance = 0; instance < m_instances.size(); ++instance) {
            const auto sidFrom = [&] {
                const QList<HttpReply> again = postConcurrently({m_instances[instance]->url(u"/api/outbound/call"_qs)},
                                                                {compact(request(u"+972501112233"_qs))}, kDialerHeaders);
                return again.size() == 1 && again.first().json().value(u"is_duplicate"_qs).toBool()
                           ? again.first().json().value(u"call_sid"_qs).toString()
                           : QString();
            };
            QTRY_COMPARE(sidFrom(), placedSid);
        }
        QCOMPARE(creates(), 1); // and still nothing dialled twice
    }

    void threeInstancesDialEveryNumberOnce()
    {
        startInstances(3);
        QVERIFY(!QTest::currentTestFailed());
        // 60 numbers, each asked of all three instances at once: 180 requests in flight.
        constexpr int kNumbers = 60;
        QList<QUrl> urls;
        QList<QByteArray> bodies;
        for (int n = 0; n < kNumbers; ++n) {
            for (int i = 0; i < 3; ++i) {
                urls.append(m_instances[size_t(i)]->url(u"/api/outbound/call"_qs));
                bodies.append(compact(request(u"+97250300%1"_qs.arg(1000 + n))));
            }
        }
        const QList<HttpReply> replies = postConcurrently(urls, bodies, kDialerHeaders);
        QHash<QString, qint64> callOf; // number -> call_id
        QHash<QString, QString> sidOf; // number -> the CallSid of its placing answer
        int placed = 0;
        for (int r = 0; r < replies.size(); ++r) {
            const HttpReply &reply = replies.at(r);
            QVERIFY2(reply.status == 200 || reply.status == 201, reply.body.constData());
            const QJsonObject answer = reply.json();
            const QString number = u"+97250300%1"_qs.arg(1000 + r / 3);
            const qint64 callId = answer.value(u"call_id"_qs).toInteger();
            QVERIFY2(callId > 0, reply.body.constData());
            if (callOf.contains(number))
                QCOMPARE(callId, callOf.value(number));
            callOf.insert(number, callId);
            if (!answer.value(u"is_duplicate"_qs).toBool()) {
                ++placed;
                QVERIFY2(answer.value(u"call_sid"_qs).toString().startsWith(u"CA"), reply.body.constData());
                QVERIFY(!sidOf.contains(number));
                sidOf.insert(number, answer.value(u"call_sid"_qs).toString());
            } else {
                // Every instance saw the number once: only the database can have caught it.
                QCOMPARE(answer.value(u"dedup_layer"_qs).toString(), u"database"_qs);
            }
        }
        // Duplicates that came with a CallSid name the placed one.
        for (int r = 0; r < replies.size(); ++r) {
            const QJsonValue sid = replies.at(r).json().value(u"call_sid"_qs);
            if (!sid.isNull())
                QCOMPARE(sid.toString(), sidOf.value(u"+97250300%1"_qs.arg(1000 + r / 3)));
        }
        QCOMPARE(callOf.size(), kNumbers);
        QCOMPARE(sidOf.size(), kNumbers);
        QCOMPARE(placed, kNumbers);
        QCOMPARE(creates(), kNumbers);
        QSet<QString> dialled;
        for (sim::CallDriver *driver : m_simulator->calls())
            dialled.insert(driver->call().request.to);
        QCOMPARE(dialled.size(), kNumbers);
    }

    void databaseDownFailsOpenAndDialsOnce()
    {
        QString database;
        startHarness(false, &database);
        QVERIFY(!QTest::currentTestFailed());
        // Healthy first: a call goes through the database layer.
        QCOMPARE(m_backend->apiPost(u"/api/outbound/call"_qs, request(u"+972501234001"_qs)).status, 201);
        QCOMPARE(creates(), 1);

        QVERIFY(cutOff(database, true));
        // Five identical requests at once: the first has no database to ask and is placed on the
        // memory layer alone; the other four wait on it in memory.
        const QList<HttpReply> replies = postConcurrently(m_backend->url(u"/api/outbound/call"_qs),
                                                          QList<QByteArray>(5, compact(request(u"+972501234002"_qs))),
                                                          kDialerHeaders);
        int failedOpen = 0;
        QSet<QString> sids;
        for (const HttpReply &reply : replies) {
            QVERIFY2(reply.status == 200 || reply.status == 201, reply.body.constData());
            const QJsonObject answer = reply.json();
            sids.insert(answer.value(u"call_sid"_qs).toString());
            if (answer.value(u"is_duplicate"_qs).toBool()) {
                QCOMPARE(answer.value(u"dedup_layer"_qs).toString(), u"memory"_qs);
            } else {
                QCOMPARE(reply.status, 201);
                QCOMPARE(answer.value(u"failed_open"_qs).toBool(), true);
                QVERIFY(answer.value(u"call_id"_qs).isNull()); // no reservation row
                ++failedOpen;
            }
        }
        QCOMPARE(failedOpen, 1);
        QCOMPARE(sids.size(), 1);
        QVERIFY(sids.begin()->startsWith(u"CA"));
        QCOMPARE(creates(), 2);
        const QJsonObject counters = harnessCounters();
        QCOMPARE(counters.value(u"failed_open"_qs).toInt(), 1);
        QCOMPARE(counters.value(u"failed_closed"_qs).toInt(), 0);
        QCOMPARE(counters.value(u"placed"_qs).toInt(), 2);
        QCOMPARE(counters.value(u"memory_duplicates"_qs).toInt(), 4);

        // Let connections in again so the database can be dropped with the cluster.
        QVERIFY(cutOff(database, false));
    }

    void databaseDownFailsClosedAndDialsNothing()
    {
        QString database;
        startHarness(true, &database);
        QVERIFY(!QTest::currentTestFailed());
        QVERIFY(cutOff(database, true));
        for (int attempt = 0; attempt < 2; ++attempt) {
            // Refused, not remembered: the same intent is refused again rather than called a duplicate.
            const HttpReply reply = m_backend->apiPost(u"/api/outbound/call"_qs, request(u"+972501234003"_qs));
            QCOMPARE(reply.status, 503);
            const QString message = reply.json().value(u"error"_qs).toObject().value(u"message"_qs).toString();
            QVERIFY2(message.contains(u"SWITCHBOARD_DEDUP_FAIL_CLOSED"), qPrintable(message));
        }
        QCOMPARE(creates(), 0);
        QVERIFY(m_simulator->calls().isEmpty());
        const QJsonObject counters = harnessCounters();
        QCOMPARE(counters.value(u"failed_closed"_qs).toInt(), 2);
        QCOMPARE(counters.value(u"failed_open"_qs).toInt(), 0);
        QCOMPARE(counters.value(u"placed"_qs).toInt(), 0);
        QVERIFY(cutOff(database, false));
    }
};

QTEST_MAIN(TestE2eOutboundInstances)
#include "tst_e2e_outbound_instances.moc"
