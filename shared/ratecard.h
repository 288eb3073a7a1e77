#pragma once

#include "call.h"
#include "result.h"

#include <QJsonObject>

namespace sb {

/**
 * @brief USD per minute for each thing a call is billed for. The defaults and where each comes
 * from are in the README (pricing facts: the protocol reference, section 8).
 */
struct RateCard
{
    double voiceInboundPerMin = 0.0085;  ///< Twilio US inbound local
    double voiceOutboundPerMin = 0.013;  ///< Twilio US outbound
    double recordingPerMin = 0.0025;     ///< Twilio recording, per recording
    double streamPerMin = 0.004;         ///< Media Streams surcharge: an assumption, no source found
    double transcriptionPerMin = 0.006;  ///< OpenAI whisper-1

    /// The setting's names, as parse() and toJson() spell them.
    static QStringList names();
    /// The defaults with the `name=number` pairs of @p text applied (see parseNumberSettings()).
    static Result<RateCard> parse(QStringView text);
    QJsonObject toJson() const;

    friend bool operator==(const RateCard &, const RateCard &) = default;
};

/// What one call costs, by item. Minutes are the billed ones (see estimateCost()).
struct CostEstimate
{
    double voiceMinutes = 0;
    double recordingMinutes = 0;
    double streamMinutes = 0;
    double transcriptionMinutes = 0;
    double total = 0; ///< USD, rounded to a millionth
};

/**
 * The estimated cost of @p call. Pure. Twilio bills every started minute as a whole one, per
 * leg, Media Streams included: voice minutes are the call's duration rounded up (nothing while
 * the duration is unknown), stream minutes the streamed seconds rounded up. Each recording
 * spans the call from second zero, so it bills the call's minutes again; the transcription
 * worker transcribes a recorded call once (invariant 3), billed by the exact minute.
 */
CostEstimate estimateCost(const Call &call, const RateCard &rates = {});

} // namespace sb
