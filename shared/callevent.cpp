#include "callevent.h"

namespace sb {

QJsonObject CallEvent::toJson() const
{
    return QJsonObject{
        {QStringLiteral("id"), id},
        {QStringLiteral("call_id"), callId},
        {QStringLiteral("call_sid"), callSid.isEmpty() ? QJsonValue() : QJsonValue(callSid)},
        {QStringLiteral("at"), at.isValid() ? QJsonValue(at.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue()},
        {QStringLiteral("kind"), kind},
        {QStringLiteral("source"), source},
        {QStringLiteral("detail"), detail},
    };
}

Result<CallEvent> CallEvent::fromJson(const QJsonObject &json)
{
    CallEvent event;
    event.id = json.value(QLatin1StringView("id")).toInteger();
    event.callId = json.value(QLatin1StringView("call_id")).toInteger();
    event.callSid = json.value(QLatin1StringView("call_sid")).toString();
    event.kind = json.value(QLatin1StringView("kind")).toString();
    event.source = json.value(QLatin1StringView("source")).toString();
    event.detail = json.value(QLatin1StringView("detail")).toObject();
    if (event.kind.isEmpty())
        return invalidInput(QStringLiteral("call event: missing \"kind\""));
    const QJsonValue at = json.value(QLatin1StringView("at"));
    if (!at.isNull() && !at.isUndefined()) {
        event.at = QDateTime::fromString(at.toString(), Qt::ISODateWithMs);
        if (!event.at.isValid())
            return invalidInput(QStringLiteral("call event: unreadable time \"%1\"").arg(at.toString()));
        event.at = event.at.toUTC();
    }
    return event;
}

} // namespace sb
