#include "http/form.h"

#include <QTest>

using namespace sb;

class TestForm : public QObject
{
    Q_OBJECT

private slots:
    void parse_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<FormFields>("expected");

        QTest::newRow("empty body") << QByteArray() << FormFields{};
        QTest::newRow("Twilio status callback")
            << QByteArray("CallSid=CA123&CallStatus=in-progress&From=%2B14155550100&SequenceNumber=2")
            << FormFields{{u"CallSid"_qs, u"CA123"_qs}, {u"CallStatus"_qs, u"in-progress"_qs},
                          {u"From"_qs, u"+14155550100"_qs}, {u"SequenceNumber"_qs, u"2"_qs}};
        QTest::newRow("plus is a space") << QByteArray("Msg=Hello+world%21") << FormFields{{u"Msg"_qs, u"Hello world!"_qs}};
        QTest::newRow("repeated keys kept in order")
            << QByteArray("StatusCallbackEvent=initiated&StatusCallbackEvent=ringing")
            << FormFields{{u"StatusCallbackEvent"_qs, u"initiated"_qs}, {u"StatusCallbackEvent"_qs, u"ringing"_qs}};
        QTest::newRow("key without value") << QByteArray("Digits&A=") << FormFields{{u"Digits"_qs, QString()}, {u"A"_qs, QString()}};
        QTest::newRow("UTF-8 Hebrew") << QByteArray("Name=%D7%A9%D7%9C%D7%95%D7%9D") << FormFields{{u"Name"_qs, QString::fromUtf8("שלום")}};
        QTest::newRow("stray ampersands") << QByteArray("&&A=1&&") << FormFields{{u"A"_qs, u"1"_qs}};
        QTest::newRow("equals in value") << QByteArray("Payload=a%3Db=c") << FormFields{{u"Payload"_qs, u"a=b=c"_qs}};
    }

    void parse()
    {
        QFETCH(QByteArray, body);
        QFETCH(FormFields, expected);
        const auto fields = parseForm(body);
        QVERIFY2(fields.ok(), fields.ok() ? "" : qPrintable(fields.error().message));
        QCOMPARE(*fields, expected);
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("escape cut short") << QByteArray("A=%4") << QStringLiteral("%-escape");
        QTest::newRow("escape at the end") << QByteArray("A=1&B=%") << QStringLiteral("field 2");
        QTest::newRow("not hex") << QByteArray("A=%zz") << QStringLiteral("%-escape");
        QTest::newRow("invalid UTF-8") << QByteArray("A=%C3%28") << QStringLiteral("UTF-8");
        QTest::newRow("empty name") << QByteArray("=value") << QStringLiteral("no name");
    }

    void malformed()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, messagePart);
        const auto fields = parseForm(body);
        QVERIFY(!fields.ok());
        QCOMPARE(fields.error().code, ErrorCode::InvalidInput);
        QVERIFY2(fields.error().message.contains(messagePart), qPrintable(fields.error().message));
    }

    void encodeRoundTrips()
    {
        const FormFields fields{{u"To"_qs, u"+972501234567"_qs}, {u"Url"_qs, u"https://x.example/twilio/voice?a=1&b=2"_qs},
                                {u"Text"_qs, QString::fromUtf8("שלום עולם & more")}, {u"Empty"_qs, QString()}};
        const auto parsed = parseForm(encodeForm(fields));
        QVERIFY(parsed.ok());
        QCOMPARE(*parsed, fields);
    }

    void firstValueWins()
    {
        const FormFields fields{{u"A"_qs, u"1"_qs}, {u"A"_qs, u"2"_qs}};
        QCOMPARE(formValue(fields, u"A"), u"1"_qs);
        QVERIFY(formValue(fields, u"B").isNull());
    }
};

QTEST_APPLESS_MAIN(TestForm)
#include "tst_form.moc"
