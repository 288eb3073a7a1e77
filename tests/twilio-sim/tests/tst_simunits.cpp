// The simulator's small parts: µ-law decoding, the committed speech, WAV headers, SIDs,
// RFC 2822 dates, the TwiML reader and the fault list parser.
#include "audio.h"
#include "faultplan.h"
#include "simtypes.h"
#include "twimlreader.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>
#include <QTest>
#include <QtEndian>

using namespace sb::sim;

class TestSimUnits : public QObject
{
    Q_OBJECT

private slots:
    void mulaw_data()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<int>("linear");
        // G.711 reference points: 0xff/0x7f are the two zeros, 0x00/0x80 the extremes.
        QTest::newRow("positive zero") << 0xff << 0;
        QTest::newRow("negative zero") << 0x7f << 0;
        QTest::newRow("most negative") << 0x00 << -32124;
        QTest::newRow("most positive") << 0x80 << 32124;
        QTest::newRow("small positive") << 0xfe << 8;
        QTest::newRow("small negative") << 0x7e << -8;
        QTest::newRow("mid") << 0xa0 << 7932;
    }

    void mulaw()
    {
        QFETCH(int, code);
        QFETCH(int, linear);
        QCOMPARE(int(mulawToLinear(quint8(code))), linear);
    }

    void speechIsEmbeddedAndReal()
    {
        for (const QString &language : {QStringLiteral("en"), QStringLiteral("he")}) {
            const QByteArray clip = speechClip(language);
            QVERIFY2(clip.size() > 8000 * 2 && clip.size() < 8000 * 10, qPrintable(language)); // a few seconds
            int loud = 0; // speech, not silence: many samples well away from zero
            for (char byte : clip)
                loud += std::abs(mulawToLinear(quint8(byte))) > 1000 ? 1 : 0;
            QVERIFY(loud > clip.size() / 20);
        }
        QVERIFY(speechClip(QStringLiteral("en")) != speechClip(QStringLiteral("he")));
    }

    void loopedSliceWraps()
    {
        const QByteArray clip("abc");
        QCOMPARE(loopedSlice(clip, 2, 5), QByteArray("cabca"));
        QCOMPARE(loopedSlice(clip, 300, 2), QByteArray("ab"));
    }

    void wavHeader()
    {
        const QByteArray wav = wavFromMulaw(QByteArray(800, char(0xff)), QByteArray(400, char(0x80)), true);
        QCOMPARE(wav.size(), 44 + 800 * 2 * 2);
        QCOMPARE(wav.left(4), QByteArray("RIFF"));
        QCOMPARE(qFromLittleEndian<quint32>(wav.constData() + 28), quint32(32000)); // byte rate
        QCOMPARE(qFromLittleEndian<quint16>(wav.constData() + 32), quint16(4));     // block align
        // Interleaved: left silence, right the loudest sample, then right padded with silence.
        QCOMPARE(qFromLittleEndian<qint16>(wav.constData() + 44), qint16(0));
        QCOMPARE(qFromLittleEndian<qint16>(wav.constData() + 46), qint16(32124));
        QCOMPARE(qFromLittleEndian<qint16>(wav.constData() + 44 + 4 * 500 + 2), qint16(0));
        QCOMPARE(wavFromMulaw(QByteArray(8000, char(0xff))).size(), 44 + 16000);
    }

    void sids()
    {
        const QString sid = newSid(u"CA");
        QVERIFY(isSid(sid, u"CA"));
        QCOMPARE(sid.size(), 34);
        QVERIFY(newSid(u"CA") != sid);
        QVERIFY(!isSid(sid, u"RE"));
        QVERIFY(!isSid(QStringLiteral("CA123"), u"CA"));
        QVERIFY(!isSid(QString(QStringLiteral("CA") + QString(32, u'g')), u"CA"));
    }

    void rfc2822IgnoresLocale()
    {
        QLocale::setDefault(QLocale(QLocale::Hebrew, QLocale::Israel));
        const QDateTime time(QDate(2018, 3, 25), QTime(9, 53, 19), Qt::UTC);
        QCOMPARE(rfc2822(time), QStringLiteral("Sun, 25 Mar 2018 09:53:19 +0000"));
        QCOMPARE(rfc2822(QDateTime(QDate(2024, 1, 1), QTime(0, 0, 5), Qt::UTC)), QStringLiteral("Mon, 01 Jan 2024 00:00:05 +0000"));
        QCOMPARE(iso8601(time), QStringLiteral("2018-03-25T09:53:19Z"));
        QLocale::setDefault(QLocale::c());
    }

    void twiml_data()
    {
        QTest::addColumn<QByteArray>("xml");
        QTest::addColumn<int>("action"); // -1: refused
        QTest::addColumn<QString>("url");
        QTest::addColumn<int>("parameters");
        using A = TwimlPlan::Action;
        QTest::newRow("connect stream") << QByteArray("<?xml version=\"1.0\"?><Response><Connect><Stream url=\"wss://b.example/twilio/media\"><Parameter name=\"callId\" value=\"1\"/><Parameter name=\"x\" value=\"2\"/></Stream></Connect></Response>")
                                        << int(A::Stream) << QStringLiteral("wss://b.example/twilio/media") << 2;
        QTest::newRow("start stream") << QByteArray("<Response><Start><Stream url=\"ws://h:1/m\"/></Start><Pause/></Response>")
                                             << int(A::Stream) << QStringLiteral("ws://h:1/m") << 0;
        QTest::newRow("hangup") << QByteArray("<Response><Hangup/></Response>") << int(A::Hangup) << QString() << 0;
        QTest::newRow("reject") << QByteArray("<Response><Reject/></Response>") << int(A::Hangup) << QString() << 0;
        QTest::newRow("say holds") << QByteArray("<Response><Say>hi</Say><Hangup/></Response>") << int(A::Hold) << QString() << 0;
        QTest::newRow("redirect") << QByteArray("<Response><Redirect>/next</Redirect></Response>") << int(A::Redirect) << QStringLiteral("http://doc.example/next") << 0;
        QTest::newRow("empty response") << QByteArray("<Response/>") << int(A::Hangup) << QString() << 0;
        QTest::newRow("not twiml") << QByteArray("<html></html>") << -1 << QString() << 0;
        QTest::newRow("malformed") << QByteArray("<Response><Say>") << -1 << QString() << 0;
        QTest::newRow("http stream url") << QByteArray("<Response><Connect><Stream url=\"https://b/m\"/></Connect></Response>") << -1 << QString() << 0;
        QTest::newRow("query in stream url") << QByteArray("<Response><Connect><Stream url=\"wss://b/m?x=1\"/></Connect></Response>") << -1 << QString() << 0;
    }

    void twiml()
    {
        QFETCH(QByteArray, xml);
        QFETCH(int, action);
        QFETCH(QString, url);
        QFETCH(int, parameters);
        const auto plan = readTwiml(xml, QUrl(QStringLiteral("http://doc.example/voice")));
        QCOMPARE(plan.ok(), action >= 0);
        if (!plan.ok())
            return;
        QCOMPARE(int(plan->action), action);
        QCOMPARE(plan->url.toString(), url);
        QCOMPARE(plan->parameters.size(), parameters);
    }

    void faultList()
    {
        CallFaults call;
        QList<RestFault> rest;
        QVERIFY(FaultPlan::parse(QJsonArray{QStringLiteral("alarm_11205"),
                                            QJsonObject{{QStringLiteral("kind"), QStringLiteral("stream_drop_reconnect")}},
                                            QJsonObject{{QStringLiteral("kind"), QStringLiteral("rest_5xx")}, {QStringLiteral("count"), 2}, {QStringLiteral("status"), 503}}},
                                 call, &rest)
                    .ok());
        QCOMPARE(call.names(), QStringList({QStringLiteral("stream_drop_reconnect"), QStringLiteral("alarm_11205")}));
        QCOMPARE(rest.size(), 1);
        QCOMPARE(rest.first().remaining, 2);
        QCOMPARE(rest.first().status, 503);

        CallFaults ignored;
        QVERIFY(!FaultPlan::parse(QJsonArray{QStringLiteral("gremlins")}, ignored, &rest).ok());
        QVERIFY(!FaultPlan::parse(QJsonArray{QStringLiteral("rest_slow")}, ignored, nullptr).ok()); // not per call
        QVERIFY(!FaultPlan::parse(QJsonArray{QJsonObject{{QStringLiteral("kind"), QStringLiteral("rest_5xx")}, {QStringLiteral("status"), 404}}}, ignored, &rest).ok());

        FaultPlan plan;
        QVERIFY(plan.arm(QJsonArray{QJsonObject{{QStringLiteral("kind"), QStringLiteral("rest_5xx")}, {QStringLiteral("endpoint"), QStringLiteral("POST Calls.json")}, {QStringLiteral("count"), 2}}}).ok());
        QVERIFY(!plan.take(QStringLiteral("GET Calls.json")).fail);
        QVERIFY(plan.take(QStringLiteral("POST Calls.json")).fail);
        QVERIFY(plan.take(QStringLiteral("POST Calls.json")).fail);
        QVERIFY(!plan.take(QStringLiteral("POST Calls.json")).fail);
    }
};

QTEST_GUILESS_MAIN(TestSimUnits)
#include "tst_simunits.moc"
