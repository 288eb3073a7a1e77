#pragma once

#include "call.h"
#include "callenums.h"
#include "ratecard.h"

#include <QList>

namespace sb {

/// The signs of an expensive call (invariant 8). Each one that fires raises the bucket a step.
enum class CostIndicator {
    StreamReconnects,   ///< more stream connects than allowed
    HighStreamRatio,    ///< streamed seconds / call seconds above the ratio
    DuplicateRecording, ///< more recordings than allowed
    Webhook11205,       ///< more 11205 errors than allowed
    WebhookRetries,     ///< more webhook retries than allowed
};

template <>
struct EnumInfo<CostIndicator>
{
    static constexpr std::string_view typeName = "cost indicator";
    static constexpr std::array<std::pair<CostIndicator, std::string_view>, 5> names{{
        {CostIndicator::StreamReconnects, "stream_reconnects"},
        {CostIndicator::HighStreamRatio, "high_stream_ratio"},
        {CostIndicator::DuplicateRecording, "duplicate_recording"},
        {CostIndicator::Webhook11205, "webhook_11205"},
        {CostIndicator::WebhookRetries, "webhook_retries"},
    }};
};

/// The metrics of a call that the policy reads.
struct CostInputs
{
    int streamConnectCount = 0;
    double streamDurationSec = 0;
    std::optional<int> callDurationSec; ///< unknown until the final status callback
    int recordingCount = 0;
    int webhook11205Count = 0;
    int webhookRetryCount = 0;

    static CostInputs fromCall(const Call &call);
};

/// An indicator fires when its metric is strictly above its threshold. Defaults from operations.
struct CostThresholds
{
    int maxStreamConnects = 1;
    double maxStreamRatio = 0.6;
    int maxRecordings = 1;
    int max11205Errors = 0;
    int maxWebhookRetries = 2;

    /// The setting's names: `max_stream_connects`, `max_stream_ratio`, `max_recordings`,
    /// `max_11205_errors`, `max_webhook_retries`.
    static QStringList names();
    /// The defaults with the `name=number` pairs of @p text applied; counts must be whole numbers.
    static Result<CostThresholds> parse(QStringView text);

    friend bool operator==(const CostThresholds &, const CostThresholds &) = default;
};

/// What the cost recompute runs with: the policy's thresholds and the rate card.
struct CostSettings
{
    CostThresholds thresholds;
    RateCard rates;
};

struct CostAssessment
{
    CostBucket bucket = CostBucket::Low;
    QList<CostIndicator> fired; ///< in declaration order of CostIndicator

    QStringList firedNames() const;
};

/// None fired → LOW, one → MED, two or more → HIGH. Pure: same inputs, same answer.
CostAssessment assessCost(const CostInputs &inputs, const CostThresholds &thresholds = {});

/// A `cost_warning` on a call's timeline: an input crossed into the range that costs money twice.
struct CostWarning
{
    QString name;     ///< `duplicate_recording`, `reconnect`, `webhook_11205` or `webhook_retry`
    double value = 0; ///< the input's value now
    double threshold = 0;

    QJsonObject toJson() const; ///< `{warning, value, threshold}`, the event's detail
};

/**
 * The warnings to raise for @p now: one per indicator that fired now and was not among
 * @p firedBefore (the names stored with the call), so each one is raised once as its input
 * crosses the threshold (recording_count 1 → 2, …). The stream ratio warns nobody: it is a
 * property of a finished call, not an event.
 */
QList<CostWarning> newCostWarnings(const QStringList &firedBefore, const CostAssessment &now, const CostInputs &inputs,
                                   const CostThresholds &thresholds = {});

} // namespace sb
