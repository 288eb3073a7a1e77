#include "recordings.h"

#include "storagedetail.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace sb {

namespace {
const QString kSource = u"recordings"_s;
const QString kRecordingClaimed = u"recording_claimed"_s;

QJsonObject claimDetail()
{
    return {{u"recording_mode"_s, toString(RecordingMode::RecordingApi)}};
}
} // namespace

Result<bool> Recordings::claimRecordingStart(const QString &callSid)
{
    if (callSid.isEmpty())
        return invalidInput(u"empty call_sid"_s);
    if (m_session.dialect() == SqlDialect::PostgreSQL && !m_session.inTransaction()) {
        // One statement: the conditional UPDATE is the claim and its event is written only for
        // the winner; a loser or an unknown call writes nothing.
        const qint64 now = m_session.nowMs();
        auto claimed = m_session.exec(
            u"WITH claimed AS ("
            "  UPDATE calls SET recording_mode = 'RECORDING_API', updated_at = :now"
            "  WHERE call_sid = :sid AND recording_mode = 'OFF'"
            "  AND status NOT IN ('completed', 'busy', 'failed', 'no-answer', 'canceled') RETURNING id, call_sid),"
            " event AS ("
            "  INSERT INTO call_events (call_id, call_sid, at, kind, source, detail)"
            "  SELECT id, call_sid, :now, :kind, :source, :detail FROM claimed RETURNING id, call_id)"
            " SELECT (SELECT id FROM event), (SELECT call_id FROM event),"
            "  EXISTS (SELECT 1 FROM calls WHERE call_sid = :sid)"_s,
            {{u":now"_s, now},
             {u":sid"_s, callSid},
             {u":kind"_s, kRecordingClaimed},
             {u":source"_s, kSource},
             {u":detail"_s, QString::fromUtf8(QJsonDocument(claimDetail()).toJson(QJsonDocument::Compact))}});
        if (!claimed)
            return claimed.error();
        if (!claimed.value().next())
            return Error{ErrorCode::Internal, u"the recording claim returned no row"_s};
        const QSqlQuery &row = *claimed;
        if (row.value(0).isNull()) {
            if (!row.value(2).toBool())
                return notFound(u"no call with call_sid "_s + callSid);
            return false;
        }
        detail::notePendingEvent(m_session, row.value(0).toLongLong(), row.value(1).toLongLong(), callSid, now,
                                 kRecordingClaimed, kSource, claimDetail());
        return true;
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
    QJsonObject facts{{u"message"_s, message.left(300)}, {u"retried"_s, false}};
    if (errorCode != 0)
        facts.insert(u"error_code"_s, errorCode);
    // Only the timeline changes: one statement, no row lock.
    if (auto event = detail::appendEventForSid(m_session, callSid, u"recording_start_failed"_s, kSource, facts); !event)
        return event.error();
    return {};
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
