#include "recordings.h"

#include "storagedetail.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace sb {

namespace {
const QString kSource = u"recordings"_s;
const QString kRecordingClaimed = u"recording_claimed"_s;
const QString kRecordingStartFailed = u"recording_start_failed"_s;

QJsonObject claimDetail()
{
    return {{u"recording_mode"_s, toString(RecordingMode::RecordingApi)}};
}

QJsonObject startFailureFacts(const RecordingStartFailure &failure)
{
    QJsonObject facts{{u"message"_s, failure.message.left(300)}, {u"retried"_s, false}};
    if (failure.errorCode != 0)
        facts.insert(u"error_code"_s, failure.errorCode);
    return facts;
}
} // namespace

Result<bool> Recordings::claimRecordingStart(const QString &callSid)
{
    if (callSid.isEmpty())
        return invalidInput(u"empty call_sid"_s);
    if (m_session.dialect() == SqlDialect::PostgreSQL && !m_session.inTransaction()) {
        auto decided = claimRecordingStarts({callSid});
        if (!decided)
            return decided.error();
        if (!decided->contains(callSid))
            return notFound(u"no call with call_sid "_s + callSid);
        return decided->value(callSid);
    }
    auto transaction = Transaction::begin(m_session);
    if (!transaction)
        return transaction.error();
    // The conditional UPDATE is the claim: a second claimer finds recording_mode no longer OFF.
    auto claimed = m_session.exec(u"UPDATE calls SET recording_mode = 'RECORDING_API', updated_at = :now "
                                  "WHERE call_sid = :sid AND recording_mode = 'OFF' "
                                  "AND status NOT IN ('completed', 'busy', 'failed', 'no-answer', 'canceled')"_s,
                                  {{u":now"_s, m_session.nowMs()}, {u":sid"_s, callSid}});
    if (!claimed)
        return claimed.error();
    const bool won = detail::affectedRows(*claimed) == 1;
    claimed.value().finish();
    auto call = detail::lockCallBySid(m_session, callSid);
    if (!call)
        return call.error();
    if (won) {
        if (auto event = detail::appendEvent(m_session, *call, kRecordingClaimed, kSource, claimDetail()); !event) {
            return event.error();
        }
    }
    if (auto committed = transaction.value().commit(); !committed)
        return committed.error();
    return won;
}

Result<QHash<QString, bool>> Recordings::claimRecordingStarts(const QStringList &callSids)
{
    QHash<QString, bool> decided;
    if (m_session.dialect() != SqlDialect::PostgreSQL || m_session.inTransaction()) {
        for (const QString &sid : callSids) {
            if (decided.contains(sid))
                continue; // named twice: decided by the first claim
            auto won = claimRecordingStart(sid);
            if (won)
                decided.insert(sid, *won);
            else if (won.error().code != ErrorCode::NotFound)
                return won.error();
        }
        return decided;
    }
    if (callSids.isEmpty())
        return decided;
    // The status batches update many calls too: both lock them in one order.
    auto transaction = detail::beginCallBatch(m_session, callSids);
    if (!transaction)
        return transaction.error();
    const qint64 now = m_session.nowMs();
    // One statement: the conditional UPDATE is the claim of each call and the event is written
    // only for the winners; a loser or an unknown call writes nothing.
    auto claimed = m_session.exec(
        u"WITH wanted AS (SELECT DISTINCT value AS sid FROM json_array_elements_text(CAST(:sids AS json))),"
        " claimed AS ("
        "  UPDATE calls SET recording_mode = 'RECORDING_API', updated_at = :now"
        "  WHERE call_sid IN (SELECT sid FROM wanted) AND recording_mode = 'OFF'"
        "  AND status NOT IN ('completed', 'busy', 'failed', 'no-answer', 'canceled') RETURNING id, call_sid),"
        " event AS ("
        "  INSERT INTO call_events (call_id, call_sid, at, kind, source, detail)"
        "  SELECT id, call_sid, :now, :kind, :source, :detail FROM claimed RETURNING id, call_id, call_sid)"
        " SELECT wanted.sid, event.id, event.call_id FROM wanted JOIN calls ON calls.call_sid = wanted.sid"
        "  LEFT JOIN event ON event.call_sid = wanted.sid ORDER BY event.id"_s,
        {{u":sids"_s, QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(callSids)).toJson(QJsonDocument::Compact))},
         {u":now"_s, now},
         {u":kind"_s, kRecordingClaimed},
         {u":source"_s, kSource},
         {u":detail"_s, QString::fromUtf8(QJsonDocument(claimDetail()).toJson(QJsonDocument::Compact))}});
    if (!claimed)
        return claimed.error();
    while (claimed.value().next()) {
        const QSqlQuery &row = *claimed;
        const QString sid = row.value(0).toString();
        const bool won = !row.value(1).isNull();
        decided.insert(sid, won);
        if (won)
            detail::notePendingEvent(m_session, row.value(1).toLongLong(), row.value(2).toLongLong(), sid, now,
                                     kRecordingClaimed, kSource, claimDetail());
    }
    claimed.value().finish();
    if (auto committed = transaction.value().commit(); !committed)
        return committed.error();
    return decided;
}

Result<Call> Recordings::noteRecordingStarted(const QString &callSid, const QString &recordingSid)
{
    if (recordingSid.isEmpty())
        return invalidInput(u"empty recording_sid"_s);
    auto locked = detail::beginWriteOnCall(m_session, callSid);
    if (!locked)
        return locked.error();
    auto &[transaction, call] = locked.value();
    const qint64 now = m_session.nowMs();
    auto inserted = m_session.exec(u"INSERT INTO recordings (call_id, recording_sid, status, created_at, updated_at) "
                                   "VALUES (:call_id, :rsid, 'in-progress', :now, :now) "
                                   "ON CONFLICT (call_id, recording_sid) DO NOTHING"_s,
                                   {{u":call_id"_s, call.id}, {u":rsid"_s, recordingSid}, {u":now"_s, now}});
    if (!inserted)
        return inserted.error();
    auto updated = m_session.exec(
        u"UPDATE calls SET recording_sid = COALESCE(recording_sid, :rsid), "
        "recording_count = (SELECT COUNT(*) FROM recordings WHERE call_id = :id), updated_at = :now WHERE id = :id"_s,
        {{u":rsid"_s, recordingSid}, {u":id"_s, call.id}, {u":now"_s, now}});
    if (!updated)
        return updated.error();
    auto stored = detail::loadCall(m_session, call.id);
    if (!stored)
        return stored;
    return detail::finishCostInputWrite(m_session, transaction, stored.value(), u"recording_started"_s, kSource,
                                        {{u"recording_sid"_s, recordingSid},
                                         {u"recording_count"_s, stored.value().recordingCount}});
}

Result<void> Recordings::noteRecordingStartFailed(const QString &callSid, int errorCode, const QString &message)
{
    // Only the timeline changes: one statement, no row lock.
    if (auto event = detail::appendEventForSid(m_session, callSid, kRecordingStartFailed, kSource,
                                               startFailureFacts({callSid, errorCode, message}));
        !event) {
        return event.error();
    }
    return {};
}

Result<void> Recordings::noteRecordingStartsFailed(const QList<RecordingStartFailure> &failures)
{
    if (m_session.dialect() != SqlDialect::PostgreSQL || m_session.inTransaction()) {
        for (const RecordingStartFailure &failure : failures) {
            auto noted = noteRecordingStartFailed(failure.callSid, failure.errorCode, failure.message);
            if (!noted && noted.error().code != ErrorCode::NotFound)
                return noted;
        }
        return {};
    }
    if (failures.isEmpty())
        return {};
    QJsonArray input;
    for (const RecordingStartFailure &failure : failures) {
        input.append(QJsonObject{{u"sid"_s, failure.callSid},
                                 {u"detail"_s, QString::fromUtf8(QJsonDocument(startFailureFacts(failure)).toJson(QJsonDocument::Compact))}});
    }
    auto transaction = detail::beginCallBatch(m_session, {}); // events only: no call is updated
    if (!transaction)
        return transaction.error();
    const qint64 at = m_session.nowMs();
    auto inserted = m_session.exec(
        u"INSERT INTO call_events (call_id, call_sid, at, kind, source, detail)"
        " SELECT calls.id, calls.call_sid, :at, :kind, :source, failed.detail"
        " FROM json_to_recordset(CAST(:input AS json)) AS failed(sid text, detail text)"
        " JOIN calls ON calls.call_sid = failed.sid RETURNING id, call_id, call_sid, detail"_s,
        {{u":at"_s, at},
         {u":kind"_s, kRecordingStartFailed},
         {u":source"_s, kSource},
         {u":input"_s, QString::fromUtf8(QJsonDocument(input).toJson(QJsonDocument::Compact))}});
    if (!inserted)
        return inserted.error();
    while (inserted.value().next()) {
        const QSqlQuery &row = *inserted;
        detail::notePendingEvent(m_session, row.value(0).toLongLong(), row.value(1).toLongLong(), row.value(2).toString(),
                                 at, kRecordingStartFailed, kSource,
                                 QJsonDocument::fromJson(row.value(3).toString().toUtf8()).object());
    }
    inserted.value().finish();
    return transaction.value().commit();
}

Result<Call> Recordings::recordRecordingStatus(const QString &callSid, const QString &recordingSid,
                                               RecordingStatus status, const QString &url, int errorCode)
{
    if (recordingSid.isEmpty())
        return invalidInput(u"empty recording_sid"_s);
    auto locked = detail::beginWriteOnCall(m_session, callSid);
    if (!locked)
        return locked.error();
    auto &[transaction, call] = locked.value();
    const qint64 now = m_session.nowMs();
    auto upserted = m_session.exec(
        u"INSERT INTO recordings (call_id, recording_sid, status, url, created_at, updated_at) "
        "VALUES (:call_id, :rsid, :status, :url, :now, :now) ON CONFLICT (call_id, recording_sid) DO UPDATE SET "
        "status = excluded.status, url = COALESCE(excluded.url, recordings.url), updated_at = excluded.updated_at"_s,
        {{u":call_id"_s, call.id}, {u":rsid"_s, recordingSid}, {u":status"_s, toString(status)},
         {u":url"_s, nullIfEmpty(url)}, {u":now"_s, now}});
    if (!upserted)
        return upserted.error();
    // An empty URL keeps the one already known for this same recording.
    const QString storedUrl = !url.isEmpty() ? url : (call.recordingSid == recordingSid ? call.recordingUrl : QString());
    auto updated = m_session.exec(
        u"UPDATE calls SET recording_sid = :rsid, recording_url = :url, recording_status = :status, "
        "recording_count = (SELECT COUNT(*) FROM recordings WHERE call_id = :id), updated_at = :now WHERE id = :id"_s,
        {{u":rsid"_s, recordingSid}, {u":url"_s, nullIfEmpty(storedUrl)}, {u":status"_s, toString(status)},
         {u":id"_s, call.id}, {u":now"_s, now}});
    if (!updated)
        return updated.error();
    auto stored = detail::loadCall(m_session, call.id);
    if (!stored)
        return stored;
    QJsonObject facts{{u"recording_sid"_s, recordingSid},
                      {u"recording_status"_s, toString(status)},
                      {u"recording_count"_s, stored.value().recordingCount}};
    if (errorCode != 0)
        facts.insert(u"error_code"_s, errorCode);
    return detail::finishCostInputWrite(m_session, transaction, stored.value(), u"recording_status"_s, kSource, facts);
}

} // namespace sb
