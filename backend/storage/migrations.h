#pragma once

#include "shared/result.h"
#include "storagesession.h"

#include <QList>
#include <QString>

namespace sb {

/// One numbered migration file embedded under `:/migrations/<dialect>/`.
struct Migration
{
    int version = 0;  ///< from the file name: `001_initial.sql` is version 1
    QString name;     ///< the file name
    QString sql;
};

/// The embedded migrations of @p dialect in version order; a malformed file name is an error.
Result<QList<Migration>> embeddedMigrations(SqlDialect dialect);

/// Splits migration text into statements at `;` line ends, dropping `--` comment lines.
QStringList splitSqlStatements(const QString &sql);

/**
 * @brief Applies the migrations not yet recorded in `schema_version`, in order, in one transaction.
 *
 * Safe to run twice and from two processes at once: PostgreSQL serialises on
 * `pg_advisory_xact_lock`, SQLite on `BEGIN IMMEDIATE`; whoever comes second sees the versions
 * the first recorded and applies nothing.
 */
Result<void> applyMigrations(StorageSession &session);

} // namespace sb
