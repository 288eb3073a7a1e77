#pragma once

namespace sb {

class HttpServer;
class MediaStreamServer;
class Storage;
class TwilioRestClient;
struct IngressCounters;

/// What `/metrics` reads. The objects live on the I/O thread and outlive the route. Storage is
/// required; a null counter source (a part not running) leaves its metrics out.
struct MetricsSources
{
    Storage *storage = nullptr;
    const IngressCounters *ingress = nullptr;
    const HttpServer *http = nullptr;
    const MediaStreamServer *media = nullptr;
    const TwilioRestClient *twilio = nullptr;
};

/**
 * @brief `GET /metrics` in the Prometheus text format 0.0.4 (no token, like /healthz).
 *
 * The process's own counters are read on the I/O thread when the request arrives; the database
 * part (calls by status and bucket, jobs by state, dedup decisions by layer, estimated cost) is
 * read on a storage thread, so the I/O thread never waits for it. If the database does not
 * answer, the process's counters are still served, with `switchboard_database_up 0`.
 */
void addMetricsRoute(HttpServer &server, MetricsSources sources);

} // namespace sb
