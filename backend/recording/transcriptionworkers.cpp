#include "transcriptionworkers.h"

#include "transcriber.h"

#include "async.h"
#include "storage/jobs.h"
#include "storage/storage.h"

#include "shared/logging.h"
#include "shared/transcriptpolicy.h"

#include <QCoreApplication>
#include <QHostInfo>

using namespace Qt::StringLiterals;

namespace sb {

TranscriptionWorkers::TranscriptionWorkers(Storage &storage, Transcriber &transcriber, WorkerSettings settings,
                                           QObject *parent)
    : QObject(parent)
    , m_storage(storage)
    , m_transcriber(transcriber)
    , m_settings(std::move(settings))
{
    const QString prefix = !m_settings.ownerPrefix.isEmpty()
                               ? m_settings.ownerPrefix
                               : QHostInfo::localHostName() + u':' + QString::number(QCoreApplication::applicationPid());
    for (int i = 0; i < std::max(1, m_settings.workers); ++i)
        m_workers.append({prefix + u':' + QString::number(i + 1), false});
    m_poll.setInterval(m_settings.pollMs);
    connect(&m_poll, &QTimer::timeout, this, &TranscriptionWorkers::claimWithOneIdleWorker);
}

TranscriptionWorkers::~TranscriptionWorkers() = default;

void TranscriptionWorkers::start()
{
    m_poll.start();
    wake();
}

void TranscriptionWorkers::wake()
{
    QMetaObject::invokeMethod(this, &TranscriptionWorkers::claimWithOneIdleWorker, Qt::QueuedConnection);
}

void TranscriptionWorkers::claimWithOneIdleWorker()
{
    // One look at an empty queue is enough; a job found brings the other idle workers in.
    const auto idle = std::find_if(m_workers.begin(), m_workers.end(), [](const Worker &w) { return !w.busy; });
    if (idle != m_workers.end())
        claim(int(idle - m_workers.begin()));
}

void TranscriptionWorkers::claim(int index)
{
    Worker &worker = m_workers[index];
    if (worker.busy)
        return;
    worker.busy = true;
    auto claimed = m_storage.run([owner = worker.owner, lease = m_settings.leaseMs](StorageSession &session) {
        return Jobs(session).claimNext(owner, lease);
    });
    whenReady(claimed, this, [this, index](const Result<std::optional<ClaimedJob>> &next) {
        if (!next || !next->has_value()) {
            if (!next) {
                SB_LOG_RATE_LIMITED(qCWarning(lcRecording), m_logRate, u"claim"_s,
                                    "could not claim a transcription job:" << next.error().message);
            }
            m_workers[index].busy = false;
            return;
        }
        for (int other = 0; other < m_workers.size(); ++other)
            claim(other); // busy ones (this one included) skip
        process(index, **next);
    });
}

void TranscriptionWorkers::process(int index, const ClaimedJob &claimed)
{
    const Job &job = claimed.job;
    const Call &call = claimed.call;
    if (!job.forced && hasGoodTranscript(call.transcriptSource, call.finalTranscript)) {
        const QString owner = m_workers[index].owner;
        finish(index, m_storage.run([id = job.id, owner](StorageSession &session) {
            return Jobs(session).complete(id, owner, u"skipped"_s, std::nullopt);
        }));
        return;
    }
    m_transcriber.transcribe(call, [this, index, job, realtime = call.transcription](const TranscriptionAttempt &attempt) {
        settle(index, job, attempt, realtime);
    });
}

void TranscriptionWorkers::settle(int index, const Job &job, const TranscriptionAttempt &attempt, const QString &realtimeText)
{
    const QString owner = m_workers[index].owner;
    if (!attempt.text && attempt.transient && job.attempts < job.maxAttempts) {
        finish(index, m_storage.run([id = job.id, owner, error = attempt.error, base = m_settings.retryBaseMs](StorageSession &session) {
            return Jobs(session).fail(id, owner, error, base);
        }));
        return;
    }
    // Invariant 4: the recording's text, else the realtime transcript, else failed.
    const TranscriptDecision decision = decideTranscript(attempt.text, realtimeText);
    finish(index, m_storage.run([id = job.id, owner, decision, note = attempt.error](StorageSession &session) {
        return Jobs(session).complete(id, owner, toString(decision.source), decision, note);
    }));
}

void TranscriptionWorkers::finish(int index, const QFuture<Result<Job>> &future)
{
    whenReady(future, this, [this, index](const Result<Job> &job) {
        m_workers[index].busy = false;
        if (!job) {
            // A lost lease (Conflict) means another worker took the job over; anything else
            // leaves the lease to run out, and the job is retried then.
            if (job.error().code != ErrorCode::Conflict) {
                SB_LOG_RATE_LIMITED(qCWarning(lcRecording), m_logRate, u"finish"_s,
                                    "could not store a transcription job's result:" << job.error().message);
            }
        } else {
            if (job->state == u"dead")
                qCWarning(lcRecording).noquote() << "transcription job" << job->id << "is dead:" << job->lastError;
            emit jobSettled(*job);
        }
        claim(index); // drain: the next job, if any, at once
    });
}

} // namespace sb
