#include "call.h"

#include <QJsonArray>

namespace sb {

namespace {

QJsonValue timeToJson(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(time.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}

QDateTime timeFromJson(const QJsonValue &value)
{
    return value.isString() ? QDateTime::fromString(value.toString(), Qt::ISODateWithMs) : QDateTime();
}

QJsonValue textOrNull(const QString &text)
{
    return text.isNull() ? QJsonValue() : QJsonValue(text);
}

template <typename E>
QJsonValue enumOrNull(const std::optional<E> &value)
{
    return value ? QJsonValue(toString(*value)) : QJsonValue();
}

/// Parses the required json[key] into target; returns false with error set when it is missing or wrong.
template <typename E>
bool readEnum(const QJsonObject &json, QLatin1StringView key, E &target, Error &error)
{
    const QJsonValue value = json.value(key);
    if (value.isUndefined() || value.isNull()) {
        error = {ErrorCode::InvalidInput, key + QStringLiteral(": missing")};
        return false;
    }
    auto parsed = parseEnum<E>(value.toString());
    if (!parsed) {
        error = {ErrorCode::InvalidInput, key + QStringLiteral(": ") + parsed.error().message};
        return false;
    }
    target = *parsed;
    return true;
}

template <typename E>
bool readOptionalEnum(const QJsonObject &json, QLatin1StringView key, std::optional<E> &target, Error &error)
{
    if (json.value(key).isNull() || json.value(key).isUndefined()) {
        target.reset();
        return true;
    }
    E value{};
    if (!readEnum(json, key, value, error))
        return false;
    target = value;
    return true;
}

} // namespace

QJsonObject Call::toJson() const
{
    QJsonObject json{
        {QStringLiteral("id"), id},
        {QStringLiteral("call_sid"), textOrNull(callSid)},
        {QStringLiteral("dedup_key"), textOrNull(dedupKey)},
        {QStringLiteral("to"), to},
        {QStringLiteral("from"), from},
        {QStringLiteral("business_id"), businessId},
        {QStringLiteral("lead_id"), textOrNull(leadId)},
        {QStringLiteral("direction"), toString(direction)},
        {QStringLiteral("status"), toString(status)},
        {QStringLiteral("status_rank"), statusRank},
        {QStringLiteral("duration_sec"), durationSec ? QJsonValue(*durationSec) : QJsonValue()},
        {QStringLiteral("answered_by"), textOrNull(answeredBy)},
        {QStringLiteral("recording_mode"), toString(recordingMode)},
        {QStringLiteral("recording_sid"), textOrNull(recordingSid)},
        {QStringLiteral("recording_url"), textOrNull(recordingUrl)},
        {QStringLiteral("recording_status"), enumOrNull(recordingStatus)},
        {QStringLiteral("recording_count"), recordingCount},
        {QStringLiteral("stream_sid"), textOrNull(streamSid)},
        {QStringLiteral("stream_started_at"), timeToJson(streamStartedAt)},
        {QStringLiteral("stream_ended_at"), timeToJson(streamEndedAt)},
        {QStringLiteral("stream_duration_sec"), streamDurationSec},
        {QStringLiteral("stream_connect_count"), streamConnectCount},
        {QStringLiteral("transcription"), textOrNull(transcription)},
        {QStringLiteral("final_transcript"), textOrNull(finalTranscript)},
        {QStringLiteral("transcript_source"), enumOrNull(transcriptSource)},
        {QStringLiteral("webhook_retry_count"), webhookRetryCount},
        {QStringLiteral("webhook_11205_count"), webhook11205Count},
        {QStringLiteral("estimated_cost_bucket"), toString(estimatedCostBucket)},
        {QStringLiteral("estimated_cost"), estimatedCost},
        {QStringLiteral("cost_indicators"), QJsonArray::fromStringList(costIndicators)},
        {QStringLiteral("created_at"), timeToJson(createdAt)},
        {QStringLiteral("updated_at"), timeToJson(updatedAt)},
    };
    return json;
}

Result<Call> Call::fromJson(const QJsonObject &json)
{
    Call call;
    Error error;
    const auto text = [&](QLatin1StringView key) {
        const QJsonValue value = json.value(key);
        return value.isString() ? value.toString() : QString();
    };

    call.id = json.value(QLatin1StringView("id")).toInteger();
    call.callSid = text(QLatin1StringView("call_sid"));
    call.dedupKey = text(QLatin1StringView("dedup_key"));
    call.to = text(QLatin1StringView("to"));
    call.from = text(QLatin1StringView("from"));
    call.businessId = json.value(QLatin1StringView("business_id")).toInteger();
    call.leadId = text(QLatin1StringView("lead_id"));
    if (!readEnum(json, QLatin1StringView("direction"), call.direction, error)
        || !readEnum(json, QLatin1StringView("status"), call.status, error)
        || !readEnum(json, QLatin1StringView("recording_mode"), call.recordingMode, error)
        || !readOptionalEnum(json, QLatin1StringView("recording_status"), call.recordingStatus, error)
        || !readOptionalEnum(json, QLatin1StringView("transcript_source"), call.transcriptSource, error)
        || !readEnum(json, QLatin1StringView("estimated_cost_bucket"), call.estimatedCostBucket, error)) {
        return error;
    }
    call.statusRank = json.value(QLatin1StringView("status_rank")).toInteger();
    const QJsonValue duration = json.value(QLatin1StringView("duration_sec"));
    if (duration.isDouble())
        call.durationSec = duration.toInt();
    call.answeredBy = text(QLatin1StringView("answered_by"));
    call.recordingSid = text(QLatin1StringView("recording_sid"));
    call.recordingUrl = text(QLatin1StringView("recording_url"));
    call.recordingCount = json.value(QLatin1StringView("recording_count")).toInt();
    call.streamSid = text(QLatin1StringView("stream_sid"));
    call.streamStartedAt = timeFromJson(json.value(QLatin1StringView("stream_started_at")));
    call.streamEndedAt = timeFromJson(json.value(QLatin1StringView("stream_ended_at")));
    call.streamDurationSec = json.value(QLatin1StringView("stream_duration_sec")).toDouble();
    call.streamConnectCount = json.value(QLatin1StringView("stream_connect_count")).toInt();
    call.transcription = text(QLatin1StringView("transcription"));
    call.finalTranscript = text(QLatin1StringView("final_transcript"));
    call.webhookRetryCount = json.value(QLatin1StringView("webhook_retry_count")).toInt();
    call.webhook11205Count = json.value(QLatin1StringView("webhook_11205_count")).toInt();
    call.estimatedCost = json.value(QLatin1StringView("estimated_cost")).toDouble();
    const QJsonArray indicators = json.value(QLatin1StringView("cost_indicators")).toArray();
    for (const QJsonValue &indicator : indicators)
        call.costIndicators << indicator.toString();
    call.createdAt = timeFromJson(json.value(QLatin1StringView("created_at")));
    call.updatedAt = timeFromJson(json.value(QLatin1StringView("updated_at")));
    return call;
}

} // namespace sb
