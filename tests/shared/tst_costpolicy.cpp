#include "shared/costpolicy.h"

#include <QTest>

using namespace sb;
using namespace Qt::StringLiterals;

namespace {

constexpr int kUnknown = -1; ///< call duration not known yet (no final status callback)

CostInputs inputs(int connects, double streamSec, int callSec, int recordings, int errors11205, int retries)
{
    CostInputs in;
    in.streamConnectCount = connects;
    in.streamDurationSec = streamSec;
    in.callDurationSec = callSec == kUnknown ? std::nullopt : std::optional<int>(callSec);
    in.recordingCount = recordings;
    in.webhook11205Count = errors11205;
    in.webhookRetryCount = retries;
    return in;
}

QList<int> ints(const QList<CostIndicator> &indicators)
{
    QList<int> result;
    for (CostIndicator indicator : indicators)
        result << int(indicator);
    return result;
}

} // namespace

class TestCostPolicy final : public QObject
{
    Q_OBJECT

private slots:
    void defaults_data();
    void defaults();
    void customThresholds_data();
    void customThresholds();
    void firedNames();
    void fromCall();
    void parseThresholds_data();
    void parseThresholds();
    void warningsAsInputsCross_data();
    void warningsAsInputsCross();
};

void TestCostPolicy::defaults_data()
{
    QTest::addColumn<int>("connects");
    QTest::addColumn<double>("streamSec");
    QTest::addColumn<int>("callSec");
    QTest::addColumn<int>("recordings");
    QTest::addColumn<int>("errors11205");
    QTest::addColumn<int>("retries");
    QTest::addColumn<QList<int>>("fired");
    QTest::addColumn<int>("bucket");

    const int sr = int(CostIndicator::StreamReconnects);
    const int ratio = int(CostIndicator::HighStreamRatio);
    const int rec = int(CostIndicator::DuplicateRecording);
    const int e11205 = int(CostIndicator::Webhook11205);
    const int retry = int(CostIndicator::WebhookRetries);
    const int low = int(CostBucket::Low), med = int(CostBucket::Med), high = int(CostBucket::High);

    // connects, streamSec, callSec, recordings, 11205, retries
    QTest::newRow("3 connects + 2 recordings") << 3 << 30.0 << 100 << 2 << 0 << 0 << QList<int>{sr, rec} << high;
    QTest::newRow("0 connects + 1 recording") << 0 << 0.0 << 100 << 1 << 0 << 0 << QList<int>{} << low;
    QTest::newRow("quiet call") << 1 << 50.0 << 100 << 1 << 0 << 0 << QList<int>{} << low;
    QTest::newRow("nothing known yet") << 0 << 0.0 << kUnknown << 0 << 0 << 0 << QList<int>{} << low;

    // Each indicator alone: MED.
    QTest::newRow("only reconnects") << 2 << 10.0 << 100 << 1 << 0 << 0 << QList<int>{sr} << med;
    QTest::newRow("only ratio") << 1 << 70.0 << 100 << 1 << 0 << 0 << QList<int>{ratio} << med;
    QTest::newRow("only recordings") << 1 << 10.0 << 100 << 2 << 0 << 0 << QList<int>{rec} << med;
    QTest::newRow("only 11205") << 1 << 10.0 << 100 << 1 << 1 << 0 << QList<int>{e11205} << med;
    QTest::newRow("only retries") << 1 << 10.0 << 100 << 1 << 0 << 3 << QList<int>{retry} << med;

    // Threshold edges: at the threshold nothing fires, one above it fires.
    QTest::newRow("connects at 1") << 1 << 0.0 << 100 << 0 << 0 << 0 << QList<int>{} << low;
    QTest::newRow("connects at 2") << 2 << 0.0 << 100 << 0 << 0 << 0 << QList<int>{sr} << med;
    QTest::newRow("ratio exactly 0.6") << 1 << 60.0 << 100 << 0 << 0 << 0 << QList<int>{} << low;
    QTest::newRow("ratio 3/5") << 1 << 3.0 << 5 << 0 << 0 << 0 << QList<int>{} << low;
    QTest::newRow("ratio 0.601") << 1 << 60.1 << 100 << 0 << 0 << 0 << QList<int>{ratio} << med;
    QTest::newRow("ratio 0.59") << 1 << 59.0 << 100 << 0 << 0 << 0 << QList<int>{} << low;
    QTest::newRow("ratio above 1") << 1 << 150.0 << 100 << 0 << 0 << 0 << QList<int>{ratio} << med;
    QTest::newRow("ratio, duration unknown") << 1 << 500.0 << kUnknown << 0 << 0 << 0 << QList<int>{} << low;
    QTest::newRow("ratio, duration zero") << 1 << 500.0 << 0 << 0 << 0 << 0 << QList<int>{} << low;
    QTest::newRow("ratio, duration negative") << 1 << 500.0 << -5 << 0 << 0 << 0 << QList<int>{} << low;
    QTest::newRow("recordings at 1") << 0 << 0.0 << 100 << 1 << 0 << 0 << QList<int>{} << low;
    QTest::newRow("recordings at 2") << 0 << 0.0 << 100 << 2 << 0 << 0 << QList<int>{rec} << med;
    QTest::newRow("11205 at 0") << 0 << 0.0 << 100 << 0 << 0 << 0 << QList<int>{} << low;
    QTest::newRow("11205 at 1") << 0 << 0.0 << 100 << 0 << 1 << 0 << QList<int>{e11205} << med;
    QTest::newRow("retries at 2") << 0 << 0.0 << 100 << 0 << 0 << 2 << QList<int>{} << low;
    QTest::newRow("retries at 3") << 0 << 0.0 << 100 << 0 << 0 << 3 << QList<int>{retry} << med;

    // Two or more: HIGH, listed in declaration order.
    QTest::newRow("ratio + retries") << 1 << 90.0 << 100 << 1 << 0 << 5 << QList<int>{ratio, retry} << high;
    QTest::newRow("everything") << 4 << 99.0 << 100 << 3 << 2 << 7
                                << QList<int>{sr, ratio, rec, e11205, retry} << high;
}

void TestCostPolicy::defaults()
{
    QFETCH(int, connects);
    QFETCH(double, streamSec);
    QFETCH(int, callSec);
    QFETCH(int, recordings);
    QFETCH(int, errors11205);
    QFETCH(int, retries);
    QFETCH(QList<int>, fired);
    QFETCH(int, bucket);

    const CostAssessment assessment = assessCost(inputs(connects, streamSec, callSec, recordings, errors11205, retries));
    QCOMPARE(ints(assessment.fired), fired);
    QCOMPARE(int(assessment.bucket), bucket);
}

void TestCostPolicy::customThresholds_data()
{
    QTest::addColumn<int>("connects");
    QTest::addColumn<double>("streamSec");
    QTest::addColumn<int>("recordings");
    QTest::addColumn<int>("errors11205");
    QTest::addColumn<int>("retries");
    QTest::addColumn<QList<int>>("fired");

    const int sr = int(CostIndicator::StreamReconnects);
    const int ratio = int(CostIndicator::HighStreamRatio);
    const int rec = int(CostIndicator::DuplicateRecording);
    const int e11205 = int(CostIndicator::Webhook11205);
    const int retry = int(CostIndicator::WebhookRetries);

    // Thresholds: connects 3, ratio 0.9, recordings 2, 11205 errors 1, retries 5; call 100 s.
    QTest::newRow("all at thresholds") << 3 << 90.0 << 2 << 1 << 5 << QList<int>{};
    QTest::newRow("defaults would fire") << 2 << 70.0 << 2 << 1 << 3 << QList<int>{};
    QTest::newRow("connects above") << 4 << 0.0 << 0 << 0 << 0 << QList<int>{sr};
    QTest::newRow("ratio above") << 0 << 91.0 << 0 << 0 << 0 << QList<int>{ratio};
    QTest::newRow("recordings above") << 0 << 0.0 << 3 << 0 << 0 << QList<int>{rec};
    QTest::newRow("11205 above") << 0 << 0.0 << 0 << 2 << 0 << QList<int>{e11205};
    QTest::newRow("retries above") << 0 << 0.0 << 0 << 0 << 6 << QList<int>{retry};
}

void TestCostPolicy::customThresholds()
{
    QFETCH(int, connects);
    QFETCH(double, streamSec);
    QFETCH(int, recordings);
    QFETCH(int, errors11205);
    QFETCH(int, retries);
    QFETCH(QList<int>, fired);

    CostThresholds thresholds;
    thresholds.maxStreamConnects = 3;
    thresholds.maxStreamRatio = 0.9;
    thresholds.maxRecordings = 2;
    thresholds.max11205Errors = 1;
    thresholds.maxWebhookRetries = 5;
    const CostAssessment assessment
        = assessCost(inputs(connects, streamSec, 100, recordings, errors11205, retries), thresholds);
    QCOMPARE(ints(assessment.fired), fired);
    const int expectedBucket = fired.isEmpty() ? int(CostBucket::Low)
                               : fired.size() == 1 ? int(CostBucket::Med)
                                                   : int(CostBucket::High);
    QCOMPARE(int(assessment.bucket), expectedBucket);
}

void TestCostPolicy::firedNames()
{
    const CostAssessment all = assessCost(inputs(4, 99.0, 100, 3, 2, 7));
    QCOMPARE(all.firedNames(), QStringList({u"stream_reconnects"_s, u"high_stream_ratio"_s,
                                            u"duplicate_recording"_s, u"webhook_11205"_s, u"webhook_retries"_s}));
    const CostAssessment two = assessCost(inputs(3, 0.0, 100, 2, 0, 0));
    QCOMPARE(two.firedNames(), QStringList({u"stream_reconnects"_s, u"duplicate_recording"_s}));
    QCOMPARE(assessCost(inputs(0, 0.0, 100, 1, 0, 0)).firedNames(), QStringList());
}

void TestCostPolicy::fromCall()
{
    Call call;
    call.streamConnectCount = 3;
    call.streamDurationSec = 42.5;
    call.durationSec = 60;
    call.recordingCount = 2;
    call.webhook11205Count = 1;
    call.webhookRetryCount = 4;
    const CostInputs in = CostInputs::fromCall(call);
    QCOMPARE(in.streamConnectCount, 3);
    QCOMPARE(in.streamDurationSec, 42.5);
    QCOMPARE(in.callDurationSec, std::optional<int>(60));
    QCOMPARE(in.recordingCount, 2);
    QCOMPARE(in.webhook11205Count, 1);
    QCOMPARE(in.webhookRetryCount, 4);

    call.durationSec.reset();
    QVERIFY(!CostInputs::fromCall(call).callDurationSec.has_value());
}

void TestCostPolicy::parseThresholds_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("errorPart");

    QTest::newRow("empty keeps defaults") << QString() << true << QString();
    QTest::newRow("all five") << u"max_stream_connects=3, max_stream_ratio=0.9,max_recordings=2,max_11205_errors=1,"
                                 "max_webhook_retries=5"_s
                              << true << QString();
    QTest::newRow("unknown name") << u"max_streams=3"_s << false << u"unknown name \"max_streams\""_s;
    QTest::newRow("not a number") << u"max_recordings=two"_s << false << u"max_recordings"_s;
    QTest::newRow("negative") << u"max_recordings=-1"_s << false << u"0 or more"_s;
    QTest::newRow("fraction of a count") << u"max_recordings=1.5"_s << false << u"whole number"_s;
    QTest::newRow("twice") << u"max_recordings=1,max_recordings=2"_s << false << u"twice"_s;
    QTest::newRow("no equals sign") << u"max_recordings"_s << false << u"name=number"_s;
}

void TestCostPolicy::parseThresholds()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(QString, errorPart);

    const Result<CostThresholds> parsed = CostThresholds::parse(text);
    QCOMPARE(parsed.ok(), ok);
    if (!ok) {
        QVERIFY2(parsed.error().message.contains(errorPart), qPrintable(parsed.error().message));
        return;
    }
    if (text.isEmpty()) {
        QCOMPARE(*parsed, CostThresholds());
        return;
    }
    QCOMPARE(parsed->maxStreamConnects, 3);
    QCOMPARE(parsed->maxStreamRatio, 0.9);
    QCOMPARE(parsed->maxRecordings, 2);
    QCOMPARE(parsed->max11205Errors, 1);
    QCOMPARE(parsed->maxWebhookRetries, 5);
}

void TestCostPolicy::warningsAsInputsCross_data()
{
    QTest::addColumn<QStringList>("firedBefore");
    QTest::addColumn<int>("connects");
    QTest::addColumn<double>("streamSec");
    QTest::addColumn<int>("recordings");
    QTest::addColumn<int>("errors11205");
    QTest::addColumn<int>("retries");
    QTest::addColumn<QStringList>("warnings");
    QTest::addColumn<QList<double>>("values");

    // connects, streamSec (call 100 s), recordings, 11205, retries
    QTest::newRow("quiet") << QStringList() << 1 << 10.0 << 1 << 0 << 2 << QStringList() << QList<double>();
    QTest::newRow("recording 1 -> 2") << QStringList() << 1 << 10.0 << 2 << 0 << 0 << QStringList{u"duplicate_recording"_s}
                                      << QList<double>{2};
    QTest::newRow("recording 2 -> 3: already warned") << QStringList{u"duplicate_recording"_s} << 1 << 10.0 << 3 << 0 << 0
                                                      << QStringList() << QList<double>();
    QTest::newRow("second connect") << QStringList() << 2 << 10.0 << 0 << 0 << 0 << QStringList{u"reconnect"_s}
                                    << QList<double>{2};
    QTest::newRow("first 11205") << QStringList() << 1 << 10.0 << 0 << 1 << 0 << QStringList{u"webhook_11205"_s}
                                 << QList<double>{1};
    QTest::newRow("third retry") << QStringList() << 1 << 10.0 << 0 << 0 << 3 << QStringList{u"webhook_retry"_s}
                                 << QList<double>{3};
    QTest::newRow("stream ratio warns nobody") << QStringList() << 1 << 90.0 << 0 << 0 << 0 << QStringList() << QList<double>();
    QTest::newRow("two at once, one new") << QStringList{u"stream_reconnects"_s} << 2 << 10.0 << 2 << 0 << 0
                                          << QStringList{u"duplicate_recording"_s} << QList<double>{2};
}

void TestCostPolicy::warningsAsInputsCross()
{
    QFETCH(QStringList, firedBefore);
    QFETCH(int, connects);
    QFETCH(double, streamSec);
    QFETCH(int, recordings);
    QFETCH(int, errors11205);
    QFETCH(int, retries);
    QFETCH(QStringList, warnings);
    QFETCH(QList<double>, values);

    const CostInputs in = inputs(connects, streamSec, 100, recordings, errors11205, retries);
    const QList<CostWarning> raised = newCostWarnings(firedBefore, assessCost(in), in);
    QStringList names;
    QList<double> raisedValues;
    for (const CostWarning &warning : raised) {
        names << warning.name;
        raisedValues << warning.value;
        QCOMPARE(warning.toJson().value(u"warning"_s).toString(), warning.name);
        QVERIFY(warning.value > warning.threshold);
    }
    QCOMPARE(names, warnings);
    QCOMPARE(raisedValues, values);
}

QTEST_APPLESS_MAIN(TestCostPolicy)
#include "tst_costpolicy.moc"
