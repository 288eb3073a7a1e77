#include "migrations.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace sb {

namespace {
// An arbitrary constant shared by every Switchboard process: "SBMIGR" in ASCII.
constexpr qint64 kMigrationLockKey = 0x53424d49475200;
} // namespace

Result<QList<Migration>> embeddedMigrations(SqlDialect dialect)
{
    const QString dirPath = dialect == SqlDialect::SQLite ? u":/migrations/sqlite"_s : u":/migrations/postgresql"_s;
    const QDir dir(dirPath);
    static const QRegularExpression pattern(u"^(\\d{3})_[a-z0-9_]+\\.sql$"_s);
    QList<Migration> migrations;
    const QStringList files = dir.entryList(QDir::Files, QDir::Name);
    for (const QString &file : files) {
        const auto match = pattern.match(file);
        if (!match.hasMatch())
            return Error{ErrorCode::Internal, u"migration file name not NNN_name.sql: "_s + file};
        QFile input(dir.filePath(file));
        if (!input.open(QIODevice::ReadOnly))
            return Error{ErrorCode::Internal, u"cannot read migration "_s + file};
        migrations.append({match.captured(1).toInt(), file, QString::fromUtf8(input.readAll())});
    }
    if (migrations.isEmpty())
        return Error{ErrorCode::Internal, u"no migrations embedded under "_s + dirPath};
    for (qsizetype i = 0; i < migrations.size(); ++i) {
        if (migrations[i].version != i + 1)
            return Error{ErrorCode::Internal, u"migrations must be numbered 001, 002, ... without gaps; found "_s + migrations[i].name};
    }
    return migrations;
}

QStringList splitSqlStatements(const QString &sql)
{
    QStringList statements;
    QString current;
    const QStringList lines = sql.split(u'\n');
    for (const QString &line : lines) {
        const QString trimmed = line.trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith(u"--"))
            continue;
        current += line + u'\n';
        if (trimmed.endsWith(u';')) {
            statements << current.trimmed();
            current.clear();
        }
    }
    if (!current.trimmed().isEmpty())
        statements << current.trimmed();
    return statements;
}

Result<void> applyMigrations(StorageSession &session)
{
    auto migrations = embeddedMigrations(session.dialect());
    if (!migrations)
        return migrations.error();

    auto transaction = Transaction::begin(session);
    if (!transaction)
        return transaction.error();
    if (session.dialect() == SqlDialect::PostgreSQL) {
        // "relation already exists, skipping" notices would reach stderr on every start.
        if (auto quiet = session.execRaw(u"SET LOCAL client_min_messages = warning"_s); !quiet)
            return quiet.error();
        if (auto locked = session.exec(u"SELECT pg_advisory_xact_lock(:key)"_s, {{u":key"_s, kMigrationLockKey}}); !locked)
            return locked.error();
    }
    if (auto created = session.execRaw(u"CREATE TABLE IF NOT EXISTS schema_version ("
                                       "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)"_s);
        !created) {
        return created.error();
    }
    QSet<int> applied;
    {
        auto rows = session.exec(u"SELECT version FROM schema_version"_s);
        if (!rows)
            return rows.error();
        while (rows.value().next())
            applied.insert(rows.value().value(0).toInt());
    }
    for (const Migration &migration : std::as_const(*migrations)) {
        if (applied.contains(migration.version))
            continue;
        for (const QString &statement : splitSqlStatements(migration.sql)) {
            if (auto done = session.execRaw(statement); !done)
                return Error{done.error().code, migration.name + u": "_s + done.error().message};
        }
        auto recorded = session.exec(u"INSERT INTO schema_version (version, name, applied_at) VALUES (:v, :n, :t)"_s,
                                     {{u":v"_s, migration.version}, {u":n"_s, migration.name}, {u":t"_s, session.nowMs()}});
        if (!recorded)
            return recorded.error();
    }
    return transaction.value().commit();
}

} // namespace sb
