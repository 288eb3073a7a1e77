#include "storagesession.h"

#include <QSqlDriver>
#include <QSqlError>

#include "shared/logging.h"

using namespace Qt::StringLiterals;

namespace sb {

namespace {

/// The driver's error as one line: drivers put the client and server texts on several lines.
QString oneLine(const QSqlError &error)
{
    QString text = error.text().simplified();
    return text.isEmpty() ? u"unknown database error"_s : text;
}

/// The connection itself is gone: PostgreSQL's connection-exception (08) and shutdown (57P0x)
/// states, or a socket the server closed.
bool isConnectionLoss(const QSqlError &error)
{
    const QString state = error.nativeErrorCode();
    const QString text = error.text();
    return error.type() == QSqlError::ConnectionError || state.startsWith(u"08") || state.startsWith(u"57P0")
           || text.contains(u"server closed the connection") || text.contains(u"no connection to the server")
           || text.contains(u"terminating connection");
}

Error sqlError(const QSqlError &error, const QString &sql)
{
    const ErrorCode code = isConnectionLoss(error) ? ErrorCode::Unavailable : ErrorCode::Internal;
    return Error{code, oneLine(error) + u" (in: "_s + sql.simplified().left(120) + u')'};
}

} // namespace

StorageSession::StorageSession(QString connectionName, SqlDialect dialect, const Clock &clock, Publisher publisher)
    : m_connectionName(std::move(connectionName))
    , m_dialect(dialect)
    , m_clock(clock)
    , m_publisher(std::move(publisher))
{
}

QSqlDatabase StorageSession::database() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

Result<QSqlQuery> StorageSession::exec(const QString &sql, std::initializer_list<SqlBinding> bindings)
{
    return exec(sql, QList<SqlBinding>(bindings));
}

Result<QSqlQuery> StorageSession::exec(const QString &sql, const QList<SqlBinding> &bindings)
{
    auto result = execOnce(sql, bindings);
    if (!result && reconnectAfter(m_lastError))
        result = execOnce(sql, bindings);
    return result;
}

bool StorageSession::reconnectAfter(const QSqlError &error)
{
    // Inside a transaction the work so far is lost with the connection: that task fails, and
    // the next one (its BEGIN runs outside any transaction) reconnects.
    if (!m_reconnect || m_depth > 0 || !isConnectionLoss(error))
        return false;
    m_statements.clear();
    auto reconnected = m_reconnect();
    if (!reconnected)
        qCWarning(lcStorage) << "the database connection was lost and could not be opened again:"
                             << reconnected.error().message;
    else
        qCInfo(lcStorage) << "the database connection was lost and has been opened again";
    return reconnected.ok();
}

Result<QSqlQuery> StorageSession::execOnce(const QString &sql, const QList<SqlBinding> &bindings)
{
    constexpr qsizetype kMaxStatements = 256; // statements are fixed texts; this only bounds mistakes
    auto cached = m_statements.find(sql);
    if (cached == m_statements.end()) {
        if (m_statements.size() >= kMaxStatements)
            m_statements.clear();
        QSqlQuery query(database());
        query.setForwardOnly(true);
        if (!query.prepare(sql)) {
            m_lastError = query.lastError();
            return sqlError(m_lastError, sql);
        }
        cached = m_statements.insert(sql, query);
    }
    QSqlQuery &query = *cached;
    for (const auto &[name, value] : bindings)
        query.bindValue(name, value);
    if (!query.exec()) {
        const QSqlError error = query.lastError();
        m_lastError = error;
        if (error.type() == QSqlError::ConnectionError)
            m_statements.clear(); // prepared on a connection that is gone
        else
            query.finish();
        return sqlError(error, sql);
    }
    // The copy shares the cached statement (Qt deprecates copying QSqlQuery for that reason):
    // callers read it before running the same SQL again, which every repository does.
    QT_WARNING_PUSH
    QT_WARNING_DISABLE_DEPRECATED
    return query;
    QT_WARNING_POP
}

void StorageSession::finishStatements()
{
    for (QSqlQuery &query : m_statements)
        query.finish();
}

Result<void> StorageSession::execRaw(const QString &sql)
{
    QSqlQuery query(database());
    if (query.exec(sql))
        return {};
    if (reconnectAfter(query.lastError())) {
        QSqlQuery retry(database());
        if (retry.exec(sql))
            return {};
        return sqlError(retry.lastError(), sql);
    }
    return sqlError(query.lastError(), sql);
}

Result<QSqlQuery> StorageSession::execOneOff(const QString &sql)
{
    const auto run = [this, &sql]() -> Result<QSqlQuery> {
        QSqlQuery query(database());
        query.setForwardOnly(true);
        if (query.exec(sql))
            return query;
        m_lastError = query.lastError();
        return sqlError(m_lastError, sql);
    };
    auto result = run();
    if (!result && reconnectAfter(m_lastError))
        result = run();
    return result;
}

void StorageSession::addPendingEvent(CallEvent event)
{
    m_pending.append(std::move(event));
}

void StorageSession::publishCommitted()
{
    if (m_committed.isEmpty())
        return;
    const QList<CallEvent> events = std::exchange(m_committed, {});
    if (m_publisher)
        m_publisher(events);
}

Result<Transaction> Transaction::begin(StorageSession &session)
{
    if (session.m_depth == 0) {
        const QString sql = session.dialect() == SqlDialect::SQLite ? u"BEGIN IMMEDIATE"_s : u"BEGIN"_s;
        if (auto begun = session.execRaw(sql); !begun)
            return begun.error();
        session.m_rollbackOnly = false;
        session.m_pending.clear();
    }
    ++session.m_depth;
    return Transaction(session);
}

Transaction::Transaction(Transaction &&other) noexcept
    : m_session(std::exchange(other.m_session, nullptr))
    , m_finished(std::exchange(other.m_finished, true))
{
}

Transaction::~Transaction()
{
    if (m_session && !m_finished)
        rollback();
}

Result<void> Transaction::commit()
{
    if (!m_session || m_finished)
        return Error{ErrorCode::Internal, u"commit on a finished transaction"_s};
    StorageSession &session = *m_session;
    if (session.m_depth > 1) {
        // An inner level only hands over to the outer one.
        m_finished = true;
        --session.m_depth;
        return {};
    }
    if (session.m_rollbackOnly) {
        rollback();
        return Error{ErrorCode::Internal, u"transaction rolled back: an inner step failed"_s};
    }
    session.finishStatements();
    if (auto committed = session.execRaw(u"COMMIT"_s); !committed) {
        rollback();
        return committed.error();
    }
    m_finished = true;
    session.m_depth = 0;
    session.m_committed.append(std::exchange(session.m_pending, {}));
    return {};
}

void Transaction::rollback()
{
    StorageSession &session = *m_session;
    m_finished = true;
    if (session.m_depth > 1) {
        --session.m_depth;
        session.m_rollbackOnly = true;
        return;
    }
    session.m_depth = 0;
    session.m_pending.clear();
    session.finishStatements();
    // A failed ROLLBACK (no transaction open after a failed COMMIT) leaves nothing to undo.
    (void)session.execRaw(u"ROLLBACK"_s);
}

QVariant nullIfEmpty(const QString &text)
{
    return text.isEmpty() ? QVariant() : QVariant(text);
}

} // namespace sb
