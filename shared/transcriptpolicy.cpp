#include "transcriptpolicy.h"

namespace sb {

int nonSpaceCharacters(QStringView text)
{
    int count = 0;
    for (const QChar c : text) {
        if (!c.isSpace())
            ++count;
    }
    return count;
}

TranscriptDecision decideTranscript(const std::optional<QString> &recordingText, const QString &realtimeText)
{
    if (recordingText && nonSpaceCharacters(*recordingText) >= kMinTranscriptCharacters)
        return {TranscriptSource::Recording, recordingText->trimmed()};
    if (nonSpaceCharacters(realtimeText) > 0)
        return {TranscriptSource::Realtime, realtimeText.trimmed()};
    return {TranscriptSource::Failed, QString()};
}

bool hasGoodTranscript(const std::optional<TranscriptSource> &source, const QString &finalTranscript)
{
    return source && *source != TranscriptSource::Failed && !finalTranscript.trimmed().isEmpty();
}

} // namespace sb
