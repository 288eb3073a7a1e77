#include "shared/ratecard.h"

#include <QTest>

using namespace sb;
using namespace Qt::StringLiterals;

class TestRateCard final : public QObject
{
    Q_OBJECT

private slots:
    void estimate_data();
    void estimate();
    void customRates();
    void parse_data();
    void parse();
    void toJsonNamesEveryRate();
};

void TestRateCard::estimate_data()
{
    QTest::addColumn<QString>("direction");
    QTest::addColumn<int>("callSec"); // -1: unknown yet
    QTest::addColumn<double>("streamSec");
    QTest::addColumn<int>("recordings");
    QTest::addColumn<double>("voiceMinutes");
    QTest::addColumn<double>("recordingMinutes");
    QTest::addColumn<double>("streamMinutes");
    QTest::addColumn<double>("transcriptionMinutes");
    QTest::addColumn<double>("total");

    // Default card: inbound 0.0085, outbound 0.013, recording 0.0025, stream 0.004, transcription 0.006.
    QTest::newRow("nothing known yet") << u"inbound"_s << -1 << 0.0 << 0 << 0.0 << 0.0 << 0.0 << 0.0 << 0.0;
    QTest::newRow("unanswered, 0 s") << u"outbound-api"_s << 0 << 0.0 << 0 << 0.0 << 0.0 << 0.0 << 0.0 << 0.0;
    QTest::newRow("1 s bills a whole minute") << u"inbound"_s << 1 << 0.0 << 0 << 1.0 << 0.0 << 0.0 << 0.0 << 0.0085;
    QTest::newRow("60 s is one minute") << u"inbound"_s << 60 << 0.0 << 0 << 1.0 << 0.0 << 0.0 << 0.0 << 0.0085;
    QTest::newRow("61 s is two minutes") << u"inbound"_s << 61 << 0.0 << 0 << 2.0 << 0.0 << 0.0 << 0.0 << 0.017;
    QTest::newRow("outbound rate") << u"outbound-api"_s << 120 << 0.0 << 0 << 2.0 << 0.0 << 0.0 << 0.0 << 0.026;
    QTest::newRow("outbound-dial rate") << u"outbound-dial"_s << 60 << 0.0 << 0 << 1.0 << 0.0 << 0.0 << 0.0 << 0.013;
    // The reference's worked example: a 5-minute inbound call, recorded and transcribed ≈ $0.085.
    QTest::newRow("reference example") << u"inbound"_s << 300 << 0.0 << 1 << 5.0 << 5.0 << 0.0 << 5.0 << 0.085;
    QTest::newRow("streamed 0.25 s") << u"inbound"_s << 1 << 0.25 << 0 << 1.0 << 0.0 << 1.0 << 0.0 << 0.0125;
    QTest::newRow("streamed 90 s") << u"inbound"_s << 100 << 90.0 << 0 << 2.0 << 0.0 << 2.0 << 0.0 << 0.025;
    // A duplicate recording bills the call's minutes twice; it is transcribed once.
    QTest::newRow("two recordings") << u"inbound"_s << 90 << 0.0 << 2 << 2.0 << 4.0 << 0.0 << 1.5 << 0.036;
    QTest::newRow("recording, duration unknown") << u"inbound"_s << -1 << 0.0 << 1 << 0.0 << 0.0 << 0.0 << 0.0 << 0.0;
}

void TestRateCard::estimate()
{
    QFETCH(QString, direction);
    QFETCH(int, callSec);
    QFETCH(double, streamSec);
    QFETCH(int, recordings);

    Call call;
    call.direction = parseEnum<Direction>(direction).value();
    if (callSec >= 0)
        call.durationSec = callSec;
    call.streamDurationSec = streamSec;
    call.recordingCount = recordings;
    const CostEstimate estimate = estimateCost(call);
    QTEST(estimate.voiceMinutes, "voiceMinutes");
    QTEST(estimate.recordingMinutes, "recordingMinutes");
    QTEST(estimate.streamMinutes, "streamMinutes");
    QTEST(estimate.transcriptionMinutes, "transcriptionMinutes");
    QFETCH(double, total);
    QVERIFY2(qAbs(estimate.total - total) < 1e-9, qPrintable(QString::number(estimate.total, 'g', 12)));
}

void TestRateCard::customRates()
{
    auto card = RateCard::parse(u"voice_inbound=0.01, recording=0, stream=0.1"_s);
    QVERIFY(card.ok());
    QCOMPARE(card->voiceInboundPerMin, 0.01);
    QCOMPARE(card->voiceOutboundPerMin, RateCard().voiceOutboundPerMin);
    Call call;
    call.durationSec = 120;
    call.streamDurationSec = 30;
    call.recordingCount = 1;
    // 2 voice min × 0.01 + 2 recording min × 0 + 1 stream min × 0.1 + 2 transcription min × 0.006
    QCOMPARE(estimateCost(call, *card).total, 0.132);
}

void TestRateCard::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("errorPart"); // empty: accepted

    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("spaces and a trailing comma") << u" voice_outbound = 0.02 , "_s << QString();
    QTest::newRow("every name") << u"voice_inbound=1,voice_outbound=2,recording=3,stream=4,transcription=5"_s << QString();
    QTest::newRow("unknown") << u"voice=0.01"_s << u"unknown name \"voice\""_s;
    QTest::newRow("lists the accepted names") << u"sms=1"_s << u"voice_inbound, voice_outbound, recording, stream, transcription"_s;
    QTest::newRow("negative") << u"stream=-0.004"_s << u"0 or more"_s;
    QTest::newRow("text") << u"stream=cheap"_s << u"\"cheap\""_s;
    QTest::newRow("infinite") << u"stream=inf"_s << u"0 or more"_s;
    QTest::newRow("missing value") << u"stream="_s << u"0 or more"_s;
    QTest::newRow("twice") << u"stream=1,stream=2"_s << u"twice"_s;
}

void TestRateCard::parse()
{
    QFETCH(QString, text);
    QFETCH(QString, errorPart);
    const Result<RateCard> card = RateCard::parse(text);
    QCOMPARE(card.ok(), errorPart.isEmpty());
    if (!card.ok())
        QVERIFY2(card.error().message.contains(errorPart), qPrintable(card.error().message));
}

void TestRateCard::toJsonNamesEveryRate()
{
    const QJsonObject json = RateCard().toJson();
    QCOMPARE(json.keys().size(), RateCard::names().size());
    QCOMPARE(json.value(u"voice_inbound"_s).toDouble(), 0.0085);
    QCOMPARE(json.value(u"voice_outbound"_s).toDouble(), 0.013);
    QCOMPARE(json.value(u"recording"_s).toDouble(), 0.0025);
    QCOMPARE(json.value(u"stream"_s).toDouble(), 0.004);
    QCOMPARE(json.value(u"transcription"_s).toDouble(), 0.006);
}

QTEST_APPLESS_MAIN(TestRateCard)
#include "tst_ratecard.moc"
