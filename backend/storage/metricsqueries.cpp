#include "metricsqueries.h"

#include "dedupdecisions.h"

#include "shared/callenums.h"

using namespace Qt::StringLiterals;

namespace sb {

namespace {

/// Adds the (name, count) rows of a `SELECT name, COUNT(*) … GROUP BY name` to @p counts;
/// a NULL name counts as @p nullName.
Result<void> countGroups(StorageSession &session, const QString &sql, QMap<QString, qint64> &counts,
                         const QString &nullName = {})
{
    auto query = session.exec(sql);
    if (!query)
        return query.error();
    while (query.value().next()) {
        const QVariant name = query.value().value(0);
        counts[name.isNull() ? nullName : name.toString()] += query.value().value(1).toLongLong();
    }
    return {};
}

template <typename E>
QMap<QString, qint64> zeros()
{
    QMap<QString, qint64> counts;
    for (const QString &name : enumNames<E>())
        counts.insert(name, 0);
    return counts;
}

} // namespace

Result<DatabaseMetrics> MetricsQueries::read()
{
    DatabaseMetrics metrics;
    metrics.callsByStatus = zeros<CallStatus>();
    metrics.callsByBucket = zeros<CostBucket>();
    for (const char *state : {"pending", "running", "done", "dead"})
        metrics.jobsByState.insert(QString::fromLatin1(state), 0);
    metrics.dedupDecisionsByLayer = zeros<DedupLayer>();
    metrics.dedupDecisionsByLayer.insert(u"none"_s, 0);

    if (auto ok = countGroups(m_session, u"SELECT status, COUNT(*) FROM calls GROUP BY status"_s, metrics.callsByStatus); !ok)
        return ok.error();
    if (auto ok = countGroups(m_session, u"SELECT estimated_cost_bucket, COUNT(*) FROM calls GROUP BY estimated_cost_bucket"_s,
                              metrics.callsByBucket);
        !ok) {
        return ok.error();
    }
    if (auto ok = countGroups(m_session, u"SELECT state, COUNT(*) FROM jobs GROUP BY state"_s, metrics.jobsByState); !ok)
        return ok.error();
    if (auto ok = countGroups(m_session, u"SELECT layer, COUNT(*) FROM dedup_decisions GROUP BY layer"_s,
                              metrics.dedupDecisionsByLayer, u"none"_s);
        !ok) {
        return ok.error();
    }
    auto cost = m_session.exec(u"SELECT COALESCE(SUM(estimated_cost), 0) FROM calls"_s);
    if (!cost)
        return cost.error();
    if (cost.value().next())
        metrics.estimatedCost = cost.value().value(0).toDouble();
    return metrics;
}

} // namespace sb
