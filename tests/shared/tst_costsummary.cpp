#include "shared/costsummary.h"

#include <QJsonArray>
#include <QTest>

using namespace sb;
using namespace Qt::StringLiterals;

namespace {

CostSummary sample()
{
    CostSummary summary;
    summary.businessId = 4;
    summary.days = 2;
    summary.totalCalls = 5;
    summary.bucketCounts = {2, 1, 2};
    summary.highCostCalls = 2;
    summary.duplicateRecordings = 1;
    summary.callsWithReconnects = 2;
    summary.webhook11205Errors = 1;
    summary.webhookRetries = 4;
    summary.estimatedCost = 0.125;
    summary.indicatorCounts = {{u"stream_reconnects"_s, 2}, {u"duplicate_recording"_s, 1}, {u"webhook_11205"_s, 1},
                               {u"high_stream_ratio"_s, 0}, {u"webhook_retries"_s, 1}};
    summary.daily = {{QDate(2026, 11, 20), 0, 0, 0.0, {}}, {QDate(2026, 11, 21), 5, 2, 0.125, {2, 1, 2}}};
    summary.evaluate({});
    return summary;
}

} // namespace

class TestCostSummary final : public QObject
{
    Q_OBJECT

private slots:
    void jsonHasTheContractKeys();
    void jsonRoundTrip();
    void allBusinessesIsNull();
    void fromJsonRefusesBadValues_data();
    void fromJsonRefusesBadValues();
    void evaluateSetsAlertsAndRecommendations();
    void recommendationsOnlyForProblems();
};

void TestCostSummary::jsonHasTheContractKeys()
{
    const QJsonObject json = sample().toJson();
    QStringList keys = json.keys();
    keys.sort();
    QStringList expected{u"business_id"_s, u"days"_s, u"total_calls"_s, u"bucket_counts"_s, u"high_cost_calls"_s,
                         u"duplicate_recordings"_s, u"calls_with_reconnects"_s, u"webhook_11205_errors"_s,
                         u"webhook_retries"_s, u"estimated_cost"_s, u"indicator_counts"_s, u"recommendations"_s,
                         u"alerts"_s, u"daily"_s, u"thresholds"_s};
    expected.sort();
    QCOMPARE(keys, expected);
    QCOMPARE(json.value(u"bucket_counts"_s).toObject(), QJsonObject({{u"LOW"_s, 2}, {u"MED"_s, 1}, {u"HIGH"_s, 2}}));
    const QJsonObject day = json.value(u"daily"_s).toArray().at(1).toObject();
    QCOMPARE(day.value(u"date"_s).toString(), u"2026-11-21"_s);
    QStringList dayKeys = day.keys();
    dayKeys.sort();
    QCOMPARE(dayKeys, QStringList({u"bucket_counts"_s, u"date"_s, u"estimated_cost"_s, u"high_cost_calls"_s, u"total_calls"_s}));
    QCOMPARE(json.value(u"thresholds"_s).toObject().value(u"high_cost_ratio"_s).toDouble(), 0.2);
}

void TestCostSummary::jsonRoundTrip()
{
    const CostSummary summary = sample();
    QVERIFY(!summary.alerts.isEmpty());
    const Result<CostSummary> read = CostSummary::fromJson(summary.toJson());
    QVERIFY2(read.ok(), read.ok() ? "" : qPrintable(read.error().message));
    QCOMPARE(read->toJson(), summary.toJson());
    QVERIFY(*read == summary);
}

void TestCostSummary::allBusinessesIsNull()
{
    CostSummary summary = sample();
    summary.businessId.reset();
    QVERIFY(summary.toJson().value(u"business_id"_s).isNull());
    QVERIFY(!CostSummary::fromJson(summary.toJson())->businessId.has_value());
}

void TestCostSummary::fromJsonRefusesBadValues_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("errorPart");

    QTest::newRow("total as text") << u"total_calls"_s << QJsonValue(u"5"_s) << u"total_calls"_s;
    QTest::newRow("negative count") << u"webhook_retries"_s << QJsonValue(-1) << u"webhook_retries"_s;
    QTest::newRow("fractional count") << u"high_cost_calls"_s << QJsonValue(1.5) << u"high_cost_calls"_s;
    // Found by fuzz_sharedjson: 1e15 days was cut to an int, so the summary read was not the one sent.
    QTest::newRow("days beyond an int") << u"days"_s << QJsonValue(1e15) << u"days"_s;
    QTest::newRow("cost as text") << u"estimated_cost"_s << QJsonValue(u"cheap"_s) << u"estimated_cost"_s;
    QTest::newRow("business as text") << u"business_id"_s << QJsonValue(u"4"_s) << u"business_id"_s;
    QTest::newRow("bad bucket") << u"bucket_counts"_s << QJsonValue(QJsonObject{{u"LOW"_s, u"x"_s}}) << u"LOW"_s;
    QTest::newRow("bad date") << u"daily"_s << QJsonValue(QJsonArray{QJsonObject{{u"date"_s, u"21/11/2026"_s}}})
                              << u"YYYY-MM-DD"_s;
    QTest::newRow("bad alert") << u"alerts"_s
                               << QJsonValue(QJsonArray{QJsonObject{{u"key"_s, u"x"_s}, {u"severity"_s, u"loud"_s}}})
                               << u"severity"_s;
    QTest::newRow("bad threshold") << u"thresholds"_s << QJsonValue(QJsonObject{{u"reconnect_ratio"_s, u"ten"_s}})
                                   << u"reconnect_ratio"_s;
    QTest::newRow("bad indicator count") << u"indicator_counts"_s
                                         << QJsonValue(QJsonObject{{u"webhook_11205"_s, u"one"_s}}) << u"webhook_11205"_s;
}

void TestCostSummary::fromJsonRefusesBadValues()
{
    QFETCH(QString, key);
    QFETCH(QJsonValue, value);
    QFETCH(QString, errorPart);
    QJsonObject json = sample().toJson();
    json.insert(key, value);
    const Result<CostSummary> read = CostSummary::fromJson(json);
    QVERIFY(!read.ok());
    QVERIFY2(read.error().message.contains(errorPart), qPrintable(read.error().message));
}

void TestCostSummary::evaluateSetsAlertsAndRecommendations()
{
    const CostSummary summary = sample();
    // 1 duplicate (> 0), 2 of 5 HIGH (40 % > 20 %), 2 of 5 reconnects (40 % > 10 %).
    QStringList keys;
    for (const Alert &alert : summary.alerts)
        keys << alert.key;
    QCOMPARE(keys, QStringList({u"duplicate_recordings"_s, u"high_cost_ratio"_s, u"reconnect_ratio"_s}));
    QCOMPARE(summary.thresholds, AlertThresholds());
    QCOMPARE(summary.recommendations.size(), 5);
    QVERIFY(summary.recommendations.at(0).contains(u"1 recording was"_s));
    QVERIFY2(summary.recommendations.at(1).contains(u"the commonest cause is stream_reconnects (2 calls)"_s),
             qPrintable(summary.recommendations.at(1)));
    QVERIFY(summary.recommendations.at(2).contains(u"2 calls had their Media Stream reconnect"_s));
    QVERIFY(summary.recommendations.at(3).contains(u"1 time (error 11205)"_s));
    QVERIFY(summary.recommendations.at(4).contains(u"4 webhook deliveries"_s));
}

void TestCostSummary::recommendationsOnlyForProblems()
{
    CostSummary quiet;
    quiet.totalCalls = 10;
    quiet.bucketCounts.low = 10;
    quiet.evaluate({});
    QVERIFY(quiet.alerts.isEmpty());
    QVERIFY(quiet.recommendations.isEmpty());

    CostSummary longStreams = quiet;
    longStreams.indicatorCounts.insert(u"high_stream_ratio"_s, 3);
    longStreams.evaluate({});
    QCOMPARE(longStreams.recommendations.size(), 1);
    QVERIFY(longStreams.recommendations.constFirst().startsWith(u"In 3 calls the Media Stream ran for most of the call"_s));
}

QTEST_APPLESS_MAIN(TestCostSummary)
#include "tst_costsummary.moc"
