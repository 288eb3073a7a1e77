// The console's views against a whole backend in this process (SQLite) with the simulator
// standing in for Twilio: the JSON the backend really sends is what the views read.
#include "apiclient.h"
#include "dedupmodels.h"
#include "jobsmodel.h"
#include "reprocessmodel.h"
#include "ui/dedupview.h"
#include "ui/reprocessview.h"

#include "backendharness.h"
#include "calldriver.h"
#include "simulator.h"

#include <QJsonArray>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace sb;
using namespace sb::test;

namespace {
const QString kAccount = QStringLiteral("AC0123456789abcdef0123456789abcdef");
} // namespace

class TestConsoleBackend : public QObject
{
    Q_OBJECT

private:
    /// Places one outbound call through the simulator and returns its CallSid once it has ended.
    QString placeEndedCall()
    {
        QSignalSpy placed(m_simulator.get(), &sim::Simulator::callPlaced);
        const QJsonObject request{{QStringLiteral("business_id"), 1}, {QStringLiteral("to"), QStringLiteral("+972501234567")},
                                  {QStringLiteral("from"), QStringLiteral("+97231234567")}};
        if (m_backend->apiPost(QStringLiteral("/api/outbound/call"), request).status != 201)
            return {};
        if (!placed.wait(20000) && placed.isEmpty())
            return {};
        const QString sid = placed.first().at(0).toString();
        for (sim::CallDriver *driver : m_simulator->calls()) {
            if (driver->call().sid == sid && !QTest::qWaitFor([driver] { return driver->call().isFinal(); }, 20000))
                return {};
        }
        return sid;
    }

    std::unique_ptr<ApiClient> apiWithToken(const char *token)
    {
        auto api = std::make_unique<ApiClient>();
        api->setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_backend->port())));
        api->setToken(QString::fromLatin1(token));
        return api;
    }

    std::unique_ptr<TestDatabase> m_database;
    std::unique_ptr<sim::Simulator> m_simulator;
    std::unique_ptr<BackendHarness> m_backend;

private slots:
    void init()
    {
        auto database = TestDatabase::fromEnvironment();
        QVERIFY2(database.ok(), database.ok() ? "" : qPrintable(database.error().message));
        m_database = std::move(database).value();
        sim::SimOptions options;
        options.accountSid = kAccount;
        options.authToken = BackendHarness::kAuthToken;
        options.answerDelayMs = 10;
        options.streamSeconds = 1;
        options.callSeconds = 1;
        options.framePacingMs = 5;
        m_simulator = std::make_unique<sim::Simulator>(options);
        QVERIFY(m_simulator->listen(QHostAddress::LocalHost, 0).ok());
        auto url = m_database->fresh();
        QVERIFY(url.ok());
        auto backend = BackendHarness::start(*url, [&](BackendConfig &config) {
            config.twilioAccountSid = kAccount;
            config.twilioApiBaseUrl = m_simulator->options().publicUrl;
            config.outboundCallsPerSecond = 0;
        });
        QVERIFY2(backend.ok(), backend.ok() ? "" : qPrintable(backend.error().message));
        m_backend = std::move(backend).value();
    }

    void cleanup()
    {
        // Let the simulated calls end before their backend goes away.
        if (m_simulator && !QTest::currentTestFailed()) {
            for (sim::CallDriver *driver : m_simulator->calls())
                QTRY_VERIFY_WITH_TIMEOUT(driver->call().isFinal(), 20000);
        }
        m_backend.reset();
        m_simulator.reset();
        m_database.reset();
    }

    void dedupViewReadsTheBackendsDecisionsAndCache()
    {
        const QJsonObject request{{QStringLiteral("business_id"), 1}, {QStringLiteral("to"), QStringLiteral("+972501234567")},
                                  {QStringLiteral("from"), QStringLiteral("+97231234567")}};
        QCOMPARE(m_backend->apiPost(QStringLiteral("/api/outbound/call"), request).status, 201);
        QCOMPARE(m_backend->apiPost(QStringLiteral("/api/outbound/call"), request).status, 200); // a duplicate
        QTRY_COMPARE(m_backend->apiGet(QStringLiteral("/api/dedup/recent")).json().value(QStringLiteral("decisions")).toArray().size(), 2);

        ApiClient api;
        api.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_backend->port())));
        api.setToken(QString::fromLatin1(BackendHarness::kViewerToken));
        DedupView view;
        view.setApiClient(&api);
        view.refresh();
        QTRY_COMPARE(view.decisions()->rowCount(), 2);
        const QAbstractItemModel *decisions = view.decisions();
        QCOMPARE(decisions->index(0, DedupDecisionsModel::Outcome).data(DedupDecisionsModel::ValueRole).toString(), QStringLiteral("duplicate"));
        QCOMPARE(decisions->index(0, DedupDecisionsModel::Layer).data(DedupDecisionsModel::ValueRole).toString(), QStringLiteral("memory"));
        QCOMPARE(decisions->index(1, DedupDecisionsModel::Outcome).data(DedupDecisionsModel::ValueRole).toString(), QStringLiteral("placed"));
        QCOMPARE(decisions->index(1, DedupDecisionsModel::Number).data().toString(), QStringLiteral("+972501234567"));
        QVERIFY(decisions->index(0, DedupDecisionsModel::Time).data(DedupDecisionsModel::ValueRole).toDateTime().isValid());
        // Both point to the one call placed.
        QCOMPARE(decisions->index(0, DedupDecisionsModel::Call).data(DedupDecisionsModel::ValueRole),
                 decisions->index(1, DedupDecisionsModel::Call).data(DedupDecisionsModel::ValueRole));

        const QAbstractItemModel *cache = view.findChild<QTableView *>(QStringLiteral("cache"))->model();
        QTRY_COMPARE(cache->rowCount(), 1);
        const qint64 timeLeft = cache->index(0, DedupCacheModel::TimeLeft).data(DedupCacheModel::ValueRole).toLongLong();
        QVERIFY2(timeLeft > 0 && timeLeft <= 60000, qPrintable(QString::number(timeLeft)));
        QVERIFY(cache->index(0, DedupCacheModel::Call).data().toString().startsWith(QStringLiteral("CA")));
        QVERIFY(view.statusText().isEmpty());
    }

    void theBackendRefusesAViewersReprocessAndTheViewShowsIt()
    {
        const QString sid = placeEndedCall();
        QVERIFY(!sid.isEmpty());
        const auto jobCount = [this] {
            return m_backend->apiGet(QStringLiteral("/api/jobs")).json().value(QStringLiteral("jobs")).toArray().size();
        };
        const qsizetype jobsBefore = jobCount(); // the call's own transcription job
        auto api = apiWithToken(BackendHarness::kViewerToken);
        ReprocessView view;
        view.setApiClient(api.get());
        view.setSelectedCalls({sid});
        // The view itself refuses a viewer …
        view.setRole(QStringLiteral("viewer"));
        QVERIFY(!view.canReprocess());
        QVERIFY(!view.findChild<QPushButton *>(QStringLiteral("reprocess"))->isEnabled());
        // … and when it believes otherwise (a role it was told wrongly), the backend refuses.
        view.setRole(QStringLiteral("admin"));
        QVERIFY(view.canReprocess());
        view.reprocess();
        const QAbstractItemModel *requests = view.requests();
        QTRY_COMPARE(requests->rowCount(), 1);
        QTRY_COMPARE(requests->index(0, ReprocessModel::Request).data(ReprocessModel::RequestStateRole).toInt(),
                     int(ReprocessModel::RequestState::Refused));
        const QString shown = requests->index(0, ReprocessModel::Request).data().toString();
        QVERIFY2(shown.startsWith(QStringLiteral("Refused: ")), qPrintable(shown));
        QVERIFY2(shown.contains(QStringLiteral("may not")), qPrintable(shown)); // the backend's own reason (403)
        QCOMPARE(jobCount(), jobsBefore);
    }

    void anAdminsReprocessCreatesAJob()
    {
        const QString sid = placeEndedCall();
        QVERIFY(!sid.isEmpty());
        const auto jobs = [this] {
            return m_backend->apiGet(QStringLiteral("/api/jobs")).json().value(QStringLiteral("jobs")).toArray();
        };
        const qsizetype jobsBefore = jobs().size(); // the call's own transcription job
        auto api = apiWithToken(BackendHarness::kAdminToken);
        ReprocessView view;
        view.setApiClient(api.get());
        view.setRole(QStringLiteral("admin"));
        view.setSelectedCalls({sid});
        view.reprocess();
        const QAbstractItemModel *requests = view.requests();
        QTRY_COMPARE(requests->rowCount(), 1);
        QTRY_COMPARE(requests->index(0, ReprocessModel::Request).data(ReprocessModel::RequestStateRole).toInt(),
                     int(ReprocessModel::RequestState::Created));
        const QJsonArray after = jobs();
        QCOMPARE(after.size(), jobsBefore + 1);
        for (const QJsonValue &job : after)
            QCOMPARE(job.toObject().value(QStringLiteral("call_sid")).toString(), sid);
    }

    void aBadTokenIsExplained()
    {
        ApiClient api;
        api.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_backend->port())));
        api.setToken(QStringLiteral("not-a-token"));
        DedupView view;
        view.setApiClient(&api);
        view.refresh();
        QTRY_VERIFY(!view.statusText().isEmpty());
        QVERIFY2(view.statusText().contains(QStringLiteral("token")), qPrintable(view.statusText()));
    }
};

QTEST_MAIN(TestConsoleBackend)
#include "tst_consolebackend.moc"
