#pragma once

#include "postgrescluster.h"

#include "shared/result.h"

#include <QString>

#include <memory>

namespace sb::test {

/**
 * @brief The database backend a dual-backend test executable runs against.
 *
 * `SWITCHBOARD_TEST_BACKEND` is `sqlite` (default) or `postgresql`; ctest registers every storage
 * test once per value. For PostgreSQL one cluster is started per process (on first use) and every
 * fresh() call creates a new database in it; for SQLite every fresh() is a new file.
 */
class TestDatabase
{
public:
    /// Reads SWITCHBOARD_TEST_BACKEND; an unknown value is an error.
    static Result<std::unique_ptr<TestDatabase>> fromEnvironment();

    bool isPostgres() const { return m_postgres; }
    QString backendName() const { return m_postgres ? QStringLiteral("PostgreSQL") : QStringLiteral("SQLite"); }
    /// A URL to a new, empty database.
    Result<QString> fresh();
    PostgresCluster *cluster() const { return m_cluster.get(); }

private:
    bool m_postgres = false;
    int m_counter = 0;
    std::unique_ptr<PostgresCluster> m_cluster;
    std::vector<std::unique_ptr<TemporarySqlite>> m_sqlite;
};

} // namespace sb::test
