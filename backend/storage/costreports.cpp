#include "costreports.h"

#include "shared/costpolicy.h"

#include <QDateTime>

#include <cmath>

using namespace Qt::StringLiterals;

namespace sb {

namespace {

constexpr qint64 kDayMs = 24 * 60 * 60 * 1000;

/// The aggregate columns of one group of calls, in the order addRow() reads them.
QString aggregateColumns()
{
    QString columns = u"COUNT(*), "
                      "SUM(CASE WHEN estimated_cost_bucket = 'LOW' THEN 1 ELSE 0 END), "
                      "SUM(CASE WHEN estimated_cost_bucket = 'MED' THEN 1 ELSE 0 END), "
                      "SUM(CASE WHEN estimated_cost_bucket = 'HIGH' THEN 1 ELSE 0 END), "
                      "SUM(CASE WHEN recording_count > 1 THEN recording_count - 1 ELSE 0 END), "
                      "SUM(CASE WHEN stream_connect_count > 1 THEN 1 ELSE 0 END), "
                      "SUM(webhook_11205_count), SUM(webhook_retry_count), SUM(estimated_cost)"_s;
    // cost_indicators is a JSON array of names; a quoted name matches only that name.
    for (const QString &indicator : enumNames<CostIndicator>())
        columns += u", SUM(CASE WHEN cost_indicators LIKE '%\""_s + indicator + u"\"%' THEN 1 ELSE 0 END)"_s;
    return columns;
}

/// Adds one day's row (day number first, then aggregateColumns()) to @p summary and @p point.
void addRow(const QSqlQuery &row, CostSummary &summary, CostDailyPoint &point)
{
    int i = 1;
    const auto next = [&] { return row.value(i++).toLongLong(); };
    point.totalCalls = next();
    point.bucketCounts.low = next();
    point.bucketCounts.med = next();
    point.bucketCounts.high = next();
    point.highCostCalls = point.bucketCounts.high;
    summary.duplicateRecordings += next();
    summary.callsWithReconnects += next();
    summary.webhook11205Errors += next();
    summary.webhookRetries += next();
    point.estimatedCost = row.value(i++).toDouble();
    for (const QString &indicator : enumNames<CostIndicator>())
        summary.indicatorCounts[indicator] += next();

    summary.totalCalls += point.totalCalls;
    summary.bucketCounts.low += point.bucketCounts.low;
    summary.bucketCounts.med += point.bucketCounts.med;
    summary.bucketCounts.high += point.bucketCounts.high;
    summary.highCostCalls += point.highCostCalls;
    summary.estimatedCost += point.estimatedCost;
}

} // namespace

Result<CostSummary> CostReports::summary(std::optional<qint64> businessId, int days, const AlertThresholds &thresholds)
{
    if (days < 1 || days > kMaxDays)
        return invalidInput(u"days must be a whole number from 1 to %1, not %2"_s.arg(kMaxDays).arg(days));
    const qint64 today = m_session.nowMs() / kDayMs;
    const qint64 firstDay = today - (days - 1);

    CostSummary summary;
    summary.businessId = businessId;
    summary.days = days;
    for (const QString &indicator : enumNames<CostIndicator>())
        summary.indicatorCounts.insert(indicator, 0);
    for (qint64 day = firstDay; day <= today; ++day) {
        CostDailyPoint point;
        point.date = QDateTime::fromMSecsSinceEpoch(day * kDayMs, Qt::UTC).date();
        summary.daily.append(point);
    }

    QList<SqlBinding> bindings{{u":from"_s, firstDay * kDayMs}};
    QString where = u"created_at >= :from"_s;
    if (businessId) {
        where += u" AND business_id = :business"_s;
        bindings.append({u":business"_s, *businessId});
    }
    auto query = m_session.exec(u"SELECT created_at / "_s + QString::number(kDayMs) + u", "_s + aggregateColumns()
                                    + u" FROM calls WHERE "_s + where + u" GROUP BY created_at / "_s
                                    + QString::number(kDayMs),
                                bindings);
    if (!query)
        return query.error();
    while (query.value().next()) {
        const qint64 day = query.value().value(0).toLongLong();
        if (day < firstDay || day > today)
            continue; // created in the future by another instance's clock: not part of the range
        addRow(*query, summary, summary.daily[day - firstDay]);
    }
    summary.estimatedCost = std::round(summary.estimatedCost * 1e6) / 1e6;
    for (CostDailyPoint &point : summary.daily)
        point.estimatedCost = std::round(point.estimatedCost * 1e6) / 1e6;
    summary.evaluate(thresholds);
    return summary;
}

} // namespace sb
