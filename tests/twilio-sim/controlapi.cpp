#include "controlapi.h"

#include "calldriver.h"
#include "inboundgenerator.h"
#include "simulator.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace sb::sim {

namespace {
HttpResponse badRequest(const QString &message)
{
    return HttpResponse::error(invalidInput(message));
}

Result<QJsonObject> jsonBody(const HttpRequest &request)
{
    if (request.body.trimmed().isEmpty())
        return QJsonObject{};
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return invalidInput(QStringLiteral("the body must be a JSON object"));
    return document.object();
}
} // namespace

ControlApi::ControlApi(Simulator &simulator, HttpServer &server)
    : m_simulator(simulator)
{
    using M = HttpServer::Method;
    server.route(M::Get, QStringLiteral("/sim/stats"), [this](const HttpRequest &) {
        QJsonObject stats = m_simulator.stats().toJson();
        stats.insert(QStringLiteral("calls_total"), int(m_simulator.calls().size()));
        stats.insert(QStringLiteral("calls_active"), m_simulator.activeCalls());
        stats.insert(QStringLiteral("inbound_pending"), m_simulator.inbound().pending());
        return HttpResponse::json(stats);
    });
    server.route(M::Get, QStringLiteral("/sim/calls"), [this](const HttpRequest &) {
        QJsonArray calls;
        for (const CallDriver *driver : m_simulator.calls())
            calls.append(driver->toSimJson());
        return HttpResponse::json(QJsonObject{{QStringLiteral("calls"), calls}});
    });
    server.route(M::Post, QStringLiteral("/sim/reset"), [this](const HttpRequest &) {
        m_simulator.reset();
        return HttpResponse::json(QJsonObject{{QStringLiteral("reset"), true}});
    });
    server.route(M::Get, QStringLiteral("/sim/faults"), [this](const HttpRequest &) {
        return HttpResponse::json(m_simulator.faults().toJson());
    });
    server.route(M::Post, QStringLiteral("/sim/faults"), [this](const HttpRequest &request) {
        const Result<QJsonObject> body = jsonBody(request);
        if (!body)
            return HttpResponse::error(body.error());
        if (const Result<void> armed = m_simulator.faults().arm(body->value(QStringLiteral("faults")).toArray()); !armed)
            return HttpResponse::error(armed.error());
        return HttpResponse::json(m_simulator.faults().toJson());
    });
    server.route(M::Post, QStringLiteral("/sim/inbound"), [this](const HttpRequest &request) { return inbound(request); });
}

HttpResponse ControlApi::inbound(const HttpRequest &request)
{
    const Result<QJsonObject> parsed = jsonBody(request);
    if (!parsed)
        return HttpResponse::error(parsed.error());
    const QJsonObject &body = *parsed;
    InboundBatch batch;
    batch.count = body.value(QStringLiteral("count")).toInt(1);
    batch.ratePerSec = body.value(QStringLiteral("rate_per_sec")).toDouble(0);
    batch.concurrency = body.value(QStringLiteral("concurrency")).toInt(0);
    batch.streamSeconds = body.value(QStringLiteral("stream_seconds")).toInt(-1);
    batch.to = body.value(QStringLiteral("to")).toString();
    batch.from = body.value(QStringLiteral("from")).toString();
    batch.voiceUrl = QUrl(body.value(QStringLiteral("voice_url")).toString());
    batch.statusCallback = QUrl(body.value(QStringLiteral("status_callback")).toString());
    if (body.contains(QStringLiteral("status_events"))) {
        batch.statusEvents.clear();
        for (const QJsonValue &event : body.value(QStringLiteral("status_events")).toArray())
            batch.statusEvents << event.toString();
    }
    if (batch.count < 1 || batch.count > 100000 || batch.ratePerSec < 0 || batch.concurrency < 0)
        return badRequest(QStringLiteral("count must be 1..100000; rate_per_sec and concurrency must not be negative"));
    if (const Result<void> faults = FaultPlan::parse(body.value(QStringLiteral("faults")).toArray(), batch.faults, nullptr); !faults)
        return HttpResponse::error(faults.error());
    if (batch.voiceUrl.isEmpty() && m_simulator.options().voiceUrl.isEmpty())
        return badRequest(QStringLiteral("no voice URL: pass voice_url or start the simulator with --voice-url"));
    m_simulator.inbound().submit(batch);
    return HttpResponse::json(QJsonObject{{QStringLiteral("scheduled"), batch.count},
                                          {QStringLiteral("faults"), QJsonArray::fromStringList(batch.faults.names())}},
                              202);
}

} // namespace sb::sim
