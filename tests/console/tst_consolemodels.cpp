#include "alertsmodel.h"
#include "apiclient.h"
#include "costmodels.h"
#include "dedupmodels.h"
#include "jobsmodel.h"
#include "reprocessmodel.h"

#include "consoletestdata.h"
#include "fakeapi.h"

#include <QAbstractItemModelTester>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace sb;
using Method = HttpServer::Method;

namespace {

QJsonObject decisionJson(qint64 id, const QString &layer, const QString &outcome, qint64 business = 1,
                         const QString &number = QStringLiteral("+15550100"))
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("at"), QStringLiteral("2026-11-21T08:00:%1.000Z").arg(id % 60, 2, 10, QLatin1Char('0'))},
            {QStringLiteral("business_id"), business},
            {QStringLiteral("number"), number},
            {QStringLiteral("dedup_key"), QStringLiteral("%1:%2:29000000").arg(business).arg(number)},
            {QStringLiteral("layer"), layer.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(layer)},
            {QStringLiteral("outcome"), outcome},
            {QStringLiteral("call_id"), id * 100}};
}

QJsonObject alertJson(const QString &key, const QString &severity)
{
    return {{QStringLiteral("key"), key}, {QStringLiteral("severity"), severity},
            {QStringLiteral("message"), QString(key + QStringLiteral(" is high"))}, {QStringLiteral("action"), QStringLiteral("do something")},
            {QStringLiteral("value"), 3}, {QStringLiteral("threshold"), 1}};
}

QList<qint64> idsOf(const QAbstractItemModel &model)
{
    QList<qint64> ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids.append(model.index(row, DedupDecisionsModel::Call).data(DedupDecisionsModel::ValueRole).toLongLong() / 100);
    return ids;
}

QJsonObject withField(QJsonObject json, const QString &path, const QJsonValue &value)
{
    const qsizetype dot = path.indexOf(u'.');
    if (dot < 0) {
        if (value.isUndefined())
            json.remove(path);
        else
            json.insert(path, value);
        return json;
    }
    const QString head = path.left(dot);
    if (json.value(head).isArray()) { // the first element
        QJsonArray array = json.value(head).toArray();
        array[0] = withField(array.at(0).toObject(), path.mid(dot + 1), value);
        json.insert(head, array);
    } else {
        json.insert(head, withField(json.value(head).toObject(), path.mid(dot + 1), value));
    }
    return json;
}

} // namespace

class TestConsoleModels : public QObject
{
    Q_OBJECT

private slots:
    // ---- the cost summary

    void readsTheSummaryContract()
    {
        auto summary = CostSummary::fromJson(sampleSummaryJson());
        QVERIFY(summary.ok());
        QVERIFY(!summary->businessId);
        QCOMPARE(summary->totalCalls, 30);
        QCOMPARE(summary->bucketCounts.high, 8);
        QCOMPARE(summary->estimatedCost, 12.5);
        QCOMPARE(summary->daily.size(), 3);
        QCOMPARE(summary->daily.first().date, QDate(2026, 11, 19));
        QCOMPARE(summary->daily.last().bucketCounts.low, 4);
        QCOMPARE(summary->alerts.size(), 1);
        QCOMPARE(summary->alerts.first().severity, Alert::Severity::Critical);
        QCOMPARE(summary->thresholds.highCostRatio, 0.25);
        QCOMPARE(summary->thresholds.reconnectRatio, 0.10); // absent: the default
        QCOMPARE(summary->indicatorCounts.value(QStringLiteral("stream_reconnects")), 5);

        auto forOne = CostSummary::fromJson(withField(sampleSummaryJson(), QStringLiteral("business_id"), 4));
        QVERIFY(forOne.ok());
        QCOMPARE(forOne->businessId, std::optional<qint64>(4));

        // A number left out reads as 0 (an empty range has nothing to report).
        auto sparse = CostSummary::fromJson(withField(sampleSummaryJson(), QStringLiteral("total_calls"), QJsonValue(QJsonValue::Undefined)));
        QVERIFY(sparse.ok());
        QCOMPARE(sparse->totalCalls, 0);
    }

    void rejectsAMalformedSummary_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("messagePart");
        const QJsonValue missing(QJsonValue::Undefined);
        QTest::newRow("total_calls negative") << "total_calls" << QJsonValue(-1) << "\"total_calls\" must be a whole number";
        QTest::newRow("days fractional") << "days" << QJsonValue(1.5) << "\"days\" must be a whole number";
        QTest::newRow("estimated_cost text") << "estimated_cost" << QJsonValue(QStringLiteral("12")) << "\"estimated_cost\" must be a number";
        QTest::newRow("bucket count text") << "bucket_counts.HIGH" << QJsonValue(QStringLiteral("8")) << "bucket_counts: \"HIGH\"";
        QTest::newRow("business_id text") << "business_id" << QJsonValue(QStringLiteral("4")) << "\"business_id\" must be a number or null";
        QTest::newRow("day with a bad date") << "daily.date" << QJsonValue(QStringLiteral("21/11/2026")) << "\"date\" must be YYYY-MM-DD";
        QTest::newRow("day with negative calls") << "daily.total_calls" << QJsonValue(-3) << "daily 2026-11-19: \"total_calls\"";
        QTest::newRow("day's bucket text") << "daily.bucket_counts" << QJsonValue(QJsonObject{{QStringLiteral("LOW"), QStringLiteral("x")}})
                                           << "bucket_counts: \"LOW\"";
        QTest::newRow("indicator negative") << "indicator_counts.stream_reconnects" << QJsonValue(-1) << "indicator_counts: \"stream_reconnects\"";
        QTest::newRow("alert severity") << "alerts.severity" << QJsonValue(QStringLiteral("loud")) << "alert severity must be";
        QTest::newRow("alert without key") << "alerts.key" << missing << "an alert needs a \"key\"";
        QTest::newRow("alert value text") << "alerts.value" << QJsonValue(QStringLiteral("lots")) << "alert high_cost_ratio: \"value\"";
        QTest::newRow("threshold text") << "thresholds.high_cost_ratio" << QJsonValue(QStringLiteral("20%")) << "thresholds: \"high_cost_ratio\"";
    }

    void rejectsAMalformedSummary()
    {
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        QFETCH(QString, messagePart);
        auto summary = CostSummary::fromJson(withField(sampleSummaryJson(), field, value));
        QVERIFY(!summary.ok());
        QCOMPARE(summary.error().code, ErrorCode::InvalidInput);
        QVERIFY2(summary.error().message.contains(messagePart), qPrintable(summary.error().message));
    }

    void costModelsShowTheSummary()
    {
        CostSummaryModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester dailyTester(model.dailyModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester indicatorTester(model.indicatorModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        QSignalSpy changed(&model, &CostSummaryModel::summaryChanged);
        QVERIFY(model.setSummaryJson(sampleSummaryJson()).ok());
        QCOMPARE(changed.size(), 1);
        QCOMPARE(model.rowCount(), int(CostSummaryModel::RowCount));
        QCOMPARE(model.index(CostSummaryModel::HighCalls, CostSummaryModel::Value).data(CostSummaryModel::ValueRole).toLongLong(), 8);
        QCOMPARE(model.index(CostSummaryModel::EstimatedCost, CostSummaryModel::Value).data().toString(), QStringLiteral("$12.50"));
        QCOMPARE(model.index(CostSummaryModel::HighCalls, CostSummaryModel::Figure).data().toString(), QStringLiteral("Calls in the high bucket"));

        const DailyCostModel *daily = model.dailyModel();
        QCOMPARE(daily->rowCount(), 3);
        QCOMPARE(daily->index(1, DailyCostModel::HighCostCalls).data(DailyCostModel::ValueRole).toLongLong(), 4);
        QCOMPARE(daily->index(1, DailyCostModel::EstimatedCost).data(DailyCostModel::ValueRole), QVariant(5.5));
        QCOMPARE(daily->index(2, DailyCostModel::Date).data(DailyCostModel::ValueRole), QVariant(QDate(2026, 11, 21)));

        // Most frequent indicator first, named for people.
        const IndicatorModel *indicators = model.indicatorModel();
        QCOMPARE(indicators->rowCount(), 3);
        QCOMPARE(indicators->index(0, IndicatorModel::Indicator).data(IndicatorModel::ValueRole).toString(), QStringLiteral("stream_reconnects"));
        QCOMPARE(indicators->index(0, IndicatorModel::Indicator).data().toString(), QStringLiteral("Stream reconnects"));
        QCOMPARE(indicators->index(2, IndicatorModel::Calls).data(IndicatorModel::ValueRole).toLongLong(), 2);

        // A malformed summary leaves the one shown.
        QVERIFY(!model.setSummaryJson(withField(sampleSummaryJson(), QStringLiteral("total_calls"), QJsonValue(QStringLiteral("x")))).ok());
        QCOMPARE(model.summary().totalCalls, 30);
        QCOMPARE(changed.size(), 1);
    }

    void costSummaryRefreshAsksForTheFilters()
    {
        FakeApi fake;
        fake.answerJson(Method::Get, QStringLiteral("/api/costs/summary"), sampleSummaryJson());
        ApiClient api;
        api.setBaseUrl(fake.url());
        CostSummaryModel model;
        QSignalSpy changed(&model, &CostSummaryModel::summaryChanged);
        QSignalSpy loading(&model, &CostSummaryModel::loadingChanged);
        model.refresh(&api, 4, 30);
        QVERIFY(model.isLoading());
        QTRY_COMPARE(changed.size(), 1);
        QVERIFY(!model.isLoading());
        QCOMPARE(loading.size(), 2);
        QCOMPARE(fake.received.first().query, QStringLiteral("business_id=4&days=30"));
        QCOMPARE(model.summary().totalCalls, 30);
    }

    void anAnswerToAnOlderRefreshIsDropped()
    {
        FakeApi fake;
        std::optional<HttpResponder> held;
        fake.server().route(Method::Get, QStringLiteral("/api/costs/summary"), [&](HttpRequest &&request, HttpResponder &&responder) {
            const int days = request.query.queryItemValue(QStringLiteral("days")).toInt();
            QJsonObject summary = sampleSummaryJson();
            summary.insert(QStringLiteral("days"), days);
            if (days == 3)
                held.emplace(std::move(responder)); // answered after the newer request
            else
                responder.send(HttpResponse::json(summary));
        });
        ApiClient api;
        api.setBaseUrl(fake.url());
        QSignalSpy answers(api.findChild<QNetworkAccessManager *>(), &QNetworkAccessManager::finished);
        CostSummaryModel model;
        QSignalSpy changed(&model, &CostSummaryModel::summaryChanged);
        model.refresh(&api, std::nullopt, 3);
        QTRY_VERIFY(held.has_value());
        model.refresh(&api, std::nullopt, 7);
        QTRY_COMPARE(changed.size(), 1);
        QCOMPARE(model.summary().days, 7);
        QVERIFY(!model.isLoading());

        QJsonObject stale = sampleSummaryJson();
        stale.insert(QStringLiteral("days"), 3);
        held->send(HttpResponse::json(stale));
        QTRY_COMPARE(answers.size(), 2); // the stale answer has been handled
        QCOMPARE(changed.size(), 1);
        QCOMPARE(model.summary().days, 7);
    }

    void costSummaryRefreshFailureKeepsTheSummary_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("403") << 403 << QByteArray(R"({"error":{"code":"forbidden","message":"no"}})") << "Not allowed for your role";
        QTest::newRow("bad summary") << 200 << QByteArray(R"({"total_calls": "many"})") << "The cost summary could not be read";
    }

    void costSummaryRefreshFailureKeepsTheSummary()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(QString, messagePart);
        FakeApi fake;
        fake.answer(Method::Get, QStringLiteral("/api/costs/summary"),
                    [&](const HttpRequest &) { return HttpResponse::text(body, "application/json", status); });
        ApiClient api;
        api.setBaseUrl(fake.url());
        CostSummaryModel model;
        QVERIFY(model.setSummaryJson(sampleSummaryJson()).ok());
        QSignalSpy failed(&model, &CostSummaryModel::failed);
        model.refresh(&api, std::nullopt, 7);
        QTRY_COMPARE(failed.size(), 1);
        QVERIFY2(failed.first().first().toString().contains(messagePart), qPrintable(failed.first().first().toString()));
        QCOMPARE(model.summary().totalCalls, 30);
        QCOMPARE(fake.received.first().query, QStringLiteral("days=7"));
    }

    // ---- alerts

    void alertsRaisedOnlyWhenNew_data()
    {
        QTest::addColumn<QStringList>("before");
        QTest::addColumn<QStringList>("after");
        QTest::addColumn<QStringList>("raised");
        QTest::newRow("first list") << QStringList{} << QStringList{"a", "b"} << QStringList{"a", "b"};
        QTest::newRow("same list") << QStringList{"a", "b"} << QStringList{"b", "a"} << QStringList{};
        QTest::newRow("one more") << QStringList{"a"} << QStringList{"a", "c"} << QStringList{"c"};
        QTest::newRow("one cleared") << QStringList{"a", "b"} << QStringList{"b"} << QStringList{};
        QTest::newRow("cleared then back") << QStringList{} << QStringList{"a"} << QStringList{"a"};
    }

    void alertsRaisedOnlyWhenNew()
    {
        QFETCH(QStringList, before);
        QFETCH(QStringList, after);
        QFETCH(QStringList, raised);
        AlertsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto list = [](const QStringList &keys) {
            QJsonArray array;
            for (const QString &key : keys)
                array.append(alertJson(key, QStringLiteral("warning")));
            return array;
        };
        QVERIFY(model.setAlerts(list(before)).ok());
        QSignalSpy spy(&model, &AlertsModel::alertRaised);
        QVERIFY(model.setAlerts(list(after)).ok());
        QStringList keys;
        for (const QList<QVariant> &signal : spy)
            keys.append(signal.first().value<Alert>().key);
        QCOMPARE(keys, raised);
        QCOMPARE(model.rowCount(), after.size());
    }

    void alertsCriticalFirstWithWhatToDo()
    {
        AlertsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto set = model.setAlerts(QJsonArray{alertJson(QStringLiteral("a_warning"), QStringLiteral("warning")),
                                                    QJsonObject{{QStringLiteral("key"), QStringLiteral("broken")}},
                                                    alertJson(QStringLiteral("z_critical"), QStringLiteral("critical"))});
        QVERIFY(!set.ok());
        QVERIFY2(set.error().message.contains(QStringLiteral("1 alert(s) could not be read")), qPrintable(set.error().message));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.criticalCount(), 1);
        QCOMPARE(model.index(0, AlertsModel::Message).data(AlertsModel::KeyRole).toString(), QStringLiteral("z_critical"));
        QCOMPARE(model.index(0, AlertsModel::Severity).data().toString(), QStringLiteral("Critical"));
        QCOMPARE(model.index(0, AlertsModel::Action).data().toString(), QStringLiteral("do something"));
        QVERIFY(model.index(1, AlertsModel::Message).data(Qt::ToolTipRole).toString().contains(QStringLiteral("What to do: do something")));
    }

    // ---- dedup

    void decisionsNewestFirstLive()
    {
        DedupDecisionsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(model.setDecisions(QJsonArray{decisionJson(3, {}, QStringLiteral("placed")),
                                              decisionJson(5, QStringLiteral("memory"), QStringLiteral("duplicate")),
                                              decisionJson(1, {}, QStringLiteral("placed"))}).ok());
        QCOMPARE(idsOf(model), (QList<qint64>{5, 3, 1}));
        QVERIFY(model.applyDecision(decisionJson(7, QStringLiteral("database"), QStringLiteral("duplicate"))).ok());
        QVERIFY(model.applyDecision(decisionJson(4, {}, QStringLiteral("failed_open"))).ok()); // late, lands in order
        QCOMPARE(idsOf(model), (QList<qint64>{7, 5, 4, 3, 1}));
        // The same decision again replaces its row.
        QVERIFY(model.applyDecision(decisionJson(5, QStringLiteral("memory"), QStringLiteral("duplicate"), 2)).ok());
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.index(1, DedupDecisionsModel::Business).data().toLongLong(), 2);
        QCOMPARE(model.index(0, DedupDecisionsModel::Layer).data().toString(), QStringLiteral("Database"));
        QCOMPARE(model.index(2, DedupDecisionsModel::Layer).data().toString(), QStringLiteral("None"));
        QCOMPARE(model.index(2, DedupDecisionsModel::Outcome).data().toString(), QStringLiteral("Placed, database unreachable"));

        model.setMaxRows(3);
        QVERIFY(model.applyDecision(decisionJson(8, {}, QStringLiteral("placed"))).ok());
        QCOMPARE(idsOf(model), (QList<qint64>{8, 7, 5}));
    }

    void decisionsRejectBadInput_data()
    {
        QTest::addColumn<QJsonObject>("decision");
        QTest::addColumn<QString>("messagePart");
        QJsonObject noId = decisionJson(1, {}, QStringLiteral("placed"));
        noId.remove(QStringLiteral("id"));
        QJsonObject badTime = decisionJson(1, {}, QStringLiteral("placed"));
        badTime.insert(QStringLiteral("at"), QStringLiteral("yesterday"));
        QJsonObject noOutcome = decisionJson(1, {}, QStringLiteral("placed"));
        noOutcome.remove(QStringLiteral("outcome"));
        QTest::newRow("no id") << noId << "id must be a number";
        QTest::newRow("bad time") << badTime << "at must be a time";
        QTest::newRow("no outcome") << noOutcome << "outcome is missing";
    }

    void decisionsRejectBadInput()
    {
        QFETCH(QJsonObject, decision);
        QFETCH(QString, messagePart);
        DedupDecisionsModel model;
        const auto applied = model.applyDecision(decision);
        QVERIFY(!applied.ok());
        QVERIFY2(applied.error().message.contains(messagePart), qPrintable(applied.error().message));
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.setDecisions(QJsonArray{decisionJson(2, {}, QStringLiteral("placed")), decision}).ok());
    }

    void decisionFilters_data()
    {
        QTest::addColumn<QString>("layer");
        QTest::addColumn<QString>("outcome");
        QTest::addColumn<int>("business");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QList<qint64>>("shown");
        QTest::newRow("everything") << "" << "" << 0 << "" << QList<qint64>{4, 3, 2, 1};
        QTest::newRow("memory layer") << "memory" << "" << 0 << "" << QList<qint64>{2};
        QTest::newRow("no layer") << "none" << "" << 0 << "" << QList<qint64>{4, 1};
        QTest::newRow("duplicates") << "" << "duplicate" << 0 << "" << QList<qint64>{3, 2};
        QTest::newRow("business 2") << "" << "" << 2 << "" << QList<qint64>{4, 3};
        QTest::newRow("number") << "" << "" << 0 << "0199" << QList<qint64>{3};
        QTest::newRow("call id exact") << "" << "" << 0 << "200" << QList<qint64>{2};
        QTest::newRow("all together") << "database" << "duplicate" << 2 << "0199" << QList<qint64>{3};
        QTest::newRow("nothing") << "memory" << "placed" << 0 << "" << QList<qint64>{};
    }

    void decisionFilters()
    {
        QFETCH(QString, layer);
        QFETCH(QString, outcome);
        QFETCH(int, business);
        QFETCH(QString, text);
        QFETCH(QList<qint64>, shown);
        DedupDecisionsModel model;
        QVERIFY(model.setDecisions(QJsonArray{
            decisionJson(1, {}, QStringLiteral("placed")),
            decisionJson(2, QStringLiteral("memory"), QStringLiteral("duplicate")),
            decisionJson(3, QStringLiteral("database"), QStringLiteral("duplicate"), 2, QStringLiteral("+15550199")),
            decisionJson(4, {}, QStringLiteral("failed_open"), 2)}).ok());
        DedupDecisionFilter filter;
        QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        filter.setSourceModel(&model);
        filter.setLayer(layer);
        filter.setOutcome(outcome);
        filter.setBusinessId(business > 0 ? std::optional<qint64>(business) : std::nullopt);
        filter.setText(text);
        QCOMPARE(idsOf(filter), shown);
    }

    void cacheTimeLeftTicksDown()
    {
        ManualClock clock;
        DedupCacheModel model(clock);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto entry = [](const QString &key, qint64 ttlLeft, bool pending) {
            return QJsonObject{{QStringLiteral("key"), key}, {QStringLiteral("business_id"), 1},
                               {QStringLiteral("number"), QStringLiteral("+15550100")}, {QStringLiteral("call_id"), 9},
                               {QStringLiteral("call_sid"), pending ? QJsonValue(QJsonValue::Null) : QJsonValue(QStringLiteral("CA9"))},
                               {QStringLiteral("status"), QStringLiteral("queued")}, {QStringLiteral("pending"), pending},
                               {QStringLiteral("ttl_left_ms"), ttlLeft}};
        };
        QVERIFY(model.setCache(QJsonObject{{QStringLiteral("ttl_ms"), 60000},
                                           {QStringLiteral("entries"), QJsonArray{entry(QStringLiteral("long"), 42000, false),
                                                                                  entry(QStringLiteral("short"), 1500, true)}},
                                           {QStringLiteral("counters"), QJsonObject{{QStringLiteral("placed"), 3}}}}).ok());
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.ttlMs(), 60000);
        QCOMPARE(model.counters().value(QStringLiteral("placed")).toInt(), 3);
        // Soonest to expire first.
        QCOMPARE(model.index(0, DedupCacheModel::Key).data().toString(), QStringLiteral("short"));
        QCOMPARE(model.index(0, DedupCacheModel::Pending).data().toString(), QStringLiteral("Waiting for Twilio"));
        QCOMPARE(model.index(1, DedupCacheModel::Call).data().toString(), QStringLiteral("CA9"));
        QCOMPARE(model.index(1, DedupCacheModel::TimeLeft).data().toString(), QStringLiteral("0:42"));

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        clock.advanceMs(1000);
        model.tick();
        QCOMPARE(changed.size(), 1);
        QCOMPARE(model.index(1, DedupCacheModel::TimeLeft).data(DedupCacheModel::ValueRole).toLongLong(), 41000);
        QCOMPARE(model.index(0, DedupCacheModel::TimeLeft).data().toString(), QStringLiteral("0:01"));

        clock.advanceMs(600); // "short" has run out
        model.tick();
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, DedupCacheModel::Key).data().toString(), QStringLiteral("long"));
        clock.advanceMs(60000);
        model.tick();
        QCOMPARE(model.rowCount(), 0);
    }

    void cacheRejectsBadInput()
    {
        ManualClock clock;
        DedupCacheModel model(clock);
        QVERIFY(!model.setCache(QJsonObject{{QStringLiteral("entries"), 3}}).ok());
        QVERIFY(!model.setCache(QJsonObject{{QStringLiteral("entries"), QJsonArray{QJsonObject{{QStringLiteral("key"), QStringLiteral("k")}}}}}).ok());
        QCOMPARE(model.rowCount(), 0);
    }

    // ---- jobs and reprocessing

    void jobsUpsertById()
    {
        JobsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(model.setJobs(QJsonArray{sampleJobJson(1, QStringLiteral("CA1"), QStringLiteral("done"), QStringLiteral("recording")),
                                         sampleJobJson(2, QStringLiteral("CA2"), QStringLiteral("pending"))}).ok());
        QCOMPARE(model.index(0, JobsModel::Id).data().toLongLong(), 2);
        QVERIFY(model.applyJob(sampleJobJson(2, QStringLiteral("CA2"), QStringLiteral("running"))).ok());
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, JobsModel::State).data().toString(), QStringLiteral("Running"));
        QCOMPARE(model.index(0, JobsModel::Attempts).data().toString(), QStringLiteral("1 of 5"));
        QVERIFY(model.applyJob(sampleJobJson(3, QStringLiteral("CA3"), QStringLiteral("pending"))).ok());
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.jobById(1)->outcome, QStringLiteral("recording"));
        QCOMPARE(model.index(2, JobsModel::Outcome).data().toString(), QStringLiteral("Transcribed from the recording"));

        const auto bad = model.applyJob(sampleJobJson(4, QStringLiteral("CA4"), QStringLiteral("sleeping")));
        QVERIFY(!bad.ok());
        QVERIFY(bad.error().message.contains(QStringLiteral("unknown state")));
        QVERIFY(!model.applyJob(QJsonObject{{QStringLiteral("state"), QStringLiteral("done")}}).ok());
        QCOMPARE(model.rowCount(), 3);
    }

    void reprocessRequestsFollowTheirJobs()
    {
        FakeApi fake;
        fake.answer(Method::Post, QStringLiteral("/api/calls/{sid}/reprocess"), [](const HttpRequest &request) {
            const QString sid = request.pathParameter(QStringLiteral("sid"));
            if (sid == QStringLiteral("CAbad"))
                return HttpResponse::error(Error{ErrorCode::NotFound, QStringLiteral("no call CAbad")});
            const qint64 id = sid == QStringLiteral("CA1") ? 11 : 12;
            return HttpResponse::json(QJsonObject{{QStringLiteral("job"), sampleJobJson(id, sid, QStringLiteral("pending"))},
                                                  {QStringLiteral("created"), sid == QStringLiteral("CA1")}}, 202);
        });
        ApiClient api;
        api.setBaseUrl(fake.url());
        JobsModel jobs;
        ReprocessModel model(&jobs);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy answered(&model, &ReprocessModel::requestsAnswered);
        model.reprocess(&api, {QStringLiteral("CA1"), QStringLiteral(" CA2 "), QStringLiteral("CA1"), QString(), QStringLiteral("CAbad")}, true);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.pendingRequests(), 3);
        QTRY_COMPARE(answered.size(), 1);
        QCOMPARE(fake.received.size(), 3);
        for (const FakeApi::Received &request : std::as_const(fake.received))
            QCOMPARE(request.body, (QJsonObject{{QStringLiteral("force"), true}}));

        QCOMPARE(model.index(0, ReprocessModel::Request).data().toString(), QStringLiteral("Queued, forced"));
        QCOMPARE(model.index(1, ReprocessModel::Request).data().toString(), QStringLiteral("Already queued"));
        QCOMPARE(model.index(2, ReprocessModel::Request).data().toString(), QStringLiteral("Refused: no call CAbad"));
        QCOMPARE(jobs.rowCount(), 2);
        QCOMPARE(model.index(0, ReprocessModel::JobState).data().toString(), QStringLiteral("Waiting"));

        // The job's progress arrives live.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QVERIFY(jobs.applyJob(sampleJobJson(11, QStringLiteral("CA1"), QStringLiteral("done"), QStringLiteral("realtime"))).ok());
        QVERIFY(changed.size() >= 1);
        QCOMPARE(model.index(0, ReprocessModel::JobState).data().toString(), QStringLiteral("Done"));
        QCOMPARE(model.index(0, ReprocessModel::Outcome).data().toString(), QStringLiteral("Kept the live transcript"));
        QCOMPARE(model.index(0, ReprocessModel::Attempts).data().toString(), QStringLiteral("1 of 5"));
        QCOMPARE(model.index(2, ReprocessModel::JobState).data().toString(), QString());
    }
};

QTEST_GUILESS_MAIN(TestConsoleModels)
#include "tst_consolemodels.moc"
