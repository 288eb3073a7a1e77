#pragma once

#include "shared/job.h"
#include "shared/lograte.h"

#include <QFuture>
#include <QList>
#include <QObject>
#include <QTimer>

namespace sb {

class Storage;
class Transcriber;
struct ClaimedJob;
struct TranscriptionAttempt;

/// How the transcription workers run the queue.
struct WorkerSettings
{
    int workers = 2;           ///< jobs handled at once by this instance
    qint64 leaseMs = 120000;   ///< a job not finished by then is taken over by another worker
    qint64 retryBaseMs = 2000; ///< backoff after a failed attempt: base × 2^(attempts−1)
    int pollMs = 1000;         ///< how often idle workers look for due jobs (other instances' jobs, retries)
    QString ownerPrefix;       ///< lease owner names: prefix + ":" + worker number (default host:pid)
};

/**
 * @brief The transcription workers: a pool that drains the database job queue.
 *
 * Each worker claims a job (a lease), skips a call that already has a good transcript unless
 * the job is forced (invariant 3), asks the Transcriber, and applies invariant 4's policy in
 * the same transaction that marks the job done. A transient failure with attempts left goes
 * back to the queue with backoff; on the last attempt the policy falls back (realtime or
 * failed) and keeps the error. Workers continue asynchronously on the I/O thread and never wait
 * there: the database work runs on @p storage (its threads are the workers' connections), the
 * transcription on the network. A worker that dies mid-job (the process is killed) leaves a
 * lease that runs out; any worker of any instance then takes the job over.
 */
class TranscriptionWorkers : public QObject
{
    Q_OBJECT
public:
    TranscriptionWorkers(Storage &storage, Transcriber &transcriber, WorkerSettings settings, QObject *parent = nullptr);
    ~TranscriptionWorkers() override;

    /// Starts polling and claims at once.
    void start();
    /// Idle workers look for jobs now (a job was just enqueued). Thread-safe.
    void wake();

signals:
    /// A job this instance worked on reached @p job's state (done, dead, or pending for a retry).
    void jobSettled(const sb::Job &job);

private:
    struct Worker
    {
        QString owner;
        bool busy = false;
    };

    void claimWithOneIdleWorker();
    void claim(int index);
    void process(int index, const ClaimedJob &claimed);
    void settle(int index, const Job &job, const TranscriptionAttempt &attempt, const QString &realtimeText);
    void finish(int index, const QFuture<Result<Job>> &future);

    Storage &m_storage;
    Transcriber &m_transcriber;
    WorkerSettings m_settings;
    QList<Worker> m_workers;
    QTimer m_poll;
    LogRateLimiter m_logRate;
};

} // namespace sb
