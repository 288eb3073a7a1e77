#include "http/apitokens.h"

#include <QTest>

using namespace sb;

class TestApiTokens : public QObject
{
    Q_OBJECT

private slots:
    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<int>("count");
        QTest::addColumn<QString>("messagePart");

        QTest::newRow("empty closes the API") << QString() << true << 0 << QString();
        QTest::newRow("one of each role") << QStringLiteral("viewer:v,supervisor:s,admin:a,dialer:d") << true << 4 << QString();
        QTest::newRow("spaces and trailing comma") << QStringLiteral(" admin : a1 , viewer:v1,") << true << 2 << QString();
        QTest::newRow("token containing a colon") << QStringLiteral("admin:abc:def") << true << 1 << QString();
        QTest::newRow("no colon") << QStringLiteral("adminabc") << false << 0 << QStringLiteral("not role:token");
        QTest::newRow("unknown role") << QStringLiteral("owner:x") << false << 0 << QStringLiteral("unknown role \"owner\"");
        QTest::newRow("role case matters") << QStringLiteral("Admin:x") << false << 0 << QStringLiteral("unknown role");
        QTest::newRow("empty token") << QStringLiteral("admin:") << false << 0 << QStringLiteral("empty token");
        QTest::newRow("duplicate token") << QStringLiteral("admin:same,viewer:same") << false << 0 << QStringLiteral("repeats");
    }

    void parse()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(int, count);
        QFETCH(QString, messagePart);

        const auto tokens = ApiTokens::parse(text);
        QCOMPARE(tokens.ok(), valid);
        if (valid) {
            QCOMPARE(tokens->size(), count);
        } else {
            QVERIFY2(tokens.error().message.contains(messagePart), qPrintable(tokens.error().message));
        }
    }

    void errorsNeverContainTheToken()
    {
        const auto tokens = ApiTokens::parse(u"admin:s3cret-value,admin:s3cret-value");
        QVERIFY(!tokens.ok());
        QVERIFY(!tokens.error().message.contains(QStringLiteral("s3cret")));
    }

    void roleLookup()
    {
        const auto tokens = ApiTokens::parse(u"viewer:v,admin:a,dialer:d");
        QVERIFY(tokens.ok());
        QCOMPARE(tokens->roleOf(u"a"), std::optional(ApiRole::Admin));
        QCOMPARE(tokens->roleOf(u"d"), std::optional(ApiRole::Dialer));
        QCOMPARE(tokens->roleOf(u"A"), std::nullopt);
        QCOMPARE(tokens->roleOf(u""), std::nullopt);
    }

    void roleNamesRoundTrip()
    {
        for (ApiRole role : {ApiRole::Viewer, ApiRole::Supervisor, ApiRole::Admin, ApiRole::Dialer})
            QCOMPARE(roleFromName(roleName(role)), std::optional(role));
        QCOMPARE(roleFromName(u"root"), std::nullopt);
    }
};

QTEST_APPLESS_MAIN(TestApiTokens)
#include "tst_apitokens.moc"
