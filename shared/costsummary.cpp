#include "costsummary.h"

#include "costpolicy.h"

#include <QJsonArray>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace sb {

namespace {

Result<qint64> countAt(const QJsonObject &json, QStringView key)
{
    const QJsonValue value = json.value(key);
    if (value.isUndefined())
        return 0;
    if (!value.isDouble() || value.toDouble() < 0 || value.toDouble() != double(value.toInteger()))
        return invalidInput(u"\""_s + key.toString() + u"\" must be a whole number of 0 or more"_s);
    return value.toInteger();
}

Result<double> amountAt(const QJsonObject &json, QStringView key)
{
    const QJsonValue value = json.value(key);
    if (value.isUndefined())
        return 0.0;
    if (!value.isDouble())
        return invalidInput(u"\""_s + key.toString() + u"\" must be a number"_s);
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

QString counted(qint64 n, const QString &one, const QString &many)
{
    return QString::number(n) + u' ' + (n == 1 ? one : many);
}

} // namespace

QJsonObject CostBucketCounts::toJson() const
{
    return {{u"LOW"_s, low}, {u"MED"_s, med}, {u"HIGH"_s, high}};
}

Result<CostBucketCounts> CostBucketCounts::fromJson(const QJsonObject &json)
{
    CostBucketCounts counts;
    if (auto ok = readCounts(json, {{u"LOW", &counts.low}, {u"MED", &counts.med}, {u"HIGH", &counts.high}}); !ok)
        return invalidInput(u"bucket_counts: "_s + ok.error().message);
    return counts;
}

QJsonObject CostDailyPoint::toJson() const
{
    return {{u"date"_s, date.toString(Qt::ISODate)},
            {u"total_calls"_s, totalCalls},
            {u"high_cost_calls"_s, highCostCalls},
            {u"estimated_cost"_s, estimatedCost},
            {u"bucket_counts"_s, bucketCounts.toJson()}};
}

Result<CostDailyPoint> CostDailyPoint::fromJson(const QJsonObject &json)
{
    CostDailyPoint point;
    const QString date = json.value(u"date").toString();
    point.date = QDate::fromString(date, Qt::ISODate);
    if (!point.date.isValid())
        return invalidInput(u"daily: \"date\" must be YYYY-MM-DD, not \""_s + date.left(20) + u'"');
    if (auto ok = readCounts(json, {{u"total_calls", &point.totalCalls}, {u"high_cost_calls", &point.highCostCalls}}); !ok)
        return invalidInput(u"daily "_s + date + u": "_s + ok.error().message);
    auto cost = amountAt(json, u"estimated_cost");
    if (!cost)
        return invalidInput(u"daily "_s + date + u": "_s + cost.error().message);
    point.estimatedCost = *cost;
    auto buckets = CostBucketCounts::fromJson(json.value(u"bucket_counts").toObject());
    if (!buckets)
        return buckets.error();
    point.bucketCounts = *buckets;
    return point;
}

void CostSummary::evaluate(const AlertThresholds &alertThresholds)
{
    thresholds = alertThresholds;
    alerts = evaluateAlerts(*this, alertThresholds);
    recommendations = costRecommendations(*this, alertThresholds);
}

QJsonObject CostSummary::toJson() const
{
    QJsonObject indicators;
    for (auto it = indicatorCounts.begin(); it != indicatorCounts.end(); ++it)
        indicators.insert(it.key(), it.value());
    QJsonArray alertList;
    for (const Alert &alert : alerts)
        alertList.append(alert.toJson());
    QJsonArray dailyList;
    for (const CostDailyPoint &point : daily)
        dailyList.append(point.toJson());
    return {{u"business_id"_s, businessId ? QJsonValue(*businessId) : QJsonValue(QJsonValue::Null)},
            {u"days"_s, days},
            {u"total_calls"_s, totalCalls},
            {u"bucket_counts"_s, bucketCounts.toJson()},
            {u"high_cost_calls"_s, highCostCalls},
            {u"duplicate_recordings"_s, duplicateRecordings},
            {u"calls_with_reconnects"_s, callsWithReconnects},
            {u"webhook_11205_errors"_s, webhook11205Errors},
            {u"webhook_retries"_s, webhookRetries},
            {u"estimated_cost"_s, estimatedCost},
            {u"indicator_counts"_s, indicators},
            {u"recommendations"_s, QJsonArray::fromStringList(recommendations)},
            {u"alerts"_s, alertList},
            {u"daily"_s, dailyList},
            {u"thresholds"_s, thresholds.toJson()}};
}

Result<CostSummary> CostSummary::fromJson(const QJsonObject &json)
{
    CostSummary summary;
    const QJsonValue business = json.value(u"business_id");
    if (!business.isNull() && !business.isUndefined()) {
        if (!business.isDouble())
            return invalidInput(u"\"business_id\" must be a number or null"_s);
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
    if (days > std::numeric_limits<int>::max())
        return invalidInput(u"\"days\" is out of range"_s);
    summary.days = int(days);
    auto cost = amountAt(json, u"estimated_cost");
    if (!cost)
        return cost.error();
    summary.estimatedCost = *cost;
    auto buckets = CostBucketCounts::fromJson(json.value(u"bucket_counts").toObject());
    if (!buckets)
        return buckets.error();
    summary.bucketCounts = *buckets;
    const QJsonObject indicators = json.value(u"indicator_counts").toObject();
    for (auto it = indicators.begin(); it != indicators.end(); ++it) {
        auto count = countAt(indicators, it.key());
        if (!count)
            return invalidInput(u"indicator_counts: "_s + count.error().message);
        summary.indicatorCounts.insert(it.key(), *count);
    }
    for (const QJsonValue &line : json.value(u"recommendations").toArray())
        summary.recommendations << line.toString();
    for (const QJsonValue &value : json.value(u"alerts").toArray()) {
        auto alert = Alert::fromJson(value.toObject());
        if (!alert)
            return alert.error();
        summary.alerts << *alert;
    }
    for (const QJsonValue &value : json.value(u"daily").toArray()) {
        auto point = CostDailyPoint::fromJson(value.toObject());
        if (!point)
            return point.error();
        summary.daily << *point;
    }
    auto thresholds = AlertThresholds::fromJson(json.value(u"thresholds").toObject());
    if (!thresholds)
        return thresholds.error();
    summary.thresholds = *thresholds;
    return summary;
}

QStringList costRecommendations(const CostSummary &summary, const AlertThresholds &thresholds)
{
    QStringList lines;
    if (summary.duplicateRecordings > 0) {
        lines << u"Stop paying twice for recordings: %1 beyond the first of a call. Start recordings only "
                 "through the Recordings API (no Record on Calls.json, no <Record> in TwiML)."_s
                     .arg(counted(summary.duplicateRecordings, u"recording was"_s, u"recordings were"_s));
    }
    if (summary.totalCalls > 0 && double(summary.highCostCalls) / double(summary.totalCalls) > thresholds.highCostRatio) {
        const auto commonest = std::max_element(summary.indicatorCounts.begin(), summary.indicatorCounts.end());
        if (commonest != summary.indicatorCounts.end() && *commonest > 0) {
            lines << u"%1 of %2 were HIGH cost; the commonest cause is %3 (%4): fix that first."_s
                         .arg(counted(summary.highCostCalls, u"call"_s, u"calls"_s),
                              QString::number(summary.totalCalls), commonest.key(),
                              counted(*commonest, u"call"_s, u"calls"_s));
        }
    }
    if (summary.callsWithReconnects > 0) {
        lines << u"%1 had their Media Stream reconnect, which bills stream minutes again: check the network "
                 "path and any proxy's WebSocket idle timeout between Twilio and this backend."_s
                     .arg(counted(summary.callsWithReconnects, u"call"_s, u"calls"_s));
    }
    if (summary.webhook11205Errors > 0) {
        lines << u"Twilio could not reach our webhooks %1 (error 11205): make sure SWITCHBOARD_PUBLIC_URL is "
                 "reachable from the internet and every webhook answers within 15 s."_s
                     .arg(counted(summary.webhook11205Errors, u"time"_s, u"times"_s));
    }
    if (summary.webhookRetries > 0) {
        lines << u"Twilio repeated %1: answers were slow or lost; check the database latency (GET /readyz) "
                 "and the backend's log around those calls."_s
                     .arg(counted(summary.webhookRetries, u"webhook delivery"_s, u"webhook deliveries"_s));
    }
    const qint64 longStreams = summary.indicatorCounts.value(toString(CostIndicator::HighStreamRatio));
    if (longStreams > 0) {
        lines << u"In %1 the Media Stream ran for most of the call: end the stream (and the AI session) as soon "
                 "as the conversation is over."_s.arg(counted(longStreams, u"call"_s, u"calls"_s));
    }
    return lines;
}

} // namespace sb
