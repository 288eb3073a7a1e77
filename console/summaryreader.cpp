#include "summaryreader.h"

using namespace Qt::StringLiterals;

namespace sb {

namespace {

Result<qint64> countAt(const QJsonObject &json, QStringView key)
{
    const QJsonValue value = json.value(key);
    if (value.isUndefined())
        return 0;
    if (!value.isDouble() || value.toDouble() < 0 || value.toDouble() != double(value.toInteger()))
        return Error{ErrorCode::Upstream, u"\""_s + key.toString() + u"\" must be a whole number of 0 or more"_s};
    return value.toInteger();
}

Result<double> numberAt(const QJsonObject &json, QStringView key, double fallback = 0)
{
    const QJsonValue value = json.value(key);
    if (value.isUndefined())
        return fallback;
    if (!value.isDouble())
        return Error{ErrorCode::Upstream, u"\""_s + key.toString() + u"\" must be a number"_s};
    return value.toDouble();
}

/// Reads the whole-number fields named in @p fields, stopping at the first bad one.
Result<void> readCounts(const QJsonObject &json, std::initializer_list<std::pair<QStringView, qint64 *>> fields)
{
    for (const auto &[key, target] : fields) {
        auto value = countAt(json, key);
        if (!value)
            return value.error();
        *target = *value;
    }
    return {};
}

Error within(const QString &where, const Error &error)
{
    return {ErrorCode::Upstream, where + u": "_s + error.message};
}

} // namespace

QDateTime timeFromJson(const QJsonValue &value)
{
    if (value.isDouble())
        return QDateTime::fromMSecsSinceEpoch(value.toInteger(), Qt::UTC);
    if (value.isString())
        return QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    return {};
}

Result<CostBucketCountsData> CostBucketCountsData::fromJson(const QJsonObject &json)
{
    CostBucketCountsData counts;
    if (auto ok = readCounts(json, {{u"LOW", &counts.low}, {u"MED", &counts.med}, {u"HIGH", &counts.high}}); !ok)
        return within(u"bucket_counts"_s, ok.error());
    return counts;
}

QJsonObject AlertThresholdsData::toJson() const
{
    return {{u"duplicate_recordings"_s, duplicateRecordings},
            {u"high_cost_ratio"_s, highCostRatio},
            {u"reconnect_ratio"_s, reconnectRatio}};
}

Result<AlertThresholdsData> AlertThresholdsData::fromJson(const QJsonObject &json)
{
    AlertThresholdsData thresholds;
    for (const auto &[key, target] : {std::pair{u"duplicate_recordings"_s, &thresholds.duplicateRecordings},
                                      std::pair{u"high_cost_ratio"_s, &thresholds.highCostRatio},
                                      std::pair{u"reconnect_ratio"_s, &thresholds.reconnectRatio}}) {
        auto value = numberAt(json, key, *target);
        if (!value)
            return within(u"thresholds"_s, value.error());
        *target = *value;
    }
    return thresholds;
}

Result<AlertData> AlertData::fromJson(const QJsonObject &json)
{
    AlertData alert;
    alert.key = json.value(u"key").toString();
    if (alert.key.isEmpty())
        return Error{ErrorCode::Upstream, u"an alert needs a \"key\""_s};
    const QString severity = json.value(u"severity").toString();
    if (severity == u"critical")
        alert.severity = Severity::Critical;
    else if (severity != u"warning")
        return Error{ErrorCode::Upstream, u"alert severity must be \"warning\" or \"critical\", not \""_s + severity + u'"'};
    alert.message = json.value(u"message").toString();
    alert.action = json.value(u"action").toString();
    auto value = numberAt(json, u"value");
    auto threshold = numberAt(json, u"threshold");
    if (!value || !threshold)
        return within(u"alert "_s + alert.key, !value ? value.error() : threshold.error());
    alert.value = *value;
    alert.threshold = *threshold;
    return alert;
}

Result<DailyCost> DailyCost::fromJson(const QJsonObject &json)
{
    DailyCost day;
    const QString date = json.value(u"date").toString();
    day.date = QDate::fromString(date, Qt::ISODate);
    if (!day.date.isValid())
        return Error{ErrorCode::Upstream, u"daily: \"date\" must be YYYY-MM-DD, not \""_s + date.left(20) + u'"'};
    if (auto ok = readCounts(json, {{u"total_calls", &day.totalCalls}, {u"high_cost_calls", &day.highCostCalls}}); !ok)
        return within(u"daily "_s + date, ok.error());
    auto cost = numberAt(json, u"estimated_cost");
    if (!cost)
        return within(u"daily "_s + date, cost.error());
    day.estimatedCost = *cost;
    auto buckets = CostBucketCountsData::fromJson(json.value(u"bucket_counts").toObject());
    if (!buckets)
        return within(u"daily "_s + date, buckets.error());
    day.bucketCounts = *buckets;
    return day;
}

Result<CostSummaryData> CostSummaryData::fromJson(const QJsonObject &json)
{
    CostSummaryData summary;
    const QJsonValue business = json.value(u"business_id");
    if (!business.isNull() && !business.isUndefined()) {
        if (!business.isDouble())
            return Error{ErrorCode::Upstream, u"\"business_id\" must be a number or null"_s};
        summary.businessId = business.toInteger();
    }
    qint64 days = 0;
    if (auto ok = readCounts(json, {{u"days", &days},
                                    {u"total_calls", &summary.totalCalls},
                                    {u"high_cost_calls", &summary.highCostCalls},
                                    {u"duplicate_recordings", &summary.duplicateRecordings},
                                    {u"calls_with_reconnects", &summary.callsWithReconnects},
                                    {u"webhook_11205_errors", &summary.webhook11205Errors},
                                    {u"webhook_retries", &summary.webhookRetries}});
        !ok) {
        return ok.error();
    }
    summary.days = int(days);
    auto cost = numberAt(json, u"estimated_cost");
    if (!cost)
        return cost.error();
    summary.estimatedCost = *cost;
    auto buckets = CostBucketCountsData::fromJson(json.value(u"bucket_counts").toObject());
    if (!buckets)
        return buckets.error();
    summary.bucketCounts = *buckets;
    const QJsonObject indicators = json.value(u"indicator_counts").toObject();
    for (auto it = indicators.begin(); it != indicators.end(); ++it) {
        auto count = countAt(indicators, it.key());
        if (!count)
            return within(u"indicator_counts"_s, count.error());
        summary.indicatorCounts.insert(it.key(), *count);
    }
    for (const QJsonValue &line : json.value(u"recommendations").toArray())
        summary.recommendations << line.toString();
    for (const QJsonValue &value : json.value(u"alerts").toArray()) {
        auto alert = AlertData::fromJson(value.toObject());
        if (!alert)
            return alert.error();
        summary.alerts << *alert;
    }
    for (const QJsonValue &value : json.value(u"daily").toArray()) {
        auto day = DailyCost::fromJson(value.toObject());
        if (!day)
            return day.error();
        summary.daily << *day;
    }
    auto thresholds = AlertThresholdsData::fromJson(json.value(u"thresholds").toObject());
    if (!thresholds)
        return thresholds.error();
    summary.thresholds = *thresholds;
    return summary;
}

} // namespace sb
