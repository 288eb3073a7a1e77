#include "businesses.h"

#include "storagedetail.h"

using namespace Qt::StringLiterals;

namespace sb {

namespace {

const QString kColumns = u"id, name, caller_number, prompt, created_at"_s;

Business businessFromRow(const QSqlQuery &q)
{
    return Business{q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
                    detail::timeFromMs(q.value(4))};
}

} // namespace

Result<Business> Businesses::find(qint64 id)
{
    auto query = m_session.exec(u"SELECT "_s + kColumns + u" FROM businesses WHERE id = :id"_s, {{u":id"_s, id}});
    if (!query)
        return query.error();
    if (!query.value().next())
        return notFound(u"no business with id "_s + QString::number(id));
    return businessFromRow(*query);
}

Result<Business> Businesses::findByCallerNumber(const QString &number)
{
    auto query = m_session.exec(u"SELECT "_s + kColumns + u" FROM businesses WHERE caller_number = :number ORDER BY id LIMIT 1"_s,
                                {{u":number"_s, number}});
    if (!query)
        return query.error();
    if (!query.value().next())
        return notFound(u"no business answers "_s + number);
    return businessFromRow(*query);
}

Result<QList<Business>> Businesses::list()
{
    auto query = m_session.exec(u"SELECT "_s + kColumns + u" FROM businesses ORDER BY id"_s);
    if (!query)
        return query.error();
    QList<Business> businesses;
    while (query.value().next())
        businesses.append(businessFromRow(*query));
    return businesses;
}

Result<Business> Businesses::create(const QString &name, const QString &callerNumber, const QString &prompt)
{
    if (name.trimmed().isEmpty())
        return invalidInput(u"a business needs a name"_s);
    auto transaction = Transaction::begin(m_session);
    if (!transaction)
        return transaction.error();
    auto query = m_session.exec(u"INSERT INTO businesses (name, caller_number, prompt, created_at) "
                                "VALUES (:name, :caller, :prompt, :now) RETURNING id"_s,
                                {{u":name"_s, name.trimmed()}, {u":caller"_s, nullIfEmpty(callerNumber)},
                                 {u":prompt"_s, nullIfEmpty(prompt)}, {u":now"_s, m_session.nowMs()}});
    if (!query)
        return query.error();
    if (!query.value().next())
        return Error{ErrorCode::Internal, u"INSERT ... RETURNING id gave no row"_s};
    const qint64 id = query.value().value(0).toLongLong();
    query.value().finish();
    if (auto committed = transaction.value().commit(); !committed)
        return committed.error();
    return Business{id, name.trimmed(), callerNumber, prompt, m_session.clock().now()};
}

} // namespace sb
