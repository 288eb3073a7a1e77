#pragma once

#include "alerts.h"
#include "callenums.h"
#include "result.h"

#include <QDate>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QStringList>

#include <optional>

namespace sb {

/// How many calls are in each cost bucket; JSON `{"LOW": n, "MED": n, "HIGH": n}`.
struct CostBucketCounts
{
    qint64 low = 0;
    qint64 med = 0;
    qint64 high = 0;

    qint64 total() const { return low + med + high; }
    QJsonObject toJson() const;
    static Result<CostBucketCounts> fromJson(const QJsonObject &json);

    friend bool operator==(const CostBucketCounts &, const CostBucketCounts &) = default;
};

/// One UTC day of a cost summary, for charts.
struct CostDailyPoint
{
    QDate date; ///< JSON "YYYY-MM-DD"
    qint64 totalCalls = 0;
    qint64 highCostCalls = 0;
    double estimatedCost = 0; ///< USD
    CostBucketCounts bucketCounts;

    QJsonObject toJson() const;
    static Result<CostDailyPoint> fromJson(const QJsonObject &json);

    friend bool operator==(const CostDailyPoint &, const CostDailyPoint &) = default;
};

/**
 * @brief What `GET /api/costs/summary?business_id=&days=` answers: the calls created in the
 * last @c days UTC days (today included), their buckets and cost, what made them expensive,
 * and the alerts and recommendations that follow. The console reads it with fromJson().
 */
struct CostSummary
{
    std::optional<qint64> businessId; ///< JSON null: every business
    int days = 7;
    qint64 totalCalls = 0;
    CostBucketCounts bucketCounts;
    qint64 highCostCalls = 0;
    qint64 duplicateRecordings = 0;  ///< recordings beyond the first of each call
    qint64 callsWithReconnects = 0;  ///< calls whose Media Stream connected more than once
    qint64 webhook11205Errors = 0;
    qint64 webhookRetries = 0;
    double estimatedCost = 0;        ///< USD
    QMap<QString, qint64> indicatorCounts; ///< cost indicator name → calls where it fired
    QStringList recommendations;
    QList<Alert> alerts;
    QList<CostDailyPoint> daily;     ///< every day of the range, oldest first
    AlertThresholds thresholds;      ///< the alert thresholds in force

    /// Sets thresholds, alerts (evaluateAlerts()) and recommendations from the counts.
    void evaluate(const AlertThresholds &alertThresholds);

    QJsonObject toJson() const;
    /// Reads what toJson() writes; a value of the wrong type, a bad date or severity is an error.
    static Result<CostSummary> fromJson(const QJsonObject &json);

    friend bool operator==(const CostSummary &, const CostSummary &) = default;
};

/// Plain sentences an operator can act on, one per problem the summary shows, worst first.
QStringList costRecommendations(const CostSummary &summary, const AlertThresholds &thresholds);

} // namespace sb
