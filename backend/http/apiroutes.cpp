#include "apiroutes.h"

#include "httpserver.h"
#include "queryparameters.h"

#include "storage/callqueries.h"
#include "storage/storage.h"

#include <QJsonArray>

namespace sb {

namespace {

using Method = HttpServer::Method;

Result<CallFilter> filterFrom(const QUrlQuery &query)
{
    CallFilter filter;
    if (query.hasQueryItem(QStringLiteral("business_id"))) {
        auto business = integerParameter(query, QStringLiteral("business_id"), 0, 1, std::numeric_limits<int>::max());
        if (!business)
            return business.error();
        filter.businessId = *business;
    }
    if (query.hasQueryItem(QStringLiteral("status"))) {
        auto status = parseEnum<CallStatus>(query.queryItemValue(QStringLiteral("status")));
        if (!status)
            return invalidInput(QStringLiteral("status: ") + status.error().message);
        filter.status = *status;
    }
    filter.text = query.queryItemValue(QStringLiteral("q"), QUrl::FullyDecoded).trimmed();
    if (query.hasQueryItem(QStringLiteral("since"))) {
        const QString text = query.queryItemValue(QStringLiteral("since"), QUrl::FullyDecoded);
        filter.since = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (!filter.since.isValid())
            return invalidInput(QStringLiteral("since must be an ISO 8601 time, not \"%1\"").arg(text.left(40)));
    }
    auto limit = integerParameter(query, QStringLiteral("limit"), 50, 1, 1000);
    if (!limit)
        return limit.error();
    auto offset = integerParameter(query, QStringLiteral("offset"), 0, 0, std::numeric_limits<int>::max());
    if (!offset)
        return offset.error();
    filter.limit = *limit;
    filter.offset = *offset;
    return filter;
}

} // namespace

void addCallApiRoutes(HttpServer &server, Storage &storage, const ApiTokens &tokens)
{
    server.route(Method::Get, QStringLiteral("/api/calls"), [&storage, &tokens](HttpRequest &&request, HttpResponder &&responder) {
        if (auto role = tokens.authorize(request.header("Authorization"), Access::Read); !role)
            return responder.send(HttpResponse::error(role.error()));
        auto filter = filterFrom(request.query);
        if (!filter)
            return responder.send(HttpResponse::error(filter.error()));
        std::move(responder).sendWhenReady(
            storage.run([filter = *filter](StorageSession &session) -> HttpResponse {
                auto page = CallQueries(session).list(filter);
                if (!page)
                    return HttpResponse::error(page.error());
                QJsonArray calls;
                for (const Call &call : page->calls)
                    calls.append(call.toJson());
                return HttpResponse::json(QJsonObject{{QStringLiteral("calls"), calls},
                                                      {QStringLiteral("total"), page->total},
                                                      {QStringLiteral("limit"), filter.limit},
                                                      {QStringLiteral("offset"), filter.offset}});
            }));
    });

    server.route(Method::Get, QStringLiteral("/api/calls/{sid}"), [&storage, &tokens](HttpRequest &&request, HttpResponder &&responder) {
        if (auto role = tokens.authorize(request.header("Authorization"), Access::Read); !role)
            return responder.send(HttpResponse::error(role.error()));
        std::move(responder).sendWhenReady(
            storage.run([sid = request.pathParameter(QStringLiteral("sid"))](StorageSession &session) -> HttpResponse {
                auto call = CallQueries(session).findBySid(sid);
                return call ? HttpResponse::json(call->toJson()) : HttpResponse::error(call.error());
            }));
    });

    server.route(Method::Get, QStringLiteral("/api/calls/{sid}/events"), [&storage, &tokens](HttpRequest &&request, HttpResponder &&responder) {
        if (auto role = tokens.authorize(request.header("Authorization"), Access::Read); !role)
            return responder.send(HttpResponse::error(role.error()));
        auto afterId = integerParameter(request.query, QStringLiteral("after_id"), 0, 0, std::numeric_limits<int>::max());
        auto limit = integerParameter(request.query, QStringLiteral("limit"), 500, 1, 5000);
        if (!afterId || !limit)
            return responder.send(HttpResponse::error(!afterId ? afterId.error() : limit.error()));
        std::move(responder).sendWhenReady(storage.run(
            [sid = request.pathParameter(QStringLiteral("sid")), after = *afterId, max = *limit](StorageSession &session) -> HttpResponse {
                CallQueries queries(session);
                auto call = queries.findBySid(sid);
                if (!call)
                    return HttpResponse::error(call.error());
                auto events = queries.events(call->id, after, max);
                if (!events)
                    return HttpResponse::error(events.error());
                QJsonArray list;
                for (const CallEvent &event : *events)
                    list.append(event.toJson());
                return HttpResponse::json(QJsonObject{{QStringLiteral("call_sid"), sid}, {QStringLiteral("events"), list}});
            }));
    });
}

} // namespace sb
