#pragma once

#include "result.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace sb {

struct CostSummary;

/// When a cost summary raises an alert: each one fires when its value is strictly above.
struct AlertThresholds
{
    double duplicateRecordings = 0; ///< extra recordings in the window
    double highCostRatio = 0.20;    ///< HIGH-bucket calls / all calls
    double reconnectRatio = 0.10;   ///< calls whose Media Stream connected more than once / all calls

    /// The setting's names, as parse() and toJson() spell them: `duplicate_recordings`,
    /// `high_cost_ratio`, `reconnect_ratio`.
    static QStringList names();
    /// The defaults with the `name=number` pairs of @p text applied; ratios are at most 1.
    static Result<AlertThresholds> parse(QStringView text);
    QJsonObject toJson() const;
    /// Reads what toJson() writes; a missing key keeps its default.
    static Result<AlertThresholds> fromJson(const QJsonObject &json);

    friend bool operator==(const AlertThresholds &, const AlertThresholds &) = default;
};

/// A threshold a cost summary crossed, with what an operator should do about it.
struct Alert
{
    enum class Severity { Warning, Critical };

    QString key;      ///< `duplicate_recordings`, `high_cost_ratio` or `reconnect_ratio`
    Severity severity = Severity::Warning;
    QString message;  ///< what happened, one sentence
    QString action;   ///< what to do, one sentence
    double value = 0;
    double threshold = 0;

    static QString severityName(Severity severity); ///< `warning`, `critical`

    QJsonObject toJson() const; ///< `{key, severity, message, action, value, threshold}`
    static Result<Alert> fromJson(const QJsonObject &json);

    friend bool operator==(const Alert &, const Alert &) = default;
};

/**
 * The alerts @p summary raises under @p thresholds, in the order duplicate recordings, high-cost
 * ratio, reconnect ratio. Pure. A duplicate recording is always critical (Twilio billed a call
 * twice); a ratio is a warning above its threshold and critical above twice it. Ratios need at
 * least one call.
 */
QList<Alert> evaluateAlerts(const CostSummary &summary, const AlertThresholds &thresholds);

} // namespace sb
