#include "jobroutes.h"

#include "httpserver.h"

#include "storage/jobs.h"
#include "storage/storage.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace sb {

namespace {

using Method = HttpServer::Method;

Result<JobFilter> jobFilterFrom(const QUrlQuery &query)
{
    JobFilter filter;
    filter.callSid = query.queryItemValue(u"call_sid"_s, QUrl::FullyDecoded).trimmed();
    filter.state = query.queryItemValue(u"state"_s, QUrl::FullyDecoded).trimmed();
    if (!filter.state.isEmpty() && !jobs::states().contains(filter.state))
        return invalidInput(u"state must be one of "_s + jobs::states().join(u", "_s) + u", not \""_s
                            + filter.state.left(40) + u'"');
    if (query.hasQueryItem(u"limit"_s)) {
        const QString text = query.queryItemValue(u"limit"_s);
        bool ok = false;
        filter.limit = text.toInt(&ok);
        if (!ok || filter.limit < 1 || filter.limit > 1000)
            return invalidInput(u"limit must be a whole number from 1 to 1000, not \""_s + text.left(40) + u'"');
    }
    return filter;
}

Result<bool> forceFrom(const HttpRequest &request)
{
    auto json = request.jsonObject();
    if (!json)
        return json.error();
    const QJsonValue force = json->value(u"force");
    if (force.isUndefined() || force.isNull())
        return false;
    if (!force.isBool())
        return invalidInput(u"force must be true or false"_s);
    return force.toBool();
}

} // namespace

void addJobRoutes(HttpServer &server, Storage &storage, const ApiTokens &tokens, JobRouteSettings settings)
{
    server.route(Method::Get, u"/api/jobs"_s, [&storage, &tokens](HttpRequest &&request, HttpResponder &&responder) {
        if (auto role = tokens.authorize(request.header("Authorization"), Access::Read); !role)
            return responder.send(HttpResponse::error(role.error()));
        auto filter = jobFilterFrom(request.query);
        if (!filter)
            return responder.send(HttpResponse::error(filter.error()));
        std::move(responder).sendWhenReady(storage.run([filter = *filter](StorageSession &session) -> HttpResponse {
            auto jobs = Jobs(session).list(filter);
            if (!jobs)
                return HttpResponse::error(jobs.error());
            QJsonArray list;
            for (const Job &job : *jobs)
                list.append(job.toJson());
            return HttpResponse::json(QJsonObject{{u"jobs"_s, list}});
        }));
    });

    server.route(Method::Post, u"/api/calls/{sid}/reprocess"_s,
                 [&storage, &tokens, settings](HttpRequest &&request, HttpResponder &&responder) {
        auto role = tokens.authorize(request.header("Authorization"), Access::Administer);
        if (!role)
            return responder.send(HttpResponse::error(role.error()));
        auto force = forceFrom(request);
        if (!force)
            return responder.send(HttpResponse::error(force.error()));
        std::move(responder).sendWhenReady(storage.run(
            [sid = request.pathParameter(u"sid"_s), force = *force, by = roleName(*role), settings](StorageSession &session) -> HttpResponse {
                auto outcome = Jobs(session).requestReprocess(sid, force, by, settings.maxAttempts);
                if (!outcome)
                    return HttpResponse::error(outcome.error());
                if (outcome->created && settings.wake)
                    settings.wake();
                return HttpResponse::json(QJsonObject{{u"job"_s, outcome->job.toJson()}, {u"created"_s, outcome->created}}, 202);
            }));
    });
}

} // namespace sb
