#include "http/requestbodies.h"

#include <QTest>

using namespace sb;
using namespace Qt::StringLiterals;

class TestRequestBodies : public QObject
{
    Q_OBJECT

private slots:
    void outboundCall()
    {
        const auto request = parseOutboundCallBody(R"({"business_id":2,"to":" 050-123-4567 ","from":null,"lead_id":42})");
        QVERIFY2(request, request ? "" : qPrintable(request.error().message));
        QCOMPARE(request->businessId, 2);
        QCOMPARE(request->to, u"050-123-4567"_s);
        QCOMPARE(request->from, QString());
        QCOMPARE(request->leadId, u"42"_s);
    }

    void outboundCallRefused_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("expectedInMessage");
        QTest::newRow("not JSON") << QByteArray("business_id=1") << u"not valid JSON"_s;
        QTest::newRow("an array") << QByteArray("[1]") << u"must be a JSON object"_s;
        QTest::newRow("no business") << QByteArray(R"({"to":"1"})") << u"business_id is required"_s;
        QTest::newRow("business a string") << QByteArray(R"({"business_id":"1","to":"1"})") << u"positive whole number"_s;
        QTest::newRow("business 0") << QByteArray(R"({"business_id":0,"to":"1"})") << u"positive whole number"_s;
        QTest::newRow("business a fraction") << QByteArray(R"({"business_id":1.5,"to":"1"})") << u"positive whole number"_s;
        QTest::newRow("business 1e16") << QByteArray(R"({"business_id":1e16,"to":"1"})") << u"positive whole number"_s;
        // Found by fuzz_apibodies (UBSan): 1e300 was converted to qint64 before the range check.
        QTest::newRow("business 1e300") << QByteArray(R"({"business_id":1e300,"to":"1"})") << u"positive whole number"_s;
        QTest::newRow("business -1e300") << QByteArray(R"({"business_id":-1e300,"to":"1"})") << u"positive whole number"_s;
        QTest::newRow("no to") << QByteArray(R"({"business_id":1})") << u"to is required"_s;
        QTest::newRow("blank to") << QByteArray(R"({"business_id":1,"to":"  "})") << u"to must not be empty"_s;
        QTest::newRow("to a number") << QByteArray(R"({"business_id":1,"to":972501234567})") << u"to must be a string"_s;
        QTest::newRow("lead a fraction") << QByteArray(R"({"business_id":1,"to":"1","lead_id":1.5})") << u"whole number"_s;
        QTest::newRow("lead 1e300") << QByteArray(R"({"business_id":1,"to":"1","lead_id":1e300})") << u"whole number"_s;
        QTest::newRow("lead an object") << QByteArray(R"({"business_id":1,"to":"1","lead_id":{}})") << u"lead_id must be a string"_s;
    }

    void outboundCallRefused()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, expectedInMessage);
        const auto request = parseOutboundCallBody(body);
        QVERIFY(!request);
        QCOMPARE(int(request.error().code), int(ErrorCode::InvalidInput));
        QVERIFY2(request.error().message.contains(expectedInMessage), qPrintable(request.error().message));
    }

    void newBusiness()
    {
        const auto business = parseNewBusinessBody(R"({"name":" Acme ","caller_number":"050-123-4567","prompt":"Hi"})");
        QVERIFY2(business, business ? "" : qPrintable(business.error().message));
        QCOMPARE(business->name, u"Acme"_s);
        QCOMPARE(business->callerNumber, u"+972501234567"_s);
        QCOMPARE(business->prompt, u"Hi"_s);
        QVERIFY(!parseNewBusinessBody(R"({"name":"","caller_number":"+14155550100"})"));
        const auto badNumber = parseNewBusinessBody(R"({"name":"Acme","caller_number":"call me"})");
        QVERIFY(!badNumber);
        QVERIFY(badNumber.error().message.startsWith(u"caller_number: "_s));
    }
};

QTEST_APPLESS_MAIN(TestRequestBodies)
#include "tst_requestbodies.moc"
