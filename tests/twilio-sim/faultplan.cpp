#include "faultplan.h"

#include <QJsonObject>

namespace sb::sim {

QStringList CallFaults::names() const
{
    QStringList list;
    if (repeatStatusCallbacks)
        list << QStringLiteral("repeat_status_callbacks");
    if (outOfOrderStatus)
        list << QStringLiteral("out_of_order_status");
    if (streamDropReconnect)
        list << QStringLiteral("stream_drop_reconnect");
    if (alarm11205)
        list << QStringLiteral("alarm_11205");
    if (secondRecording)
        list << QStringLiteral("second_recording");
    if (absentRecording)
        list << QStringLiteral("absent_recording");
    return list;
}

Result<void> FaultPlan::parse(const QJsonArray &list, CallFaults &call, QList<RestFault> *rest)
{
    for (const QJsonValue &entry : list) {
        const QJsonObject object = entry.isObject() ? entry.toObject() : QJsonObject{{QStringLiteral("kind"), entry}};
        const QString kind = object.value(QStringLiteral("kind")).toString();
        if (kind == u"repeat_status_callbacks")
            call.repeatStatusCallbacks = true;
        else if (kind == u"out_of_order_status")
            call.outOfOrderStatus = true;
        else if (kind == u"stream_drop_reconnect")
            call.streamDropReconnect = true;
        else if (kind == u"alarm_11205")
            call.alarm11205 = true;
        else if (kind == u"second_recording")
            call.secondRecording = true;
        else if (kind == u"absent_recording")
            call.absentRecording = true;
        else if (rest && (kind == u"rest_5xx" || kind == u"rest_slow" || kind == u"rest_timeout")) {
            RestFault fault;
            fault.endpoint = object.value(QStringLiteral("endpoint")).toString();
            if (kind == u"rest_5xx") {
                fault.kind = RestFault::Kind::ServerError;
                fault.status = object.value(QStringLiteral("status")).toInt(500);
                if (fault.status != 500 && fault.status != 503)
                    return invalidInput(QStringLiteral("rest_5xx status must be 500 or 503"));
                fault.remaining = object.value(QStringLiteral("count")).toInt(1);
            } else if (kind == u"rest_slow") {
                fault.kind = RestFault::Kind::Slow;
                fault.delayMs = object.value(QStringLiteral("ms")).toInt(1000);
                fault.remaining = object.value(QStringLiteral("count")).toInt(-1);
            } else {
                fault.kind = RestFault::Kind::Timeout;
                fault.delayMs = object.value(QStringLiteral("ms")).toInt(0);
                fault.remaining = object.value(QStringLiteral("count")).toInt(1);
            }
            if (fault.delayMs < 0 || fault.remaining == 0 || fault.remaining < -1)
                return invalidInput(QStringLiteral("%1: count and ms must be positive").arg(kind));
            rest->append(fault);
        } else {
            return invalidInput(QStringLiteral("unknown fault '%1'").arg(kind));
        }
    }
    return {};
}

Result<void> FaultPlan::arm(const QJsonArray &list)
{
    CallFaults call = m_call;
    QList<RestFault> rest = m_rest;
    if (Result<void> parsed = parse(list, call, &rest); !parsed)
        return parsed;
    m_call = call;
    m_rest = rest;
    return {};
}

RestAction FaultPlan::take(const QString &endpoint)
{
    RestAction action;
    for (qsizetype i = 0; i < m_rest.size(); ++i) {
        RestFault &fault = m_rest[i];
        if (!fault.endpoint.isEmpty() && fault.endpoint != endpoint)
            continue;
        switch (fault.kind) {
        case RestFault::Kind::ServerError:
            action.fail = true;
            action.status = fault.status;
            break;
        case RestFault::Kind::Slow:
            action.delayMs = fault.delayMs;
            break;
        case RestFault::Kind::Timeout:
            action.neverAnswer = fault.delayMs == 0;
            action.delayMs = fault.delayMs;
            break;
        }
        if (fault.remaining > 0 && --fault.remaining == 0)
            m_rest.removeAt(i);
        return action;
    }
    return action;
}

QJsonObject FaultPlan::toJson() const
{
    QJsonArray rest;
    for (const RestFault &fault : m_rest) {
        static const char *const kinds[] = {"rest_5xx", "rest_slow", "rest_timeout"};
        rest.append(QJsonObject{{QStringLiteral("kind"), QLatin1String(kinds[int(fault.kind)])},
                                {QStringLiteral("endpoint"), fault.endpoint},
                                {QStringLiteral("remaining"), fault.remaining},
                                {QStringLiteral("status"), fault.status},
                                {QStringLiteral("ms"), fault.delayMs}});
    }
    return {{QStringLiteral("call"), QJsonArray::fromStringList(m_call.names())}, {QStringLiteral("rest"), rest}};
}

void FaultPlan::reset()
{
    m_call = {};
    m_rest.clear();
}

} // namespace sb::sim
