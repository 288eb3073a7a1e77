// The console's window, offscreen: tabs for views, the connect dialog, the connection banner, and
// the live table filling while the Twilio simulator drives calls through a real backend.

#include "backendharness.h"
#include "calldetail.h"
#include "livecallsfilter.h"
#include "livecallsmodel.h"
#include "liveclient.h"
#include "ui/connectdialog.h"
#include "ui/livecallsview.h"
#include "ui/mainwindow.h"

#include "inboundgenerator.h"
#include "simulator.h"

#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace sb;
using namespace sb::test;
using namespace Qt::StringLiterals;

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
        QCOMPARE(window.views()->count(), 1);
        QCOMPARE(window.views()->tabText(0), u"Live calls"_s);
        QVERIFY(window.findChild<QTableView *>(u"callsTable"_s)->isVisible());
    }

    void viewsPlugInWithOneLine()
    {
        LiveClient client;
        MainWindow window(client);
        auto *costs = new QLabel(u"costs"_s);
        window.addView(u"Costs"_s, costs);
        QCOMPARE(window.views()->count(), 2);
        QCOMPARE(window.views()->tabText(1), u"Costs"_s);
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
