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
 * The console's reading of `GET /api/costs/summary` and of alerts. Every JSON field the console
 * uses is read here and nowhere else, so that once shared/costsummary.h (sb::CostSummary) and
 * shared/alerts.h (sb::Alert) exist this file becomes aliases of those types.
 */

/// The cost buckets in order of cost, as the API names them.
inline const QStringList kCostBuckets = {QStringLiteral("LOW"), QStringLiteral("MED"), QStringLiteral("HIGH")};

/// One active alert: what crossed which threshold and what to do about it.
struct AlertData
{
    QString key;
    QString severity; ///< `warning` or `critical`
    QString message;
    QString action;
    double value = 0;
    double threshold = 0;

    static Result<AlertData> fromJson(const QJsonObject &json);
    bool isCritical() const { return severity == u"critical"; }
};

/// One day of the summary's daily series.
struct DailyCost
{
    QDate date;
    int totalCalls = 0;
    int highCostCalls = 0;
    double estimatedCost = 0;
    QMap<QString, int> bucketCounts; ///< LOW/MED/HIGH → calls
};

/// The cost summary over `days` days for one business, or all of them.
struct CostSummaryData
{
    std::optional<qint64> businessId; ///< empty: all businesses
    int days = 0;
    int totalCalls = 0;
    QMap<QString, int> bucketCounts;
    int highCostCalls = 0;
    int duplicateRecordings = 0;
    int callsWithReconnects = 0;
    int webhook11205Errors = 0;
    int webhookRetries = 0;
    double estimatedCost = 0; ///< USD
    QMap<QString, int> indicatorCounts; ///< indicator name → calls where it fired
    QStringList recommendations;
    QList<AlertData> alerts;
    QList<DailyCost> daily; ///< oldest first
    QMap<QString, double> thresholds; ///< alert thresholds by name

    static Result<CostSummaryData> fromJson(const QJsonObject &json);
};

/// A time as the API sends it: an ISO 8601 string or epoch milliseconds; invalid otherwise.
QDateTime timeFromJson(const QJsonValue &value);

/// Reads an array of alerts; the first malformed one is the error.
Result<QList<AlertData>> readAlerts(const QJsonArray &array);

} // namespace sb
