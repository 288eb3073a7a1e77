#pragma once

#include "shared/call.h"
#include "shared/result.h"
#include "storagesession.h"

namespace sb {

/**
 * @brief The only writer of recording_mode, recording_sid, recording_url, recording_status and
 * recording_count (recording starter + recording-status webhook, invariant 2).
 */
class Recordings
{
public:
    explicit Recordings(StorageSession &session) : m_session(session) { }

    /**
     * Atomically moves recording_mode from OFF to RECORDING_API. Exactly one caller, across
     * threads and processes, gets true and may start the recording; everyone else gets false.
     */
    Result<bool> claimRecordingStart(const QString &callSid);

    /**
     * A recording-status callback: remembers @p recordingSid (distinct sids per call are
     * recording_count) and stores it with its status and URL (an empty URL keeps a known one).
     */
    Result<Call> recordRecordingStatus(const QString &callSid, const QString &recordingSid, RecordingStatus status,
                                       const QString &url);

private:
    StorageSession &m_session;
};

} // namespace sb
