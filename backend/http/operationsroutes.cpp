#include "operationsroutes.h"

#include "httpserver.h"

namespace sb {

void addOperationsRoutes(HttpServer &server, ReadinessProbe readiness)
{
    server.route(HttpServer::Method::Get, QStringLiteral("/healthz"), [](const HttpRequest &) {
        return HttpResponse::json(QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")}});
    });
    server.route(HttpServer::Method::Get, QStringLiteral("/readyz"),
                 [readiness = std::move(readiness)](HttpRequest &&, HttpResponder &&responder) {
                     std::move(responder).sendWhenReady(
                         readiness().then(QtFuture::Launch::Sync, [](const Result<void> &ready) {
                             if (!ready) {
                                 return HttpResponse::error({ErrorCode::Unavailable,
                                                             QStringLiteral("not ready: ") + ready.error().message});
                             }
                             return HttpResponse::json(QJsonObject{{QStringLiteral("status"), QStringLiteral("ready")}});
                         }));
                 });
}

} // namespace sb
