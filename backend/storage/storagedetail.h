#pragma once

// Internal to backend/storage: row mapping, the timeline writer and the cost recompute shared by
// the repositories. Not for use outside the storage folder.

#include "shared/call.h"
#include "shared/callevent.h"
#include "shared/result.h"
#include "storagesession.h"

#include <QDateTime>
#include <QJsonObject>
#include <QSqlQuery>
#include <QStringList>

namespace sb::detail {

/// The select list matching callFromRow(), without a table prefix.
QString callColumns();
/// Reads the current row of a query that selected callColumns() first.
Call callFromRow(const QSqlQuery &query);

/// QDateTime (UTC) from a nullable epoch-milliseconds column.
QDateTime timeFromMs(const QVariant &value);
/// Epoch milliseconds, or NULL for an invalid time.
QVariant msOrNull(const QDateTime &time);

/**
 * Reads the call with @p callSid (NotFound if none). On PostgreSQL the row is locked
 * (`FOR UPDATE`) so read-modify-write steps of concurrent processes on one call serialise; on
 * SQLite the write transaction already holds the database lock. Call inside a Transaction.
 */
Result<Call> lockCallBySid(StorageSession &session, const QString &callSid);
/// Same by row id.
Result<Call> lockCallById(StorageSession &session, qint64 callId);
/// Reads a call by row id without locking.
Result<Call> loadCall(StorageSession &session, qint64 callId);

/**
 * Begins a transaction for one statement over many calls (a batch), found through the call_sid
 * index: on PostgreSQL sequential scans are off for it (a plan made while the table was small, or
 * without statistics, would scan and hash all of calls), and the calls named by @p lockedSids are
 * locked in call_sid order first, so two batches never wait on each other in a cycle. On SQLite
 * the write transaction holds the database: only the transaction.
 */
Result<Transaction> beginCallBatch(StorageSession &session, const QStringList &lockedSids);

/// An open write transaction and the call it has locked: how every write to one call begins.
struct LockedCall
{
    Transaction transaction;
    Call call;
};

/// Opens a write transaction (or joins the open one) and locks the call; NotFound (and nothing
/// kept) when there is no such call.
Result<LockedCall> beginWriteOnCall(StorageSession &session, const QString &callSid);
Result<LockedCall> beginWriteOnCall(StorageSession &session, qint64 callId);

/// Appends one timeline row for @p call; published when the surrounding transaction commits.
Result<CallEvent> appendEvent(StorageSession &session, const Call &call, const QString &kind,
                              const QString &source, const QJsonObject &detail = {});

/**
 * appendEvent() for a call named by @p callSid, in one statement that locks nothing: for writes
 * that only add to the timeline. NotFound (and nothing written) when there is no such call.
 * Outside a transaction the statement commits on its own.
 */
Result<CallEvent> appendEventForSid(StorageSession &session, const QString &callSid, const QString &kind,
                                    const QString &source, const QJsonObject &detail = {});

/**
 * Hands over a timeline row just written (by appendEvent(), or by a data-modifying CTE) to be
 * published: with the surrounding transaction, or, outside one, after the task (the statement
 * committed on its own). Returns the event as published.
 */
CallEvent notePendingEvent(StorageSession &session, qint64 eventId, qint64 callId, const QString &callSid,
                           qint64 atMs, const QString &kind, const QString &source, const QJsonObject &detail);

/**
 * The only writer of `estimated_cost_bucket`, `cost_indicators` and `estimated_cost`: re-reads
 * the call's cost inputs, runs assessCost() and estimateCost() with the session's cost settings
 * and stores the result when it differs, appending a `cost_bucket_changed` event when the bucket
 * moved and a `cost_warning` event (logged at warning, rate-limited) for each input that crossed
 * into warning (newCostWarnings()). Call after any write to a cost input, inside the same
 * transaction.
 */
Result<Call> recomputeCost(StorageSession &session, qint64 callId);

/**
 * The end of every write that changed a cost input: appends the timeline event for @p call,
 * recomputes the cost bucket and commits @p transaction. Returns the call as stored.
 */
Result<Call> finishCostInputWrite(StorageSession &session, Transaction &transaction, const Call &call,
                                  const QString &kind, const QString &source, const QJsonObject &detail);

/// The select list matching eventFromRow(), without a table prefix.
QString eventColumns();
/// Reads the current row of a query that selected eventColumns() first.
CallEvent eventFromRow(const QSqlQuery &query);

/// The number of rows the last statement changed, as an error if the driver cannot tell.
int affectedRows(const QSqlQuery &query);

} // namespace sb::detail
