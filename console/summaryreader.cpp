#include "summaryreader.h"

using namespace Qt::StringLiterals;

namespace sb {

namespace {

/// Reads the fields of one JSON object, remembering the first one that is missing or mistyped.
class FieldReader
{
public:
    FieldReader(const QJsonObject &json, QString what) : m_json(json), m_what(std::move(what)) { }

    int count(const QString &name)
    {
        const double value = number(name);
        if (m_error.isEmpty() && (value < 0 || value != double(qint64(value))))
            fail(name, u"a whole number of at least 0"_s);
        return int(value);
    }

    double number(const QString &name)
    {
        const QJsonValue value = m_json.value(name);
        if (!value.isDouble()) {
            fail(name, u"a number"_s);
            return 0;
        }
        return value.toDouble();
    }

    QString text(const QString &name, bool required = true)
    {
        const QJsonValue value = m_json.value(name);
        if (value.isString())
            return value.toString();
        if (required || !(value.isNull() || value.isUndefined()))
            fail(name, u"a string"_s);
        return {};
    }

    QJsonObject object(const QString &name)
    {
        const QJsonValue value = m_json.value(name);
        if (!value.isObject())
            fail(name, u"an object"_s);
        return value.toObject();
    }

    QJsonArray array(const QString &name)
    {
        const QJsonValue value = m_json.value(name);
        if (!value.isArray())
            fail(name, u"an array"_s);
        return value.toArray();
    }

    /// An object of name → whole number (bucket and indicator counts).
    QMap<QString, int> counts(const QString &name)
    {
        QMap<QString, int> result;
        const QJsonObject json = object(name);
        for (auto it = json.begin(); it != json.end(); ++it) {
            const double value = it.value().toDouble(-1);
            if (!it.value().isDouble() || value < 0 || value != double(qint64(value))) {
                fail(name + u'.' + it.key(), u"a whole number of at least 0"_s);
                break;
            }
            result.insert(it.key(), int(value));
        }
        return result;
    }

    void fail(const QString &name, const QString &expected)
    {
        if (m_error.isEmpty())
            m_error = m_what + u": "_s + name + u" must be "_s + expected;
    }

    void failWith(const QString &message)
    {
        if (m_error.isEmpty())
            m_error = message;
    }

    bool ok() const { return m_error.isEmpty(); }
    Error error() const { return {ErrorCode::Upstream, m_error}; }

private:
    const QJsonObject &m_json;
    QString m_what;
    QString m_error;
};

} // namespace

QDateTime timeFromJson(const QJsonValue &value)
{
    if (value.isDouble())
        return QDateTime::fromMSecsSinceEpoch(value.toInteger(), Qt::UTC);
    if (value.isString())
        return QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    return {};
}

Result<AlertData> AlertData::fromJson(const QJsonObject &json)
{
    FieldReader read(json, u"alert"_s);
    AlertData alert;
    alert.key = read.text(u"key"_s);
    alert.severity = read.text(u"severity"_s);
    alert.message = read.text(u"message"_s);
    alert.action = read.text(u"action"_s, false);
    alert.value = read.number(u"value"_s);
    alert.threshold = read.number(u"threshold"_s);
    if (read.ok() && alert.severity != u"warning" && alert.severity != u"critical")
        read.failWith(u"alert "_s + alert.key + u": unknown severity \""_s + alert.severity + u'"');
    if (!read.ok())
        return read.error();
    return alert;
}

Result<QList<AlertData>> readAlerts(const QJsonArray &array)
{
    QList<AlertData> alerts;
    for (const QJsonValue &value : array) {
        if (!value.isObject())
            return Error{ErrorCode::Upstream, u"an alert must be an object"_s};
        auto alert = AlertData::fromJson(value.toObject());
        if (!alert)
            return alert.error();
        alerts.append(*alert);
    }
    return alerts;
}

Result<CostSummaryData> CostSummaryData::fromJson(const QJsonObject &json)
{
    FieldReader read(json, u"cost summary"_s);
    CostSummaryData summary;
    const QJsonValue business = json.value(u"business_id"_s);
    if (business.isDouble())
        summary.businessId = business.toInteger();
    else if (!business.isNull() && !business.isUndefined())
        read.fail(u"business_id"_s, u"a number or null"_s);
    summary.days = read.count(u"days"_s);
    summary.totalCalls = read.count(u"total_calls"_s);
    summary.bucketCounts = read.counts(u"bucket_counts"_s);
    summary.highCostCalls = read.count(u"high_cost_calls"_s);
    summary.duplicateRecordings = read.count(u"duplicate_recordings"_s);
    summary.callsWithReconnects = read.count(u"calls_with_reconnects"_s);
    summary.webhook11205Errors = read.count(u"webhook_11205_errors"_s);
    summary.webhookRetries = read.count(u"webhook_retries"_s);
    summary.estimatedCost = read.number(u"estimated_cost"_s);
    summary.indicatorCounts = read.counts(u"indicator_counts"_s);
    for (const QJsonValue &value : read.array(u"recommendations"_s))
        summary.recommendations.append(value.toString());

    if (auto alerts = readAlerts(read.array(u"alerts"_s)))
        summary.alerts = *alerts;
    else
        read.failWith(alerts.error().message);

    for (const QJsonValue &value : read.array(u"daily"_s)) {
        const QJsonObject dayJson = value.toObject();
        FieldReader readDay(dayJson, u"cost summary day"_s);
        DailyCost day;
        day.date = QDate::fromString(readDay.text(u"date"_s), Qt::ISODate);
        if (readDay.ok() && !day.date.isValid())
            readDay.fail(u"date"_s, u"a date YYYY-MM-DD"_s);
        day.totalCalls = readDay.count(u"total_calls"_s);
        day.highCostCalls = readDay.count(u"high_cost_calls"_s);
        day.estimatedCost = readDay.number(u"estimated_cost"_s);
        day.bucketCounts = readDay.counts(u"bucket_counts"_s);
        if (!readDay.ok()) {
            read.failWith(readDay.error().message);
            break;
        }
        summary.daily.append(day);
    }

    const QJsonObject thresholds = read.object(u"thresholds"_s);
    for (auto it = thresholds.begin(); it != thresholds.end(); ++it) {
        if (!it.value().isDouble()) {
            read.fail(u"thresholds."_s + it.key(), u"a number"_s);
            break;
        }
        summary.thresholds.insert(it.key(), it.value().toDouble());
    }
    if (!read.ok())
        return read.error();
    return summary;
}

} // namespace sb
