#include "costpolicy.h"

namespace sb {

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

} // namespace sb
