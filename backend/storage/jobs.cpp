#include "jobs.h"

#include "storagedetail.h"
#include "transcripts.h"

using namespace Qt::StringLiterals;

namespace sb {

namespace {

const QString kSource = u"jobs"_s;
constexpr qint64 kMaxBackoffMs = 3600 * 1000;

QString jobColumns()
{
    return u"j.id, j.call_id, c.call_sid, j.kind, j.state, j.attempts, j.max_attempts, j.run_at, j.lease_owner, "
           "j.lease_expires_at, j.last_error, j.forced, j.requested_by, j.outcome, j.created_at, j.updated_at "
           "FROM jobs j JOIN calls c ON c.id = j.call_id"_s;
}

Job jobFromRow(const QSqlQuery &q)
{
    Job job;
    int i = 0;
    job.id = q.value(i++).toLongLong();
    job.callId = q.value(i++).toLongLong();
    job.callSid = q.value(i++).toString();
    job.kind = q.value(i++).toString();
    job.state = q.value(i++).toString();
    job.attempts = q.value(i++).toInt();
    job.maxAttempts = q.value(i++).toInt();
    job.runAt = detail::timeFromMs(q.value(i++));
    job.leaseOwner = q.value(i++).toString();
    job.leaseExpiresAt = detail::timeFromMs(q.value(i++));
    job.lastError = q.value(i++).toString();
    job.forced = q.value(i++).toInt() != 0;
    job.requestedBy = q.value(i++).toString();
    job.outcome = q.value(i++).toString();
    job.createdAt = detail::timeFromMs(q.value(i++));
    job.updatedAt = detail::timeFromMs(q.value(i++));
    return job;
}

/// Error texts are kept short: they go into a column and onto the timeline.
QString clipped(const QString &text)
{
    return text.left(500);
}

} // namespace

Result<Job> Jobs::selectOne(const QString &where, const SqlBinding &binding, bool lock)
{
    const QString sql = u"SELECT "_s + jobColumns() + u" WHERE "_s + where
                        + (lock && m_session.dialect() == SqlDialect::PostgreSQL ? u" FOR UPDATE OF j"_s : QString());
    auto query = m_session.exec(sql, {binding});
    if (!query)
        return query.error();
    if (!query.value().next())
        return notFound(u"no job with "_s + binding.first.mid(1) + u' ' + binding.second.toString());
    return jobFromRow(*query);
}

Result<void> Jobs::appendChanged(const Job &job)
{
    Call call;
    call.id = job.callId;
    call.callSid = job.callSid;
    auto event = detail::appendEvent(m_session, call, u"job_changed"_s, kSource, job.toJson());
    if (!event)
        return event.error();
    return {};
}

Result<Job> Jobs::reloadChanged(qint64 jobId)
{
    auto job = find(jobId);
    if (!job)
        return job.error();
    if (auto event = appendChanged(*job); !event)
        return event.error();
    return job;
}

namespace {

Error lostLease(qint64 jobId, const QString &owner)
{
    return Error{ErrorCode::Conflict, u"job %1 is no longer held by %2 (its lease ran out)"_s.arg(jobId).arg(owner)};
}

} // namespace

Result<EnqueueOutcome> Jobs::enqueueTranscription(qint64 callId, bool forced, const QString &requestedBy, int maxAttempts)
{
    if (maxAttempts < 1)
        return invalidInput(u"max_attempts must be at least 1"_s);
    auto locked = detail::beginWriteOnCall(m_session, callId);
    if (!locked)
        return locked.error();
    auto &transaction = locked.value().transaction;
    const qint64 now = m_session.nowMs();
    auto inserted = m_session.exec(
        u"INSERT INTO jobs (call_id, kind, state, attempts, max_attempts, run_at, forced, requested_by, created_at, updated_at) "
        "VALUES (:call, 'transcription', 'pending', 0, :max, :now, :forced, :by, :now, :now) ON CONFLICT DO NOTHING"_s,
        {{u":call"_s, callId}, {u":max"_s, maxAttempts}, {u":now"_s, now}, {u":forced"_s, forced ? 1 : 0},
         {u":by"_s, nullIfEmpty(requestedBy)}});
    if (!inserted)
        return inserted.error();
    const bool created = detail::affectedRows(*inserted) == 1;
    inserted.value().finish();
    auto job = activeJob(callId);
    if (!job)
        return job.error();
    bool changed = created;
    if (!created && forced && !job->forced) {
        // A forced request joins the active job: it will transcribe even over a good transcript.
        auto upgraded = m_session.exec(u"UPDATE jobs SET forced = 1, requested_by = :by, updated_at = :now WHERE id = :id"_s,
                                       {{u":by"_s, nullIfEmpty(requestedBy)}, {u":now"_s, now}, {u":id"_s, job->id}});
        if (!upgraded)
            return upgraded.error();
        job = find(job->id);
        if (!job)
            return job.error();
        changed = true;
    }
    if (changed) {
        if (auto event = appendChanged(*job); !event)
            return event.error();
    }
    if (auto committed = transaction.commit(); !committed)
        return committed.error();
    return EnqueueOutcome{*job, created};
}

Result<std::optional<EnqueueOutcome>> Jobs::enqueueForRecording(qint64 callId, int maxAttempts)
{
    auto locked = detail::beginWriteOnCall(m_session, callId);
    if (!locked)
        return locked.error();
    auto existing = m_session.exec(u"SELECT COUNT(*) FROM jobs WHERE call_id = :call AND state IN ('pending', 'running', 'done')"_s,
                                   {{u":call"_s, callId}});
    if (!existing)
        return existing.error();
    const bool hasJob = existing.value().next() && existing.value().value(0).toLongLong() > 0;
    existing.value().finish();
    if (hasJob) {
        if (auto committed = locked.value().transaction.commit(); !committed)
            return committed.error();
        return std::optional<EnqueueOutcome>();
    }
    auto enqueued = enqueueTranscription(callId, false, u"twilio"_s, maxAttempts);
    if (!enqueued)
        return enqueued.error();
    if (auto committed = locked.value().transaction.commit(); !committed)
        return committed.error();
    return std::optional<EnqueueOutcome>(*enqueued);
}

Result<EnqueueOutcome> Jobs::requestReprocess(const QString &callSid, bool forced, const QString &requestedBy,
                                              int maxAttempts)
{
    auto locked = detail::beginWriteOnCall(m_session, callSid);
    if (!locked)
        return locked.error();
    auto &[transaction, call] = locked.value();
    auto enqueued = enqueueTranscription(call.id, forced, requestedBy, maxAttempts);
    if (!enqueued)
        return enqueued.error();
    auto event = detail::appendEvent(m_session, call, u"reprocess_requested"_s, u"api"_s,
                                     {{u"requested_by"_s, requestedBy},
                                      {u"force"_s, forced},
                                      {u"job_id"_s, enqueued->job.id},
                                      {u"created"_s, enqueued->created}});
    if (!event)
        return event.error();
    if (auto committed = transaction.commit(); !committed)
        return committed.error();
    return enqueued;
}

Result<Job> Jobs::activeJob(qint64 callId)
{
    auto job = selectOne(u"j.call_id = :call AND j.state IN ('pending', 'running')"_s, {u":call"_s, callId}, false);
    if (!job && job.error().code == ErrorCode::NotFound)
        return notFound(u"no active job for call "_s + QString::number(callId));
    return job;
}

Result<Job> Jobs::find(qint64 jobId)
{
    return selectOne(u"j.id = :id"_s, {u":id"_s, jobId}, false);
}

Result<QList<Job>> Jobs::list(const JobFilter &filter)
{
    if (filter.limit < 1 || filter.limit > 1000)
        return invalidInput(u"limit must be from 1 to 1000"_s);
    if (!filter.state.isEmpty() && !jobs::states().contains(filter.state))
        return invalidInput(u"state must be one of "_s + jobs::states().join(u", "_s) + u", not \""_s
                            + filter.state.left(40) + u'"');
    QString sql = u"SELECT "_s + jobColumns() + u" WHERE 1 = 1"_s;
    QList<SqlBinding> bindings;
    if (!filter.callSid.isEmpty()) {
        sql += u" AND c.call_sid = :sid"_s;
        bindings.append({u":sid"_s, filter.callSid});
    }
    if (!filter.state.isEmpty()) {
        sql += u" AND j.state = :state"_s;
        bindings.append({u":state"_s, filter.state});
    }
    sql += u" ORDER BY j.id DESC LIMIT :limit"_s;
    bindings.append({u":limit"_s, filter.limit});
    auto query = m_session.exec(sql, bindings);
    if (!query)
        return query.error();
    QList<Job> jobs;
    while (query.value().next())
        jobs.append(jobFromRow(*query));
    return jobs;
}

Result<std::optional<ClaimedJob>> Jobs::claimNext(const QString &owner, qint64 leaseMs)
{
    if (owner.isEmpty() || leaseMs < 1)
        return invalidInput(u"a claim needs an owner and a positive lease"_s);
    // A few rounds at most: each dead-lettered job is one round.
    for (int round = 0; round < 8; ++round) {
        auto transaction = Transaction::begin(m_session);
        if (!transaction)
            return transaction.error();
        const qint64 now = m_session.nowMs();
        const QString lock = m_session.dialect() == SqlDialect::PostgreSQL ? u" FOR UPDATE SKIP LOCKED"_s : QString();
        auto next = m_session.exec(
            u"SELECT id, state, attempts, max_attempts FROM jobs "
            "WHERE (state = 'pending' AND run_at <= :now) OR (state = 'running' AND lease_expires_at <= :now) "
            "ORDER BY run_at, id LIMIT 1"_s + lock,
            {{u":now"_s, now}});
        if (!next)
            return next.error();
        if (!next.value().next())
            return std::optional<ClaimedJob>();
        const qint64 id = next.value().value(0).toLongLong();
        const bool leaseRanOut = next.value().value(1).toString() == u"running";
        const int attempts = next.value().value(2).toInt();
        const int maxAttempts = next.value().value(3).toInt();
        next.value().finish();

        const bool dead = leaseRanOut && attempts >= maxAttempts;
        auto updated = dead
            ? m_session.exec(u"UPDATE jobs SET state = 'dead', lease_owner = NULL, lease_expires_at = NULL, "
                             "last_error = :error, updated_at = :now WHERE id = :id"_s,
                             {{u":error"_s, u"the worker holding attempt %1 of %2 stopped (its lease ran out)"_s
                                                .arg(attempts).arg(maxAttempts)},
                              {u":now"_s, now}, {u":id"_s, id}})
            : m_session.exec(u"UPDATE jobs SET state = 'running', attempts = attempts + 1, lease_owner = :owner, "
                             "lease_expires_at = :expires, updated_at = :now WHERE id = :id"_s,
                             {{u":owner"_s, owner}, {u":expires"_s, now + leaseMs}, {u":now"_s, now}, {u":id"_s, id}});
        if (!updated)
            return updated.error();
        auto job = reloadChanged(id);
        if (!job)
            return job.error();
        std::optional<ClaimedJob> claimed;
        if (!dead) {
            auto call = detail::loadCall(m_session, job->callId);
            if (!call)
                return call.error();
            claimed = ClaimedJob{*job, *call};
        }
        if (auto committed = transaction.value().commit(); !committed)
            return committed.error();
        if (claimed)
            return claimed;
    }
    return std::optional<ClaimedJob>();
}

Result<Job> Jobs::complete(qint64 jobId, const QString &owner, const QString &outcome,
                           const std::optional<TranscriptDecision> &transcript, const QString &note)
{
    if (!jobs::outcomes().contains(outcome))
        return invalidInput(u"unknown job outcome \""_s + outcome + u'"');
    // One write transaction from the first read (a read outside it would hold a stale SQLite
    // snapshot); the call is locked first, as every write on a call does, then the job changes,
    // only while it is still ours.
    auto transaction = Transaction::begin(m_session);
    if (!transaction)
        return transaction.error();
    auto job = find(jobId);
    if (!job)
        return job.error();
    if (auto locked = detail::lockCallById(m_session, job->callId); !locked)
        return locked.error();
    auto updated = m_session.exec(
        u"UPDATE jobs SET state = 'done', outcome = :outcome, last_error = :note, lease_owner = NULL, "
        "lease_expires_at = NULL, updated_at = :now WHERE id = :id AND state = 'running' AND lease_owner = :owner"_s,
        {{u":outcome"_s, outcome}, {u":note"_s, nullIfEmpty(clipped(note))}, {u":now"_s, m_session.nowMs()},
         {u":id"_s, jobId}, {u":owner"_s, owner}});
    if (!updated)
        return updated.error();
    if (detail::affectedRows(*updated) != 1)
        return lostLease(jobId, owner);
    updated.value().finish();
    if (transcript) {
        auto written = FinalTranscript(m_session).setFinalTranscript(job->callId, transcript->text, transcript->source);
        if (!written)
            return written.error();
    }
    job = reloadChanged(jobId);
    if (!job)
        return job.error();
    if (auto committed = transaction.value().commit(); !committed)
        return committed.error();
    return job;
}

Result<Job> Jobs::fail(qint64 jobId, const QString &owner, const QString &error, qint64 retryBaseMs)
{
    auto transaction = Transaction::begin(m_session);
    if (!transaction)
        return transaction.error();
    auto job = selectOne(u"j.id = :id"_s, {u":id"_s, jobId}, true);
    if (!job)
        return job.error();
    if (job->state != u"running" || job->leaseOwner != owner)
        return lostLease(jobId, owner);
    const qint64 now = m_session.nowMs();
    const bool dead = job->attempts >= job->maxAttempts;
    const qint64 backoff = std::min(kMaxBackoffMs, retryBaseMs << std::clamp(job->attempts - 1, 0, 30));
    auto updated = m_session.exec(u"UPDATE jobs SET state = :state, run_at = :run_at, lease_owner = NULL, "
                                  "lease_expires_at = NULL, last_error = :error, updated_at = :now WHERE id = :id"_s,
                                  {{u":state"_s, dead ? u"dead"_s : u"pending"_s},
                                   {u":run_at"_s, dead ? detail::msOrNull(job->runAt) : QVariant(now + backoff)},
                                   {u":error"_s, clipped(error)},
                                   {u":now"_s, now},
                                   {u":id"_s, jobId}});
    if (!updated)
        return updated.error();
    job = reloadChanged(jobId);
    if (!job)
        return job.error();
    if (auto committed = transaction.value().commit(); !committed)
        return committed.error();
    return job;
}

} // namespace sb
