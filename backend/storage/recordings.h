#pragma once

#include "shared/call.h"
#include "shared/result.h"
#include "storagesession.h"

#include <QHash>
#include <QStringList>

namespace sb {

/// Twilio did not start a call's recording (Recordings::noteRecordingStartsFailed()).
struct RecordingStartFailure
{
    QString callSid;
    int errorCode = 0;
    QString message;
};

/**
 * @brief The only writer of recording_mode, recording_sid, recording_url, recording_status and
 * recording_count (recording starter + recording-status webhook, invariant 2).
 */
class Recordings
{
public:
    explicit Recordings(StorageSession &session) : m_session(session) { }

    /**
     * Atomically moves recording_mode from OFF to RECORDING_API while the call has not ended.
     * Exactly one caller, across threads and processes, gets true and may start the recording;
     * everyone else gets false.
     */
    Result<bool> claimRecordingStart(const QString &callSid);

    /**
     * claimRecordingStart() for many calls at once: on PostgreSQL one statement for all (one
     * transaction), on SQLite one claim after the other. Gives each known call's decision; an
     * unknown call is left out.
     */
    Result<QHash<QString, bool>> claimRecordingStarts(const QStringList &callSids);

    /**
     * Twilio answered our start with @p recordingSid: counted as a reported recording (a later
     * callback for the same sid adds nothing); the recording's status is left to the callbacks.
     */
    Result<Call> noteRecordingStarted(const QString &callSid, const QString &recordingSid);

    /**
     * Twilio refused our start (21220: the call is not in progress) or its outcome is unknown:
     * goes on the timeline; the claim stays, so nobody asks again (no retry storm, and never a
     * second recording).
     */
    Result<void> noteRecordingStartFailed(const QString &callSid, int errorCode, const QString &message);
    /// noteRecordingStartFailed() for many calls at once (one statement on PostgreSQL); unknown
    /// calls are left out.
    Result<void> noteRecordingStartsFailed(const QList<RecordingStartFailure> &failures);

    /**
     * A recording-status callback: remembers @p recordingSid (distinct sids per call are
     * recording_count) and stores it with its status and URL (an empty URL keeps a known one).
     * @p errorCode (16101/16102 on `absent`) goes on the timeline.
     */
    Result<Call> recordRecordingStatus(const QString &callSid, const QString &recordingSid, RecordingStatus status,
                                       const QString &url, int errorCode = 0);

private:
    StorageSession &m_session;
};

} // namespace sb
