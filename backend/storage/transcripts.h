#pragma once

#include "shared/call.h"
#include "shared/result.h"
#include "storagesession.h"

namespace sb {

/// @brief The only writer of `transcription`, the realtime transcript (the AI bridge).
class RealtimeTranscript
{
public:
    explicit RealtimeTranscript(StorageSession &session) : m_session(session) { }

    /// Appends `speaker: text` as one line to the call's realtime transcript.
    Result<Call> appendTranscriptLine(const QString &callSid, const QString &speaker, const QString &text);

private:
    StorageSession &m_session;
};

/// @brief The only writer of final_transcript and transcript_source (the transcription worker).
class FinalTranscript
{
public:
    explicit FinalTranscript(StorageSession &session) : m_session(session) { }

    /// Stores the outcome of invariant 4's policy for call @p callId (by row id: jobs hold ids).
    Result<Call> setFinalTranscript(qint64 callId, const QString &text, TranscriptSource source);

private:
    StorageSession &m_session;
};

} // namespace sb
