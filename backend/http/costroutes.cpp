#include "costroutes.h"

#include "httpserver.h"
#include "queryparameters.h"

#include "storage/businesses.h"
#include "storage/costreports.h"
#include "storage/storage.h"

using namespace Qt::StringLiterals;

namespace sb {

void addCostRoutes(HttpServer &server, Storage &storage, const ApiTokens &tokens, const AlertThresholds &thresholds)
{
    server.route(HttpServer::Method::Get, u"/api/costs/summary"_s,
                 [&storage, &tokens, thresholds](HttpRequest &&request, HttpResponder &&responder) {
        if (auto role = tokens.authorize(request.header("Authorization"), Access::Read); !role)
            return responder.send(HttpResponse::error(role.error()));
        QUrlQuery query = request.query;
        for (const QString &name : {u"business_id"_s, u"days"_s}) {
            if (query.hasQueryItem(name) && query.queryItemValue(name).isEmpty())
                query.removeAllQueryItems(name); // `?business_id=&days=`: the defaults
        }
        auto business = integerParameter(query, u"business_id"_s, 0, 1, std::numeric_limits<int>::max());
        auto days = integerParameter(query, u"days"_s, 7, 1, CostReports::kMaxDays);
        if (!business || !days)
            return responder.send(HttpResponse::error(!business ? business.error() : days.error()));
        const std::optional<qint64> businessId = *business > 0 ? std::optional<qint64>(*business) : std::nullopt;
        std::move(responder).sendWhenReady(
            storage.run([businessId, days = *days, thresholds](StorageSession &session) -> HttpResponse {
                if (businessId) {
                    if (auto known = Businesses(session).find(*businessId); !known)
                        return HttpResponse::error(known.error());
                }
                auto summary = CostReports(session).summary(businessId, days, thresholds);
                return summary ? HttpResponse::json(summary->toJson()) : HttpResponse::error(summary.error());
            }));
    });
}

} // namespace sb
