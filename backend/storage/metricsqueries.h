#pragma once

#include "shared/result.h"
#include "storagesession.h"

#include <QMap>
#include <QString>

namespace sb {

/// What `/metrics` reads from the database: the whole database, so every instance sharing it
/// reports the same numbers.
struct DatabaseMetrics
{
    QMap<QString, qint64> callsByStatus;          ///< every call status, 0 included
    QMap<QString, qint64> callsByBucket;          ///< LOW, MED, HIGH
    QMap<QString, qint64> jobsByState;            ///< pending, running, done, dead, and any other state stored
    QMap<QString, qint64> dedupDecisionsByLayer;  ///< memory, database, and none (not a duplicate)
    double estimatedCost = 0;                     ///< USD, every call
};

/// @brief The database half of `/metrics`, one read on a storage thread.
class MetricsQueries
{
public:
    explicit MetricsQueries(StorageSession &session) : m_session(session) { }

    Result<DatabaseMetrics> read();

private:
    StorageSession &m_session;
};

} // namespace sb
