#include "shared/callenums.h"
#include "shared/costpolicy.h"

#include <QTest>

#include <algorithm>

using namespace sb;
using namespace Qt::StringLiterals;

namespace {

/// Runs @p check with the enum type named @p typeName; fails the test for an unknown name.
template <typename Check>
bool withEnumType(const QString &typeName, Check &&check)
{
    if (typeName == u"CallStatus")
        return check(CallStatus{}), true;
    if (typeName == u"Direction")
        return check(Direction{}), true;
    if (typeName == u"RecordingMode")
        return check(RecordingMode{}), true;
    if (typeName == u"RecordingStatus")
        return check(RecordingStatus{}), true;
    if (typeName == u"TranscriptSource")
        return check(TranscriptSource{}), true;
    if (typeName == u"CostBucket")
        return check(CostBucket{}), true;
    if (typeName == u"CostIndicator")
        return check(CostIndicator{}), true;
    return false;
}

/// The wire spellings, written out by hand from DESIGN.md and Twilio's documentation.
struct Spelling
{
    const char *type;
    int value;
    const char *wire;
};

const Spelling kSpellings[] = {
    {"CallStatus", int(CallStatus::Reserved), "reserved"},
    {"CallStatus", int(CallStatus::Queued), "queued"},
    {"CallStatus", int(CallStatus::Initiated), "initiated"},
    {"CallStatus", int(CallStatus::Ringing), "ringing"},
    {"CallStatus", int(CallStatus::InProgress), "in-progress"},
    {"CallStatus", int(CallStatus::Answered), "answered"},
    {"CallStatus", int(CallStatus::Completed), "completed"},
    {"CallStatus", int(CallStatus::Busy), "busy"},
    {"CallStatus", int(CallStatus::Failed), "failed"},
    {"CallStatus", int(CallStatus::NoAnswer), "no-answer"},
    {"CallStatus", int(CallStatus::Canceled), "canceled"},
    {"Direction", int(Direction::Inbound), "inbound"},
    {"Direction", int(Direction::OutboundApi), "outbound-api"},
    {"Direction", int(Direction::OutboundDial), "outbound-dial"},
    {"RecordingMode", int(RecordingMode::Off), "OFF"},
    {"RecordingMode", int(RecordingMode::RecordingApi), "RECORDING_API"},
    {"RecordingMode", int(RecordingMode::TwilioCallRecord), "TWILIO_CALL_RECORD"},
    {"RecordingStatus", int(RecordingStatus::InProgress), "in-progress"},
    {"RecordingStatus", int(RecordingStatus::Paused), "paused"},
    {"RecordingStatus", int(RecordingStatus::Stopped), "stopped"},
    {"RecordingStatus", int(RecordingStatus::Processing), "processing"},
    {"RecordingStatus", int(RecordingStatus::Completed), "completed"},
    {"RecordingStatus", int(RecordingStatus::Absent), "absent"},
    {"RecordingStatus", int(RecordingStatus::Failed), "failed"},
    {"RecordingStatus", int(RecordingStatus::Deleted), "deleted"},
    {"TranscriptSource", int(TranscriptSource::Recording), "recording"},
    {"TranscriptSource", int(TranscriptSource::Realtime), "realtime"},
    {"TranscriptSource", int(TranscriptSource::Failed), "failed"},
    {"CostBucket", int(CostBucket::Low), "LOW"},
    {"CostBucket", int(CostBucket::Med), "MED"},
    {"CostBucket", int(CostBucket::High), "HIGH"},
    {"CostIndicator", int(CostIndicator::StreamReconnects), "stream_reconnects"},
    {"CostIndicator", int(CostIndicator::HighStreamRatio), "high_stream_ratio"},
    {"CostIndicator", int(CostIndicator::DuplicateRecording), "duplicate_recording"},
    {"CostIndicator", int(CostIndicator::Webhook11205), "webhook_11205"},
    {"CostIndicator", int(CostIndicator::WebhookRetries), "webhook_retries"},
};

/// How many values each enum has, counted by hand from the declarations.
const std::pair<const char *, int> kValueCounts[] = {
    {"CallStatus", 11}, {"Direction", 3},  {"RecordingMode", 3}, {"RecordingStatus", 8},
    {"TranscriptSource", 3}, {"CostBucket", 3}, {"CostIndicator", 5},
};

} // namespace

class TestCallEnums final : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_data();
    void roundTrip();
    void tableCoversEveryValue_data();
    void tableCoversEveryValue();
    void enumNamesInDeclarationOrder();
    void unknownSpelling_data();
    void unknownSpelling();
};

void TestCallEnums::roundTrip_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<int>("value");
    QTest::addColumn<QString>("wire");
    for (const Spelling &s : kSpellings) {
        QTest::addRow("%s %s", s.type, s.wire)
            << QString::fromLatin1(s.type) << s.value << QString::fromLatin1(s.wire);
    }
}

void TestCallEnums::roundTrip()
{
    QFETCH(QString, type);
    QFETCH(int, value);
    QFETCH(QString, wire);
    const bool known = withEnumType(type, [&](auto tag) {
        using E = decltype(tag);
        const E e = static_cast<E>(value);
        QCOMPARE(toString(e), wire);
        const Result<E> parsed = parseEnum<E>(wire);
        QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
        QCOMPARE(int(*parsed), value);
    });
    QVERIFY(known);
}

void TestCallEnums::tableCoversEveryValue_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<int>("count");
    for (const auto &[type, count] : kValueCounts)
        QTest::newRow(type) << QString::fromLatin1(type) << count;
}

void TestCallEnums::tableCoversEveryValue()
{
    QFETCH(QString, type);
    QFETCH(int, count);
    QList<int> values;
    for (const Spelling &s : kSpellings) {
        if (type == QLatin1StringView(s.type))
            values << s.value;
    }
    std::sort(values.begin(), values.end());
    QList<int> expected;
    for (int i = 0; i < count; ++i)
        expected << i;
    QCOMPARE(values, expected);

    // A value added to the enum (and its EnumInfo) without a row here makes this fail.
    const bool known = withEnumType(type, [&](auto tag) {
        using E = decltype(tag);
        QCOMPARE(toString(static_cast<E>(count)), QString());
        QCOMPARE(enumNames<E>().size(), count);
    });
    QVERIFY(known);
}

void TestCallEnums::enumNamesInDeclarationOrder()
{
    QCOMPARE(enumNames<CallStatus>(),
             QStringList({u"reserved"_s, u"queued"_s, u"initiated"_s, u"ringing"_s, u"in-progress"_s,
                          u"answered"_s, u"completed"_s, u"busy"_s, u"failed"_s, u"no-answer"_s,
                          u"canceled"_s}));
    QCOMPARE(enumNames<CostBucket>(), QStringList({u"LOW"_s, u"MED"_s, u"HIGH"_s}));
}

void TestCallEnums::unknownSpelling_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("typeName");

    QTest::newRow("status upper case") << u"CallStatus"_s << u"COMPLETED"_s << u"call status"_s;
    QTest::newRow("status title case") << u"CallStatus"_s << u"In-Progress"_s << u"call status"_s;
    QTest::newRow("status underscore") << u"CallStatus"_s << u"in_progress"_s << u"call status"_s;
    QTest::newRow("status no hyphen") << u"CallStatus"_s << u"noanswer"_s << u"call status"_s;
    QTest::newRow("status British spelling") << u"CallStatus"_s << u"cancelled"_s << u"call status"_s;
    QTest::newRow("status empty") << u"CallStatus"_s << QString() << u"call status"_s;
    QTest::newRow("status leading space") << u"CallStatus"_s << u" completed"_s << u"call status"_s;
    QTest::newRow("status trailing newline") << u"CallStatus"_s << u"completed\n"_s << u"call status"_s;
    QTest::newRow("status unknown word") << u"CallStatus"_s << u"dialing"_s << u"call status"_s;
    QTest::newRow("direction upper") << u"Direction"_s << u"INBOUND"_s << u"direction"_s;
    QTest::newRow("direction short") << u"Direction"_s << u"outbound"_s << u"direction"_s;
    QTest::newRow("mode lower case") << u"RecordingMode"_s << u"off"_s << u"recording mode"_s;
    QTest::newRow("mode hyphen") << u"RecordingMode"_s << u"RECORDING-API"_s << u"recording mode"_s;
    QTest::newRow("recording status upper") << u"RecordingStatus"_s << u"Completed"_s << u"recording status"_s;
    QTest::newRow("recording status word") << u"RecordingStatus"_s << u"done"_s << u"recording status"_s;
    QTest::newRow("source upper") << u"TranscriptSource"_s << u"REALTIME"_s << u"transcript source"_s;
    QTest::newRow("source word") << u"TranscriptSource"_s << u"whisper"_s << u"transcript source"_s;
    QTest::newRow("bucket lower case") << u"CostBucket"_s << u"low"_s << u"cost bucket"_s;
    QTest::newRow("bucket long form") << u"CostBucket"_s << u"MEDIUM"_s << u"cost bucket"_s;
    QTest::newRow("bucket space") << u"CostBucket"_s << u"HIGH "_s << u"cost bucket"_s;
    QTest::newRow("bucket empty") << u"CostBucket"_s << u""_s << u"cost bucket"_s;
    QTest::newRow("indicator camel") << u"CostIndicator"_s << u"streamReconnects"_s << u"cost indicator"_s;
}

void TestCallEnums::unknownSpelling()
{
    QFETCH(QString, type);
    QFETCH(QString, text);
    QFETCH(QString, typeName);
    const bool known = withEnumType(type, [&](auto tag) {
        using E = decltype(tag);
        const Result<E> parsed = parseEnum<E>(text);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().code, ErrorCode::InvalidInput);
        const QString &message = parsed.error().message;
        QVERIFY2(message.contains(u'"' + text + u'"'), qPrintable(message));
        QVERIFY2(message.contains(typeName), qPrintable(message));
    });
    QVERIFY(known);
}

QTEST_APPLESS_MAIN(TestCallEnums)
#include "tst_callenums.moc"
