#include "storagefixture.h"

#include "storage/businesses.h"
#include "storage/migrations.h"

#include <QFile>
#include <QSqlQuery>
#include <QTcpServer>

#include <thread>

using namespace sb;
using namespace sb::test;
using namespace Qt::StringLiterals;

class TestStorageOpen final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void migrationsCreateSchemaAndDefaultBusiness();
    void migrationsAppliedTwiceChangeNothing();
    void twoStoragesStartingAtOnceApplyEachMigrationOnce();
    void openFailureIsOneLineWithMaskedPassword();
    void unwritableSqlitePathFails();
    void runDeliversOnTheCallersThread();
    void tasksRunOnSeveralThreads();
    void splitSqlStatements();
    void reconnectsAfterTheDatabaseDroppedItsConnections();

private:
    StorageFixture m_fixture;
};

namespace {

QList<int> schemaVersions(Storage &storage)
{
    return storage.runBlocking([](StorageSession &session) {
        QList<int> versions;
        auto rows = session.exec(u"SELECT version FROM schema_version ORDER BY version"_s);
        if (rows)
            while (rows.value().next())
                versions << rows.value().value(0).toInt();
        return versions;
    });
}

} // namespace

void TestStorageOpen::initTestCase()
{
    auto ok = m_fixture.init();
    QVERIFY2(ok.ok(), ok.ok() ? "" : qPrintable(ok.error().message));
}

void TestStorageOpen::migrationsCreateSchemaAndDefaultBusiness()
{
    auto storage = m_fixture.open();
    SB_VERIFY_OK(storage);
    auto migrations = embeddedMigrations(storage.value()->dialect());
    SB_VERIFY_OK(migrations);
    QCOMPARE(schemaVersions(*storage.value()).size(), migrations.value().size());

    auto business = storage.value()->runBlocking([](StorageSession &s) { return Businesses(s).find(1); });
    SB_VERIFY_OK(business);
    QCOMPARE(business.value().name, u"Default"_s);
    // A new business must not collide with the explicit id 1 of the default one.
    auto created = storage.value()->runBlocking([](StorageSession &s) { return Businesses(s).create(u"Acme"_s); });
    SB_VERIFY_OK(created);
    QCOMPARE(created.value().id, 2);

    const QStringList tables{u"businesses"_s, u"calls"_s, u"call_events"_s, u"recordings"_s, u"jobs"_s,
                             u"dedup_decisions"_s, u"webhook_receipts"_s};
    for (const QString &table : tables) {
        auto counted = storage.value()->runBlocking(
            [table](StorageSession &s) { return s.exec(u"SELECT COUNT(*) FROM "_s + table).ok(); });
        QVERIFY2(counted, qPrintable(table));
    }
}

void TestStorageOpen::migrationsAppliedTwiceChangeNothing()
{
    auto storage = m_fixture.open();
    SB_VERIFY_OK(storage);
    const QList<int> before = schemaVersions(*storage.value());
    auto again = storage.value()->runBlocking([](StorageSession &s) { return applyMigrations(s); });
    SB_VERIFY_OK(again);
    QCOMPARE(schemaVersions(*storage.value()), before);
    storage.value().reset();

    auto reopened = m_fixture.reopen();
    SB_VERIFY_OK(reopened);
    QCOMPARE(schemaVersions(*reopened.value()), before);
    auto businesses = reopened.value()->runBlocking([](StorageSession &s) { return Businesses(s).list(); });
    SB_VERIFY_OK(businesses);
    QCOMPARE(businesses.value().size(), 1);
}

void TestStorageOpen::twoStoragesStartingAtOnceApplyEachMigrationOnce()
{
    auto first = m_fixture.open(1); // creates the empty database; migrations ran once here
    SB_VERIFY_OK(first);
    // Start from an empty database again: drop everything, then race two openers.
    auto dropped = first.value()->runBlocking([](StorageSession &s) -> Result<void> {
        for (const QString &table : {u"call_events"_s, u"recordings"_s, u"jobs"_s, u"calls"_s, u"dedup_decisions"_s,
                                     u"webhook_receipts"_s, u"businesses"_s, u"schema_version"_s}) {
            if (auto done = s.execRaw(u"DROP TABLE "_s + table); !done)
                return done;
        }
        return {};
    });
    SB_VERIFY_OK(dropped);
    first.value().reset();

    constexpr int kOpeners = 3;
    std::vector<Result<std::unique_ptr<Storage>>> results;
    results.reserve(kOpeners);
    for (int i = 0; i < kOpeners; ++i)
        results.emplace_back(Error{});
    std::vector<std::thread> threads;
    for (int i = 0; i < kOpeners; ++i)
        threads.emplace_back([&, i] { results[size_t(i)] = m_fixture.reopen(1); });
    for (auto &thread : threads)
        thread.join();
    for (auto &result : results)
        SB_VERIFY_OK(result);
    auto migrations = embeddedMigrations(results[0].value()->dialect());
    SB_VERIFY_OK(migrations);
    QList<int> expected;
    for (const Migration &m : migrations.value())
        expected << m.version;
    QCOMPARE(schemaVersions(*results[0].value()), expected);
    auto businesses = results[0].value()->runBlocking([](StorageSession &s) { return Businesses(s).list(); });
    SB_VERIFY_OK(businesses);
    QCOMPARE(businesses.value().size(), 1);
}

void TestStorageOpen::openFailureIsOneLineWithMaskedPassword()
{
    // A port nobody listens on: bind one, note it, close it.
    int port = 0;
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        port = server.serverPort();
    }
    auto url = DatabaseUrl::parse(QString(u"postgresql://app:s3cr3t@127.0.0.1:"_s + QString::number(port) + u"/x"_s));
    SB_VERIFY_OK(url);
    auto storage = Storage::open(url.value());
    QVERIFY(!storage.ok());
    const QString message = storage.error().message;
    QVERIFY2(message.startsWith(u"cannot open postgresql://app:***@127.0.0.1:"_s + QString::number(port) + u"/x: "_s),
             qPrintable(message));
    QVERIFY2(!message.contains(u"s3cr3t"_s), qPrintable(message));
    QVERIFY2(!message.contains(u'\n'), qPrintable(message));
    QVERIFY2(message.contains(u"refused"_s, Qt::CaseInsensitive), qPrintable(message));
    QCOMPARE(int(storage.error().code), int(ErrorCode::Unavailable));
}

void TestStorageOpen::unwritableSqlitePathFails()
{
    TemporarySqlite dir;
    QVERIFY(dir.isValid());
    // A regular file as the parent directory: unwritable even for root.
    QFile blocker(dir.dirPath() + u"/not-a-dir"_s);
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    auto url = DatabaseUrl::parse(QString(u"sqlite:"_s + blocker.fileName() + u"/switchboard.db"_s));
    SB_VERIFY_OK(url);
    auto storage = Storage::open(url.value());
    QVERIFY(!storage.ok());
    const QString message = storage.error().message;
    QVERIFY2(message.startsWith(u"cannot open sqlite:"_s + blocker.fileName()), qPrintable(message));
    QVERIFY2(!message.contains(u'\n'), qPrintable(message));
}

void TestStorageOpen::runDeliversOnTheCallersThread()
{
    auto storage = m_fixture.open();
    SB_VERIFY_OK(storage);
    QObject context;
    QThread *deliveredOn = nullptr;
    QThread *ranOn = nullptr;
    int answer = 0;
    storage.value()
        ->run([&ranOn](StorageSession &) {
            ranOn = QThread::currentThread();
            return 42;
        })
        .then(&context, [&](int value) {
            deliveredOn = QThread::currentThread();
            answer = value;
        });
    QTRY_COMPARE(answer, 42);
    QCOMPARE(deliveredOn, QThread::currentThread());
    QVERIFY(ranOn != QThread::currentThread());
}

void TestStorageOpen::tasksRunOnSeveralThreads()
{
    auto storage = m_fixture.open(2);
    SB_VERIFY_OK(storage);
    QCOMPARE(storage.value()->threadCount(), 2);
    // Two tasks that each wait for the other to start can only finish on two threads.
    std::atomic<int> started{0};
    auto task = [&started](StorageSession &) {
        started.fetch_add(1);
        QDeadlineTimer deadline(10'000);
        while (started.load() < 2 && !deadline.hasExpired())
            QThread::yieldCurrentThread();
        return started.load() >= 2;
    };
    auto a = storage.value()->run(task);
    auto b = storage.value()->run(task);
    a.waitForFinished();
    b.waitForFinished();
    QVERIFY(a.result());
    QVERIFY(b.result());
}

void TestStorageOpen::splitSqlStatements()
{
    const QStringList statements = sb::splitSqlStatements(u"-- comment\nCREATE TABLE a (x INT);\n\nINSERT INTO a\nVALUES (1);\n"_s);
    QCOMPARE(statements.size(), 2);
    QCOMPARE(statements.at(0), u"CREATE TABLE a (x INT);"_s);
    QCOMPARE(statements.at(1), u"INSERT INTO a\nVALUES (1);"_s);
}

void TestStorageOpen::reconnectsAfterTheDatabaseDroppedItsConnections()
{
    if (!m_fixture.database().isPostgres())
        QSKIP("an SQLite database is a file: there is no server to drop a connection");
    auto storage = m_fixture.open(2);
    SB_VERIFY_OK(storage);
    const DatabaseUrl url = m_fixture.lastUrl();

    // Another session drops every connection the storage threads hold, as a restart would.
    int dropped = 0;
    {
        QSqlDatabase admin = QSqlDatabase::addDatabase(u"QPSQL"_s, u"terminator"_s);
        admin.setHostName(url.host());
        admin.setPort(url.port());
        admin.setUserName(url.user());
        admin.setPassword(url.password());
        admin.setDatabaseName(url.databaseName());
        QVERIFY2(admin.open(), qPrintable(admin.lastError().text()));
        QSqlQuery query(admin);
        QVERIFY(query.exec(u"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                           "WHERE datname = current_database() AND pid <> pg_backend_pid()"_s));
        QVERIFY(query.next());
        dropped = query.value(0).toInt();
    }
    QSqlDatabase::removeDatabase(u"terminator"_s);
    QVERIFY(dropped >= 2);

    // Every thread's next task works: each reconnects before its first statement (here a BEGIN).
    QList<QFuture<Result<CreatedCall>>> writes;
    for (int i = 0; i < 8; ++i) {
        const QString sid = u"CA%1"_s.arg(i, 32, 10, QLatin1Char('0'));
        writes << (*storage)->run([sid](StorageSession &session) {
            return CallCreation(session).createInbound({sid, u"+15550001111"_s, u"+15550002222"_s});
        });
    }
    for (auto &write : writes) {
        const Result<CreatedCall> created = write.result();
        SB_VERIFY_OK(created);
    }
    const int calls = (*storage)->runBlocking([](StorageSession &session) {
        auto rows = session.exec(u"SELECT count(*) FROM calls"_s);
        return rows && rows.value().next() ? rows.value().value(0).toInt() : -1;
    });
    QCOMPARE(calls, 8);
}

QTEST_GUILESS_MAIN(TestStorageOpen)
#include "tst_storage_open.moc"
