#include "costpolicy.h"

#include "numbersettings.h"

#include <cmath>

using namespace Qt::StringLiterals;

namespace sb {

QStringList CostThresholds::names()
{
    return {u"max_stream_connects"_s, u"max_stream_ratio"_s, u"max_recordings"_s, u"max_11205_errors"_s,
            u"max_webhook_retries"_s};
}

Result<CostThresholds> CostThresholds::parse(QStringView text)
{
    auto values = parseNumberSettings(text, names());
    if (!values)
        return values.error();
    CostThresholds thresholds;
    for (const auto &[name, value] : *values) {
        if (name == u"max_stream_ratio") {
            thresholds.maxStreamRatio = value;
            continue;
        }
        if (value != std::floor(value) || value > 1'000'000)
            return invalidInput(u"\""_s + name + u"\" must be a whole number"_s);
        const int count = int(value);
        if (name == u"max_stream_connects")
            thresholds.maxStreamConnects = count;
        else if (name == u"max_recordings")
            thresholds.maxRecordings = count;
        else if (name == u"max_11205_errors")
            thresholds.max11205Errors = count;
        else
            thresholds.maxWebhookRetries = count;
    }
    return thresholds;
}

CostInputs CostInputs::fromCall(const Call &call)
{
    CostInputs inputs;
    inputs.streamConnectCount = call.streamConnectCount;
    inputs.streamDurationSec = call.streamDurationSec;
    inputs.callDurationSec = call.durationSec;
    inputs.recordingCount = call.recordingCount;
    inputs.webhook11205Count = call.webhook11205Count;
    inputs.webhookRetryCount = call.webhookRetryCount;
    return inputs;
}

QStringList CostAssessment::firedNames() const
{
    QStringList names;
    for (CostIndicator indicator : fired)
        names << toString(indicator);
    return names;
}

CostAssessment assessCost(const CostInputs &inputs, const CostThresholds &thresholds)
{
    CostAssessment assessment;
    if (inputs.streamConnectCount > thresholds.maxStreamConnects)
        assessment.fired << CostIndicator::StreamReconnects;
    // Without a known, positive call duration the ratio means nothing, so it cannot fire.
    if (inputs.callDurationSec && *inputs.callDurationSec > 0
        && inputs.streamDurationSec / *inputs.callDurationSec > thresholds.maxStreamRatio) {
        assessment.fired << CostIndicator::HighStreamRatio;
    }
    if (inputs.recordingCount > thresholds.maxRecordings)
        assessment.fired << CostIndicator::DuplicateRecording;
    if (inputs.webhook11205Count > thresholds.max11205Errors)
        assessment.fired << CostIndicator::Webhook11205;
    if (inputs.webhookRetryCount > thresholds.maxWebhookRetries)
        assessment.fired << CostIndicator::WebhookRetries;

    assessment.bucket = assessment.fired.isEmpty()  ? CostBucket::Low
                        : assessment.fired.size() == 1 ? CostBucket::Med
                                                       : CostBucket::High;
    return assessment;
}

QJsonObject CostWarning::toJson() const
{
    return {{u"warning"_s, name}, {u"value"_s, value}, {u"threshold"_s, threshold}};
}

QList<CostWarning> newCostWarnings(const QStringList &firedBefore, const CostAssessment &now, const CostInputs &inputs,
                                   const CostThresholds &thresholds)
{
    QList<CostWarning> warnings;
    for (CostIndicator indicator : now.fired) {
        if (firedBefore.contains(toString(indicator)))
            continue;
        switch (indicator) {
        case CostIndicator::StreamReconnects:
            warnings.append({u"reconnect"_s, double(inputs.streamConnectCount), double(thresholds.maxStreamConnects)});
            break;
        case CostIndicator::DuplicateRecording:
            warnings.append({u"duplicate_recording"_s, double(inputs.recordingCount), double(thresholds.maxRecordings)});
            break;
        case CostIndicator::Webhook11205:
            warnings.append({u"webhook_11205"_s, double(inputs.webhook11205Count), double(thresholds.max11205Errors)});
            break;
        case CostIndicator::WebhookRetries:
            warnings.append({u"webhook_retry"_s, double(inputs.webhookRetryCount), double(thresholds.maxWebhookRetries)});
            break;
        case CostIndicator::HighStreamRatio:
            break;
        }
    }
    return warnings;
}

} // namespace sb
