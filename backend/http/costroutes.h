#pragma once

#include "apitokens.h"

#include "shared/alerts.h"

namespace sb {

class HttpServer;
class Storage;

/**
 * @brief `GET /api/costs/summary?business_id=&days=`: the CostSummary of one business (all when
 * `business_id` is absent or empty) over the last `days` UTC days (default 7, 1–366), evaluated
 * against @p thresholds. Bearer tokens; viewer or above. An unknown business is 404.
 */
void addCostRoutes(HttpServer &server, Storage &storage, const ApiTokens &tokens, const AlertThresholds &thresholds);

} // namespace sb
