#include "connectionsettings.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace sb;

class TestConnectionSettings : public QObject
{
    Q_OBJECT

private slots:
    void parseBackendUrl_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("http with port") << QStringLiteral("http://127.0.0.1:8080") << true << QString();
        QTest::newRow("https, spaces around") << QStringLiteral("  https://switchboard.example.com ") << true << QString();
        QTest::newRow("empty") << QString() << false << QStringLiteral("empty");
        QTest::newRow("websocket scheme") << QStringLiteral("ws://host:8080") << false << QStringLiteral("http://");
        QTest::newRow("no scheme") << QStringLiteral("127.0.0.1:8080") << false << QStringLiteral("http://");
        QTest::newRow("no host") << QStringLiteral("http://") << false << QStringLiteral("host");
    }

    void parseBackendUrl()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(QString, messagePart);
        const auto url = ConnectionSettings::parseBackendUrl(text);
        QCOMPARE(url.ok(), valid);
        if (valid)
            QCOMPARE(url->toString(), text.trimmed());
        else
            QVERIFY2(url.error().message.contains(messagePart), qPrintable(url.error().message));
    }

    void remembersTheLastTarget()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("console.ini"));
        {
            QSettings settings(path, QSettings::IniFormat);
            ConnectionSettings connection(&settings);
            QCOMPARE(connection.load().token, QString());
            connection.save({QUrl(QStringLiteral("http://127.0.0.1:8080")), QStringLiteral("viewer-token")});
            QCOMPARE(connection.storageLocation(), path);
        }
        QSettings reopened(path, QSettings::IniFormat);
        const ConnectionTarget target = ConnectionSettings(&reopened).load();
        QCOMPARE(target.backendUrl, QUrl(QStringLiteral("http://127.0.0.1:8080")));
        QCOMPARE(target.token, QStringLiteral("viewer-token"));
    }
};

QTEST_GUILESS_MAIN(TestConnectionSettings)
#include "tst_connectionsettings.moc"
