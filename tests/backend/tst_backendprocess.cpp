// The real switchboard-backend binary, started as an operator would: configuration from the
// environment, a real port, real signals, and the database it leaves behind.
#include "postgrescluster.h"
#include "serverprocess.h"
#include "storage/databaseurl.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

namespace {

const QString kBackend = QStringLiteral(SWITCHBOARD_BACKEND_EXE);

/// The real backend on @p databaseUrl, listening on a free port.
std::unique_ptr<sb::test::ServerProcess> startBackend(const QString &databaseUrl, const QStringList &arguments = {})
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("SWITCHBOARD_LISTEN"), QStringLiteral("127.0.0.1:0"));
    environment.insert(QStringLiteral("SWITCHBOARD_DATABASE_URL"), databaseUrl);
    return std::make_unique<sb::test::ServerProcess>(kBackend, arguments, environment);
}

struct HttpReply
{
    int status = 0;
    QJsonObject json;
};

HttpReply httpGet(quint16 port, const QString &path)
{
    QNetworkAccessManager network;
    std::unique_ptr<QNetworkReply> reply(
        network.get(QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path)))));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    if (!finished.wait(10000))
        return {};
    return {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
            QJsonDocument::fromJson(reply->readAll()).object()};
}

QStringList expectedTables()
{
    return {QStringLiteral("businesses"), QStringLiteral("calls"), QStringLiteral("call_events"),
            QStringLiteral("jobs"), QStringLiteral("dedup_decisions"), QStringLiteral("webhook_receipts"),
            QStringLiteral("schema_version")};
}

} // namespace

class TestBackendProcess : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<sb::test::PostgresCluster> m_postgres;

    /// Table names and the applied migration versions of a PostgreSQL database.
    static std::pair<QStringList, QList<int>> inspectPostgres(const QString &url)
    {
        QStringList tables;
        QList<int> versions;
        const auto parsed = sb::DatabaseUrl::parse(url);
        if (!parsed)
            return {};
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("inspect-pg"));
            db.setHostName(parsed->host());
            db.setPort(parsed->port());
            db.setUserName(parsed->user());
            db.setPassword(parsed->password());
            db.setDatabaseName(parsed->databaseName());
            if (db.open()) {
                tables = db.tables();
                QSqlQuery query(QStringLiteral("SELECT version FROM schema_version ORDER BY version"), db);
                while (query.next())
                    versions << query.value(0).toInt();
            }
        }
        QSqlDatabase::removeDatabase(QStringLiteral("inspect-pg"));
        return {tables, versions};
    }

    QString sqliteUrl(const QString &name) const { return QStringLiteral("sqlite:") + m_dir.filePath(name); }

    /// Opens the SQLite file the backend left and returns its table names and business ids.
    static std::pair<QStringList, QList<qint64>> inspect(const QString &path)
    {
        QStringList tables;
        QList<qint64> businesses;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("inspect"));
            db.setDatabaseName(path);
            if (db.open()) {
                tables = db.tables();
                QSqlQuery query(QStringLiteral("SELECT id FROM businesses ORDER BY id"), db);
                while (query.next())
                    businesses << query.value(0).toLongLong();
            }
        }
        QSqlDatabase::removeDatabase(QStringLiteral("inspect"));
        return {tables, businesses};
    }

private slots:
    void servesHealthAndStopsCleanlyOnSignal_data()
    {
        QTest::addColumn<int>("signalNumber");
        QTest::newRow("SIGTERM") << int(SIGTERM);
        QTest::newRow("SIGINT (Ctrl-C)") << int(SIGINT);
    }

    void servesHealthAndStopsCleanlyOnSignal()
    {
        QFETCH(int, signalNumber);
        const QString file = QStringLiteral("signal-%1.db").arg(signalNumber);
        const auto backend = startBackend(sqliteUrl(file));
        const quint16 port = backend->waitForPort();
        QVERIFY2(port != 0, qPrintable(backend->log()));

        const HttpReply health = httpGet(port, QStringLiteral("/healthz"));
        QCOMPARE(health.status, 200);
        QCOMPARE(health.json.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
        const HttpReply ready = httpGet(port, QStringLiteral("/readyz"));
        QCOMPARE(ready.status, 200);

        backend->signal(signalNumber);
        QVERIFY(backend->finish());
        QCOMPARE(backend->process().exitStatus(), QProcess::NormalExit);
        QCOMPARE(backend->process().exitCode(), 0);

        const auto [tables, businesses] = inspect(m_dir.filePath(file));
        for (const QString &table : expectedTables())
            QVERIFY2(tables.contains(table), qPrintable(table));
        QCOMPARE(businesses, QList<qint64>{1});
    }

    void restartKeepsTheSchemaAndData()
    {
        const QString file = QStringLiteral("restart.db");
        for (int run = 0; run < 2; ++run) {
            const auto backend = startBackend(sqliteUrl(file));
            QVERIFY2(backend->waitForPort() != 0, qPrintable(backend->log()));
            backend->signal(SIGTERM);
            QVERIFY(backend->finish());
            QCOMPARE(backend->process().exitCode(), 0);
        }
        const auto [tables, businesses] = inspect(m_dir.filePath(file));
        QVERIFY(tables.contains(QStringLiteral("calls")));
        QCOMPARE(businesses, QList<qint64>{1});
    }

    void unusableDatabaseExitsWithOneLine_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("shownUrl");
        QTest::newRow("unknown scheme") << QStringLiteral("mysql://root@localhost/x") << QStringLiteral("mysql");
        QTest::newRow("SQLite in a missing folder")
            << QStringLiteral("sqlite:/nonexistent-switchboard-dir/sub/x.db") << QStringLiteral("/nonexistent-switchboard-dir/sub/x.db");
        QTest::newRow("PostgreSQL refusing connections")
            << QStringLiteral("postgresql://app:s3cretpw@127.0.0.1:1/switchboard")
            << QStringLiteral("postgresql://app:***@127.0.0.1:1/switchboard");
    }

    void unusableDatabaseExitsWithOneLine()
    {
        QFETCH(QString, url);
        QFETCH(QString, shownUrl);
        const auto backend = startBackend(url);
        QVERIFY(backend->finish());
        QCOMPARE(backend->process().exitStatus(), QProcess::NormalExit);
        QVERIFY(backend->process().exitCode() != 0);
        const QStringList lines = backend->log().trimmed().split(u'\n');
        QCOMPARE(lines.size(), 1);
        QVERIFY2(lines.constFirst().contains(shownUrl), qPrintable(lines.constFirst()));
        QVERIFY2(!lines.constFirst().contains(QStringLiteral("s3cretpw")), "the password leaked");
    }

    void badConfigurationExitsWithUsageCode()
    {
        const auto backend = startBackend(sqliteUrl(QStringLiteral("unused.db")), {QStringLiteral("--listen"), QStringLiteral("nonsense")});
        QVERIFY(backend->finish());
        QCOMPARE(backend->process().exitCode(), 2);
        QVERIFY(backend->log().contains(QStringLiteral("SWITCHBOARD_LISTEN")));
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("unused.db"))));
    }

    void postgreSQLServesAndStopsCleanly()
    {
        auto cluster = sb::test::PostgresCluster::start();
        QVERIFY2(cluster.ok(), cluster.ok() ? "" : qPrintable(cluster.error().message));
        m_postgres = std::move(cluster).value();
        const auto url = m_postgres->createDatabase(QStringLiteral("backend_process"));
        QVERIFY2(url.ok(), url.ok() ? "" : qPrintable(url.error().message));

        const auto backend = startBackend(*url);
        const quint16 port = backend->waitForPort();
        QVERIFY2(port != 0, qPrintable(backend->log()));
        QCOMPARE(httpGet(port, QStringLiteral("/healthz")).status, 200);
        QCOMPARE(httpGet(port, QStringLiteral("/readyz")).status, 200);
        backend->signal(SIGTERM);
        QVERIFY(backend->finish());
        QCOMPARE(backend->process().exitCode(), 0);

        const auto [tables, versions] = inspectPostgres(*url);
        for (const QString &table : expectedTables())
            QVERIFY2(tables.contains(table), qPrintable(table));
        QVERIFY(!versions.isEmpty());
    }

    // Two instances on one fresh database: the migrations run once, both instances serve.
    void postgreSQLTwoInstancesStartTogether()
    {
        QVERIFY(m_postgres);
        const auto url = m_postgres->createDatabase(QStringLiteral("two_instances"));
        QVERIFY(url.ok());
        const auto first = startBackend(*url);
        const auto second = startBackend(*url);
        const quint16 firstPort = first->waitForPort();
        const quint16 secondPort = second->waitForPort();
        QVERIFY2(firstPort != 0, qPrintable(first->log()));
        QVERIFY2(secondPort != 0, qPrintable(second->log()));
        QCOMPARE(httpGet(firstPort, QStringLiteral("/readyz")).status, 200);
        QCOMPARE(httpGet(secondPort, QStringLiteral("/readyz")).status, 200);
        first->signal(SIGTERM);
        second->signal(SIGTERM);
        QVERIFY(first->finish() && second->finish());
        QCOMPARE(first->process().exitCode(), 0);
        QCOMPARE(second->process().exitCode(), 0);

        const auto [tables, versions] = inspectPostgres(*url);
        QList<int> distinct = versions;
        distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
        QCOMPARE(versions, distinct); // each migration recorded exactly once
        QVERIFY(!versions.isEmpty());
    }

    void cleanupTestCase() { m_postgres.reset(); }

    void helpListsTheSettings()
    {
        QProcess process;
        process.start(kBackend, {QStringLiteral("--help")});
        QVERIFY(process.waitForFinished());
        QCOMPARE(process.exitCode(), 0);
        const QString help = QString::fromUtf8(process.readAllStandardOutput());
        QVERIFY(help.contains(QStringLiteral("SWITCHBOARD_DATABASE_URL")));
        QVERIFY(help.contains(QStringLiteral("TWILIO_AUTH_TOKEN")));
    }
};

QTEST_GUILESS_MAIN(TestBackendProcess)
#include "tst_backendprocess.moc"
