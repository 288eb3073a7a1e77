#include "metricsroute.h"

#include "httpserver.h"
#include "ingresscounters.h"
#include "prometheustext.h"

#include "media/mediastreamserver.h"
#include "storage/metricsqueries.h"
#include "storage/storage.h"
#include "twilio/twiliorestclient.h"

#include "shared/logging.h"

using namespace Qt::StringLiterals;

namespace sb {

namespace {

using Type = PrometheusText::Type;

/// The process's own counters, copied on the I/O thread.
struct ProcessMetrics
{
    QList<QPair<QString, quint64>> rejections; ///< by reason
    std::optional<quint64> webhookRetries;
    std::optional<int> activeStreams;
    QMap<QPair<QString, QString>, quint64> twilioRequests;
};

ProcessMetrics readProcess(const MetricsSources &sources)
{
    ProcessMetrics metrics;
    if (sources.ingress) {
        metrics.rejections << qMakePair(u"signature"_s, quint64(sources.ingress->forgedSignatures.load()))
                           << qMakePair(u"malformed"_s, quint64(sources.ingress->malformed.load()))
                           << qMakePair(u"unknown_call"_s, quint64(sources.ingress->unknownCalls.load()));
        metrics.webhookRetries = sources.ingress->retries.load();
    }
    if (sources.http)
        metrics.rejections << qMakePair(u"oversized"_s, sources.http->oversizedRequests());
    if (sources.media) {
        metrics.rejections << qMakePair(u"media_signature"_s, quint64(sources.media->counters().refusedSignature));
        metrics.activeStreams = sources.media->activeSessions();
    }
    if (sources.twilio)
        metrics.twilioRequests = sources.twilio->requestCounts();
    return metrics;
}

void writeCounts(PrometheusText &out, const QString &name, Type type, const QString &help, const QString &label,
                 const QMap<QString, qint64> &counts)
{
    out.family(name, type, help);
    for (auto it = counts.begin(); it != counts.end(); ++it)
        out.sample(double(it.value()), {{label, it.key()}});
}

QByteArray render(const ProcessMetrics &process, const Result<DatabaseMetrics> &database)
{
    PrometheusText out;
    if (database) {
        const QString shared = u" (the whole database: every instance sharing it reports the same)"_s;
        writeCounts(out, u"switchboard_calls"_s, Type::Gauge, u"Calls by status"_s + shared, u"status"_s,
                    database->callsByStatus);
        writeCounts(out, u"switchboard_calls_by_cost_bucket"_s, Type::Gauge, u"Calls by cost bucket"_s + shared,
                    u"bucket"_s, database->callsByBucket);
        out.family(u"switchboard_estimated_cost_usd"_s, Type::Gauge,
                   u"Estimated cost of every call, USD, from the configured rate card"_s + shared);
        out.sample(database->estimatedCost);
        writeCounts(out, u"switchboard_jobs"_s, Type::Gauge, u"Transcription jobs by state"_s + shared, u"state"_s,
                    database->jobsByState);
        writeCounts(out, u"switchboard_dedup_decisions_total"_s, Type::Counter,
                    u"Outbound dedup decisions by the layer that caught the duplicate (none: not a duplicate)"_s + shared,
                    u"layer"_s, database->dedupDecisionsByLayer);
    }
    out.family(u"switchboard_database_up"_s, Type::Gauge, u"1 if the database answered this scrape, 0 if not"_s);
    out.sample(database ? 1 : 0);
    if (process.activeStreams) {
        out.family(u"switchboard_media_streams_active"_s, Type::Gauge, u"Media Streams connected to this instance now"_s);
        out.sample(*process.activeStreams);
    }
    if (!process.rejections.isEmpty()) {
        out.family(u"switchboard_webhook_rejections_total"_s, Type::Counter,
                   u"Twilio requests this instance refused, by reason (oversized counts every over-limit body)"_s);
        for (const auto &[reason, count] : process.rejections)
            out.sample(double(count), {{u"reason"_s, reason}});
    }
    if (process.webhookRetries) {
        out.family(u"switchboard_webhook_retries_total"_s, Type::Counter,
                   u"Webhook deliveries this instance recognised as repeats and applied once"_s);
        out.sample(double(*process.webhookRetries));
    }
    out.family(u"switchboard_twilio_api_requests_total"_s, Type::Counter,
               u"Twilio REST requests this instance sent, by method and endpoint"_s);
    for (auto it = process.twilioRequests.begin(); it != process.twilioRequests.end(); ++it)
        out.sample(double(it.value()), {{u"method"_s, it.key().first}, {u"endpoint"_s, it.key().second}});
    return out.text();
}

} // namespace

void addMetricsRoute(HttpServer &server, MetricsSources sources)
{
    server.route(HttpServer::Method::Get, u"/metrics"_s, [sources](HttpRequest &&, HttpResponder &&responder) {
        ProcessMetrics process = readProcess(sources);
        std::move(responder).sendWhenReady(sources.storage->run([process = std::move(process)](StorageSession &session) {
            const Result<DatabaseMetrics> database = MetricsQueries(session).read();
            if (!database)
                qCDebug(lcCosts) << "/metrics without the database part:" << database.error().message;
            return HttpResponse::text(render(process, database), PrometheusText::kContentType);
        }));
    });
}

} // namespace sb
