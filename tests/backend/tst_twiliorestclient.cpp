// The Twilio REST client's requests against Twilio's own OpenAPI spec, its error mapping, and the
// rule that only OutboundCallService creates calls (invariant 1).
#include "twilio/twiliorestclient.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>

using namespace sb;

class TestTwilioRestClient : public QObject
{
    Q_OBJECT

private slots:
    void createCallFormConformsToTheSpec()
    {
        QFile file(QStringLiteral(SWITCHBOARD_TEST_DATA_DIR "/twilio_calls_create_schema.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject schema = QJsonDocument::fromJson(file.readAll()).object();
        const QJsonObject properties = schema.value(u"properties").toObject();
        const FormFields form = TwilioRestClient::createCallForm(
            {u"+972501234567"_qs, u"+97231234567"_qs, QUrl(u"https://sb.example.com/twilio/voice?reservation=7"_qs),
             QUrl(u"https://sb.example.com/twilio/status?reservation=7"_qs)});
        QSet<QString> keys;
        QStringList events;
        for (const auto &[key, value] : form) {
            QVERIFY2(properties.contains(key), qPrintable(key));
            const QJsonObject property = properties.value(key).toObject();
            if (property.contains(u"enum"))
                QVERIFY2(property.value(u"enum").toArray().contains(value), qPrintable(key));
            if (property.value(u"format").toString() == u"uri") {
                const QUrl url(value, QUrl::StrictMode);
                QVERIFY2(url.isValid() && url.scheme().startsWith(u"http") && !url.host().contains(u'_'), qPrintable(key));
            }
            QVERIFY2(!keys.contains(key) || property.value(u"type").toString() == u"array", qPrintable(key));
            keys.insert(key);
            if (key == u"StatusCallbackEvent")
                events << value;
        }
        for (const QJsonValue &required : schema.value(u"required").toArray())
            QVERIFY(keys.contains(required.toString()));
        QVERIFY(!keys.contains(u"Record"_qs)); // invariant 2
        QVERIFY(keys.contains(u"Url"_qs));
        QCOMPARE(events, (QStringList{u"initiated"_qs, u"ringing"_qs, u"answered"_qs, u"completed"_qs}));
        QCOMPARE(encodeForm(form).count("StatusCallbackEvent="), 4); // repeated keys, not one joined value
    }

    void twilioErrorsBecomeApiErrors_data()
    {
        QTest::addColumn<int>("outcome");
        QTest::addColumn<int>("httpStatus");
        QTest::addColumn<int>("code");
        QTest::addColumn<int>("apiStatus");
        QTest::addColumn<QString>("message");
        const int refused = int(TwilioReply::Outcome::Refused);
        const int unknown = int(TwilioReply::Outcome::Unknown);
        QTest::newRow("21211 invalid to") << refused << 400 << 21211 << 400 << u"'to' number is not a valid phone number"_qs;
        QTest::newRow("21217 invalid to") << refused << 400 << 21217 << 400 << u"'to' number"_qs;
        QTest::newRow("21212 invalid from") << refused << 400 << 21212 << 400 << u"'from' number"_qs;
        QTest::newRow("21210 unverified from") << refused << 400 << 21210 << 400 << u"'from' number"_qs;
        QTest::newRow("21215 geo permissions") << refused << 400 << 21215 << 400 << u"geographic permissions"_qs;
        QTest::newRow("21219 trial") << refused << 400 << 21219 << 400 << u"trial account"_qs;
        QTest::newRow("20003 credentials") << refused << 401 << 20003 << 502 << u"Twilio refused our credentials"_qs;
        QTest::newRow("401 without code") << refused << 401 << 0 << 502 << u"Twilio refused our credentials"_qs;
        QTest::newRow("20404 not found") << refused << 404 << 20404 << 502 << u"does not know our account"_qs;
        QTest::newRow("20429 rate limit") << refused << 429 << 20429 << 503 << u"rate limiting"_qs;
        QTest::newRow("429 without code") << refused << 429 << 0 << 503 << u"rate limiting"_qs;
        QTest::newRow("other 4xx") << refused << 400 << 21205 << 502 << u"Twilio refused the call (Twilio error 21205"_qs;
        QTest::newRow("5xx") << unknown << 500 << 20500 << 502 << u"reconciled"_qs;
        QTest::newRow("timeout") << unknown << 0 << 0 << 502 << u"will not be dialled again"_qs;
    }

    void twilioErrorsBecomeApiErrors()
    {
        QFETCH(int, outcome);
        QFETCH(int, httpStatus);
        QFETCH(int, code);
        QFETCH(int, apiStatus);
        QFETCH(QString, message);
        TwilioReply reply;
        reply.outcome = TwilioReply::Outcome(outcome);
        reply.httpStatus = httpStatus;
        reply.errorCode = code;
        reply.errorMessage = u"what Twilio said"_qs;
        const Error error = apiErrorFor(reply);
        const int status = error.code == ErrorCode::InvalidInput ? 400
                           : error.code == ErrorCode::Upstream   ? 502
                           : error.code == ErrorCode::Unavailable ? 503
                                                                 : 500;
        QCOMPARE(status, apiStatus);
        QVERIFY2(error.message.contains(message), qPrintable(error.message));
        QVERIFY(error.message.contains(u"what Twilio said"));
    }

    void endpointLabels_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("label");
        const QString account = u"https://api.twilio.com/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/"_qs;
        QTest::newRow("create or list") << account + u"Calls.json?PageSize=20"_qs << u"Calls.json"_qs;
        QTest::newRow("one call") << account + u"Calls/CA0123456789abcdef0123456789abcdef.json"_qs << u"Calls/{Sid}.json"_qs;
        QTest::newRow("recordings of a call")
            << account + u"Calls/CAffffffffffffffffffffffffffffffff/Recordings.json"_qs << u"Calls/{Sid}/Recordings.json"_qs;
        QTest::newRow("recording media") << account + u"Recordings/RE0123456789abcdef0123456789abcdef.wav"_qs
                                         << u"Recordings/{Sid}.wav"_qs;
        QTest::newRow("behind a base path") << u"http://127.0.0.1:8081/sim/2010-04-01/Accounts/AC1/Calls.json"_qs
                                            << u"Calls.json"_qs;
        QTest::newRow("not below an account") << u"http://127.0.0.1:8081/other/RE0123456789abcdef0123456789abcdef"_qs
                                              << u"/other/{Sid}"_qs;
        QTest::newRow("not a SID: too short") << account + u"Calls/CA0123.json"_qs << u"Calls/CA0123.json"_qs;
    }

    void endpointLabels()
    {
        QFETCH(QString, url);
        QTEST(TwilioRestClient::endpointLabel(QUrl(url)), "label");
    }

    /// Invariant 1: Calls.json is named only by the REST client, and only the outbound service creates calls.
    void onlyTheOutboundServiceCreatesCalls()
    {
        QStringList namingCallsJson;
        QStringList creatingCalls;
        QDirIterator it(QStringLiteral(SWITCHBOARD_SOURCE_DIR "/backend"), {u"*.cpp"_qs, u"*.h"_qs}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray text = file.readAll();
            const QString relative = path.mid(qsizetype(strlen(SWITCHBOARD_SOURCE_DIR "/backend/")));
            if (text.contains("Calls.json\"") || text.contains("Calls.json\"_s"))
                namingCallsJson << relative;
            if (text.contains(".createCall(") || text.contains("->createCall(") || text.contains("createCall(params"))
                creatingCalls << relative;
        }
        namingCallsJson.sort();
        creatingCalls.sort();
        QCOMPARE(namingCallsJson, QStringList{u"twilio/twiliorestclient.cpp"_qs});
        QCOMPARE(creatingCalls, QStringList{u"calls/outboundcallservice.cpp"_qs});
    }
};

QTEST_MAIN(TestTwilioRestClient)
#include "tst_twiliorestclient.moc"
