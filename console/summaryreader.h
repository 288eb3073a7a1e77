#pragma once

#include "shared/result.h"

#include <QDate>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QStringList>

#include <optional>

namespace sb {

/*
 * The console's reading of `GET /api/costs/summary` and of alerts, every JSON field in this one
 * place. The types have the shape of shared/costsummary.h (sb::CostSummary, sb::CostDailyPoint,
 * sb::CostBucketCounts) and shared/alerts.h (sb::Alert, sb::AlertThresholds), which are built in
 * parallel: once those exist, the five structs below become aliases of them
 * (`using CostSummaryData = CostSummary;` …) and the rest of the console stays as it is.
 */

/// How many calls are in each cost bucket; JSON `{"LOW": n, "MED": n, "HIGH": n}`.
struct CostBucketCountsData
{
    qint64 low = 0;
    qint64 med = 0;
    qint64 high = 0;

    qint64 total() const { return low + med + high; }
    static Result<CostBucketCountsData> fromJson(const QJsonObject &json);
};

/// When a summary raises an alert: each fires when its value is strictly above.
struct AlertThresholdsData
{
    double duplicateRecordings = 0; ///< extra recordings in the window
    double highCostRatio = 0.20;    ///< HIGH-bucket calls / all calls
    double reconnectRatio = 0.10;   ///< calls whose stream connected more than once / all calls

    QJsonObject toJson() const;
    /// A missing key keeps its default.
    static Result<AlertThresholdsData> fromJson(const QJsonObject &json);
};

/// One active alert: what crossed which threshold and what to do about it.
struct AlertData
{
    enum class Severity { Warning, Critical };

    QString key; ///< `duplicate_recordings`, `high_cost_ratio`, `reconnect_ratio`
    Severity severity = Severity::Warning;
    QString message;
    QString action;
    double value = 0;
    double threshold = 0;

    static Result<AlertData> fromJson(const QJsonObject &json);
};

/// One UTC day of the summary's daily series.
struct DailyCost
{
    QDate date;
    qint64 totalCalls = 0;
    qint64 highCostCalls = 0;
    double estimatedCost = 0; ///< USD
    CostBucketCountsData bucketCounts;

    static Result<DailyCost> fromJson(const QJsonObject &json);
};

/// The cost summary over `days` days for one business, or all of them.
struct CostSummaryData
{
    std::optional<qint64> businessId; ///< empty: all businesses
    int days = 7;
    qint64 totalCalls = 0;
    CostBucketCountsData bucketCounts;
    qint64 highCostCalls = 0;
    qint64 duplicateRecordings = 0;
    qint64 callsWithReconnects = 0;
    qint64 webhook11205Errors = 0;
    qint64 webhookRetries = 0;
    double estimatedCost = 0; ///< USD
    QMap<QString, qint64> indicatorCounts; ///< cost indicator name → calls where it fired
    QStringList recommendations;
    QList<AlertData> alerts;
    QList<DailyCost> daily; ///< oldest first
    AlertThresholdsData thresholds;

    /// A value of the wrong type, a bad date or severity is an error; a missing number is 0.
    static Result<CostSummaryData> fromJson(const QJsonObject &json);
};

/// A time as the API sends it: an ISO 8601 string or epoch milliseconds; invalid otherwise.
QDateTime timeFromJson(const QJsonValue &value);

} // namespace sb
