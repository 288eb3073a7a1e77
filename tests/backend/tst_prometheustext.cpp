// The Prometheus text writer, and the strict reader the /metrics tests check it with: the reader
// must refuse malformed expositions, or those tests could not fail.
#include "http/prometheustext.h"

#include "prometheusparser.h"

#include <QTest>

using namespace sb;
using namespace sb::test;
using namespace Qt::StringLiterals;

class TestPrometheusText final : public QObject
{
    Q_OBJECT

private slots:
    void writerOutputReadsBack();
    void values_data();
    void values();
    void readerRefusesMalformedText_data();
    void readerRefusesMalformedText();
    void readerAcceptsTheWholeGrammar();
};

void TestPrometheusText::writerOutputReadsBack()
{
    const QString tricky = u"a \"quoted\" back\\slash\nnew line, ünïcode"_s;
    PrometheusText out;
    out.family(u"sb_requests_total"_s, PrometheusText::Type::Counter, u"Requests\nby \\ path"_s);
    out.sample(3, {{u"path"_s, tricky}, {u"method"_s, u"GET"_s}});
    out.sample(0, {{u"path"_s, QString()}, {u"method"_s, u"POST"_s}});
    out.family(u"sb_temperature"_s, PrometheusText::Type::Gauge, u"A gauge"_s);
    out.sample(-1.5);

    const QByteArray text = out.text();
    QVERIFY(text.startsWith("# HELP sb_requests_total Requests\\nby \\\\ path\n# TYPE sb_requests_total counter\n"));
    QVERIFY(text.contains("path=\"a \\\"quoted\\\" back\\\\slash\\nnew line, ünïcode\""));
    const auto parsed = parsePrometheusText(text);
    QVERIFY2(parsed.ok(), parsed.ok() ? "" : qPrintable(parsed.error().message));
    QCOMPARE(parsed->families.value(u"sb_requests_total"_s).help, u"Requests\nby \\ path"_s);
    QCOMPARE(parsed->value(u"sb_requests_total"_s, {{u"path"_s, tricky}, {u"method"_s, u"GET"_s}}), std::optional<double>(3));
    QCOMPARE(parsed->value(u"sb_requests_total"_s, {{u"path"_s, QString()}, {u"method"_s, u"POST"_s}}), std::optional<double>(0));
    QCOMPARE(parsed->value(u"sb_temperature"_s), std::optional<double>(-1.5));
    QCOMPARE(PrometheusText::kContentType, "text/plain; version=0.0.4; charset=utf-8");
}

void TestPrometheusText::values_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("text");
    QTest::newRow("zero") << 0.0 << u"0"_s;
    QTest::newRow("whole") << 12345.0 << u"12345"_s;
    QTest::newRow("negative whole") << -7.0 << u"-7"_s;
    QTest::newRow("fraction") << 0.0375 << u"0.0375"_s;
    QTest::newRow("tiny") << 1e-9 << u"1e-09"_s;
    QTest::newRow("huge") << 1e300 << u"1e+300"_s;
    QTest::newRow("+Inf") << std::numeric_limits<double>::infinity() << u"+Inf"_s;
    QTest::newRow("-Inf") << -std::numeric_limits<double>::infinity() << u"-Inf"_s;
    QTest::newRow("NaN") << std::numeric_limits<double>::quiet_NaN() << u"NaN"_s;
}

void TestPrometheusText::values()
{
    QFETCH(double, value);
    QFETCH(QString, text);
    QCOMPARE(PrometheusText::formatValue(value), text);
    PrometheusText out;
    out.family(u"v"_s, PrometheusText::Type::Gauge, u"v"_s);
    out.sample(value);
    QVERIFY(parsePrometheusText(out.text()).ok());
}

void TestPrometheusText::readerRefusesMalformedText_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("errorPart");
    const QByteArray type = "# TYPE m gauge\n";
    QTest::newRow("no final line feed") << QByteArray(type + "m 1") << u"line feed"_s;
    QTest::newRow("sample without TYPE") << QByteArray("m 1\n") << u"no TYPE"_s;
    QTest::newRow("counter without _total") << QByteArray("# TYPE m counter\nm 1\n") << u"_total"_s;
    QTest::newRow("unknown type") << QByteArray("# TYPE m meter\n") << u"unknown type"_s;
    QTest::newRow("TYPE twice") << QByteArray(type + type) << u"second TYPE"_s;
    QTest::newRow("HELP twice") << QByteArray("# HELP m a\n# HELP m b\n") << u"second HELP"_s;
    QTest::newRow("TYPE again after samples") << QByteArray("# TYPE n gauge\nn 1\n# TYPE n gauge\n") << u"second TYPE"_s;
    QTest::newRow("HELP with a bad escape") << QByteArray("# HELP m tab\\there\n") << u"escape"_s;
    QTest::newRow("bad metric name") << QByteArray(type + "1m 1\n") << u"metric name"_s;
    QTest::newRow("bad name in TYPE") << QByteArray("# TYPE m-x gauge\n") << u"metric name"_s;
    QTest::newRow("no value") << QByteArray(type + "m\n") << u"no space"_s;
    QTest::newRow("empty value") << QByteArray(type + "m \n") << u"not a number"_s;
    QTest::newRow("comma decimal") << QByteArray(type + "m 1,5\n") << u"not a number"_s;
    QTest::newRow("two spaces") << QByteArray(type + "m  1\n") << u"not a number"_s;
    QTest::newRow("bad timestamp") << QByteArray(type + "m 1 soon\n") << u"timestamp"_s;
    QTest::newRow("unquoted label") << QByteArray(type + "m{a=b} 1\n") << u"labels"_s;
    QTest::newRow("unterminated label") << QByteArray(type + "m{a=\"b} 1\n") << u"labels"_s;
    QTest::newRow("bad label escape") << QByteArray(type + "m{a=\"\\t\"} 1\n") << u"labels"_s;
    QTest::newRow("bad label name") << QByteArray(type + "m{a-b=\"x\"} 1\n") << u"labels"_s;
    QTest::newRow("label twice") << QByteArray(type + "m{a=\"x\",a=\"y\"} 1\n") << u"labels"_s;
    QTest::newRow("labels not closed") << QByteArray(type + "m{a=\"x\" 1\n") << u"labels"_s;
    QTest::newRow("same sample twice") << QByteArray(type + "m{a=\"x\"} 1\nm{a=\"x\"} 2\n") << u"twice"_s;
    QTest::newRow("family in two blocks") << QByteArray(type + "# TYPE n gauge\nm 1\nn 1\nm{a=\"x\"} 2\n")
                                         << u"one block"_s;
    QTest::newRow("not UTF-8") << QByteArray(type + "m{a=\"\xff\"} 1\n") << u"UTF-8"_s;
}

void TestPrometheusText::readerRefusesMalformedText()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, errorPart);
    const auto parsed = parsePrometheusText(text);
    QVERIFY(!parsed.ok());
    QVERIFY2(parsed.error().message.contains(errorPart), qPrintable(parsed.error().message));
}

void TestPrometheusText::readerAcceptsTheWholeGrammar()
{
    const QByteArray text = "# a plain comment\n"
                            "\n"
                            "# HELP http_requests_total The total number of HTTP requests.\n"
                            "# TYPE http_requests_total counter\n"
                            "http_requests_total{method=\"post\",code=\"200\"} 1027 1395066363000\n"
                            "http_requests_total{method=\"post\",code=\"400\",} 3 1395066363000\n"
                            "# TYPE rpc_duration_seconds summary\n"
                            "rpc_duration_seconds{quantile=\"0.5\"} 4773\n"
                            "rpc_duration_seconds_sum 1.7560473e+07\n"
                            "rpc_duration_seconds_count 2693\n"
                            "# TYPE up gauge\n"
                            "up -Inf\n";
    const auto parsed = parsePrometheusText(text);
    QVERIFY2(parsed.ok(), parsed.ok() ? "" : qPrintable(parsed.error().message));
    QCOMPARE(parsed->samples.size(), 6);
    QCOMPARE(parsed->value(u"http_requests_total"_s, {{u"method"_s, u"post"_s}, {u"code"_s, u"400"_s}}),
             std::optional<double>(3));
    QCOMPARE(parsed->value(u"rpc_duration_seconds_sum"_s), std::optional<double>(1.7560473e+07));
}

QTEST_GUILESS_MAIN(TestPrometheusText)
#include "tst_prometheustext.moc"
