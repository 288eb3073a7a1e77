#include "restapi.h"

#include "audio.h"
#include "calldriver.h"
#include "simulator.h"

#include <QJsonArray>
#include <QTimer>

namespace sb::sim {

namespace {
const QString kPrefix = QStringLiteral("/2010-04-01/Accounts/{AccountSid}/");

QJsonValue nullable(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QJsonValue nullableTime(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(rfc2822(time)) : QJsonValue(QJsonValue::Null);
}
} // namespace

RestApi::RestApi(Simulator &simulator, HttpServer &server)
    : m_simulator(simulator)
{
    using M = HttpServer::Method;
    const auto route = [this, &server](M method, const QString &endpoint, HttpResponse (RestApi::*member)(const HttpRequest &)) {
        const QString verb = method == M::Get ? QStringLiteral("GET ") : QStringLiteral("POST ");
        const QString label = verb + endpoint;
        server.route(method, kPrefix + endpoint, [this, label, member](HttpRequest &&request, HttpResponder &&responder) {
            m_simulator.stats().countRest(label);
            const RestAction action = m_simulator.faults().take(label);
            HttpResponse response;
            if (action.fail) {
                response = error({action.status == 503 ? 20503 : 20500, action.status,
                                  action.status == 503 ? QStringLiteral("Service Unavailable")
                                                       : QStringLiteral("Internal Server Error")});
            } else if (const auto refused = authenticate(request)) {
                response = error(*refused);
            } else {
                response = (this->*member)(request);
            }
            if (action.neverAnswer) {
                // Accepted and done, but the client never hears: what a reconciler has to cope with.
                m_held.push_back(std::make_shared<HttpResponder>(std::move(responder)));
            } else if (action.delayMs > 0) {
                auto held = std::make_shared<HttpResponder>(std::move(responder));
                QTimer::singleShot(action.delayMs, &m_simulator, [held, response] { held->send(response); });
            } else {
                responder.send(response);
            }
        });
    };
    // `.json`/`.wav` routes come before the bare one: the router takes the first match.
    route(M::Post, QStringLiteral("Calls.json"), &RestApi::createCall);
    route(M::Get, QStringLiteral("Calls.json"), &RestApi::listCalls);
    route(M::Get, QStringLiteral("Calls/{Sid}.json"), &RestApi::fetchCall);
    route(M::Post, QStringLiteral("Calls/{Sid}.json"), &RestApi::updateCall);
    route(M::Post, QStringLiteral("Calls/{Sid}/Recordings.json"), &RestApi::startRecording);
    route(M::Get, QStringLiteral("Recordings/{Sid}.json"), &RestApi::fetchRecording);
    route(M::Get, QStringLiteral("Recordings/{Sid}.wav"), &RestApi::recordingMedia);
    route(M::Get, QStringLiteral("Recordings/{Sid}"), &RestApi::recordingMedia);
}

RestApi::~RestApi()
{
    releaseHeld();
}

void RestApi::releaseHeld()
{
    for (const auto &responder : m_held)
        responder->send(error({20504, 504, QStringLiteral("Gateway Timeout")}));
    m_held.clear();
}

HttpResponse RestApi::error(const TwilioError &error)
{
    HttpResponse response = HttpResponse::json(
        QJsonObject{{QStringLiteral("code"), error.code},
                    {QStringLiteral("message"), error.message},
                    {QStringLiteral("more_info"), QStringLiteral("https://www.twilio.com/docs/errors/%1").arg(error.code)},
                    {QStringLiteral("status"), error.status}},
        error.status);
    if (error.status == 401)
        response.headers.append({QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Basic realm=\"Twilio API\"")});
    return response;
}

std::optional<TwilioError> RestApi::authenticate(const HttpRequest &request) const
{
    const TwilioError refused{20003, 401, QStringLiteral("Authenticate")};
    const QByteArray header = request.header("Authorization");
    if (!header.startsWith("Basic "))
        return refused;
    const QByteArray decoded = QByteArray::fromBase64(header.mid(6).trimmed());
    const qsizetype colon = decoded.indexOf(':');
    if (colon < 0)
        return refused;
    const QString user = QString::fromUtf8(decoded.left(colon));
    const QByteArray password = decoded.mid(colon + 1);
    const QString &account = m_simulator.options().accountSid;
    if (user != account || password != m_simulator.options().authToken
        || request.pathParameter(QStringLiteral("AccountSid")) != account)
        return refused;
    return std::nullopt;
}

QString RestApi::accountPath() const
{
    return QStringLiteral("/2010-04-01/Accounts/%1").arg(m_simulator.options().accountSid);
}

HttpResponse RestApi::notFound(const HttpRequest &request) const
{
    return error({20404, 404, QStringLiteral("The requested resource %1 was not found").arg(request.path)});
}

HttpResponse RestApi::createCall(const HttpRequest &request)
{
    const Result<FormFields> form = parseForm(request.body);
    if (!form)
        return error({20001, 400, QStringLiteral("Malformed form body: %1").arg(form.error().message)});
    CallRequest call;
    if (const auto refused = parseCreateCall(*form, call))
        return error(*refused);
    call.faults = m_simulator.faults().callFaults();
    const CallDriver *driver = m_simulator.placeCall(call);
    return HttpResponse::json(callJson(*driver), 201);
}

HttpResponse RestApi::listCalls(const HttpRequest &request)
{
    CallListQuery query;
    if (const auto refused = parseListCalls(request.query, query))
        return error(*refused);
    QList<const CallDriver *> matching;
    const QList<CallDriver *> all = m_simulator.calls();
    for (auto it = all.crbegin(); it != all.crend(); ++it) { // newest first, as Twilio lists
        const SimCall &call = (*it)->call();
        const QString status = call.status == u"initiated" ? QStringLiteral("queued") : call.status;
        if ((!query.to.isEmpty() && call.request.to != query.to) || (!query.from.isEmpty() && call.request.from != query.from)
            || (!query.status.isEmpty() && status != query.status) || query.parentFilter)
            continue;
        matching.append(*it);
    }
    const qsizetype start = qsizetype(query.page) * query.pageSize;
    QJsonArray calls;
    for (qsizetype i = start; i < std::min<qsizetype>(matching.size(), start + query.pageSize); ++i)
        calls.append(callJson(*matching.at(i)));

    QUrlQuery base = request.query;
    base.removeAllQueryItems(QStringLiteral("Page"));
    base.removeAllQueryItems(QStringLiteral("PageSize"));
    base.removeAllQueryItems(QStringLiteral("PageToken"));
    const auto pageUri = [&](int page) {
        QUrlQuery q = base;
        q.addQueryItem(QStringLiteral("PageSize"), QString::number(query.pageSize));
        q.addQueryItem(QStringLiteral("Page"), QString::number(page));
        return QJsonValue(QString(accountPath() + QStringLiteral("/Calls.json?") + q.toString(QUrl::FullyEncoded)));
    };
    const bool hasNext = start + query.pageSize < matching.size();
    return HttpResponse::json(QJsonObject{
        {QStringLiteral("calls"), calls},
        {QStringLiteral("end"), calls.isEmpty() ? 0 : int(start + calls.size() - 1)},
        {QStringLiteral("first_page_uri"), pageUri(0)},
        {QStringLiteral("next_page_uri"), hasNext ? pageUri(query.page + 1) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("page"), query.page},
        {QStringLiteral("page_size"), query.pageSize},
        {QStringLiteral("previous_page_uri"), query.page > 0 ? pageUri(query.page - 1) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("start"), int(start)},
        {QStringLiteral("uri"), pageUri(query.page)}});
}

HttpResponse RestApi::fetchCall(const HttpRequest &request)
{
    const CallDriver *driver = m_simulator.call(request.pathParameter(QStringLiteral("Sid")));
    return driver ? HttpResponse::json(callJson(*driver)) : notFound(request);
}

HttpResponse RestApi::updateCall(const HttpRequest &request)
{
    CallDriver *driver = m_simulator.call(request.pathParameter(QStringLiteral("Sid")));
    if (!driver)
        return notFound(request);
    const Result<FormFields> form = parseForm(request.body);
    if (!form)
        return error({20001, 400, QStringLiteral("Malformed form body: %1").arg(form.error().message)});
    CallUpdate update;
    if (const auto refused = parseUpdateCall(*form, update))
        return error(*refused);
    const bool redirect = !update.url.isEmpty() || !update.twiml.isEmpty();
    if (redirect && driver->call().isFinal())
        return error({21220, 400, QStringLiteral("Call is not in-progress. Cannot redirect.")});
    if (!update.status.isEmpty())
        driver->end(update.status);
    else if (redirect)
        driver->redirect(update.url, update.method, update.twiml);
    return HttpResponse::json(callJson(*driver));
}

HttpResponse RestApi::startRecording(const HttpRequest &request)
{
    CallDriver *driver = m_simulator.call(request.pathParameter(QStringLiteral("Sid")));
    if (!driver)
        return notFound(request);
    const Result<FormFields> form = parseForm(request.body);
    if (!form)
        return error({20001, 400, QStringLiteral("Malformed form body: %1").arg(form.error().message)});
    SimRecording settings;
    settings.track = QStringLiteral("both");
    if (const auto refused = parseStartRecording(*form, settings))
        return error(*refused);
    const Result<QString> sid = driver->startRecording(settings);
    if (!sid)
        return error({21220, 400, sid.error().message});
    return HttpResponse::json(recordingJson(*m_simulator.recording(*sid), true), 201);
}

HttpResponse RestApi::fetchRecording(const HttpRequest &request)
{
    const SimRecording *recording = m_simulator.recording(request.pathParameter(QStringLiteral("Sid")));
    return recording ? HttpResponse::json(recordingJson(*recording, false)) : notFound(request);
}

HttpResponse RestApi::recordingMedia(const HttpRequest &request)
{
    const SimRecording *recording = m_simulator.recording(request.pathParameter(QStringLiteral("Sid")));
    // Media exists once the recording is processed, as at Twilio.
    if (!recording || recording->status != u"completed")
        return notFound(request);
    return HttpResponse::text(wavFromMulaw(recording->inbound, recording->outbound, recording->channels == 2),
                              QByteArrayLiteral("audio/x-wav"));
}

QJsonObject RestApi::callJson(const CallDriver &driver) const
{
    const SimCall &call = driver.call();
    const QString base = accountPath() + QStringLiteral("/Calls/") + call.sid;
    QJsonObject subresources;
    for (const char *name : {"notifications", "recordings", "payments", "events", "siprec", "streams", "transcriptions",
                             "user_defined_message_subscriptions", "user_defined_messages"}) {
        QString file;
        for (const QString &part : QString::fromLatin1(name).split(u'_'))
            file += part.left(1).toUpper() + part.mid(1);
        subresources.insert(QLatin1String(name), QString(base + u'/' + file + QStringLiteral(".json")));
    }
    // The resource enum has no `initiated`: such a call still reads as queued.
    const QString status = call.status == u"initiated" ? QStringLiteral("queued") : call.status;
    return {{QStringLiteral("sid"), call.sid},
            {QStringLiteral("date_created"), nullableTime(call.created)},
            {QStringLiteral("date_updated"), nullableTime(call.updated)},
            {QStringLiteral("parent_call_sid"), QJsonValue::Null},
            {QStringLiteral("account_sid"), call.accountSid},
            {QStringLiteral("to"), call.request.to},
            {QStringLiteral("to_formatted"), call.request.to},
            {QStringLiteral("from"), call.request.from},
            {QStringLiteral("from_formatted"), call.request.from},
            {QStringLiteral("phone_number_sid"), QJsonValue::Null},
            {QStringLiteral("status"), status},
            {QStringLiteral("start_time"), nullableTime(call.started)},
            {QStringLiteral("end_time"), nullableTime(call.ended)},
            {QStringLiteral("duration"), call.durationSec >= 0 ? QJsonValue(QString::number(call.durationSec)) : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("price"), QJsonValue::Null},
            {QStringLiteral("price_unit"), QStringLiteral("USD")},
            {QStringLiteral("direction"), call.request.direction},
            {QStringLiteral("answered_by"), nullable(call.answeredBy)},
            {QStringLiteral("api_version"), QStringLiteral("2010-04-01")},
            {QStringLiteral("forwarded_from"), QJsonValue::Null},
            {QStringLiteral("group_sid"), QJsonValue::Null},
            {QStringLiteral("caller_name"), QJsonValue::Null},
            {QStringLiteral("queue_time"), QStringLiteral("0")},
            {QStringLiteral("trunk_sid"), QJsonValue::Null},
            {QStringLiteral("uri"), QString(base + QStringLiteral(".json"))},
            {QStringLiteral("subresource_uris"), subresources}};
}

QJsonObject RestApi::recordingJson(const SimRecording &recording, bool underCall) const
{
    const QString uri = underCall ? accountPath() + QStringLiteral("/Calls/%1/Recordings/%2.json").arg(recording.callSid, recording.sid)
                                  : accountPath() + QStringLiteral("/Recordings/%1.json").arg(recording.sid);
    QJsonObject json{{QStringLiteral("account_sid"), recording.accountSid},
                     {QStringLiteral("api_version"), QStringLiteral("2010-04-01")},
                     {QStringLiteral("call_sid"), recording.callSid},
                     {QStringLiteral("conference_sid"), QJsonValue::Null},
                     {QStringLiteral("channels"), recording.channels},
                     {QStringLiteral("date_created"), rfc2822(recording.created)},
                     {QStringLiteral("date_updated"), rfc2822(recording.updated)},
                     {QStringLiteral("start_time"), rfc2822(recording.created)},
                     {QStringLiteral("price"), QJsonValue::Null},
                     {QStringLiteral("price_unit"), QJsonValue::Null},
                     {QStringLiteral("duration"), recording.durationSec >= 0 ? QJsonValue(QString::number(recording.durationSec)) : QJsonValue(QJsonValue::Null)},
                     {QStringLiteral("sid"), recording.sid},
                     {QStringLiteral("source"), recording.source},
                     {QStringLiteral("status"), recording.status},
                     {QStringLiteral("error_code"), QJsonValue::Null},
                     {QStringLiteral("encryption_details"), QJsonValue::Null},
                     {QStringLiteral("uri"), uri}};
    if (underCall) {
        json.insert(QStringLiteral("track"), recording.track);
    } else {
        const QString base = accountPath() + QStringLiteral("/Recordings/") + recording.sid;
        json.insert(QStringLiteral("media_url"), m_simulator.recordingUrl(recording.sid).toString());
        json.insert(QStringLiteral("subresource_uris"),
                    QJsonObject{{QStringLiteral("add_on_results"), QString(base + QStringLiteral("/AddOnResults.json"))},
                                {QStringLiteral("transcriptions"), QString(base + QStringLiteral("/Transcriptions.json"))}});
    }
    return json;
}

} // namespace sb::sim
