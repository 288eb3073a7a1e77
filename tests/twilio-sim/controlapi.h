#pragma once

#include "http/httpserver.h"

namespace sb::sim {

class Simulator;

/**
 * @brief The simulator's own endpoints, under `/sim/` (no auth; a test tool on loopback).
 *
 * - `GET /sim/stats`: REST requests by endpoint, webhooks by kind, stream and frame counts.
 * - `GET /sim/calls`: every call with its state, the events sent and its stream connects.
 * - `POST /sim/reset`: forget calls, recordings, counts and faults.
 * - `GET|POST /sim/faults`: `{"faults": [...]}` arms faults for REST and REST-created calls.
 * - `POST /sim/inbound`: `{"count", "rate_per_sec", "concurrency", "faults", "stream_seconds",
 *   "to", "from", "voice_url", "status_callback", "status_events"}` places inbound calls.
 */
class ControlApi
{
public:
    ControlApi(Simulator &simulator, HttpServer &server);

private:
    HttpResponse inbound(const HttpRequest &request);

    Simulator &m_simulator;
};

} // namespace sb::sim
