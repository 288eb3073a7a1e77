#include "ratecard.h"

#include "numbersettings.h"

#include <cmath>

using namespace Qt::StringLiterals;

namespace sb {

namespace {

/// Each setting name with the field it sets, in the order of names().
constexpr std::array<std::pair<std::string_view, double RateCard::*>, 5> kFields{{
    {"voice_inbound", &RateCard::voiceInboundPerMin},
    {"voice_outbound", &RateCard::voiceOutboundPerMin},
    {"recording", &RateCard::recordingPerMin},
    {"stream", &RateCard::streamPerMin},
    {"transcription", &RateCard::transcriptionPerMin},
}};

QString nameOf(std::string_view name)
{
    return QString::fromLatin1(name.data(), qsizetype(name.size()));
}

double billedMinutes(double seconds)
{
    return seconds > 0 ? std::ceil(seconds / 60.0) : 0.0;
}

} // namespace

QStringList RateCard::names()
{
    QStringList result;
    for (const auto &field : kFields)
        result << nameOf(field.first);
    return result;
}

Result<RateCard> RateCard::parse(QStringView text)
{
    auto values = parseNumberSettings(text, names());
    if (!values)
        return values.error();
    RateCard card;
    for (const auto &[name, value] : *values) {
        for (const auto &field : kFields) {
            if (name == nameOf(field.first))
                card.*field.second = value;
        }
    }
    return card;
}

QJsonObject RateCard::toJson() const
{
    QJsonObject json;
    for (const auto &field : kFields)
        json.insert(nameOf(field.first), this->*field.second);
    return json;
}

CostEstimate estimateCost(const Call &call, const RateCard &rates)
{
    CostEstimate estimate;
    const double callSeconds = call.durationSec ? qMax(0, *call.durationSec) : 0;
    estimate.voiceMinutes = billedMinutes(callSeconds);
    estimate.recordingMinutes = qMax(0, call.recordingCount) * billedMinutes(callSeconds);
    estimate.streamMinutes = billedMinutes(call.streamDurationSec);
    estimate.transcriptionMinutes = call.recordingCount > 0 ? callSeconds / 60.0 : 0.0;
    const double voiceRate = call.direction == Direction::Inbound ? rates.voiceInboundPerMin : rates.voiceOutboundPerMin;
    const double total = estimate.voiceMinutes * voiceRate + estimate.recordingMinutes * rates.recordingPerMin
                         + estimate.streamMinutes * rates.streamPerMin
                         + estimate.transcriptionMinutes * rates.transcriptionPerMin;
    estimate.total = std::round(total * 1e6) / 1e6;
    return estimate;
}

} // namespace sb
