#pragma once

#include "apitokens.h"

#include "shared/job.h"

#include <functional>

namespace sb {

class HttpServer;
class Storage;

/// What the job routes need besides storage and tokens.
struct JobRouteSettings
{
    int maxAttempts = Job::kDefaultMaxAttempts; ///< of the jobs reprocessing creates
    std::function<void()> wake;   ///< tells the local workers a job is waiting (may be empty)
};

/**
 * @brief The job API: `GET /api/jobs?call_sid=&state=&limit=` (viewer or above) →
 * `{"jobs": [...]}` newest first; `POST /api/calls/{sid}/reprocess` with `{"force": bool}`
 * (admin only) → 202 `{"job", "created"}`. Who asked goes on the call's timeline; the outcome
 * follows as the job's `job_changed` events.
 */
void addJobRoutes(HttpServer &server, Storage &storage, const ApiTokens &tokens, JobRouteSettings settings);

} // namespace sb
