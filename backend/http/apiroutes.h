#pragma once

#include "apitokens.h"

namespace sb {

class HttpServer;
class Storage;

/**
 * @brief The read API over calls: `GET /api/calls` (filters, paging), `GET /api/calls/{sid}`,
 * `GET /api/calls/{sid}/events` (its timeline). Bearer tokens; viewer or above.
 *
 * JSON uses the field names of DESIGN.md section 3 (Call::toJson).
 */
void addCallApiRoutes(HttpServer &server, Storage &storage, const ApiTokens &tokens);

} // namespace sb
