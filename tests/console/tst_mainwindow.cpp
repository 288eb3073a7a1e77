// The console's window, offscreen: tabs for views, the connect dialog, the connection banner, and
// the live table filling while the Twilio simulator drives calls through a real backend.

#include "backendharness.h"
#include "calldetail.h"
#include "livecallsfilter.h"
#include "livecallsmodel.h"
#include "liveclient.h"
#include "apiclient.h"
#include "costmodels.h"
#include "translations.h"
#include "ui/connectdialog.h"
#include "ui/costsview.h"
#include "ui/livecallsview.h"
#include "ui/mainwindow.h"
#include "ui/reprocessview.h"
#include "ui/screenshotsession.h"

#include "inboundgenerator.h"
#include "simulator.h"

#include <QFileInfo>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace sb;
using namespace sb::test;
using namespace Qt::StringLiterals;

namespace {

/// A simulator that sends its calls to @p backend, with short calls.
std::unique_ptr<sim::Simulator> startSimulator(BackendHarness &backend)
{
    sim::SimOptions options;
    options.accountSid = u"AC0123456789abcdef0123456789abcdef"_s;
    options.authToken = BackendHarness::kAuthToken;
    options.voiceUrl = backend.url(u"/twilio/voice"_s);
    options.statusCallback = backend.url(u"/twilio/status"_s);
    options.alarmUrl = backend.url(u"/twilio/alarms"_s);
    options.answerDelayMs = 10;
    options.streamSeconds = 1;
    options.callSeconds = 1;
    options.framePacingMs = 5;
    auto simulator = std::make_unique<sim::Simulator>(options);
    if (!simulator->listen(QHostAddress::LocalHost, 0).ok())
        return nullptr;
    return simulator;
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void opensAsARealWindow()
    {
        LiveClient client;
        MainWindow window(client);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.windowTitle(), u"Switchboard Console"_s);
        QCOMPARE(window.menuBar()->actions().size(), 2);
        QCOMPARE(window.connectionState(), u"Not connected"_s);
        QCOMPARE(window.views()->count(), 5);
        QStringList titles;
        for (int tab = 0; tab < window.views()->count(); ++tab)
            titles.append(window.views()->tabText(tab));
        QCOMPARE(titles, (QStringList{u"Live calls"_s, u"Costs"_s, u"Dedup"_s, u"Reprocessing"_s, u"Alerts"_s}));
        QVERIFY(window.findChild<QTableView *>(u"callsTable"_s)->isVisible());
    }

    void viewsPlugInWithOneLine()
    {
        LiveClient client;
        MainWindow window(client);
        auto *costs = new QLabel(u"costs"_s);
        window.addView(u"Costs"_s, costs);
        QCOMPARE(window.views()->count(), 6);
        QCOMPARE(window.views()->tabText(5), u"Costs"_s);
        QCOMPARE(costs->parentWidget()->parentWidget(), window.views()); // owned by the tabs
    }

    void connectDialogChecksAndRemembers()
    {
        QTemporaryDir dir;
        QSettings store(dir.filePath(u"console.ini"_s), QSettings::IniFormat);
        ConnectionSettings settings(&store);
        ConnectDialog dialog(settings);
        QVERIFY(dialog.findChild<QLabel *>(u"storageNote"_s)->text().contains(settings.storageLocation()));
        auto *url = dialog.findChild<QLineEdit *>(u"url"_s);
        auto *token = dialog.findChild<QLineEdit *>(u"token"_s);
        QCOMPARE(token->echoMode(), QLineEdit::Password);

        url->setText(u"127.0.0.1:8080"_s);
        token->setText(u"viewer-token"_s);
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY(!dialog.findChild<QLabel *>(u"error"_s)->isHidden());

        url->setText(u"http://127.0.0.1:8080"_s);
        token->clear();
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Rejected));

        token->setText(u"viewer-token"_s);
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(settings.load().token, u"viewer-token"_s);
        ConnectDialog again(settings);
        QCOMPARE(again.findChild<QLineEdit *>(u"url"_s)->text(), u"http://127.0.0.1:8080"_s);
    }

    void liveTableFillsAsTheSimulatorDrivesCalls()
    {
        auto database = TestDatabase::fromEnvironment();
        QVERIFY(database.ok());
        auto url = database.value()->fresh();
        QVERIFY(url.ok());
        auto backend = BackendHarness::start(*url);
        QVERIFY2(backend.ok(), backend.ok() ? "" : qPrintable(backend.error().message));

        sim::SimOptions options;
        options.accountSid = u"AC0123456789abcdef0123456789abcdef"_s;
        options.authToken = BackendHarness::kAuthToken;
        options.voiceUrl = backend.value()->url(u"/twilio/voice"_s);
        options.statusCallback = backend.value()->url(u"/twilio/status"_s);
        options.alarmUrl = backend.value()->url(u"/twilio/alarms"_s);
        options.answerDelayMs = 10;
        options.streamSeconds = 1;
        options.callSeconds = 1;
        options.framePacingMs = 5;
        sim::Simulator simulator(options);
        QVERIFY(simulator.listen(QHostAddress::LocalHost, 0).ok());

        LiveClient client;
        MainWindow window(client);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        client.connectTo({backend.value()->url(QString()), QString::fromLatin1(BackendHarness::kViewerToken)});
        QTRY_COMPARE(client.state(), LiveClient::State::Live);
        QVERIFY(window.connectionState().startsWith(u"Connected to"_s));
        QVERIFY(window.findChild<QLabel *>(u"connectionBanner"_s)->isHidden());

        sim::InboundBatch batch;
        batch.count = 6;
        batch.concurrency = 3;
        simulator.inbound().submit(batch);

        LiveCallsView *view = window.liveCalls();
        QTableView *table = view->table();
        QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 6, 30000);
        QTRY_COMPARE(window.findChild<QLabel *>(u"callCount"_s)->text(), u"6 of 6 calls"_s);
        const auto completedRows = [&] {
            int completed = 0;
            for (int row = 0; row < table->model()->rowCount(); ++row)
                completed += table->model()->index(row, LiveCallsModel::Status).data().toString() == u"completed"_s;
            return completed;
        };
        QTRY_COMPARE_WITH_TIMEOUT(completedRows(), 6, 30000);

        // Filters narrow the table; the detail follows the selected row.
        view->findChild<QLineEdit *>(u"search"_s)->setText(u"no such call"_s);
        QCOMPARE(table->model()->rowCount(), 0);
        view->findChild<QLineEdit *>(u"search"_s)->clear();
        QCOMPARE(table->model()->rowCount(), 6);
        table->selectRow(0);
        QTRY_VERIFY(view->detail()->isLoaded());
        QTRY_VERIFY(view->detail()->timeline()->rowCount() >= 3); // created, status changes, stream
        QVERIFY(window.findChild<QLabel *>(u"callTitle"_s)->text().contains(view->detail()->call().callSid));
        QVERIFY(window.findChild<QLabel *>(u"callMetrics"_s)->text().contains(u"Stream connects"_s));

        // The other views follow the same connection: the selection is what reprocessing would
        // take, the viewer token may not reprocess, and the REST views talk to the same backend.
        QCOMPARE(window.reprocess()->selectedCalls(), QStringList{view->detail()->call().callSid});
        QVERIFY(window.reprocess()->disabledReason().contains(u"\"viewer\""_s));
        QCOMPARE(window.api()->baseUrl(), backend.value()->url(QString()));
        QCOMPARE(window.api()->token(), QString::fromLatin1(BackendHarness::kViewerToken));
        QTRY_VERIFY(window.costs()->model()->hasSummary());
    }

    void screenshotsOfEveryView_data()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("English") << u"en"_s;
        QTest::newRow("Hebrew, right to left") << u"he"_s; // a row is selected right to left too
    }

    void screenshotsOfEveryView()
    {
        QFETCH(QString, language);
        QTemporaryDir settingsDir;
        QSettings store(settingsDir.filePath(u"console.ini"_s), QSettings::IniFormat);
        Translations translations(&store, nullptr);
        QVERIFY(translations.setLanguage(language).ok());
        const auto restore = qScopeGuard([&] { QVERIFY(translations.setLanguage(u"en"_s).ok()); });
        auto database = TestDatabase::fromEnvironment();
        QVERIFY(database.ok());
        auto url = database.value()->fresh();
        QVERIFY(url.ok());
        auto backend = BackendHarness::start(*url);
        QVERIFY2(backend.ok(), backend.ok() ? "" : qPrintable(backend.error().message));
        auto simulator = startSimulator(*backend.value());
        QVERIFY(simulator);
        sim::InboundBatch batch;
        batch.count = 3;
        batch.concurrency = 3;
        simulator->inbound().submit(batch);

        QTemporaryDir dir;
        LiveClient client;
        MainWindow window(client);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        ScreenshotSession session(window, dir.filePath(u"shots"_s), 60000);
        QSignalSpy finished(&session, &ScreenshotSession::finished);
        session.start();
        client.connectTo({backend.value()->url(QString()), QString::fromLatin1(BackendHarness::kViewerToken)});
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(2).toString()));
        QVERIFY(window.liveCalls()->detail()->isLoaded());
        const QStringList names{u"live-calls"_s, u"call-detail"_s, u"costs"_s,
                                u"dedup"_s, u"reprocessing"_s, u"alerts"_s};
        QCOMPARE(finished.first().at(1).toStringList().size(), names.size());
        for (const QString &name : names) {
            const QFileInfo png(dir.filePath(u"shots/"_s + name + u".png"_s));
            QVERIFY2(png.exists() && png.size() > 0, qPrintable(png.filePath()));
            QVERIFY(!QImage(png.filePath()).isNull());
        }
    }

    void screenshotsFailClearlyWithARefusedToken()
    {
        auto database = TestDatabase::fromEnvironment();
        QVERIFY(database.ok());
        auto url = database.value()->fresh();
        QVERIFY(url.ok());
        auto backend = BackendHarness::start(*url);
        QVERIFY(backend.ok());
        QTemporaryDir dir;
        LiveClient client;
        MainWindow window(client);
        ScreenshotSession session(window, dir.filePath(u"shots"_s), 60000);
        QSignalSpy finished(&session, &ScreenshotSession::finished);
        session.start();
        client.connectTo({backend.value()->url(QString()), u"wrong-token"_s});
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(finished.first().at(0).toBool(), false);
        QVERIFY2(finished.first().at(2).toString().contains(u"refused the token"_s),
                 qPrintable(finished.first().at(2).toString()));
        QVERIFY(!QFileInfo::exists(dir.filePath(u"shots/live-calls.png"_s)));
    }

    void screenshotsGiveUpAfterTheTimeout()
    {
        // Nothing listens on the port: the snapshot never comes.
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        const quint16 port = closed.serverPort();
        closed.close();
        QTemporaryDir dir;
        LiveClient client;
        MainWindow window(client);
        ScreenshotSession session(window, dir.filePath(u"shots"_s), 300);
        QSignalSpy finished(&session, &ScreenshotSession::finished);
        session.start();
        client.connectTo({QUrl(u"http://127.0.0.1:%1"_s.arg(port)), u"viewer-token"_s});
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(finished.first().at(0).toBool(), false);
        QVERIFY2(finished.first().at(2).toString().contains(u"snapshot"_s), qPrintable(finished.first().at(2).toString()));
    }

    void wholeWindowInHebrewIsRightToLeft()
    {
        QTemporaryDir dir;
        QSettings store(dir.filePath(u"console.ini"_s), QSettings::IniFormat);
        Translations translations(&store, nullptr);
        QVERIFY(translations.setLanguage(u"he"_s).ok());
        const auto restore = qScopeGuard([&] { QVERIFY(translations.setLanguage(u"en"_s).ok()); });
        LiveClient client;
        MainWindow window(client);
        window.addSettingsMenu(&translations);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.layoutDirection(), Qt::RightToLeft);
        QCOMPARE(window.views()->layoutDirection(), Qt::RightToLeft);
        const QStringList english{u"Live calls"_s, u"Costs"_s, u"Dedup"_s, u"Reprocessing"_s, u"Alerts"_s};
        for (int tab = 0; tab < window.views()->count(); ++tab) {
            const QString title = window.views()->tabText(tab);
            QVERIFY2(!title.isEmpty() && title != english.at(tab), qPrintable(title));
            QVERIFY2(title.contains(QRegularExpression(u"[\\x{0590}-\\x{05FF}]"_s)), qPrintable(title)); // Hebrew letters
        }
        QVERIFY(window.windowTitle() != u"Switchboard Console"_s);
        QCOMPARE(window.menuBar()->actions().size(), 3); // File, Settings, Help
        for (QAction *menu : window.menuBar()->actions())
            QVERIFY2(menu->text().contains(QRegularExpression(u"[\\x{0590}-\\x{05FF}]"_s)), qPrintable(menu->text()));

        // Switching back at runtime retranslates the open window.
        QVERIFY(translations.setLanguage(u"en"_s).ok());
        QTRY_COMPARE(window.views()->tabText(1), u"Costs"_s); // LanguageChange is posted
        QCOMPARE(window.layoutDirection(), Qt::LeftToRight);
    }

    void refusedTokenShowsABanner()
    {
        auto database = TestDatabase::fromEnvironment();
        QVERIFY(database.ok());
        auto url = database.value()->fresh();
        QVERIFY(url.ok());
        auto backend = BackendHarness::start(*url);
        QVERIFY(backend.ok());
        LiveClient client;
        MainWindow window(client);
        window.show();
        client.connectTo({backend.value()->url(QString()), u"wrong-token"_s});
        auto *banner = window.findChild<QLabel *>(u"connectionBanner"_s);
        QTRY_VERIFY(!banner->isHidden());
        QTRY_VERIFY2(banner->text().contains(u"refused the token"_s), qPrintable(banner->text()));
        QCOMPARE(window.connectionState(), banner->text());
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
