#include "outboundroutes.h"

#include "apitokens.h"
#include "httpserver.h"
#include "requestbodies.h"

#include "calls/outboundcallservice.h"
#include "storage/businesses.h"
#include "storage/dedupdecisions.h"
#include "storage/storage.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace sb {

namespace {

using Method = HttpServer::Method;

QJsonObject businessJson(const Business &business)
{
    return {{u"id"_s, business.id},
            {u"name"_s, business.name},
            {u"caller_number"_s, business.callerNumber.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(business.callerNumber)},
            {u"prompt"_s, business.prompt.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(business.prompt)},
            {u"created_at"_s, business.createdAt.toString(Qt::ISODateWithMs)}};
}

} // namespace

void addOutboundRoutes(HttpServer &server, OutboundCallService &service, Storage &storage, const ApiTokens &tokens)
{
    server.route(Method::Post, u"/api/outbound/call"_s, [&service, &tokens](HttpRequest &&request, HttpResponder &&responder) {
        if (auto role = tokens.authorize(request.header("Authorization"), Access::PlaceCalls); !role)
            return responder.send(HttpResponse::error(role.error()));
        auto outbound = parseOutboundCallBody(request.body);
        if (!outbound)
            return responder.send(HttpResponse::error(outbound.error()));
        auto shared = std::make_shared<HttpResponder>(std::move(responder));
        service.place(*outbound, [shared](const Result<OutboundResult> &result) {
            if (!result)
                return shared->send(HttpResponse::error(result.error()));
            shared->send(HttpResponse::json(result->toJson(), result->duplicate ? 200 : 201));
        });
    });

    server.route(Method::Get, u"/api/businesses"_s, [&storage, &tokens](HttpRequest &&request, HttpResponder &&responder) {
        if (auto role = tokens.authorize(request.header("Authorization"), Access::Administer); !role)
            return responder.send(HttpResponse::error(role.error()));
        std::move(responder).sendWhenReady(storage.run([](StorageSession &session) -> HttpResponse {
            auto businesses = Businesses(session).list();
            if (!businesses)
                return HttpResponse::error(businesses.error());
            QJsonArray list;
            for (const Business &business : *businesses)
                list.append(businessJson(business));
            return HttpResponse::json(QJsonObject{{u"businesses"_s, list}});
        }));
    });

    server.route(Method::Post, u"/api/businesses"_s, [&storage, &tokens](HttpRequest &&request, HttpResponder &&responder) {
        if (auto role = tokens.authorize(request.header("Authorization"), Access::Administer); !role)
            return responder.send(HttpResponse::error(role.error()));
        auto business = parseNewBusinessBody(request.body);
        if (!business)
            return responder.send(HttpResponse::error(business.error()));
        std::move(responder).sendWhenReady(
            storage.run([business = *business](StorageSession &session) -> HttpResponse {
                auto created = Businesses(session).create(business.name, business.callerNumber, business.prompt);
                return created ? HttpResponse::json(businessJson(*created), 201) : HttpResponse::error(created.error());
            }));
    });

    server.route(Method::Get, u"/api/dedup/recent"_s, [&storage, &tokens](HttpRequest &&request, HttpResponder &&responder) {
        if (auto role = tokens.authorize(request.header("Authorization"), Access::Read); !role)
            return responder.send(HttpResponse::error(role.error()));
        int limit = 100;
        if (request.query.hasQueryItem(u"limit"_s)) {
            bool ok = false;
            limit = request.query.queryItemValue(u"limit"_s).toInt(&ok);
            if (!ok || limit < 1 || limit > 10000)
                return responder.send(HttpResponse::error(invalidInput(u"limit must be a whole number from 1 to 10000"_s)));
        }
        std::move(responder).sendWhenReady(storage.run([limit](StorageSession &session) -> HttpResponse {
            auto decisions = DedupDecisions(session).recent(limit);
            if (!decisions)
                return HttpResponse::error(decisions.error());
            QJsonArray list;
            for (const DedupDecision &decision : *decisions)
                list.append(decision.toJson());
            return HttpResponse::json(QJsonObject{{u"decisions"_s, list}});
        }));
    });

    server.route(Method::Get, u"/api/dedup/cache"_s, [&service, &tokens](HttpRequest &&request, HttpResponder &&responder) {
        if (auto role = tokens.authorize(request.header("Authorization"), Access::Read); !role)
            return responder.send(HttpResponse::error(role.error()));
        QJsonArray entries;
        DedupCache &cache = service.cache();
        for (const DedupCacheEntry &entry : cache.entries()) {
            entries.append(QJsonObject{
                {u"key"_s, entry.key},
                {u"business_id"_s, entry.businessId},
                {u"number"_s, entry.number},
                {u"call_id"_s, entry.callId > 0 ? QJsonValue(entry.callId) : QJsonValue(QJsonValue::Null)},
                {u"call_sid"_s, entry.callSid.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(entry.callSid)},
                {u"status"_s, entry.status},
                {u"pending"_s, entry.pending},
                {u"ttl_left_ms"_s, cache.remainingMs(entry)}});
        }
        responder.send(HttpResponse::json(QJsonObject{{u"ttl_ms"_s, cache.ttlMs()},
                                                      {u"entries"_s, entries},
                                                      {u"counters"_s, service.counters().toJson()},
                                                      {u"calls_per_second"_s, service.pacer().callsPerSecond()},
                                                      {u"queued"_s, service.pacer().queued()}}));
    });
}

} // namespace sb
