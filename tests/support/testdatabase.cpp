#include "testdatabase.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace sb::test {

Result<std::unique_ptr<TestDatabase>> TestDatabase::fromEnvironment()
{
    const QString backend = qEnvironmentVariable("SWITCHBOARD_TEST_BACKEND", u"sqlite"_s).toLower();
    if (backend != u"sqlite" && backend != u"postgresql")
        return invalidInput(u"SWITCHBOARD_TEST_BACKEND must be sqlite or postgresql, not "_s + backend);
    auto database = std::make_unique<TestDatabase>();
    database->m_postgres = backend == u"postgresql";
    if (database->m_postgres) {
        auto cluster = PostgresCluster::start();
        if (!cluster)
            return cluster.error();
        database->m_cluster = std::move(cluster).value();
    }
    return database;
}

Result<QString> TestDatabase::fresh()
{
    ++m_counter;
    if (m_postgres) {
        return m_cluster->createDatabase(u"sbtest_"_s + QString::number(QCoreApplication::applicationPid()) + u'_'
                                         + QString::number(m_counter));
    }
    auto file = std::make_unique<TemporarySqlite>();
    if (!file->isValid())
        return Error{ErrorCode::Unavailable, u"cannot create a temporary directory for SQLite"_s};
    const QString url = file->url();
    m_sqlite.push_back(std::move(file));
    return url;
}

} // namespace sb::test
