#include "storagedetail.h"

#include "shared/costpolicy.h"
#include "shared/logging.h"
#include "shared/lograte.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace sb::detail {

namespace {

template <typename E>
E enumOr(const QVariant &value, E fallback)
{
    auto parsed = parseEnum<E>(value.toString());
    return parsed ? *parsed : fallback;
}

template <typename E>
std::optional<E> optionalEnum(const QVariant &value)
{
    if (value.isNull())
        return std::nullopt;
    auto parsed = parseEnum<E>(value.toString());
    return parsed ? std::optional<E>(*parsed) : std::nullopt;
}

/// One limiter for the cost warnings of every storage thread (it is thread-safe).
LogRateLimiter &costWarningLogRate()
{
    static LogRateLimiter limiter;
    return limiter;
}

QString textOf(const QVariant &value)
{
    return value.isNull() ? QString() : value.toString();
}

Result<Call> selectOneCall(StorageSession &session, const QString &where, const SqlBinding &binding, bool lock)
{
    const QString sql = u"SELECT "_s + callColumns() + u" FROM calls WHERE "_s + where
                        + (lock && session.dialect() == SqlDialect::PostgreSQL ? u" FOR UPDATE"_s : QString());
    auto query = session.exec(sql, {binding});
    if (!query)
        return query.error();
    if (!query.value().next())
        return notFound(u"no call with "_s + binding.first.mid(1) + u' ' + binding.second.toString());
    return callFromRow(*query);
}

} // namespace

QString callColumns()
{
    return u"id, call_sid, dedup_key, to_number, from_number, business_id, lead_id, direction, "
           "status, status_rank, duration_sec, answered_by, "
           "recording_mode, recording_sid, recording_url, recording_status, recording_count, "
           "stream_sid, stream_started_at, stream_ended_at, stream_duration_sec, stream_connect_count, "
           "transcription, final_transcript, transcript_source, webhook_retry_count, webhook_11205_count, "
           "estimated_cost_bucket, estimated_cost, cost_indicators, created_at, updated_at"_s;
}

Call callFromRow(const QSqlQuery &q)
{
    Call call;
    int i = 0;
    call.id = q.value(i++).toLongLong();
    call.callSid = textOf(q.value(i++));
    call.dedupKey = textOf(q.value(i++));
    call.to = textOf(q.value(i++));
    call.from = textOf(q.value(i++));
    call.businessId = q.value(i++).toLongLong();
    call.leadId = textOf(q.value(i++));
    call.direction = enumOr(q.value(i++), Direction::Inbound);
    call.status = enumOr(q.value(i++), CallStatus::Reserved);
    call.statusRank = q.value(i++).toLongLong();
    const QVariant duration = q.value(i++);
    if (!duration.isNull())
        call.durationSec = duration.toInt();
    call.answeredBy = textOf(q.value(i++));
    call.recordingMode = enumOr(q.value(i++), RecordingMode::Off);
    call.recordingSid = textOf(q.value(i++));
    call.recordingUrl = textOf(q.value(i++));
    call.recordingStatus = optionalEnum<RecordingStatus>(q.value(i++));
    call.recordingCount = q.value(i++).toInt();
    call.streamSid = textOf(q.value(i++));
    call.streamStartedAt = timeFromMs(q.value(i++));
    call.streamEndedAt = timeFromMs(q.value(i++));
    call.streamDurationSec = q.value(i++).toDouble();
    call.streamConnectCount = q.value(i++).toInt();
    call.transcription = textOf(q.value(i++));
    call.finalTranscript = textOf(q.value(i++));
    call.transcriptSource = optionalEnum<TranscriptSource>(q.value(i++));
    call.webhookRetryCount = q.value(i++).toInt();
    call.webhook11205Count = q.value(i++).toInt();
    call.estimatedCostBucket = enumOr(q.value(i++), CostBucket::Low);
    call.estimatedCost = q.value(i++).toDouble();
    const QJsonArray indicators = QJsonDocument::fromJson(q.value(i++).toString().toUtf8()).array();
    for (const QJsonValue &indicator : indicators)
        call.costIndicators << indicator.toString();
    call.createdAt = timeFromMs(q.value(i++));
    call.updatedAt = timeFromMs(q.value(i++));
    return call;
}

QString eventColumns()
{
    return u"id, call_id, call_sid, at, kind, source, detail"_s;
}

CallEvent eventFromRow(const QSqlQuery &q)
{
    CallEvent event;
    event.id = q.value(0).toLongLong();
    event.callId = q.value(1).toLongLong();
    event.callSid = textOf(q.value(2));
    event.at = timeFromMs(q.value(3));
    event.kind = q.value(4).toString();
    event.source = q.value(5).toString();
    event.detail = QJsonDocument::fromJson(q.value(6).toString().toUtf8()).object();
    return event;
}

QDateTime timeFromMs(const QVariant &value)
{
    return value.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

QVariant msOrNull(const QDateTime &time)
{
    return time.isValid() ? QVariant(time.toMSecsSinceEpoch()) : QVariant();
}

Result<Call> lockCallBySid(StorageSession &session, const QString &callSid)
{
    if (callSid.isEmpty())
        return invalidInput(u"empty call_sid"_s);
    return selectOneCall(session, u"call_sid = :call_sid"_s, {u":call_sid"_s, callSid}, true);
}

Result<Call> lockCallById(StorageSession &session, qint64 callId)
{
    return selectOneCall(session, u"id = :id"_s, {u":id"_s, callId}, true);
}

Result<Call> loadCall(StorageSession &session, qint64 callId)
{
    return selectOneCall(session, u"id = :id"_s, {u":id"_s, callId}, false);
}

Result<Transaction> beginCallBatch(StorageSession &session, const QStringList &lockedSids)
{
    auto transaction = Transaction::begin(session);
    if (!transaction || session.dialect() != SqlDialect::PostgreSQL)
        return transaction;
    if (auto planned = session.exec(u"SELECT set_config('enable_seqscan', 'off', true)"_s); !planned)
        return planned.error();
    if (lockedSids.isEmpty())
        return transaction;
    auto locked = session.exec(
        u"SELECT id FROM calls WHERE call_sid IN (SELECT value FROM json_array_elements_text(CAST(:sids AS json)))"
        " ORDER BY call_sid FOR NO KEY UPDATE"_s,
        {{u":sids"_s, QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(lockedSids)).toJson(QJsonDocument::Compact))}});
    if (!locked)
        return locked.error();
    locked.value().finish();
    return transaction;
}

namespace {
template <typename Lock>
Result<LockedCall> beginWrite(StorageSession &session, Lock lock)
{
    auto transaction = Transaction::begin(session);
    if (!transaction)
        return transaction.error();
    auto call = lock();
    if (!call)
        return call.error(); // the transaction rolls back as it goes out of scope
    return LockedCall{std::move(transaction).value(), std::move(call).value()};
}
} // namespace

Result<LockedCall> beginWriteOnCall(StorageSession &session, const QString &callSid)
{
    return beginWrite(session, [&] { return lockCallBySid(session, callSid); });
}

Result<LockedCall> beginWriteOnCall(StorageSession &session, qint64 callId)
{
    return beginWrite(session, [&] { return lockCallById(session, callId); });
}

Result<CallEvent> appendEvent(StorageSession &session, const Call &call, const QString &kind,
                              const QString &source, const QJsonObject &detail)
{
    const qint64 at = session.nowMs();
    auto query = session.exec(u"INSERT INTO call_events (call_id, call_sid, at, kind, source, detail) "
                              "VALUES (:call_id, :call_sid, :at, :kind, :source, :detail) RETURNING id"_s,
                              {{u":call_id"_s, call.id},
                               {u":call_sid"_s, nullIfEmpty(call.callSid)},
                               {u":at"_s, at},
                               {u":kind"_s, kind},
                               {u":source"_s, source},
                               {u":detail"_s, QString::fromUtf8(QJsonDocument(detail).toJson(QJsonDocument::Compact))}});
    if (!query)
        return query.error();
    if (!query.value().next())
        return Error{ErrorCode::Internal, u"INSERT ... RETURNING id gave no row"_s};
    return notePendingEvent(session, query.value().value(0).toLongLong(), call.id, call.callSid, at, kind, source,
                            detail);
}

Result<CallEvent> appendEventForSid(StorageSession &session, const QString &callSid, const QString &kind,
                                    const QString &source, const QJsonObject &detail)
{
    if (callSid.isEmpty())
        return invalidInput(u"empty call_sid"_s);
    const qint64 at = session.nowMs();
    auto query = session.exec(u"INSERT INTO call_events (call_id, call_sid, at, kind, source, detail) "
                              "SELECT id, call_sid, :at, :kind, :source, :detail FROM calls WHERE call_sid = :sid "
                              "RETURNING id, call_id"_s,
                              {{u":at"_s, at},
                               {u":kind"_s, kind},
                               {u":source"_s, source},
                               {u":detail"_s, QString::fromUtf8(QJsonDocument(detail).toJson(QJsonDocument::Compact))},
                               {u":sid"_s, callSid}});
    if (!query)
        return query.error();
    if (!query.value().next())
        return notFound(u"no call with call_sid "_s + callSid);
    const qint64 eventId = query.value().value(0).toLongLong();
    const qint64 callId = query.value().value(1).toLongLong();
    query.value().finish();
    return notePendingEvent(session, eventId, callId, callSid, at, kind, source, detail);
}

CallEvent notePendingEvent(StorageSession &session, qint64 eventId, qint64 callId, const QString &callSid,
                           qint64 atMs, const QString &kind, const QString &source, const QJsonObject &detail)
{
    CallEvent event;
    event.id = eventId;
    event.callId = callId;
    event.callSid = callSid;
    event.at = QDateTime::fromMSecsSinceEpoch(atMs, Qt::UTC);
    event.kind = kind;
    event.source = source;
    event.detail = detail;
    session.addPendingEvent(event);
    if (!session.inTransaction())
        session.markCommitted();
    return event;
}

Result<Call> recomputeCost(StorageSession &session, qint64 callId)
{
    auto call = loadCall(session, callId);
    if (!call)
        return call;
    const CostSettings &settings = session.costSettings();
    const CostInputs inputs = CostInputs::fromCall(*call);
    const CostAssessment assessment = assessCost(inputs, settings.thresholds);
    const QStringList indicators = assessment.firedNames();
    const double cost = estimateCost(*call, settings.rates).total;
    const Call before = *call;
    if (assessment.bucket == before.estimatedCostBucket && indicators == before.costIndicators
        && qAbs(cost - before.estimatedCost) < 1e-9) {
        return call;
    }

    const QString indicatorText = QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(indicators)).toJson(QJsonDocument::Compact));
    auto updated = session.exec(u"UPDATE calls SET estimated_cost_bucket = :bucket, cost_indicators = :indicators, "
                                "estimated_cost = :cost, updated_at = :now WHERE id = :id"_s,
                                {{u":bucket"_s, toString(assessment.bucket)},
                                 {u":indicators"_s, indicatorText},
                                 {u":cost"_s, cost},
                                 {u":now"_s, session.nowMs()},
                                 {u":id"_s, callId}});
    if (!updated)
        return updated.error();
    if (assessment.bucket != before.estimatedCostBucket) {
        auto event = appendEvent(session, before, u"cost_bucket_changed"_s, u"cost"_s,
                                 {{u"from"_s, toString(before.estimatedCostBucket)},
                                  {u"to"_s, toString(assessment.bucket)},
                                  {u"indicators"_s, QJsonArray::fromStringList(indicators)},
                                  {u"estimated_cost"_s, cost}});
        if (!event)
            return event.error();
    }
    for (const CostWarning &warning : newCostWarnings(before.costIndicators, assessment, inputs, settings.thresholds)) {
        if (auto event = appendEvent(session, before, u"cost_warning"_s, u"cost"_s, warning.toJson()); !event)
            return event.error();
        SB_LOG_RATE_LIMITED(qCWarning(lcCosts).noquote(), costWarningLogRate(), u"cost_warning:"_s + warning.name,
                            u"cost warning on call %1: %2 is %3 (threshold %4)"_s.arg(before.callSid, warning.name)
                                .arg(warning.value)
                                .arg(warning.threshold));
    }
    call.value().estimatedCostBucket = assessment.bucket;
    call.value().costIndicators = indicators;
    call.value().estimatedCost = cost;
    call.value().updatedAt = session.clock().now();
    return call;
}

Result<Call> finishCostInputWrite(StorageSession &session, Transaction &transaction, const Call &call,
                                  const QString &kind, const QString &source, const QJsonObject &detail)
{
    if (auto event = appendEvent(session, call, kind, source, detail); !event)
        return event.error();
    auto recomputed = recomputeCost(session, call.id);
    if (!recomputed)
        return recomputed;
    if (auto committed = transaction.commit(); !committed)
        return committed.error();
    return recomputed;
}

int affectedRows(const QSqlQuery &query)
{
    return query.numRowsAffected();
}

} // namespace sb::detail
