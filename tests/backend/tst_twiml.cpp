#include "twilio/twiml.h"

#include <QTest>
#include <QXmlStreamReader>

using namespace sb;

class TestTwiml : public QObject
{
    Q_OBJECT

private slots:
    void streamUrlFollowsThePublicScheme_data()
    {
        QTest::addColumn<QUrl>("publicUrl");
        QTest::addColumn<QString>("streamUrl");
        QTest::newRow("https → wss") << QUrl(u"https://calls.example.com"_qs) << u"wss://calls.example.com/twilio/media"_qs;
        QTest::newRow("http → ws, port kept") << QUrl(u"http://127.0.0.1:8080"_qs) << u"ws://127.0.0.1:8080/twilio/media"_qs;
        QTest::newRow("path prefix, trailing slash") << QUrl(u"https://x.example/sb/"_qs) << u"wss://x.example/sb/twilio/media"_qs;
        QTest::newRow("query dropped (Twilio error 31922)") << QUrl(u"https://x.example/?a=1"_qs) << u"wss://x.example/twilio/media"_qs;
    }

    void streamUrlFollowsThePublicScheme()
    {
        QFETCH(QUrl, publicUrl);
        QFETCH(QString, streamUrl);
        QCOMPARE(mediaStreamUrl(publicUrl).toString(), streamUrl);
    }

    void connectStreamDocument()
    {
        const QByteArray xml = connectStreamTwiml(QUrl(u"https://calls.example.com"_qs),
                                                  {{u"callId"_qs, u"42"_qs}, {u"businessId"_qs, u"7 & <co>"_qs}});
        QXmlStreamReader reader(xml);
        QStringList path;
        QString streamUrl, statusCallback;
        QList<QPair<QString, QString>> parameters;
        while (!reader.atEnd()) {
            reader.readNext();
            if (reader.isStartElement()) {
                path << reader.name().toString();
                if (reader.name() == u"Stream") {
                    streamUrl = reader.attributes().value(QStringLiteral("url")).toString();
                    statusCallback = reader.attributes().value(QStringLiteral("statusCallback")).toString();
                } else if (reader.name() == u"Parameter") {
                    parameters.append({reader.attributes().value(QStringLiteral("name")).toString(), reader.attributes().value(QStringLiteral("value")).toString()});
                }
            }
        }
        QVERIFY2(!reader.hasError(), qPrintable(reader.errorString()));
        QCOMPARE(path, (QStringList{u"Response"_qs, u"Connect"_qs, u"Stream"_qs, u"Parameter"_qs, u"Parameter"_qs}));
        QCOMPARE(streamUrl, u"wss://calls.example.com/twilio/media"_qs);
        QCOMPARE(statusCallback, u"https://calls.example.com/twilio/stream-status"_qs);
        QCOMPARE(parameters, (QList<QPair<QString, QString>>{{u"callId"_qs, u"42"_qs}, {u"businessId"_qs, u"7 & <co>"_qs}}));
    }
};

QTEST_APPLESS_MAIN(TestTwiml)
#include "tst_twiml.moc"
