#include "storage.h"

#include "migrations.h"

#include "shared/logging.h"

#include <QMutex>
#include <QSqlError>
#include <QThread>
#include <QWaitCondition>

#include <atomic>
#include <deque>
#include <optional>

using namespace Qt::StringLiterals;

namespace sb {

struct Storage::Private
{
    QMutex mutex;
    QWaitCondition wake;     // tasks queued or stopping
    QWaitCondition opened;   // a thread finished opening its connection
    std::deque<std::unique_ptr<Task>> queue;
    bool stopping = false;
    int openReports = 0;
    std::optional<Error> openError;
    QList<QThread *> threads;
};

namespace {

std::atomic<quint64> g_instanceCounter{0};

Error openError(const DatabaseUrl &url, const QString &reason)
{
    return Error{ErrorCode::Unavailable, u"cannot open "_s + url.masked() + u": "_s + reason.simplified()};
}

Result<void> configureConnection(QSqlDatabase &db, const DatabaseUrl &url, const StorageOptions &options);

/// Opens the connection named @p name in the calling thread and sets the per-connection options.
Result<void> openConnection(const DatabaseUrl &url, const QString &name, const StorageOptions &options)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(url.driverName(), name);
    if (!db.isValid())
        return Error{ErrorCode::Unavailable, u"the Qt SQL driver "_s + url.driverName() + u" is not available"_s};
    if (url.dialect() == SqlDialect::SQLite) {
        db.setDatabaseName(url.path());
        // sqlite3_open_v2 would create a missing file; that is what a first start wants.
        db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT="_s + QString::number(options.sqliteBusyTimeoutMs));
    } else {
        db.setHostName(url.host());
        db.setPort(url.port());
        db.setUserName(url.user());
        db.setPassword(url.password());
        db.setDatabaseName(url.databaseName());
        QString connectOptions = url.connectOptions();
        if (!connectOptions.contains(u"connect_timeout="))
            connectOptions = connectOptions.isEmpty() ? u"connect_timeout=10"_s : connectOptions + u";connect_timeout=10"_s;
        db.setConnectOptions(connectOptions);
    }
    if (!db.open())
        return Error{ErrorCode::Unavailable, db.lastError().text()};
    return configureConnection(db, url, options);
}

/// The per-connection settings, run after every (re)open.
Result<void> configureConnection(QSqlDatabase &db, const DatabaseUrl &url, const StorageOptions &options)
{
    QSqlQuery query(db);
    if (url.dialect() == SqlDialect::SQLite) {
        // WAL is a property of the file: set it once. Switching needs an exclusive lock that
        // the busy handler does not wait for, so do not ask again when it is already on.
        if (!query.exec(u"PRAGMA journal_mode"_s) || !query.next())
            return Error{ErrorCode::Unavailable, u"PRAGMA journal_mode: "_s + query.lastError().text()};
        const bool wal = query.value(0).toString().compare(u"wal"_s, Qt::CaseInsensitive) == 0;
        query.finish();
        if (!wal && !query.exec(u"PRAGMA journal_mode = WAL"_s))
            return Error{ErrorCode::Unavailable, u"PRAGMA journal_mode = WAL: "_s + query.lastError().text()};
        query.finish();
    }
    const QStringList setup = url.dialect() == SqlDialect::SQLite
        ? QStringList{u"PRAGMA foreign_keys = ON"_s,
                      u"PRAGMA synchronous = NORMAL"_s,
                      u"PRAGMA busy_timeout = "_s + QString::number(options.sqliteBusyTimeoutMs)}
        : QStringList{u"SET TIME ZONE 'UTC'"_s};
    for (const QString &sql : setup) {
        if (!query.exec(sql))
            return Error{ErrorCode::Unavailable, sql + u": "_s + query.lastError().text()};
    }
    // Pragmas like journal_mode return a row; an unfinished statement would block COMMIT later.
    query.finish();
    return {};
}

} // namespace

Storage::Storage(const DatabaseUrl &url, const StorageOptions &options)
    : m_url(url)
    , m_options(options)
    , m_clock(options.clock ? options.clock : &Clock::system())
    , d(std::make_unique<Private>())
{
    m_options.threads = qMax(1, m_options.threads);
}

Result<std::unique_ptr<Storage>> Storage::open(const DatabaseUrl &url, const StorageOptions &options)
{
    std::unique_ptr<Storage> storage(new Storage(url, options));
    if (auto started = storage->start(); !started)
        return started.error();
    auto migrated = storage->runBlocking([](StorageSession &session) { return applyMigrations(session); });
    if (!migrated)
        return openError(url, u"migrations failed: "_s + migrated.error().message);
    return storage;
}

Result<void> Storage::start()
{
    for (int i = 0; i < m_options.threads; ++i) {
        QThread *thread = QThread::create([this, i] { threadMain(i); });
        thread->setObjectName(u"storage-"_s + QString::number(i));
        d->threads.append(thread);
        thread->start();
    }
    QMutexLocker lock(&d->mutex);
    while (d->openReports < m_options.threads)
        d->opened.wait(&d->mutex);
    if (d->openError)
        return *d->openError; // the destructor stops the threads that did open
    return {};
}

Result<void> Storage::openExtraConnection(const QString &name) const
{
    if (auto opened = openConnection(m_url, name, m_options); !opened)
        return openError(m_url, opened.error().message);
    return {};
}

int Storage::threadCount() const
{
    return m_options.threads;
}

void Storage::threadMain(int index)
{
    const QString name = u"sb-storage-"_s + QString::number(g_instanceCounter.fetch_add(1)) + u'-'
                         + QString::number(index);
    {
        // Threads open one after another: two first connections switching a new SQLite file
        // to WAL at once would make one of them fail.
        {
            QMutexLocker lock(&d->mutex);
            while (d->openReports < index)
                d->opened.wait(&d->mutex);
        }
        auto opened = openConnection(m_url, name, m_options);
        QMutexLocker lock(&d->mutex);
        if (!opened && !d->openError)
            d->openError = openError(m_url, opened.error().message);
        ++d->openReports;
        d->opened.wakeAll();
        if (!opened) {
            lock.unlock();
            QSqlDatabase::removeDatabase(name);
            return;
        }
    }
    {
        StorageSession session(name, m_url.dialect(), *m_clock,
                               [this](const QList<CallEvent> &events) { emit eventsAppended(events); });
        // After the database dropped this connection (a restart, a failover): open it again.
        session.setReconnect([this, name]() -> Result<void> {
            QSqlDatabase db = QSqlDatabase::database(name, false);
            db.close();
            if (!db.open())
                return Error{ErrorCode::Unavailable, db.lastError().text().simplified()};
            return configureConnection(db, m_url, m_options);
        });
        session.setCostSettings(m_options.costs);
        for (;;) {
            std::unique_ptr<Task> task;
            {
                QMutexLocker lock(&d->mutex);
                while (d->queue.empty() && !d->stopping)
                    d->wake.wait(&d->mutex);
                if (d->queue.empty())
                    break; // stopping and drained
                task = std::move(d->queue.front());
                d->queue.pop_front();
            }
            task->run(session);
            session.finishStatements();
        }
        session.dropStatements(); // before the connection they were prepared on closes
        QSqlDatabase db = session.database();
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

void Storage::enqueue(std::unique_ptr<Task> task)
{
    QMutexLocker lock(&d->mutex);
    d->queue.push_back(std::move(task));
    d->wake.wakeOne();
}

Storage::~Storage()
{
    stop();
}

void Storage::stop()
{
    {
        QMutexLocker lock(&d->mutex);
        d->stopping = true;
        d->wake.wakeAll();
    }
    for (QThread *thread : std::as_const(d->threads)) {
        thread->wait();
        delete thread;
    }
    d->threads.clear();
}

} // namespace sb
