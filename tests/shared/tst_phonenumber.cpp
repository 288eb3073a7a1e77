#include "shared/phonenumber.h"

#include <QRegularExpression>
#include <QTest>

using namespace sb;
using namespace Qt::StringLiterals;

class TestPhoneNumber final : public QObject
{
    Q_OBJECT

private slots:
    void normalize_data();
    void normalize();
    void defaultRegionIsIsrael();
    void refuse_data();
    void refuse();
    void isE164_data();
    void isE164();
    void mask_data();
    void mask();
};

void TestPhoneNumber::normalize_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("e164");

    // Israel: trunk 0, 8–9 digit national significant numbers.
    QTest::newRow("IL mobile, dashes") << u"050-123-4567"_s << u"IL"_s << u"+972501234567"_s;
    QTest::newRow("IL mobile, digits") << u"0501234567"_s << u"IL"_s << u"+972501234567"_s;
    QTest::newRow("IL mobile, spaces") << u"050 123 4567"_s << u"IL"_s << u"+972501234567"_s;
    QTest::newRow("IL mobile, parens and dots") << u"(050) 123.4567"_s << u"IL"_s << u"+972501234567"_s;
    QTest::newRow("IL mobile, slashes") << u"050/123/4567"_s << u"IL"_s << u"+972501234567"_s;
    QTest::newRow("IL landline 8 digits") << u"03-123-4567"_s << u"IL"_s << u"+97231234567"_s;
    QTest::newRow("IL region lower case") << u"050-123-4567"_s << u"il"_s << u"+972501234567"_s;
    QTest::newRow("surrounding whitespace") << u"  050-123-4567 \t"_s << u"IL"_s << u"+972501234567"_s;
    QTest::newRow("already E.164") << u"+972501234567"_s << u"IL"_s << u"+972501234567"_s;
    QTest::newRow("plus with separators") << u"+972 50-123-4567"_s << u"IL"_s << u"+972501234567"_s;
    QTest::newRow("plus inside parens") << u"(+972) 50 123 4567"_s << u"IL"_s << u"+972501234567"_s;
    QTest::newRow("00 prefix") << u"00972 50 123 4567"_s << u"IL"_s << u"+972501234567"_s;
    QTest::newRow("trunk (0) after country code") << u"+972 (0)50-123-4567"_s << u"IL"_s << u"+972501234567"_s;
    QTest::newRow("IL number from US region") << u"+972-50-123-4567"_s << u"US"_s << u"+972501234567"_s;

    // North America: country code 1, optional trunk 1, 10 national digits.
    QTest::newRow("US international") << u"+1 415 555 0100"_s << u"IL"_s << u"+14155550100"_s;
    QTest::newRow("US national parens") << u"(415) 555-0100"_s << u"US"_s << u"+14155550100"_s;
    QTest::newRow("US national dashes") << u"415-555-0100"_s << u"US"_s << u"+14155550100"_s;
    QTest::newRow("US national dots") << u"415.555.0100"_s << u"US"_s << u"+14155550100"_s;
    QTest::newRow("US with trunk 1") << u"1 415 555 0100"_s << u"US"_s << u"+14155550100"_s;
    QTest::newRow("CA with trunk 1") << u"1-604-555-0199"_s << u"CA"_s << u"+16045550199"_s;
    QTest::newRow("CA national") << u"604 555 0199"_s << u"CA"_s << u"+16045550199"_s;
    QTest::newRow("US 011 prefix to IL") << u"011 972 50 123 4567"_s << u"US"_s << u"+972501234567"_s;
    QTest::newRow("CA 011 prefix to GB") << u"011 44 20 7946 0958"_s << u"CA"_s << u"+442079460958"_s;
    QTest::newRow("US 00 prefix") << u"00 44 20 7946 0958"_s << u"US"_s << u"+442079460958"_s;
    QTest::newRow("Twilio test number") << u"+15005550006"_s << u"IL"_s << u"+15005550006"_s;

    // Europe: trunk 0.
    QTest::newRow("GB national") << u"020 7946 0958"_s << u"GB"_s << u"+442079460958"_s;
    QTest::newRow("GB international with (0)") << u"+44 (0)20 7946 0958"_s << u"IL"_s << u"+442079460958"_s;
    QTest::newRow("DE national short") << u"030 123456"_s << u"DE"_s << u"+4930123456"_s;
    QTest::newRow("DE national mobile") << u"0151 2345 6789"_s << u"DE"_s << u"+4915123456789"_s;
    QTest::newRow("FR national") << u"01 23 45 67 89"_s << u"FR"_s << u"+33123456789"_s;
    QTest::newRow("FR international") << u"+33 6 12 34 56 78"_s << u"GB"_s << u"+33612345678"_s;

    // Country codes outside the table: only E.164's length limits apply.
    QTest::newRow("CN mobile") << u"+86 138 0013 8000"_s << u"IL"_s << u"+8613800138000"_s;
    QTest::newRow("15 digits") << u"+681 234 567 890 123"_s << u"IL"_s << u"+681234567890123"_s;
    QTest::newRow("7 digits") << u"+290 1234"_s << u"IL"_s << u"+2901234"_s;
}

void TestPhoneNumber::normalize()
{
    QFETCH(QString, input);
    QFETCH(QString, region);
    QFETCH(QString, e164);
    const Result<QString> result = normalizePhoneNumber(input, region);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(*result, e164);
}

void TestPhoneNumber::defaultRegionIsIsrael()
{
    const Result<QString> result = normalizePhoneNumber(u"050-123-4567");
    QVERIFY(result.ok());
    QCOMPARE(*result, u"+972501234567"_s);
}

void TestPhoneNumber::refuse_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("reason"); ///< a fragment the message must contain

    QTest::newRow("empty") << u""_s << u"IL"_s << u"empty"_s;
    QTest::newRow("only spaces") << u"   "_s << u"IL"_s << u"empty"_s;
    QTest::newRow("client address") << u"client:alice"_s << u"IL"_s << u"not a phone number"_s;
    QTest::newRow("sip address") << u"sip:bob@example.com"_s << u"IL"_s << u"not a phone number"_s;
    QTest::newRow("sip with number") << u"sip:+972501234567@pbx.example.com"_s << u"IL"_s
                                     << u"not a phone number"_s;
    QTest::newRow("letters") << u"050-ABC-4567"_s << u"IL"_s << u"letter 'A'"_s;
    QTest::newRow("vanity number") << u"1-800-FLOWERS"_s << u"US"_s << u"letter 'F'"_s;
    QTest::newRow("hash") << u"050#1234567"_s << u"IL"_s << u"contains '#'"_s;
    QTest::newRow("underscore") << u"050_123_4567"_s << u"IL"_s << u"contains '_'"_s;
    QTest::newRow("tab inside") << u"050\t1234567"_s << u"IL"_s << u"U+0009"_s;
    QTest::newRow("Arabic-Indic digits") << u"٠٥٠١٢٣٤٥٦٧"_s << u"IL"_s << u"contains"_s;
    QTest::newRow("plus in the middle") << u"972+501234567"_s << u"IL"_s << u"'+'"_s;
    QTest::newRow("two pluses") << u"++972501234567"_s << u"IL"_s << u"'+'"_s;
    QTest::newRow("plus alone") << u"+"_s << u"IL"_s << u"no digits"_s;
    QTest::newRow("separators only") << u"-- ( ) /"_s << u"IL"_s << u"no digits"_s;
    QTest::newRow("00 alone") << u"00"_s << u"IL"_s << u"no digits"_s;
    QTest::newRow("IL too short") << u"050-123"_s << u"IL"_s << u"8 or 9 digits"_s;
    QTest::newRow("IL too long") << u"050-123-45678"_s << u"IL"_s << u"8 or 9 digits"_s;
    QTest::newRow("IL international too long") << u"+972 50 123 45678"_s << u"IL"_s << u"8 or 9 digits"_s;
    QTest::newRow("IL without trunk 0") << u"50-123-4567"_s << u"IL"_s << u"trunk prefix 0"_s;
    // Found by fuzz_phonenumber: "+4904257098" came out, which normalised again to "+494257098".
    QTest::newRow("DE trunk 0 twice") << u"011 49 00 4257 098"_s << u"US"_s << u"one trunk prefix 0"_s;
    QTest::newRow("GB trunk 0 twice, national") << u"+44 (0)0 20 7946 095"_s << u"IL"_s << u"one trunk prefix 0"_s;
    QTest::newRow("IL with country code, no plus") << u"972501234567"_s << u"IL"_s << u"trunk prefix 0"_s;
    QTest::newRow("011 is not international in IL") << u"011 44 20 7946 0958"_s << u"IL"_s << u"8 or 9 digits"_s;
    QTest::newRow("16 digits with plus") << u"+1234567890123456"_s << u"IL"_s << u"at most 15"_s;
    QTest::newRow("16 digits after 00") << u"00 1234 5678 9012 3456"_s << u"IL"_s << u"at most 15"_s;
    QTest::newRow("16 digits after 011") << u"011 1234 5678 9012 3456"_s << u"US"_s << u"at most 15"_s;
    QTest::newRow("19 national digits") << u"0501234567890123456"_s << u"IL"_s << u"at most 15"_s;
    QTest::newRow("country code 0") << u"+0 123 456 789"_s << u"IL"_s << u"country code"_s;
    QTest::newRow("000 prefix") << u"000 123 456 789"_s << u"IL"_s << u"country code"_s;
    QTest::newRow("US 9 digits") << u"415 555 010"_s << u"US"_s << u"exactly 10"_s;
    QTest::newRow("US 11 digits, no trunk") << u"415 555 01001"_s << u"US"_s << u"exactly 10"_s;
    QTest::newRow("US international 11 digits") << u"+1 415 555 01001"_s << u"IL"_s << u"exactly 10"_s;
    QTest::newRow("US area code 0") << u"(015) 555-0100"_s << u"US"_s << u"area code"_s;
    QTest::newRow("US area code 1 after trunk") << u"1 (115) 555-0100"_s << u"US"_s << u"area code"_s;
    QTest::newRow("FR 8 digits") << u"01 23 45 67 8"_s << u"FR"_s << u"exactly 9"_s;
    QTest::newRow("unknown country too short") << u"+86 1234"_s << u"IL"_s << u"too short"_s;
    QTest::newRow("unknown region") << u"050-123-4567"_s << u"XX"_s << u"unknown default region \"XX\""_s;
    QTest::newRow("empty region") << u"050-123-4567"_s << u""_s << u"unknown default region"_s;
    QTest::newRow("unknown region, international input") << u"+972501234567"_s << u"ZZ"_s
                                                         << u"unknown default region"_s;
}

void TestPhoneNumber::refuse()
{
    QFETCH(QString, input);
    QFETCH(QString, region);
    QFETCH(QString, reason);
    const Result<QString> result = normalizePhoneNumber(input, region);
    QVERIFY2(!result.ok(), qPrintable(result.ok() ? *result : QString()));
    QCOMPARE(result.error().code, ErrorCode::InvalidInput);
    const QString &message = result.error().message;
    QVERIFY2(message.contains(reason), qPrintable(message));
    // Messages reach logs and API answers: they must not repeat the number itself.
    static const QRegularExpression digitRun(u"\\d{5,}"_s);
    QVERIFY2(!digitRun.match(message).hasMatch(), qPrintable(message));
}

void TestPhoneNumber::isE164_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("e164");

    QTest::newRow("IL mobile") << u"+972501234567"_s << true;
    QTest::newRow("US") << u"+14155550100"_s << true;
    QTest::newRow("15 digits") << u"+123456789012345"_s << true;
    QTest::newRow("2 digits") << u"+12"_s << true;
    QTest::newRow("16 digits") << u"+1234567890123456"_s << false;
    QTest::newRow("1 digit") << u"+1"_s << false;
    QTest::newRow("plus only") << u"+"_s << false;
    QTest::newRow("empty") << u""_s << false;
    QTest::newRow("no plus") << u"972501234567"_s << false;
    QTest::newRow("leading zero") << u"+0972501234567"_s << false;
    QTest::newRow("space") << u"+972 501234567"_s << false;
    QTest::newRow("dash") << u"+972-501234567"_s << false;
    QTest::newRow("letter") << u"+97250123456a"_s << false;
    QTest::newRow("trailing newline") << u"+972501234567\n"_s << false;
    QTest::newRow("client") << u"client:alice"_s << false;
    QTest::newRow("Arabic-Indic digits") << u"+٩٧٢٥٠١٢٣٤٥٦٧"_s << false;
}

void TestPhoneNumber::isE164()
{
    QFETCH(QString, text);
    QFETCH(bool, e164);
    QCOMPARE(sb::isE164(text), e164);
}

void TestPhoneNumber::mask_data()
{
    QTest::addColumn<QString>("number");
    QTest::addColumn<QString>("masked");

    QTest::newRow("IL mobile") << u"+972501234567"_s << u"+97250*****67"_s;
    QTest::newRow("US") << u"+14155550100"_s << u"+14155****00"_s;
    QTest::newRow("11 chars") << u"+4930123456"_s << u"+49301***56"_s;
    QTest::newRow("15 digits") << u"+123456789012345"_s << u"+12345********45"_s;
    QTest::newRow("short E.164") << u"+2901234"_s << u"+2******"_s;
    QTest::newRow("10 chars") << u"+123456789"_s << u"+1********"_s;
    QTest::newRow("tiny E.164") << u"+12"_s << u"+1*"_s;
    QTest::newRow("empty") << u""_s << u""_s;
    QTest::newRow("client") << u"client:alice"_s << u"client:***"_s;
    QTest::newRow("sip") << u"sip:bob@example.com"_s << u"sip:***"_s;
    QTest::newRow("sip with number") << u"sip:+972501234567@pbx"_s << u"sip:***"_s;
    QTest::newRow("upper-case scheme") << u"Client:Alice"_s << u"***"_s;
    QTest::newRow("national number") << u"050-123-4567"_s << u"***"_s;
    QTest::newRow("no plus") << u"972501234567"_s << u"***"_s;
    QTest::newRow("garbage") << u"hello world"_s << u"***"_s;
    QTest::newRow("almost E.164") << u"+97250123456a"_s << u"***"_s;
    QTest::newRow("single char") << u"7"_s << u"***"_s;
    QTest::newRow("colon first") << u":+972501234567"_s << u"***"_s;
}

void TestPhoneNumber::mask()
{
    QFETCH(QString, number);
    QFETCH(QString, masked);
    const QString result = maskPhoneNumber(number);
    QCOMPARE(result, masked);
    if (number.size() > 1)
        QVERIFY2(!result.contains(number), qPrintable(result));
}

QTEST_APPLESS_MAIN(TestPhoneNumber)
#include "tst_phonenumber.moc"
