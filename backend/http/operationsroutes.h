#pragma once

#include "shared/result.h"

#include <QFuture>

#include <functional>

namespace sb {

class HttpServer;

/// Answers whether the backend can do its work (the database answers). Runs off the I/O thread.
using ReadinessProbe = std::function<QFuture<Result<void>>()>;

/// `GET /healthz` (the process serves; touches nothing) and `GET /readyz` (the probe passes).
void addOperationsRoutes(HttpServer &server, ReadinessProbe readiness);

} // namespace sb
