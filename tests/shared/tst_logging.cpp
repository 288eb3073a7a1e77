#include "shared/logging.h"

#include <QRegularExpression>
#include <QTest>

using namespace sb;
using namespace Qt::StringLiterals;

class TestLogging final : public QObject
{
    Q_OBJECT

private slots:
    void categoryNames_data();
    void categoryNames();
    void installLogFormatHidesDebug();
    void messagePattern();
};

void TestLogging::categoryNames_data()
{
    QTest::addColumn<QString>("actual");
    QTest::addColumn<QString>("expected");
    const auto row = [](const char *variable, const QLoggingCategory &category, const char *name) {
        QTest::newRow(variable) << QString::fromLatin1(category.categoryName()) << QString::fromLatin1(name);
    };
    row("lcShared", lcShared(), "switchboard.shared");
    row("lcBackend", lcBackend(), "switchboard.backend");
    row("lcHttp", lcHttp(), "switchboard.backend.http");
    row("lcTwilio", lcTwilio(), "switchboard.backend.twilio");
    row("lcCalls", lcCalls(), "switchboard.backend.calls");
    row("lcMedia", lcMedia(), "switchboard.backend.media");
    row("lcRecording", lcRecording(), "switchboard.backend.recording");
    row("lcLive", lcLive(), "switchboard.backend.live");
    row("lcStorage", lcStorage(), "switchboard.backend.storage");
    row("lcConsoleNet", lcConsoleNet(), "switchboard.console.net");
    row("lcConsoleUi", lcConsoleUi(), "switchboard.console.ui");
}

void TestLogging::categoryNames()
{
    QFETCH(QString, actual);
    QFETCH(QString, expected);
    QCOMPARE(actual, expected);
}

void TestLogging::installLogFormatHidesDebug()
{
    if (!qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QSKIP("QT_LOGGING_RULES is set; installLogFormat() leaves the rules to it");
    QVERIFY(lcMedia().isDebugEnabled()); // Qt's default before installLogFormat()
    installLogFormat();
    const QLoggingCategory *categories[] = {&lcShared(), &lcBackend(), &lcHttp(), &lcTwilio(),
                                            &lcCalls(), &lcMedia(), &lcRecording(), &lcLive(),
                                            &lcStorage(), &lcConsoleNet(), &lcConsoleUi()};
    for (const QLoggingCategory *category : categories) {
        QVERIFY2(!category->isDebugEnabled(), category->categoryName());
        QVERIFY2(category->isInfoEnabled(), category->categoryName());
        QVERIFY2(category->isWarningEnabled(), category->categoryName());
    }
    // Other libraries' categories are not ours to silence.
    const QLoggingCategory other("thirdparty.component");
    QVERIFY(other.isDebugEnabled());
}

void TestLogging::messagePattern()
{
    if (!qEnvironmentVariableIsEmpty("QT_MESSAGE_PATTERN"))
        QSKIP("QT_MESSAGE_PATTERN is set; installLogFormat() leaves the pattern to it");
    installLogFormat();
    const QMessageLogContext context("file.cpp", 1, "function", "switchboard.backend.http");
    const QString line = qFormatLogMessage(QtWarningMsg, context, u"listening on 127.0.0.1:8080"_s);
    static const QRegularExpression expected(
        uR"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3} warning switchboard\.backend\.http: listening on 127\.0\.0\.1:8080$)"_s);
    QVERIFY2(expected.match(line).hasMatch(), qPrintable(line));
}

QTEST_APPLESS_MAIN(TestLogging)
#include "tst_logging.moc"
