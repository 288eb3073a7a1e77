#pragma once

#include "callenums.h"

#include <QString>

#include <optional>

namespace sb {

/// A recording's text counts only with at least this many non-space characters (invariant 4).
inline constexpr int kMinTranscriptCharacters = 10;

/// Characters that are not white space.
int nonSpaceCharacters(QStringView text);

/// What a call's final transcript becomes.
struct TranscriptDecision
{
    TranscriptSource source = TranscriptSource::Failed;
    QString text; ///< empty for `failed`
};

/**
 * Invariant 4 as a pure function. @p recordingText is the recording's transcription, nullopt when
 * it failed; @p realtimeText the realtime transcript. The recording's text wins when it has at
 * least kMinTranscriptCharacters non-space characters; otherwise the realtime transcript when it
 * has any text; otherwise `failed`.
 */
TranscriptDecision decideTranscript(const std::optional<QString> &recordingText, const QString &realtimeText);

/// Invariant 3's skip rule: a call whose final transcript exists with a source other than `failed`
/// is not transcribed again unless an admin forces it.
bool hasGoodTranscript(const std::optional<TranscriptSource> &source, const QString &finalTranscript);

} // namespace sb
