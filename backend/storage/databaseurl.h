#pragma once

#include "shared/result.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QStringView>

namespace sb {

/// The SQL dialects Switchboard speaks; statements that differ are chosen by this.
enum class SqlDialect { SQLite, PostgreSQL };

/**
 * @brief A parsed `SWITCHBOARD_DATABASE_URL`.
 *
 * Accepted forms:
 * - `sqlite:PATH`: PATH relative (to the working directory) or absolute; `sqlite://PATH` is read
 *   the same way (so `sqlite:///var/lib/x.db` is `/var/lib/x.db`). `sqlite::memory:` is refused:
 *   every storage thread has its own connection, and in-memory databases are per connection.
 * - `postgresql://[user[:password]@][host][:port]/dbname[?key=value&...]`, also `postgres://`.
 *   User and password are percent-decoded; the port defaults to 5432; `host=/socket/dir` in the
 *   query selects a Unix socket directory (then the host part may be empty). Other accepted query
 *   keys: `sslmode`, `connect_timeout`, `application_name`, `sslrootcert`, `sslcert`, `sslkey`.
 *
 * Anything else is an InvalidInput error that says what is wrong. The password is only reachable
 * through password(); masked() and every error message show `***` instead.
 */
class DatabaseUrl
{
public:
    /// Parses @p text; see the class comment for the accepted forms.
    static Result<DatabaseUrl> parse(QStringView text);

    SqlDialect dialect() const { return m_dialect; }
    /// The Qt SQL driver for the dialect: `QSQLITE` or `QPSQL`.
    QString driverName() const;

    /// SQLite: the database file path as given (after the scheme).
    QString path() const { return m_path; }

    /// PostgreSQL: host name or address, or the socket directory from `host=` when given there.
    QString host() const { return m_host; }
    int port() const { return m_port; }
    QString user() const { return m_user; }
    QString password() const { return m_password; }
    QString databaseName() const { return m_databaseName; }
    /// PostgreSQL: the query options in the order given (host= excluded), already validated.
    QList<QPair<QString, QString>> options() const { return m_options; }
    /// PostgreSQL: the options as QPSQL connect options (`key=value;key=value`).
    QString connectOptions() const;

    /// The URL as text with the password replaced by `***`; safe for logs and error messages.
    QString masked() const;

    /// A copy naming another database on the same server (used to create test databases).
    DatabaseUrl withDatabaseName(const QString &name) const;

    friend bool operator==(const DatabaseUrl &, const DatabaseUrl &) = default;

private:
    SqlDialect m_dialect = SqlDialect::SQLite;
    QString m_path;
    QString m_host;
    bool m_hostFromQuery = false;
    int m_port = 5432;
    QString m_user;
    QString m_password;
    QString m_databaseName;
    QList<QPair<QString, QString>> m_options;
};

} // namespace sb
