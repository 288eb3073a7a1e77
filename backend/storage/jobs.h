#pragma once

#include "shared/call.h"
#include "shared/job.h"
#include "shared/result.h"
#include "shared/transcriptpolicy.h"
#include "storagesession.h"

#include <QList>

#include <optional>

namespace sb {

/// The active job of a call, and whether this request created it.
struct EnqueueOutcome
{
    Job job;
    bool created = false;
};

/// A job a worker now holds, with the call it is about.
struct ClaimedJob
{
    Job job;
    Call call;
};

/// What GET /api/jobs may filter on.
struct JobFilter
{
    QString callSid;
    QString state; ///< empty: any
    int limit = 50;
};

/**
 * @brief The transcription job queue in the database (invariants 3 and 11).
 *
 * Every state change appends a `job_changed` event (source `jobs`, detail = the job's JSON) to
 * the call's timeline in the same transaction. A claim takes the oldest runnable job: pending
 * and due, or running with its lease run out (its worker is gone). PostgreSQL claims with
 * `FOR UPDATE SKIP LOCKED`, so concurrent workers of every instance take different jobs; SQLite
 * serialises claims on its write lock (`BEGIN IMMEDIATE`).
 */
class Jobs
{
public:
    static constexpr int kDefaultMaxAttempts = Job::kDefaultMaxAttempts;

    explicit Jobs(StorageSession &session) : m_session(session) { }

    /**
     * Creates a pending transcription job for @p callId, unless the call already has an active
     * one: then that one is returned (marked forced when @p forced). The partial unique index
     * decides, so concurrent enqueues (threads or processes) still end with one active job.
     * Unknown call → NotFound.
     */
    Result<EnqueueOutcome> enqueueTranscription(qint64 callId, bool forced, const QString &requestedBy,
                                                int maxAttempts = kDefaultMaxAttempts);

    /**
     * The recording-status path (a recording `completed`): the call's first transcription job.
     * A call that already has an active or done job gets none (a second recording of it, or a
     * repeated callback, adds no work; reprocessing is an admin's); nullopt then.
     */
    Result<std::optional<EnqueueOutcome>> enqueueForRecording(qint64 callId, int maxAttempts = kDefaultMaxAttempts);

    /**
     * An admin's reprocessing of call @p callSid: enqueueTranscription() plus a
     * `reprocess_requested` event naming @p requestedBy and @p forced, in one transaction.
     * Unknown call → NotFound.
     */
    Result<EnqueueOutcome> requestReprocess(const QString &callSid, bool forced, const QString &requestedBy,
                                            int maxAttempts = kDefaultMaxAttempts);

    /// The call's active (pending or running) job, NotFound if none.
    Result<Job> activeJob(qint64 callId);
    Result<Job> find(qint64 jobId);
    /// Jobs matching @p filter, newest first.
    Result<QList<Job>> list(const JobFilter &filter);

    /**
     * Leases the next runnable job to @p owner for @p leaseMs and counts the attempt; nullopt when
     * none is due. A job whose lease ran out on its last attempt is marked dead instead
     * (its worker never finished it) and the next one is looked at.
     */
    Result<std::optional<ClaimedJob>> claimNext(const QString &owner, qint64 leaseMs);

    /**
     * Finishes a job @p owner still holds: `done` with @p outcome, and when @p transcript is given
     * the call's final transcript in the same transaction. @p note is kept as last_error (the
     * failure the outcome fell back from). A lost lease → Conflict, nothing written.
     */
    Result<Job> complete(qint64 jobId, const QString &owner, const QString &outcome,
                         const std::optional<TranscriptDecision> &transcript, const QString &note = {});

    /**
     * An attempt of a job @p owner holds failed with @p error: back to pending after an
     * exponential backoff (@p retryBaseMs × 2^(attempts−1), at most an hour), or `dead` once
     * max_attempts are used up. Either way last_error keeps @p error. A lost lease → Conflict.
     */
    Result<Job> fail(qint64 jobId, const QString &owner, const QString &error, qint64 retryBaseMs);

private:
    Result<Job> selectOne(const QString &where, const SqlBinding &binding, bool lock);
    Result<void> appendChanged(const Job &job);
    /// The job as now stored, with its `job_changed` event appended.
    Result<Job> reloadChanged(qint64 jobId);

    StorageSession &m_session;
};

} // namespace sb
