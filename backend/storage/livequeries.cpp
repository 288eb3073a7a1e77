#include "livequeries.h"

#include "storagedetail.h"

#include "shared/callenums.h"

#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace sb {

namespace {

/// `1,2,3` for `IN (…)`: integers only, so the list can be part of the statement text.
QString idList(const QList<qint64> &ids)
{
    QStringList parts;
    parts.reserve(ids.size());
    for (qint64 id : ids)
        parts << QString::number(id);
    return parts.join(u',');
}

QString finalStatuses()
{
    QStringList names;
    for (CallStatus status : {CallStatus::Completed, CallStatus::Busy, CallStatus::Failed, CallStatus::NoAnswer,
                              CallStatus::Canceled})
        names << u'\'' + toString(status) + u'\'';
    return names.join(u',');
}

} // namespace

Result<QList<Call>> LiveQueries::liveAndRecent(int recentLimit, qint64 activeWithinMs)
{
    QList<Call> calls;
    QSet<qint64> seen;
    auto active = m_session.exec(u"SELECT "_s + detail::callColumns() + u" FROM calls WHERE status NOT IN ("_s
                                     + finalStatuses() + u") AND created_at >= :since ORDER BY id DESC LIMIT :limit"_s,
                                 {{u":since"_s, m_session.nowMs() - activeWithinMs}, {u":limit"_s, recentLimit}});
    if (!active)
        return active.error();
    while (active.value().next()) {
        calls.append(detail::callFromRow(*active));
        seen.insert(calls.constLast().id);
    }
    auto recent = m_session.exec(u"SELECT "_s + detail::callColumns() + u" FROM calls ORDER BY id DESC LIMIT :limit"_s,
                                 {{u":limit"_s, recentLimit}});
    if (!recent)
        return recent.error();
    while (recent.value().next()) {
        Call call = detail::callFromRow(*recent);
        if (!seen.contains(call.id))
            calls.append(std::move(call));
    }
    std::sort(calls.begin(), calls.end(), [](const Call &a, const Call &b) { return a.id > b.id; });
    return calls;
}

Result<QList<Call>> LiveQueries::callsByIds(const QList<qint64> &ids)
{
    QList<Call> calls;
    if (ids.isEmpty())
        return calls;
    // A text per list, so one-off: a prepared statement for a list bound as one parameter would
    // keep the plan made while the table was small (a full scan) long after it grew.
    auto query = m_session.execOneOff(u"SELECT "_s + detail::callColumns() + u" FROM calls WHERE id IN ("_s
                                      + idList(ids) + u") ORDER BY id"_s);
    if (!query)
        return query.error();
    while (query.value().next())
        calls.append(detail::callFromRow(*query));
    return calls;
}

Result<QList<CallEvent>> LiveQueries::eventsByIds(const QList<qint64> &ids)
{
    QList<CallEvent> events;
    if (ids.isEmpty())
        return events;
    auto query = m_session.execOneOff(u"SELECT "_s + detail::eventColumns() + u" FROM call_events WHERE id IN ("_s
                                      + idList(ids) + u") ORDER BY id"_s);
    if (!query)
        return query.error();
    while (query.value().next())
        events.append(detail::eventFromRow(*query));
    return events;
}

Result<QHash<qint64, QString>> LiveQueries::businessNames()
{
    auto query = m_session.exec(u"SELECT id, name FROM businesses"_s);
    if (!query)
        return query.error();
    QHash<qint64, QString> names;
    while (query.value().next())
        names.insert(query.value().value(0).toLongLong(), query.value().value(1).toString());
    return names;
}

Result<void> LiveQueries::notify(const QString &channel, const QString &payload)
{
    if (m_session.dialect() != SqlDialect::PostgreSQL)
        return {};
    auto query = m_session.exec(u"SELECT pg_notify(:channel, :payload)"_s,
                                {{u":channel"_s, channel}, {u":payload"_s, payload}});
    if (!query)
        return query.error();
    return {};
}

} // namespace sb
