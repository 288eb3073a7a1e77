#include "twilio/signature.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace sb;

namespace {

QJsonArray loadVectors()
{
    QFile file(QStringLiteral(SWITCHBOARD_TEST_DATA_DIR "/twilio-signature-vectors.json"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read the signature vectors");
    return QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("vectors")).toArray();
}

FormFields fieldsOf(const QJsonArray &params)
{
    FormFields fields;
    for (const QJsonValue &pair : params)
        fields.append({pair.toArray().at(0).toString(), pair.toArray().at(1).toString()});
    return fields;
}

const QString kUrl = QStringLiteral("https://mycompany.com/myapp.php?foo=1&bar=2");
const FormFields kParams{{QStringLiteral("CallSid"), QStringLiteral("CA1234567890ABCDE")},
                         {QStringLiteral("Caller"), QStringLiteral("+14158675309")},
                         {QStringLiteral("Digits"), QStringLiteral("1234")},
                         {QStringLiteral("From"), QStringLiteral("+14158675309")},
                         {QStringLiteral("To"), QStringLiteral("+18005551212")}};

} // namespace

class TestSignature : public QObject
{
    Q_OBJECT

private slots:
    // Every official conformance vector, valid and invalid, form and JSON.
    void officialVectors_data()
    {
        QTest::addColumn<QJsonObject>("vector");
        const QJsonArray vectors = loadVectors();
        QVERIFY(vectors.size() >= 40);
        for (const QJsonValue &vector : vectors)
            QTest::newRow(qPrintable(vector.toObject().value(QStringLiteral("id")).toString())) << vector.toObject();
    }

    void officialVectors()
    {
        QFETCH(QJsonObject, vector);
        const TwilioSignatureValidator validator(vector.value(QStringLiteral("auth_token")).toString().toUtf8());
        const QString url = vector.value(QStringLiteral("request_url")).toString();
        const QByteArray signature = vector.value(QStringLiteral("expected_signature")).toString().toUtf8();
        // The one optional vector depends on node's WHATWG URL re-encoding, which Twilio does not
        // apply when it signs; it is expected to fail here.
        const bool expected = vector.value(QStringLiteral("expect_valid")).toBool()
                              && !vector.value(QStringLiteral("optional")).toBool();

        bool valid = false;
        if (vector.contains(QStringLiteral("body"))) {
            valid = validator.validateJsonBody(url, vector.value(QStringLiteral("body")).toString().toUtf8(), signature);
        } else {
            const FormFields fields = fieldsOf(vector.value(QStringLiteral("params")).toArray());
            valid = validator.validateForm(url, fields, signature);
            // And the exact string we sign is the one the vector documents, for one URL variant.
            if (expected && vector.contains(QStringLiteral("signed_string"))) {
                const QByteArray documented = vector.value(QStringLiteral("signed_string")).toString().toUtf8();
                bool found = false;
                for (const QString &variant : TwilioSignature::portVariants(url))
                    found |= TwilioSignature::signedString(variant, fields) == documented;
                QVERIFY2(found, documented.constData());
            }
        }
        QCOMPARE(valid, expected);
    }

    void portVariants_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QStringList>("variants");
        QTest::newRow("https, no port") << QStringLiteral("https://a.com/x?y=1")
                                        << QStringList{QStringLiteral("https://a.com/x?y=1"), QStringLiteral("https://a.com:443/x?y=1")};
        QTest::newRow("http, no port") << QStringLiteral("http://a.com/x")
                                       << QStringList{QStringLiteral("http://a.com/x"), QStringLiteral("http://a.com:80/x")};
        QTest::newRow("custom port") << QStringLiteral("https://a.com:8443/x")
                                     << QStringList{QStringLiteral("https://a.com:8443/x"), QStringLiteral("https://a.com/x")};
        QTest::newRow("userinfo with colon") << QStringLiteral("https://u:p@a.com/x")
                                             << QStringList{QStringLiteral("https://u:p@a.com/x"), QStringLiteral("https://u:p@a.com:443/x")};
        QTest::newRow("IPv6 literal with port") << QStringLiteral("http://[::1]:8080/x")
                                                << QStringList{QStringLiteral("http://[::1]:8080/x"), QStringLiteral("http://[::1]/x")};
        QTest::newRow("wss handshake") << QStringLiteral("wss://a.com/twilio/media")
                                       << QStringList{QStringLiteral("wss://a.com/twilio/media"), QStringLiteral("wss://a.com:443/twilio/media")};
        QTest::newRow("no path") << QStringLiteral("https://a.com")
                                 << QStringList{QStringLiteral("https://a.com"), QStringLiteral("https://a.com:443")};
    }

    void portVariants()
    {
        QFETCH(QString, url);
        QFETCH(QStringList, variants);
        QCOMPARE(TwilioSignature::portVariants(url), variants);
    }

    void rejectsForgedTamperedAndMissing_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<FormFields>("fields");
        QTest::addColumn<QByteArray>("signature");

        const QByteArray good = TwilioSignature::compute("12345", kUrl, kParams);
        FormFields tampered = kParams;
        tampered[2].second = QStringLiteral("9999");
        FormFields extra = kParams;
        extra.append({QStringLiteral("CallStatus"), QStringLiteral("completed")});

        QTest::newRow("missing header") << kUrl << kParams << QByteArray();
        QTest::newRow("garbage") << kUrl << kParams << QByteArray("not-a-signature");
        QTest::newRow("other token") << kUrl << kParams << TwilioSignature::compute("54321", kUrl, kParams);
        QTest::newRow("tampered value") << kUrl << tampered << good;
        QTest::newRow("added field") << kUrl << extra << good;
        QTest::newRow("wrong path") << QStringLiteral("https://mycompany.com/other.php?foo=1&bar=2") << kParams << good;
        QTest::newRow("wrong host") << QStringLiteral("https://evil.com/myapp.php?foo=1&bar=2") << kParams << good;
        QTest::newRow("trailing slash (forms)") << kUrl + u'/' << kParams << good;
        QTest::newRow("one character off") << kUrl << kParams << QByteArray(good).replace(0, 1, good.at(0) == 'A' ? "B" : "A");
    }

    void rejectsForgedTamperedAndMissing()
    {
        QFETCH(QString, url);
        QFETCH(FormFields, fields);
        QFETCH(QByteArray, signature);
        const TwilioSignatureValidator validator("12345");
        QVERIFY(!validator.validateForm(url, fields, signature));
    }

    void noTokenNeverValidates()
    {
        const TwilioSignatureValidator validator{QByteArray()};
        QVERIFY(!validator.validateForm(kUrl, kParams, TwilioSignature::compute("", kUrl, kParams)));
    }

    void jsonBodyMustMatchItsHash()
    {
        const QByteArray body = R"({"property": "value", "boolean": true})";
        const QString url = kUrl + QStringLiteral("&bodySHA256=")
                            + QString::fromLatin1(QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex());
        const QByteArray signature = TwilioSignature::compute("12345", url, {});
        const TwilioSignatureValidator validator("12345");
        QVERIFY(validator.validateJsonBody(url, body, signature));
        QVERIFY(!validator.validateJsonBody(url, QByteArray(body).replace("value", "other"), signature));
        QVERIFY(!validator.validateJsonBody(kUrl, body, TwilioSignature::compute("12345", kUrl, {})));
    }

    void webSocketHandshakeAcceptsTrailingSlash()
    {
        const QString url = QStringLiteral("wss://calls.example.com/twilio/media");
        const TwilioSignatureValidator validator("token");
        QVERIFY(validator.validateWebSocket(url, TwilioSignature::compute("token", url, {})));
        QVERIFY(validator.validateWebSocket(url, TwilioSignature::compute("token", QString(url + u'/'), {})));
        QVERIFY(validator.validateWebSocket(url, TwilioSignature::compute("token", QStringLiteral("wss://calls.example.com:443/twilio/media"), {})));
        QVERIFY(!validator.validateWebSocket(url, TwilioSignature::compute("token", QString(url + QStringLiteral("x")), {})));
    }
};

QTEST_APPLESS_MAIN(TestSignature)
#include "tst_signature.moc"
