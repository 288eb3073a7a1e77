#include "twilioroutes.h"

#include "httpserver.h"

#include "calls/callbackprocessor.h"
#include "twilio/twiml.h"

#include <QJsonObject>

namespace sb {

namespace {

using Method = HttpServer::Method;

/// Turns a storage outcome into the answer, counting what the ingress needs to count.
template <typename T, typename F>
HttpResponse answer(const Result<T> &result, IngressCounters &counters, F &&onSuccess)
{
    if (!result) {
        if (result.error().code == ErrorCode::NotFound)
            ++counters.unknownCalls;
        return HttpResponse::error(result.error());
    }
    return onSuccess(*result);
}

/// The `?reservation=` the outbound service put in the URLs it created a call with (0: none).
qint64 reservationOf(const HttpRequest &request)
{
    return request.query.queryItemValue(QStringLiteral("reservation")).toLongLong();
}

QJsonObject acknowledgement(bool retry)
{
    return {{QStringLiteral("ok"), true}, {QStringLiteral("retry"), retry}};
}

/// The answer to a delivery that was applied, or recognised as a retry.
auto acknowledgeDelivery(IngressCounters &counters)
{
    return [&counters](const Result<bool> &retry) {
        return answer(retry, counters, [&](bool wasRetry) {
            if (wasRetry)
                ++counters.retries;
            return HttpResponse::json(acknowledgement(wasRetry));
        });
    };
}

} // namespace

template <typename Callback>
std::optional<Callback> TwilioRoutes::admitAs(const HttpRequest &request, HttpResponder &responder,
                                              Result<Callback> (*parse)(const FormFields &))
{
    auto fields = m_guard.admit(request);
    if (!fields) {
        responder.send(HttpResponse::error(fields.error()));
        return std::nullopt;
    }
    auto callback = parse(*fields);
    if (!callback) {
        ++m_counters.malformed;
        responder.send(HttpResponse::error(callback.error()));
        return std::nullopt;
    }
    return std::move(callback).value();
}

TwilioRoutes::TwilioRoutes(HttpServer &server, CallbackProcessor &processor, const QUrl &publicUrl,
                           QByteArray authToken, IngressCounters &counters)
    : m_processor(processor)
    , m_publicUrl(publicUrl)
    , m_counters(counters)
    , m_guard(publicUrl, std::move(authToken), counters)
{
    addVoice(server);
    addStatus(server);
    addRecordingStatus(server);
    addStreamStatus(server);
    addAlarms(server);
}

void TwilioRoutes::addVoice(HttpServer &server)
{
    // Twilio requests the voice URL with POST by default, with GET when configured so.
    for (Method method : {Method::Post, Method::Get}) {
        server.route(method, QStringLiteral("/twilio/voice"), [this](HttpRequest &&request, HttpResponder &&responder) {
            auto voice = admitAs(request, responder, parseVoiceRequest);
            if (!voice)
                return;
            voice->reservationId = reservationOf(request);
            std::move(responder).sendWhenReady(m_processor.acceptVoiceRequest(*voice).then(
                QtFuture::Launch::Sync, [publicUrl = m_publicUrl, &counters = m_counters](const Result<Call> &call) {
                    return answer(call, counters, [&](const Call &stored) {
                        const QByteArray twiml = connectStreamTwiml(
                            publicUrl, {{QStringLiteral("callId"), QString::number(stored.id)},
                                        {QStringLiteral("callSid"), stored.callSid},
                                        {QStringLiteral("businessId"), QString::number(stored.businessId)}});
                        return HttpResponse::text(twiml, QByteArrayLiteral("application/xml"));
                    });
                }));
        });
    }
}

void TwilioRoutes::addStatus(HttpServer &server)
{
    server.route(Method::Post, QStringLiteral("/twilio/status"), [this](HttpRequest &&request, HttpResponder &&responder) {
        auto callback = admitAs(request, responder, parseStatusCallback);
        if (!callback)
            return;
        callback->reservationId = reservationOf(request);
        const QString fallback = callback->callSid + u':'
                                 + (callback->stamp.sequenceNumber ? QString::number(*callback->stamp.sequenceNumber)
                                                                   : toString(callback->stamp.status));
        const QString key = idempotencyKey(u"status", request.header("I-Twilio-Idempotency-Token"), fallback);
        std::move(responder).sendWhenReady(m_processor.applyStatus(*callback, key).then(
            QtFuture::Launch::Sync, [&counters = m_counters](const Result<StatusOutcomeSummary> &outcome) {
                return answer(outcome, counters, [&](const StatusOutcomeSummary &summary) {
                    if (summary.retry)
                        ++counters.retries;
                    QJsonObject body = acknowledgement(summary.retry);
                    body.insert(QStringLiteral("applied"), summary.applied);
                    if (!summary.retry)
                        body.insert(QStringLiteral("status"), toString(summary.storedStatus));
                    return HttpResponse::json(body);
                });
            }));
    });
}

void TwilioRoutes::addRecordingStatus(HttpServer &server)
{
    server.route(Method::Post, QStringLiteral("/twilio/recording-status"), [this](HttpRequest &&request, HttpResponder &&responder) {
        const auto callback = admitAs(request, responder, parseRecordingCallback);
        if (!callback)
            return;
        const QString key = idempotencyKey(u"recording", request.header("I-Twilio-Idempotency-Token"),
                                           callback->recordingSid + u':' + toString(callback->status));
        std::move(responder).sendWhenReady(m_processor.recordRecording(*callback, key).then(QtFuture::Launch::Sync, acknowledgeDelivery(m_counters)));
    });
}

void TwilioRoutes::addStreamStatus(HttpServer &server)
{
    server.route(Method::Post, QStringLiteral("/twilio/stream-status"), [this](HttpRequest &&request, HttpResponder &&responder) {
        const auto callback = admitAs(request, responder, parseStreamCallback);
        if (!callback)
            return;
        const QString key = idempotencyKey(u"stream", request.header("I-Twilio-Idempotency-Token"),
                                           callback->callSid + u':' + callback->streamSid + u':' + callback->event);
        std::move(responder).sendWhenReady(m_processor.recordStreamCallback(*callback, key).then(QtFuture::Launch::Sync, acknowledgeDelivery(m_counters)));
    });
}

void TwilioRoutes::addAlarms(HttpServer &server)
{
    server.route(Method::Post, QStringLiteral("/twilio/alarms"), [this](HttpRequest &&request, HttpResponder &&responder) {
        const auto event = admitAs(request, responder, parseDebuggerEvent);
        if (!event)
            return;
        const QString fallback = !event->eventSid.isEmpty() ? event->eventSid : event->resourceSid + u':' + event->errorCode;
        const QString key = idempotencyKey(u"alarm", request.header("I-Twilio-Idempotency-Token"), fallback);
        std::move(responder).sendWhenReady(m_processor.recordDebuggerEvent(*event, key).then(
            QtFuture::Launch::Sync, [&counters = m_counters](const Result<DebuggerOutcome> &outcome) {
                return answer(outcome, counters, [&](const DebuggerOutcome &applied) {
                    if (applied.retry)
                        ++counters.retries;
                    QJsonObject body = acknowledgement(applied.retry);
                    body.insert(QStringLiteral("counted_11205"), applied.counted11205);
                    return HttpResponse::json(body);
                });
            }));
    });
}

} // namespace sb
