#include "alerts.h"

#include "costsummary.h"
#include "numbersettings.h"

#include <cmath>

using namespace Qt::StringLiterals;

namespace sb {

namespace {

/// "25 %", "12.5 %": a ratio as people read it.
QString percent(double ratio)
{
    const double tenths = std::round(ratio * 1000) / 10;
    return (tenths == std::floor(tenths) ? QString::number(qint64(tenths)) : QString::number(tenths, 'f', 1)) + u" %"_s;
}

Result<double> numberAt(const QJsonObject &json, QStringView key, double fallback)
{
    const QJsonValue value = json.value(key);
    if (value.isUndefined())
        return fallback;
    if (!value.isDouble())
        return invalidInput(u"\""_s + key.toString() + u"\" must be a number"_s);
    return value.toDouble();
}

} // namespace

QStringList AlertThresholds::names()
{
    return {u"duplicate_recordings"_s, u"high_cost_ratio"_s, u"reconnect_ratio"_s};
}

Result<AlertThresholds> AlertThresholds::parse(QStringView text)
{
    auto values = parseNumberSettings(text, names());
    if (!values)
        return values.error();
    AlertThresholds thresholds;
    for (const auto &[name, value] : *values) {
        if (name == u"duplicate_recordings") {
            thresholds.duplicateRecordings = value;
            continue;
        }
        if (value > 1)
            return invalidInput(u"\""_s + name + u"\" is a ratio from 0 to 1, not "_s + QString::number(value));
        (name == u"high_cost_ratio" ? thresholds.highCostRatio : thresholds.reconnectRatio) = value;
    }
    return thresholds;
}

QJsonObject AlertThresholds::toJson() const
{
    return {{u"duplicate_recordings"_s, duplicateRecordings},
            {u"high_cost_ratio"_s, highCostRatio},
            {u"reconnect_ratio"_s, reconnectRatio}};
}

Result<AlertThresholds> AlertThresholds::fromJson(const QJsonObject &json)
{
    AlertThresholds thresholds;
    for (const auto &[key, target] : {std::pair{u"duplicate_recordings"_s, &thresholds.duplicateRecordings},
                                      std::pair{u"high_cost_ratio"_s, &thresholds.highCostRatio},
                                      std::pair{u"reconnect_ratio"_s, &thresholds.reconnectRatio}}) {
        auto value = numberAt(json, key, *target);
        if (!value)
            return invalidInput(u"thresholds: "_s + value.error().message);
        *target = *value;
    }
    return thresholds;
}

QString Alert::severityName(Severity severity)
{
    return severity == Severity::Critical ? u"critical"_s : u"warning"_s;
}

QJsonObject Alert::toJson() const
{
    return {{u"key"_s, key},         {u"severity"_s, severityName(severity)},
            {u"message"_s, message}, {u"action"_s, action},
            {u"value"_s, value},     {u"threshold"_s, threshold}};
}

Result<Alert> Alert::fromJson(const QJsonObject &json)
{
    Alert alert;
    alert.key = json.value(u"key").toString();
    if (alert.key.isEmpty())
        return invalidInput(u"an alert needs a \"key\""_s);
    const QString severity = json.value(u"severity").toString();
    if (severity == u"critical")
        alert.severity = Severity::Critical;
    else if (severity != u"warning")
        return invalidInput(u"alert severity must be \"warning\" or \"critical\", not \""_s + severity + u'"');
    alert.message = json.value(u"message").toString();
    alert.action = json.value(u"action").toString();
    auto value = numberAt(json, u"value", 0);
    auto threshold = numberAt(json, u"threshold", 0);
    if (!value || !threshold)
        return invalidInput(u"alert "_s + alert.key + u": "_s + (!value ? value.error() : threshold.error()).message);
    alert.value = *value;
    alert.threshold = *threshold;
    return alert;
}

QList<Alert> evaluateAlerts(const CostSummary &summary, const AlertThresholds &thresholds)
{
    QList<Alert> alerts;
    const QString period = summary.days == 1 ? u"today"_s : u"in the last %1 days"_s.arg(summary.days);
    if (summary.duplicateRecordings > thresholds.duplicateRecordings) {
        alerts.append({u"duplicate_recordings"_s, Alert::Severity::Critical,
                       u"%1 duplicate recording(s) %2: Twilio recorded (and billed) those calls more than once"_s
                           .arg(summary.duplicateRecordings)
                           .arg(period),
                       u"Make sure recordings start only through the Recordings API (no Record on Calls.json, no "
                       "<Record> or record attribute in TwiML), then look at the calls whose cost_indicators "
                       "contain duplicate_recording"_s,
                       double(summary.duplicateRecordings), thresholds.duplicateRecordings});
    }
    if (summary.totalCalls > 0) {
        const auto severityFor = [](double ratio, double threshold) {
            return ratio > 2 * threshold ? Alert::Severity::Critical : Alert::Severity::Warning;
        };
        const double highRatio = double(summary.highCostCalls) / double(summary.totalCalls);
        if (highRatio > thresholds.highCostRatio) {
            alerts.append({u"high_cost_ratio"_s, severityFor(highRatio, thresholds.highCostRatio),
                           u"%1 of calls (%2 of %3) %4 were HIGH cost, above the %5 threshold"_s
                               .arg(percent(highRatio))
                               .arg(summary.highCostCalls)
                               .arg(summary.totalCalls)
                               .arg(period, percent(thresholds.highCostRatio)),
                           u"Open the HIGH calls and fix the commonest cost indicator first (see indicator_counts)"_s,
                           highRatio, thresholds.highCostRatio});
        }
        const double reconnectRatio = double(summary.callsWithReconnects) / double(summary.totalCalls);
        if (reconnectRatio > thresholds.reconnectRatio) {
            alerts.append({u"reconnect_ratio"_s, severityFor(reconnectRatio, thresholds.reconnectRatio),
                           u"%1 of calls (%2 of %3) %4 had their Media Stream reconnect, above the %5 threshold"_s
                               .arg(percent(reconnectRatio))
                               .arg(summary.callsWithReconnects)
                               .arg(summary.totalCalls)
                               .arg(period, percent(thresholds.reconnectRatio)),
                           u"Check the network path from Twilio to SWITCHBOARD_PUBLIC_URL, the WebSocket idle timeout "
                           "of any proxy in between, and the backend's switchboard.backend.media log"_s,
                           reconnectRatio, thresholds.reconnectRatio});
        }
    }
    return alerts;
}

} // namespace sb
