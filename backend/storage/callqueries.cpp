#include "callqueries.h"

#include "storagedetail.h"

using namespace Qt::StringLiterals;

namespace sb {

Result<Call> CallQueries::findBySid(const QString &callSid)
{
    if (callSid.isEmpty())
        return invalidInput(u"empty call_sid"_s);
    auto query = m_session.exec(u"SELECT "_s + detail::callColumns() + u" FROM calls WHERE call_sid = :sid"_s,
                                {{u":sid"_s, callSid}});
    if (!query)
        return query.error();
    if (!query.value().next())
        return notFound(u"no call with call_sid "_s + callSid);
    return detail::callFromRow(*query);
}

Result<Call> CallQueries::findById(qint64 callId)
{
    return detail::loadCall(m_session, callId);
}

Result<CallPage> CallQueries::list(const CallFilter &filter)
{
    if (filter.limit < 1 || filter.limit > 1000)
        return invalidInput(u"limit must be 1..1000"_s);
    if (filter.offset < 0)
        return invalidInput(u"offset must not be negative"_s);

    QStringList where;
    QList<SqlBinding> bindings;
    if (filter.businessId) {
        where << u"business_id = :business"_s;
        bindings.append({u":business"_s, *filter.businessId});
    }
    if (filter.status) {
        where << u"status = :status"_s;
        bindings.append({u":status"_s, toString(*filter.status)});
    }
    if (!filter.text.isEmpty()) {
        // LIKE wildcards typed by the user are searched for literally.
        QString escaped = filter.text.toLower();
        escaped.replace(u'\\', u"\\\\"_s).replace(u'%', u"\\%"_s).replace(u'_', u"\\_"_s);
        const QString pattern = u'%' + escaped + u'%';
        QStringList any;
        int n = 0;
        for (const QString &column : {u"call_sid"_s, u"to_number"_s, u"from_number"_s, u"lead_id"_s}) {
            const QString name = u":text"_s + QString::number(n++);
            any << u"LOWER(COALESCE("_s + column + u", '')) LIKE "_s + name + u" ESCAPE '\\'"_s;
            bindings.append({name, pattern});
        }
        where << u'(' + any.join(u" OR "_s) + u')';
    }
    if (filter.since.isValid()) {
        where << u"created_at >= :since"_s;
        bindings.append({u":since"_s, filter.since.toMSecsSinceEpoch()});
    }
    const QString whereSql = where.isEmpty() ? QString() : u" WHERE "_s + where.join(u" AND "_s);

    CallPage page;
    {
        auto count = m_session.exec(u"SELECT COUNT(*) FROM calls"_s + whereSql, bindings);
        if (!count)
            return count.error();
        if (count.value().next())
            page.total = count.value().value(0).toLongLong();
    }
    QList<SqlBinding> pageBindings = bindings;
    pageBindings.append({u":limit"_s, filter.limit});
    pageBindings.append({u":offset"_s, filter.offset});
    auto rows = m_session.exec(u"SELECT "_s + detail::callColumns() + u" FROM calls"_s + whereSql
                                   + u" ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset"_s,
                               pageBindings);
    if (!rows)
        return rows.error();
    while (rows.value().next())
        page.calls.append(detail::callFromRow(*rows));
    return page;
}

Result<QList<CallEvent>> CallQueries::events(qint64 callId, qint64 afterId, int limit)
{
    if (limit < 1 || limit > 10'000)
        return invalidInput(u"limit must be 1..10000"_s);
    auto query = m_session.exec(u"SELECT "_s + detail::eventColumns()
                                    + u" FROM call_events WHERE call_id = :call AND id > :after ORDER BY id LIMIT :limit"_s,
                                {{u":call"_s, callId}, {u":after"_s, afterId}, {u":limit"_s, limit}});
    if (!query)
        return query.error();
    QList<CallEvent> events;
    while (query.value().next())
        events.append(detail::eventFromRow(*query));
    return events;
}

} // namespace sb
