#pragma once

#include "shared/result.h"

#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace sb::test {

/**
 * @brief A throwaway PostgreSQL server for a test run.
 *
 * start() finds the server binaries (initdb on PATH, else `pg_config --bindir`, else the highest
 * /usr/lib/postgresql/N/bin), runs initdb into a temporary directory (trust auth, no fsync),
 * and starts the server on 127.0.0.1 with a free port (retrying on a clash) and its socket inside
 * the directory. As root, the directory belongs to `postgres` and the tools run through
 * `runuser -u postgres --`. The destructor stops the server (`pg_ctl stop -m fast`).
 *
 * If `SWITCHBOARD_TEST_POSTGRES_URL` is set, that server is used instead and nothing is started.
 * A missing PostgreSQL is an error with the reason: tests must fail, never skip.
 */
class PostgresCluster
{
public:
    static Result<std::unique_ptr<PostgresCluster>> start();
    ~PostgresCluster();
    PostgresCluster(const PostgresCluster &) = delete;
    PostgresCluster &operator=(const PostgresCluster &) = delete;

    /// `postgresql://postgres@127.0.0.1:PORT/DBNAME` (or the env server's URL with @p name).
    QString urlFor(const QString &databaseName) const;
    /// Creates a fresh, empty database and returns its URL.
    Result<QString> createDatabase(const QString &databaseName);
    int port() const { return m_port; }
    /// Whether this object started the server (false when SWITCHBOARD_TEST_POSTGRES_URL is used).
    bool owned() const { return m_owned; }

private:
    PostgresCluster() = default;
    Result<void> runTool(const QString &tool, const QStringList &arguments, int timeoutMs, QString *output = nullptr);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_binDir;
    QString m_dataDir;
    QString m_baseUrl; ///< with a trailing '/', database name appended by urlFor()
    QString m_query;
    int m_port = 0;
    bool m_owned = false;
    bool m_running = false;
    bool m_asPostgresUser = false;
};

/// A fresh SQLite database file in its own temporary directory, removed with the object.
class TemporarySqlite
{
public:
    TemporarySqlite();
    bool isValid() const { return m_dir.isValid(); }
    /// `sqlite:/tmp/.../switchboard.db`
    QString url() const;
    QString path() const;
    QString dirPath() const { return m_dir.path(); }

private:
    QTemporaryDir m_dir;
};

} // namespace sb::test
