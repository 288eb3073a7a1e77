#include "twiliocallbacks.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace sb {

namespace {

/// Twilio SIDs: two letters and 32 hex digits.
bool looksLikeSid(const QString &text, QLatin1StringView prefix)
{
    static const QRegularExpression hex(QStringLiteral("^[0-9a-fA-F]{32}$"));
    return text.size() == 34 && text.startsWith(prefix) && hex.match(QStringView(text).sliced(2)).hasMatch();
}

Result<QString> requiredSid(const FormFields &fields, QLatin1StringView name, QLatin1StringView prefix)
{
    const QString value = formValue(fields, name);
    if (value.isEmpty())
        return invalidInput(QStringLiteral("%1 is missing").arg(name));
    if (!looksLikeSid(value, prefix))
        return invalidInput(QStringLiteral("%1 \"%2\" is not a %3… id").arg(name, value.left(40), prefix));
    return value;
}

Result<std::optional<int>> optionalNonNegative(const FormFields &fields, QLatin1StringView name)
{
    const QString value = formValue(fields, name);
    if (value.isEmpty())
        return std::optional<int>();
    bool ok = false;
    const int number = value.toInt(&ok);
    if (!ok || number < 0)
        return invalidInput(QStringLiteral("%1 must be a whole number ≥ 0, not \"%2\"").arg(name, value.left(40)));
    return std::optional<int>(number);
}

/// Twilio's `Direction`; child legs say `outbound-dial`, some clones `outbound`.
Direction directionOf(const QString &text)
{
    if (text.startsWith(u"outbound-dial"))
        return Direction::OutboundDial;
    if (text.startsWith(u"outbound"))
        return Direction::OutboundApi;
    return Direction::Inbound;
}

} // namespace

Result<VoiceRequest> parseVoiceRequest(const FormFields &fields)
{
    auto sid = requiredSid(fields, QLatin1StringView("CallSid"), QLatin1StringView("CA"));
    if (!sid)
        return sid.error();
    VoiceRequest request;
    request.callSid = *sid;
    request.to = formValue(fields, u"To");
    request.from = formValue(fields, u"From");
    request.direction = directionOf(formValue(fields, u"Direction"));
    const QString status = formValue(fields, u"CallStatus");
    if (!status.isEmpty()) {
        auto parsed = parseEnum<CallStatus>(status);
        if (!parsed)
            return invalidInput(QStringLiteral("CallStatus: ") + parsed.error().message);
        request.status.status = *parsed;
    }
    return request;
}

Result<StatusCallback> parseStatusCallback(const FormFields &fields)
{
    auto sid = requiredSid(fields, QLatin1StringView("CallSid"), QLatin1StringView("CA"));
    if (!sid)
        return sid.error();
    const QString statusText = formValue(fields, u"CallStatus");
    if (statusText.isEmpty())
        return invalidInput(QStringLiteral("CallStatus is missing"));
    auto status = parseEnum<CallStatus>(statusText);
    if (!status)
        return invalidInput(QStringLiteral("CallStatus: ") + status.error().message);
    if (*status == CallStatus::Reserved)
        return invalidInput(QStringLiteral("CallStatus \"reserved\" is ours, Twilio never sends it"));
    auto sequence = optionalNonNegative(fields, QLatin1StringView("SequenceNumber"));
    if (!sequence)
        return sequence.error();
    auto duration = optionalNonNegative(fields, QLatin1StringView("CallDuration"));
    if (!duration)
        return duration.error();

    StatusCallback callback;
    callback.callSid = *sid;
    callback.stamp = {*status, *sequence};
    callback.callDurationSec = *duration;
    callback.answeredBy = formValue(fields, u"AnsweredBy");
    return callback;
}

Result<RecordingCallback> parseRecordingCallback(const FormFields &fields)
{
    auto callSid = requiredSid(fields, QLatin1StringView("CallSid"), QLatin1StringView("CA"));
    if (!callSid)
        return callSid.error();
    auto recordingSid = requiredSid(fields, QLatin1StringView("RecordingSid"), QLatin1StringView("RE"));
    if (!recordingSid)
        return recordingSid.error();
    const QString statusText = formValue(fields, u"RecordingStatus");
    if (statusText.isEmpty())
        return invalidInput(QStringLiteral("RecordingStatus is missing"));
    auto status = parseEnum<RecordingStatus>(statusText);
    if (!status)
        return invalidInput(QStringLiteral("RecordingStatus: ") + status.error().message);
    auto errorCode = optionalNonNegative(fields, QLatin1StringView("ErrorCode"));
    if (!errorCode)
        return errorCode.error();

    RecordingCallback callback;
    callback.callSid = *callSid;
    callback.recordingSid = *recordingSid;
    callback.status = *status;
    callback.recordingUrl = formValue(fields, u"RecordingUrl");
    callback.errorCode = errorCode->value_or(0);
    return callback;
}

Result<StreamCallback> parseStreamCallback(const FormFields &fields)
{
    auto sid = requiredSid(fields, QLatin1StringView("CallSid"), QLatin1StringView("CA"));
    if (!sid)
        return sid.error();
    StreamCallback callback;
    callback.callSid = *sid;
    callback.streamSid = formValue(fields, u"StreamSid");
    callback.event = formValue(fields, u"StreamEvent");
    callback.error = formValue(fields, u"StreamError");
    if (callback.event.isEmpty())
        return invalidInput(QStringLiteral("StreamEvent is missing"));
    return callback;
}

Result<DebuggerEvent> parseDebuggerEvent(const FormFields &fields)
{
    DebuggerEvent event;
    event.eventSid = formValue(fields, u"Sid");
    event.level = formValue(fields, u"Level");
    const QString payload = formValue(fields, u"Payload");
    if (!payload.isNull()) {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(payload.toUtf8(), &error);
        if (error.error != QJsonParseError::NoError || !document.isObject())
            return invalidInput(QStringLiteral("Payload is not a JSON object"));
        const QJsonObject object = document.object();
        event.resourceSid = object.value(QStringLiteral("resource_sid")).toString();
        const QJsonValue code = object.value(QStringLiteral("error_code"));
        event.errorCode = code.isDouble() ? QString::number(code.toInteger()) : code.toString();
    } else {
        // The Alarms webhook: no resource, an ErrorCode field.
        event.errorCode = formValue(fields, u"ErrorCode");
        event.eventSid = formValue(fields, u"IdempotencyToken");
    }
    if (event.errorCode.isEmpty())
        return invalidInput(QStringLiteral("the event carries no error code"));
    return event;
}

QString idempotencyKey(QStringView kind, const QByteArray &tokenHeader, const QString &fallback)
{
    const QString token = QString::fromLatin1(tokenHeader.trimmed());
    return kind + u':' + (token.isEmpty() ? fallback : token);
}

} // namespace sb
