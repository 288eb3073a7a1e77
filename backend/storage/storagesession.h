#pragma once

#include "shared/callevent.h"
#include "shared/clock.h"
#include "shared/costpolicy.h"
#include "databaseurl.h"
#include "shared/result.h"

#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <functional>
#include <initializer_list>
#include <utility>

namespace sb {

/// A named value bound to a `:name` placeholder.
using SqlBinding = std::pair<QString, QVariant>;

/**
 * @brief What a storage thread hands to each task: its own connection, the dialect and the clock.
 *
 * Lives on one storage thread and must only be used there (QSqlDatabase connections are per
 * thread). Repositories are small classes constructed on a session for the duration of a task.
 * The session also collects the timeline events of the open transaction; they are published
 * (Storage::eventsAppended) only once the outermost transaction committed.
 */
class StorageSession
{
public:
    using Publisher = std::function<void(const QList<CallEvent> &)>;

    StorageSession(QString connectionName, SqlDialect dialect, const Clock &clock, Publisher publisher = {});
    StorageSession(const StorageSession &) = delete;
    StorageSession &operator=(const StorageSession &) = delete;

    /// How to open this thread's connection again once the database dropped it.
    void setReconnect(std::function<Result<void>()> reconnect) { m_reconnect = std::move(reconnect); }

    /// The cost policy's thresholds and rate card (detail::recomputeCost).
    void setCostSettings(const CostSettings &settings) { m_costSettings = settings; }
    const CostSettings &costSettings() const { return m_costSettings; }

    SqlDialect dialect() const { return m_dialect; }
    const Clock &clock() const { return m_clock; }
    qint64 nowMs() const { return m_clock.nowMs(); }
    /// This thread's connection.
    QSqlDatabase database() const;

    /**
     * Prepares @p sql, binds @p bindings by `:name` and executes it. A failure becomes an
     * Unavailable error (connection lost) or an Internal one (a statement the schema rejects),
     * with the driver's text on one line.
     */
    Result<QSqlQuery> exec(const QString &sql, std::initializer_list<SqlBinding> bindings = {});
    /// Same with bindings built at run time.
    Result<QSqlQuery> exec(const QString &sql, const QList<SqlBinding> &bindings);
    /// Executes @p sql as is (no placeholders): pragmas, transaction control, migration text.
    Result<void> execRaw(const QString &sql);
    /**
     * Executes @p sql, a query whose text changes from one call to the next (a list of ids
     * written into it), without preparing it or keeping it: one round trip, planned for the
     * values it names, and no one-off statement crowds the cache of the prepared ones.
     */
    Result<QSqlQuery> execOneOff(const QString &sql);

    /// Whether a transaction is open on this session (see Transaction).
    bool inTransaction() const { return m_depth > 0; }

    /// Called by the timeline writer: @p event becomes visible when the transaction commits.
    void addPendingEvent(CallEvent event);
    /// After one statement run outside a transaction (autocommit): its events are durable now.
    void markCommitted() { m_committed.append(std::exchange(m_pending, {})); }
    /// Publishes the events of committed transactions; the storage thread calls it after each task.
    void publishCommitted();

    /// Ends every cached statement's result set (they stay prepared). Called before COMMIT and
    /// after each task, so no statement holds a read open across transactions.
    void finishStatements();
    /// Forgets the cached statements (the connection is about to close).
    void dropStatements() { m_statements.clear(); }

private:
    friend class Transaction;

    QString m_connectionName;
    SqlDialect m_dialect;
    const Clock &m_clock;
    Publisher m_publisher;
    int m_depth = 0;
    bool m_rollbackOnly = false;
    QList<CallEvent> m_pending;
    QList<CallEvent> m_committed;
    /// Prepared statements by SQL text: preparing costs a round trip (PostgreSQL) each time.
    QHash<QString, QSqlQuery> m_statements;
    std::function<Result<void>()> m_reconnect;
    CostSettings m_costSettings;
    QSqlError m_lastError; ///< of the last failed statement, for the reconnect decision

    /// A statement failed because the connection is gone, outside a transaction: reconnects.
    bool reconnectAfter(const QSqlError &error);
    Result<QSqlQuery> execOnce(const QString &sql, const QList<SqlBinding> &bindings);
};

/**
 * @brief RAII write transaction: rolls back unless commit() succeeded.
 *
 * SQLite: `BEGIN IMMEDIATE`, so the write lock is taken up front and concurrent writers wait
 * (busy_timeout) instead of failing at commit. PostgreSQL: a plain `BEGIN`. Nested use joins the
 * outer transaction; an inner one that is not committed makes the outer commit fail.
 */
class Transaction
{
public:
    /// Opens a transaction (or joins the open one) on @p session.
    static Result<Transaction> begin(StorageSession &session);

    Transaction(Transaction &&other) noexcept;
    Transaction &operator=(Transaction &&) = delete;
    Transaction(const Transaction &) = delete;
    ~Transaction();

    /// Commits (the outermost level only); afterwards the transaction is finished either way.
    Result<void> commit();

private:
    explicit Transaction(StorageSession &session) : m_session(&session) { }
    void rollback();

    StorageSession *m_session = nullptr;
    bool m_finished = false;
};

/// QVariant() (SQL NULL) for an empty string, the string otherwise.
QVariant nullIfEmpty(const QString &text);

} // namespace sb
