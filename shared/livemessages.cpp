#include "livemessages.h"

#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace sb::live {

namespace {

// Reads fields of one message; the first problem is kept and names the field.
class Reader
{
public:
    Reader(const QJsonObject &json, QLatin1StringView type) : m_json(json), m_type(type) { }

    qint64 integer(QLatin1StringView key, bool required = true)
    {
        const QJsonValue value = m_json.value(key);
        if (value.isDouble())
            return value.toInteger();
        if (required || !(value.isUndefined() || value.isNull()))
            fail(key, u"a number"_s);
        return 0;
    }
    QString text(QLatin1StringView key, bool required = true)
    {
        const QJsonValue value = m_json.value(key);
        if (value.isString())
            return value.toString();
        if (required || !(value.isUndefined() || value.isNull()))
            fail(key, u"a string"_s);
        return {};
    }
    QJsonObject object(QLatin1StringView key)
    {
        const QJsonValue value = m_json.value(key);
        if (!value.isObject())
            fail(key, u"an object"_s);
        return value.toObject();
    }
    QJsonArray array(QLatin1StringView key)
    {
        const QJsonValue value = m_json.value(key);
        if (!value.isArray())
            fail(key, u"an array"_s);
        return value.toArray();
    }
    Call call(QLatin1StringView key)
    {
        const QJsonObject json = object(key);
        if (m_error)
            return {};
        auto call = Call::fromJson(json);
        if (!call) {
            setError(key + u": "_s + call.error().message);
            return {};
        }
        return std::move(call).value();
    }
    CallEvent event(const QJsonValue &value, const QString &where)
    {
        auto event = CallEvent::fromJson(value.toObject());
        if (!event) {
            setError(where + u": "_s + event.error().message);
            return {};
        }
        return std::move(event).value();
    }

    bool failed() const { return m_error.has_value(); }
    Error error() const { return invalidInput(u"console message \""_s + m_type + u"\": "_s + *m_error); }
    void setError(const QString &message)
    {
        if (!m_error)
            m_error = message;
    }

private:
    void fail(QLatin1StringView key, const QString &expected)
    {
        setError(key + u": expected "_s + expected);
    }

    const QJsonObject &m_json;
    QLatin1StringView m_type;
    std::optional<QString> m_error;
};

QJsonArray callsJson(const QList<Call> &calls)
{
    QJsonArray array;
    for (const Call &call : calls)
        array.append(callSummaryJson(call));
    return array;
}

QJsonObject toJson(const Snapshot &m)
{
    return {{u"revision"_s, m.revision}, {u"role"_s, m.role}, {u"calls"_s, callsJson(m.calls)},
            {u"alerts"_s, m.alerts}, {u"businesses"_s, m.businesses}};
}
QJsonObject toJson(const CallChanged &m)
{
    QJsonObject json{{u"revision"_s, m.revision}, {u"call"_s, callSummaryJson(m.call)}};
    if (!m.businessName.isEmpty())
        json.insert(u"business_name"_s, m.businessName);
    return json;
}
QJsonObject toJson(const EventAppended &m) { return {{u"revision"_s, m.revision}, {u"event"_s, m.event.toJson()}}; }
QJsonObject toJson(const DedupDecided &m) { return {{u"revision"_s, m.revision}, {u"decision"_s, m.decision}}; }
QJsonObject toJson(const JobChanged &m) { return {{u"revision"_s, m.revision}, {u"job"_s, m.job}}; }
QJsonObject toJson(const AlertsChanged &m) { return {{u"revision"_s, m.revision}, {u"alerts"_s, m.alerts}}; }
QJsonObject toJson(const History &m)
{
    QJsonArray events;
    for (const CallEvent &event : m.events)
        events.append(event.toJson());
    return {{u"revision"_s, m.revision}, {u"call"_s, m.call.toJson()}, {u"events"_s, events},
            {u"truncated"_s, m.truncated}};
}
QJsonObject toJson(const Subscribe &m)
{
    QJsonObject json;
    if (m.callId > 0)
        json.insert(u"call_id"_s, m.callId);
    if (!m.callSid.isEmpty())
        json.insert(u"call_sid"_s, m.callSid);
    return json;
}
QJsonObject toJson(const Unsubscribe &m) { return {{u"call_id"_s, m.callId}}; }
QJsonObject toJson(const ErrorMessage &m) { return {{u"code"_s, m.code}, {u"message"_s, m.message}}; }

Message read(Reader &r, const QJsonObject &json, QLatin1StringView type)
{
    if (type == type::snapshot) {
        Snapshot m;
        m.revision = r.integer("revision"_L1);
        m.role = r.text("role"_L1, false);
        const QJsonArray calls = r.array("calls"_L1);
        m.calls.reserve(calls.size());
        for (qsizetype i = 0; i < calls.size() && !r.failed(); ++i) {
            auto call = Call::fromJson(calls.at(i).toObject());
            if (call)
                m.calls.append(std::move(call).value());
            else
                r.setError(u"calls[%1]: "_s.arg(i) + call.error().message);
        }
        m.alerts = r.array("alerts"_L1);
        m.businesses = json.value("businesses"_L1).toObject();
        return m;
    }
    if (type == type::call) {
        const qint64 revision = r.integer("revision"_L1);
        Call call = r.call("call"_L1);
        return CallChanged{revision, std::move(call), r.text("business_name"_L1, false)};
    }
    if (type == type::event) {
        const qint64 revision = r.integer("revision"_L1);
        return EventAppended{revision, r.event(r.object("event"_L1), u"event"_s)};
    }
    if (type == type::dedup)
        return DedupDecided{r.integer("revision"_L1), r.object("decision"_L1)};
    if (type == type::job)
        return JobChanged{r.integer("revision"_L1), r.object("job"_L1)};
    if (type == type::alert)
        return AlertsChanged{r.integer("revision"_L1), r.array("alerts"_L1)};
    if (type == type::history) {
        History m;
        m.revision = r.integer("revision"_L1);
        m.call = r.call("call"_L1);
        const QJsonArray events = r.array("events"_L1);
        for (qsizetype i = 0; i < events.size() && !r.failed(); ++i)
            m.events.append(r.event(events.at(i), u"events[%1]"_s.arg(i)));
        m.truncated = json.value("truncated"_L1).toBool();
        return m;
    }
    if (type == type::subscribe) {
        Subscribe m{r.integer("call_id"_L1, false), r.text("call_sid"_L1, false)};
        if (m.callId <= 0 && m.callSid.isEmpty())
            r.setError(u"needs call_id or call_sid"_s);
        return m;
    }
    if (type == type::unsubscribe)
        return Unsubscribe{r.integer("call_id"_L1)};
    // type::error; decode() only calls read() with known types.
    return ErrorMessage{r.text("code"_L1), r.text("message"_L1)};
}

constexpr QLatin1StringView kTypes[] = {type::snapshot, type::call,    type::event,     type::dedup,
                                        type::job,      type::alert,   type::history,   type::subscribe,
                                        type::unsubscribe, type::error};

} // namespace

QJsonObject callSummaryJson(const Call &call)
{
    QJsonObject json = call.toJson();
    json.remove(u"transcription"_s);
    json.remove(u"final_transcript"_s);
    return json;
}

QLatin1StringView typeName(const Message &message)
{
    return kTypes[message.index()];
}

QByteArray encode(const Message &message)
{
    QJsonObject json = std::visit([](const auto &m) { return toJson(m); }, message);
    json.insert(u"type"_s, typeName(message));
    json.insert(u"version"_s, kProtocolVersion);
    return QJsonDocument(json).toJson(QJsonDocument::Compact);
}

Result<Message> decode(QByteArrayView text)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(text.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return invalidInput(u"console message: not JSON (%1 at offset %2)"_s.arg(parseError.errorString()).arg(parseError.offset));
    if (!document.isObject())
        return invalidInput(u"console message: expected a JSON object"_s);
    const QJsonObject json = document.object();
    const QString type = json.value("type"_L1).toString();
    const auto known = std::find(std::begin(kTypes), std::end(kTypes), type);
    if (known == std::end(kTypes))
        return invalidInput(u"console message: unknown type \""_s + type + u'"');
    const QJsonValue version = json.value("version"_L1);
    if (version.toInt(-1) != kProtocolVersion)
        return invalidInput(u"console message \""_s + type + u"\": protocol version "_s
                            + (version.isDouble() ? QString::number(version.toInt()) : u"(missing)"_s)
                            + u" is not supported (this build speaks version %1)"_s.arg(kProtocolVersion));
    Reader reader(json, *known);
    Message message = read(reader, json, *known);
    if (reader.failed())
        return reader.error();
    return message;
}

} // namespace sb::live
