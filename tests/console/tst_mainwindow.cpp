#include "ui/mainwindow.h"

#include <QLabel>
#include <QMenuBar>
#include <QTest>

using namespace sb;

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void opensAsARealWindow()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.windowTitle(), QStringLiteral("Switchboard Console"));
        QVERIFY(window.findChild<QLabel *>(QStringLiteral("placeholder")));
        QCOMPARE(window.menuBar()->actions().size(), 2);
        QCOMPARE(window.connectionState(), QStringLiteral("Not connected"));
    }

    void showsTheConnectionState()
    {
        MainWindow window;
        window.setConnectionState(QStringLiteral("Connected to 127.0.0.1:8080"));
        QCOMPARE(window.findChild<QLabel *>(QStringLiteral("connectionState"))->text(),
                 QStringLiteral("Connected to 127.0.0.1:8080"));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
