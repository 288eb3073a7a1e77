#include "postgrescluster.h"

#include "storage/databaseurl.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTcpServer>
#include <QThread>
#include <QUuid>
#include <QVersionNumber>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace sb::test {

namespace {

Error failure(const QString &message)
{
    return Error{ErrorCode::Unavailable, u"PostgreSQL test cluster: "_s + message};
}

bool hasServerTools(const QString &dir)
{
    return QFileInfo(dir + u"/initdb"_s).isExecutable() && QFileInfo(dir + u"/pg_ctl"_s).isExecutable()
           && QFileInfo(dir + u"/postgres"_s).isExecutable();
}

QString findBinDir(QStringList *tried)
{
    const QString initdb = QStandardPaths::findExecutable(u"initdb"_s);
    if (!initdb.isEmpty()) {
        // A symlink on PATH (/usr/local/bin/initdb) points into the real bin directory.
        const QString dir = QFileInfo(QFileInfo(initdb).canonicalFilePath()).absolutePath();
        *tried << dir;
        if (hasServerTools(dir))
            return dir;
    }
    const QString pgConfig = QStandardPaths::findExecutable(u"pg_config"_s);
    if (!pgConfig.isEmpty()) {
        QProcess process;
        process.start(pgConfig, {u"--bindir"_s});
        if (process.waitForFinished(10'000) && process.exitCode() == 0) {
            const QString dir = QString::fromLocal8Bit(process.readAllStandardOutput()).trimmed();
            *tried << dir;
            if (hasServerTools(dir))
                return dir;
        }
    }
    QVersionNumber best;
    QString bestDir;
    const QStringList versions = QDir(u"/usr/lib/postgresql"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &version : versions) {
        const QString dir = u"/usr/lib/postgresql/"_s + version + u"/bin"_s;
        *tried << dir;
        const QVersionNumber number = QVersionNumber::fromString(version);
        if (hasServerTools(dir) && number > best) {
            best = number;
            bestDir = dir;
        }
    }
    return bestDir;
}

int freePort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    return server.serverPort();
}

} // namespace

Result<void> PostgresCluster::runTool(const QString &tool, const QStringList &arguments, int timeoutMs, QString *output)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setWorkingDirectory(m_dir->path());
    const QString program = m_binDir + u'/' + tool;
    if (m_asPostgresUser)
        process.start(u"runuser"_s, QStringList{u"-u"_s, u"postgres"_s, u"--"_s, program} + arguments);
    else
        process.start(program, arguments);
    if (!process.waitForStarted(10'000))
        return failure(tool + u" did not start: "_s + process.errorString());
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5'000);
        return failure(tool + u" timed out"_s);
    }
    const QString text = QString::fromLocal8Bit(process.readAll());
    if (output)
        *output = text;
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return failure(tool + u" failed (exit "_s + QString::number(process.exitCode()) + u"): "_s + text.simplified());
    return {};
}

Result<std::unique_ptr<PostgresCluster>> PostgresCluster::start()
{
    std::unique_ptr<PostgresCluster> cluster(new PostgresCluster);
    const QString external = qEnvironmentVariable("SWITCHBOARD_TEST_POSTGRES_URL");
    if (!external.isEmpty()) {
        auto url = DatabaseUrl::parse(external);
        if (!url)
            return failure(u"SWITCHBOARD_TEST_POSTGRES_URL: "_s + url.error().message);
        if (url.value().dialect() != SqlDialect::PostgreSQL)
            return failure(u"SWITCHBOARD_TEST_POSTGRES_URL is not a postgresql:// URL"_s);
        // Keep everything up to the database name; databases are created next to it.
        const qsizetype query = external.indexOf(u'?');
        const QString base = query >= 0 ? external.left(query) : external;
        cluster->m_baseUrl = base.left(base.lastIndexOf(u'/') + 1);
        cluster->m_query = query >= 0 ? external.mid(query) : QString();
        cluster->m_port = url.value().port();
        return cluster;
    }

    QStringList tried;
    cluster->m_binDir = findBinDir(&tried);
    if (cluster->m_binDir.isEmpty())
        return failure(u"no PostgreSQL server binaries (initdb, pg_ctl, postgres) found; looked in: "_s
                       + (tried.isEmpty() ? u"PATH, pg_config, /usr/lib/postgresql/*/bin"_s : tried.join(u", "_s)));
    cluster->m_dir = std::make_unique<QTemporaryDir>(QDir::tempPath() + u"/switchboard-pg-XXXXXX"_s);
    if (!cluster->m_dir->isValid())
        return failure(u"cannot create a temporary directory: "_s + cluster->m_dir->errorString());
    cluster->m_asPostgresUser = ::geteuid() == 0;
    if (cluster->m_asPostgresUser) {
        // initdb refuses to run as root; the directory must belong to the user running it.
        QProcess chown;
        chown.start(u"chown"_s, {u"postgres:"_s, cluster->m_dir->path()});
        if (!chown.waitForFinished(10'000) || chown.exitCode() != 0)
            return failure(u"cannot chown the cluster directory to postgres (does the postgres user exist?): "_s
                           + QString::fromLocal8Bit(chown.readAllStandardError()).simplified());
    }
    cluster->m_dataDir = cluster->m_dir->path() + u"/data"_s;
    if (auto init = cluster->runTool(u"initdb"_s,
                                     {u"-D"_s, cluster->m_dataDir, u"-A"_s, u"trust"_s, u"-U"_s, u"postgres"_s, u"-N"_s,
                                      u"-E"_s, u"UTF8"_s, u"--locale=C"_s},
                                     120'000);
        !init) {
        return init.error();
    }

    QString lastError;
    for (int attempt = 0; attempt < 5; ++attempt) {
        const int port = freePort();
        if (port == 0)
            return failure(u"no free TCP port on 127.0.0.1"_s);
        const QString options = u"-p "_s + QString::number(port) + u" -k "_s + cluster->m_dir->path()
                                + u" -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
                                  " -c full_page_writes=off -c max_connections=200"_s;
        auto started = cluster->runTool(u"pg_ctl"_s,
                                        {u"-D"_s, cluster->m_dataDir, u"-l"_s, cluster->m_dir->path() + u"/server.log"_s,
                                         u"-w"_s, u"-t"_s, u"60"_s, u"-o"_s, options, u"start"_s},
                                        90'000);
        if (started) {
            cluster->m_port = port;
            cluster->m_running = true;
            cluster->m_owned = true;
            cluster->m_baseUrl = u"postgresql://postgres@127.0.0.1:"_s + QString::number(port) + u'/';
            return cluster;
        }
        QFile log(cluster->m_dir->path() + u"/server.log"_s);
        const QString logText = log.open(QIODevice::ReadOnly) ? QString::fromLocal8Bit(log.readAll()) : QString();
        lastError = started.error().message + u" | "_s + logText.simplified().right(400);
        // Another process took the port between our probe and the server's bind: try another.
        if (!logText.contains(u"could not bind"_s) && !logText.contains(u"in use"_s))
            break;
    }
    return failure(u"the server did not start: "_s + lastError);
}

PostgresCluster::~PostgresCluster()
{
    if (m_running) {
        auto stopped = runTool(u"pg_ctl"_s, {u"-D"_s, m_dataDir, u"-m"_s, u"fast"_s, u"-w"_s, u"-t"_s, u"60"_s, u"stop"_s},
                               90'000);
        if (!stopped)
            qWarning("%s", qPrintable(stopped.error().message));
    }
}

QString PostgresCluster::urlFor(const QString &databaseName) const
{
    return m_baseUrl + databaseName + m_query;
}

Result<QString> PostgresCluster::createDatabase(const QString &databaseName)
{
    auto url = DatabaseUrl::parse(urlFor(u"postgres"_s));
    if (!url)
        return url.error();
    const QString connection = u"sb-test-admin-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    Result<QString> result = urlFor(databaseName);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, connection);
        db.setHostName(url.value().host());
        db.setPort(url.value().port());
        db.setUserName(url.value().user());
        db.setPassword(url.value().password());
        db.setDatabaseName(url.value().databaseName());
        db.setConnectOptions(url.value().connectOptions());
        if (!db.open()) {
            result = failure(u"cannot connect to create a database: "_s + db.lastError().text().simplified());
        } else {
            QSqlQuery query(db);
            if (!query.exec(u"CREATE DATABASE \""_s + databaseName + u'"'))
                result = failure(u"CREATE DATABASE "_s + databaseName + u": "_s + query.lastError().text().simplified());
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return result;
}

TemporarySqlite::TemporarySqlite() : m_dir(QDir::tempPath() + u"/switchboard-sqlite-XXXXXX"_s) { }

QString TemporarySqlite::path() const
{
    return m_dir.filePath(u"switchboard.db"_s);
}

QString TemporarySqlite::url() const
{
    return u"sqlite:"_s + path();
}

} // namespace sb::test
