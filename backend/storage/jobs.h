#pragma once

#include "shared/result.h"
#include "storagesession.h"

#include <QDateTime>

namespace sb {

/// A durable transcription job (invariants 3 and 11). Claiming and leases come with the workers.
struct Job
{
    qint64 id = 0;
    qint64 callId = 0;
    QString kind;  ///< `transcription`
    QString state; ///< `pending`, `running` (active) or `done`, `failed`
    int attempts = 0;
    QDateTime runAt;
    QString leaseOwner;
    QDateTime leaseExpiresAt;
    QString lastError;
    bool forced = false;
    QString requestedBy;
    QDateTime createdAt;
};

/// The active job of a call, and whether this request created it.
struct EnqueueOutcome
{
    Job job;
    bool created = false;
};

/// @brief The transcription job queue.
class Jobs
{
public:
    explicit Jobs(StorageSession &session) : m_session(session) { }

    /**
     * Creates a pending transcription job for @p callId, unless the call already has an active
     * one: then that one is returned. The partial unique index decides, so concurrent enqueues
     * (threads or processes) still end with one active job. Unknown call → NotFound.
     */
    Result<EnqueueOutcome> enqueueTranscription(qint64 callId, bool forced, const QString &requestedBy);

    /// The call's active (pending or running) job, NotFound if none.
    Result<Job> activeJob(qint64 callId);

private:
    StorageSession &m_session;
};

} // namespace sb
