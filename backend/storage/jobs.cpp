#include "jobs.h"

#include "storagedetail.h"

using namespace Qt::StringLiterals;

namespace sb {

Result<EnqueueOutcome> Jobs::enqueueTranscription(qint64 callId, bool forced, const QString &requestedBy)
{
    auto locked = detail::beginWriteOnCall(m_session, callId);
    if (!locked)
        return locked.error();
    auto &[transaction, call] = locked.value();
    const qint64 now = m_session.nowMs();
    auto inserted = m_session.exec(
        u"INSERT INTO jobs (call_id, kind, state, attempts, run_at, forced, requested_by, created_at, updated_at) "
        "VALUES (:call, 'transcription', 'pending', 0, :now, :forced, :by, :now, :now) ON CONFLICT DO NOTHING"_s,
        {{u":call"_s, callId}, {u":now"_s, now}, {u":forced"_s, forced ? 1 : 0}, {u":by"_s, nullIfEmpty(requestedBy)}});
    if (!inserted)
        return inserted.error();
    const bool created = detail::affectedRows(*inserted) == 1;
    inserted.value().finish();
    auto job = activeJob(callId);
    if (!job)
        return job.error();
    if (created) {
        auto event = detail::appendEvent(m_session, call, u"job_enqueued"_s, u"jobs"_s,
                                         {{u"job_id"_s, job.value().id}, {u"forced"_s, forced},
                                          {u"requested_by"_s, requestedBy}});
        if (!event)
            return event.error();
    }
    if (auto committed = transaction.commit(); !committed)
        return committed.error();
    return EnqueueOutcome{*job, created};
}

Result<Job> Jobs::activeJob(qint64 callId)
{
    auto query = m_session.exec(u"SELECT id, call_id, kind, state, attempts, run_at, lease_owner, lease_expires_at, "
                                "last_error, forced, requested_by, created_at FROM jobs "
                                "WHERE call_id = :call AND state IN ('pending', 'running')"_s,
                                {{u":call"_s, callId}});
    if (!query)
        return query.error();
    if (!query.value().next())
        return notFound(u"no active job for call "_s + QString::number(callId));
    Job job;
    job.id = query.value().value(0).toLongLong();
    job.callId = query.value().value(1).toLongLong();
    job.kind = query.value().value(2).toString();
    job.state = query.value().value(3).toString();
    job.attempts = query.value().value(4).toInt();
    job.runAt = detail::timeFromMs(query.value().value(5));
    job.leaseOwner = query.value().value(6).toString();
    job.leaseExpiresAt = detail::timeFromMs(query.value().value(7));
    job.lastError = query.value().value(8).toString();
    job.forced = query.value().value(9).toInt() != 0;
    job.requestedBy = query.value().value(10).toString();
    job.createdAt = detail::timeFromMs(query.value().value(11));
    return job;
}

} // namespace sb
