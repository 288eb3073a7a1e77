#pragma once

namespace sb {

class ApiTokens;
class HttpServer;
class OutboundCallService;
class Storage;

/**
 * `POST /api/outbound/call` (dialer or admin), `GET|POST /api/businesses` (admin),
 * `GET /api/dedup/recent` and `GET /api/dedup/cache` (viewer and above).
 */
void addOutboundRoutes(HttpServer &server, OutboundCallService &service, Storage &storage, const ApiTokens &tokens);

} // namespace sb
