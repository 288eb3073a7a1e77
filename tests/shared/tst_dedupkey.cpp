#include "shared/dedupkey.h"

#include <QTest>

#include <limits>

using namespace sb;

class TestDedupKey final : public QObject
{
    Q_OBJECT

private slots:
    void minuteBucket_data();
    void minuteBucket();
    void dedupKey_data();
    void dedupKey();
    void minuteBoundary();
    void partsDistinguishKeys();
};

void TestDedupKey::minuteBucket_data()
{
    QTest::addColumn<qint64>("epochMs");
    QTest::addColumn<qint64>("bucket");

    QTest::newRow("epoch") << qint64(0) << qint64(0);
    QTest::newRow("59.999 s") << qint64(59'999) << qint64(0);
    QTest::newRow("60 s") << qint64(60'000) << qint64(1);
    QTest::newRow("119.999 s") << qint64(119'999) << qint64(1);
    QTest::newRow("120 s") << qint64(120'000) << qint64(2);
    QTest::newRow("2023-11-14") << qint64(1'700'000'000'000) << qint64(28'333'333);
    // Floor, not truncation: just before the epoch is minute -1, not 0.
    QTest::newRow("-1 ms") << qint64(-1) << qint64(-1);
    QTest::newRow("-59.999 s") << qint64(-59'999) << qint64(-1);
    QTest::newRow("-60 s") << qint64(-60'000) << qint64(-1);
    QTest::newRow("-60.001 s") << qint64(-60'001) << qint64(-2);
    QTest::newRow("int64 max") << std::numeric_limits<qint64>::max() << qint64(153'722'867'280'912);
    QTest::newRow("int64 min") << std::numeric_limits<qint64>::min() << qint64(-153'722'867'280'913);
}

void TestDedupKey::minuteBucket()
{
    QFETCH(qint64, epochMs);
    QFETCH(qint64, bucket);
    QCOMPARE(sb::minuteBucket(epochMs), bucket);
}

void TestDedupKey::dedupKey_data()
{
    QTest::addColumn<qint64>("businessId");
    QTest::addColumn<QString>("number");
    QTest::addColumn<qint64>("epochMs");
    QTest::addColumn<QString>("key");

    QTest::newRow("typical") << qint64(7) << QStringLiteral("+972501234567") << qint64(1'700'000'000'000)
                             << QStringLiteral("7:+972501234567:28333333");
    QTest::newRow("epoch") << qint64(1) << QStringLiteral("+14155550100") << qint64(0)
                           << QStringLiteral("1:+14155550100:0");
    QTest::newRow("before epoch") << qint64(1) << QStringLiteral("+14155550100") << qint64(-1)
                                  << QStringLiteral("1:+14155550100:-1");
    QTest::newRow("large business") << qint64(9'000'000'000) << QStringLiteral("+442079460958")
                                    << qint64(60'000) << QStringLiteral("9000000000:+442079460958:1");
}

void TestDedupKey::dedupKey()
{
    QFETCH(qint64, businessId);
    QFETCH(QString, number);
    QFETCH(qint64, epochMs);
    QFETCH(QString, key);
    QCOMPARE(sb::dedupKey(businessId, number, epochMs), key);
}

void TestDedupKey::minuteBoundary()
{
    const auto number = u"+972501234567";
    const qint64 minuteStart = 28'333'333LL * 60'000;
    QCOMPARE(sb::dedupKey(3, number, minuteStart), sb::dedupKey(3, number, minuteStart + 59'999));
    QVERIFY(sb::dedupKey(3, number, minuteStart + 59'999) != sb::dedupKey(3, number, minuteStart + 60'000));
    QVERIFY(sb::dedupKey(3, number, minuteStart - 1) != sb::dedupKey(3, number, minuteStart));
}

void TestDedupKey::partsDistinguishKeys()
{
    const qint64 t = 1'700'000'000'000;
    QVERIFY(sb::dedupKey(1, u"+972501234567", t) != sb::dedupKey(2, u"+972501234567", t));
    QVERIFY(sb::dedupKey(1, u"+972501234567", t) != sb::dedupKey(1, u"+972501234568", t));
    // The separator keeps business 1 + "2…" apart from business 12 + "…".
    QVERIFY(sb::dedupKey(1, u"+2345678", t) != sb::dedupKey(12, u"+345678", t));
}

QTEST_APPLESS_MAIN(TestDedupKey)
#include "tst_dedupkey.moc"
