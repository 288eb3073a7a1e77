#include "shared/alerts.h"
#include "shared/costsummary.h"

#include <QTest>

using namespace sb;
using namespace Qt::StringLiterals;

namespace {

CostSummary summaryOf(qint64 total, qint64 high, qint64 reconnects, qint64 duplicates)
{
    CostSummary summary;
    summary.days = 1;
    summary.totalCalls = total;
    summary.highCostCalls = high;
    summary.bucketCounts.high = high;
    summary.bucketCounts.low = total - high;
    summary.callsWithReconnects = reconnects;
    summary.duplicateRecordings = duplicates;
    return summary;
}

} // namespace

class TestAlerts final : public QObject
{
    Q_OBJECT

private slots:
    void defaults_data();
    void defaults();
    void customThresholds();
    void messagesSayWhatAndWhatToDo();
    void parseThresholds_data();
    void parseThresholds();
    void alertJsonRoundTrip();
    void alertFromJsonRefusesBadSeverity();
};

void TestAlerts::defaults_data()
{
    QTest::addColumn<qint64>("total");
    QTest::addColumn<qint64>("high");
    QTest::addColumn<qint64>("reconnects");
    QTest::addColumn<qint64>("duplicates");
    QTest::addColumn<QStringList>("alerts");     ///< "key:severity"
    QTest::addColumn<QList<double>>("values");

    QTest::newRow("no calls") << qint64(0) << qint64(0) << qint64(0) << qint64(0) << QStringList() << QList<double>();
    QTest::newRow("quiet") << qint64(10) << qint64(0) << qint64(0) << qint64(0) << QStringList() << QList<double>();
    // Duplicate recordings: threshold 0, so the first one alerts, and it is always critical.
    QTest::newRow("one duplicate") << qint64(10) << qint64(0) << qint64(0) << qint64(1)
                                   << QStringList{u"duplicate_recordings:critical"_s} << QList<double>{1};
    QTest::newRow("duplicate without ratios (no calls counted)") << qint64(0) << qint64(0) << qint64(0) << qint64(2)
                                                                 << QStringList{u"duplicate_recordings:critical"_s}
                                                                 << QList<double>{2};
    // High-cost ratio: 20 % exactly is not above it; 2 of 9 is.
    QTest::newRow("high 1 of 5 = 20 %") << qint64(5) << qint64(1) << qint64(0) << qint64(0) << QStringList() << QList<double>();
    QTest::newRow("high 20 of 100") << qint64(100) << qint64(20) << qint64(0) << qint64(0) << QStringList() << QList<double>();
    QTest::newRow("high 21 of 100") << qint64(100) << qint64(21) << qint64(0) << qint64(0)
                                    << QStringList{u"high_cost_ratio:warning"_s} << QList<double>{0.21};
    QTest::newRow("high 40 of 100: still a warning") << qint64(100) << qint64(40) << qint64(0) << qint64(0)
                                                     << QStringList{u"high_cost_ratio:warning"_s} << QList<double>{0.4};
    QTest::newRow("high 41 of 100: critical") << qint64(100) << qint64(41) << qint64(0) << qint64(0)
                                              << QStringList{u"high_cost_ratio:critical"_s} << QList<double>{0.41};
    // Reconnect ratio: 10 % exactly is not above it.
    QTest::newRow("reconnects 1 of 10") << qint64(10) << qint64(0) << qint64(1) << qint64(0) << QStringList() << QList<double>();
    QTest::newRow("reconnects 11 of 100") << qint64(100) << qint64(0) << qint64(11) << qint64(0)
                                          << QStringList{u"reconnect_ratio:warning"_s} << QList<double>{0.11};
    QTest::newRow("reconnects 21 of 100") << qint64(100) << qint64(0) << qint64(21) << qint64(0)
                                          << QStringList{u"reconnect_ratio:critical"_s} << QList<double>{0.21};
    QTest::newRow("all three, in order") << qint64(3) << qint64(3) << qint64(3) << qint64(1)
                                         << QStringList{u"duplicate_recordings:critical"_s, u"high_cost_ratio:critical"_s,
                                                        u"reconnect_ratio:critical"_s}
                                         << QList<double>{1, 1, 1};
}

void TestAlerts::defaults()
{
    QFETCH(qint64, total);
    QFETCH(qint64, high);
    QFETCH(qint64, reconnects);
    QFETCH(qint64, duplicates);
    QFETCH(QStringList, alerts);
    QFETCH(QList<double>, values);

    const AlertThresholds thresholds;
    QStringList raised;
    QList<double> raisedValues;
    for (const Alert &alert : evaluateAlerts(summaryOf(total, high, reconnects, duplicates), thresholds)) {
        raised << alert.key + u':' + Alert::severityName(alert.severity);
        raisedValues << alert.value;
        QVERIFY(alert.value > alert.threshold);
    }
    QCOMPARE(raised, alerts);
    QCOMPARE(raisedValues.size(), values.size());
    for (qsizetype i = 0; i < values.size(); ++i)
        QCOMPARE(raisedValues[i], values[i]);
}

void TestAlerts::customThresholds()
{
    auto thresholds = AlertThresholds::parse(u"duplicate_recordings=2,high_cost_ratio=0.5,reconnect_ratio=0"_s);
    QVERIFY(thresholds.ok());
    // 2 duplicates (not above 2), 50 % HIGH (not above 50 %), 1 reconnect of 10 (above 0).
    const QList<Alert> alerts = evaluateAlerts(summaryOf(10, 5, 1, 2), *thresholds);
    QCOMPARE(alerts.size(), 1);
    QCOMPARE(alerts.constFirst().key, u"reconnect_ratio"_s);
    QCOMPARE(alerts.constFirst().threshold, 0.0);
    QCOMPARE(alerts.constFirst().severity, Alert::Severity::Critical); // above twice 0
    QCOMPARE(evaluateAlerts(summaryOf(10, 5, 0, 3), *thresholds).constFirst().key, u"duplicate_recordings"_s);
}

void TestAlerts::messagesSayWhatAndWhatToDo()
{
    CostSummary summary = summaryOf(8, 2, 0, 0);
    summary.days = 7;
    const QList<Alert> alerts = evaluateAlerts(summary, {});
    QCOMPARE(alerts.size(), 1);
    QCOMPARE(alerts.constFirst().message, u"25 % of calls (2 of 8) in the last 7 days were HIGH cost, above the 20 % threshold"_s);
    QVERIFY(alerts.constFirst().action.contains(u"indicator_counts"_s));
    const QList<Alert> reconnects = evaluateAlerts(summaryOf(3, 0, 1, 0), {});
    QCOMPARE(reconnects.constFirst().message,
             u"33.3 % of calls (1 of 3) today had their Media Stream reconnect, above the 10 % threshold"_s);
}

void TestAlerts::parseThresholds_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("errorPart");

    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("all") << u"duplicate_recordings=1,high_cost_ratio=0.3,reconnect_ratio=0.05"_s << QString();
    QTest::newRow("ratio above 1") << u"high_cost_ratio=20"_s << u"ratio from 0 to 1"_s;
    QTest::newRow("unknown") << u"high_cost=0.2"_s << u"unknown name"_s;
    QTest::newRow("negative") << u"reconnect_ratio=-0.1"_s << u"0 or more"_s;
}

void TestAlerts::parseThresholds()
{
    QFETCH(QString, text);
    QFETCH(QString, errorPart);
    const Result<AlertThresholds> parsed = AlertThresholds::parse(text);
    QCOMPARE(parsed.ok(), errorPart.isEmpty());
    if (!parsed.ok()) {
        QVERIFY2(parsed.error().message.contains(errorPart), qPrintable(parsed.error().message));
        return;
    }
    if (!text.isEmpty()) {
        QCOMPARE(parsed->duplicateRecordings, 1.0);
        QCOMPARE(parsed->highCostRatio, 0.3);
        QCOMPARE(parsed->reconnectRatio, 0.05);
    }
    QCOMPARE(AlertThresholds::fromJson(parsed->toJson()).value(), *parsed);
}

void TestAlerts::alertJsonRoundTrip()
{
    for (const Alert &alert : evaluateAlerts(summaryOf(3, 3, 3, 1), {})) {
        const QJsonObject json = alert.toJson();
        QCOMPARE(json.keys(), QStringList({u"action"_s, u"key"_s, u"message"_s, u"severity"_s, u"threshold"_s, u"value"_s}));
        QCOMPARE(Alert::fromJson(json).value(), alert);
    }
}

void TestAlerts::alertFromJsonRefusesBadSeverity()
{
    QVERIFY(!Alert::fromJson({{u"key"_s, u"x"_s}, {u"severity"_s, u"fatal"_s}}).ok());
    QVERIFY(!Alert::fromJson({{u"severity"_s, u"warning"_s}}).ok());
    QVERIFY(!Alert::fromJson({{u"key"_s, u"x"_s}, {u"severity"_s, u"warning"_s}, {u"value"_s, u"high"_s}}).ok());
}

QTEST_APPLESS_MAIN(TestAlerts)
#include "tst_alerts.moc"
