#include "transcripts.h"

#include "storagedetail.h"

using namespace Qt::StringLiterals;

namespace sb {

Result<Call> RealtimeTranscript::appendTranscriptLine(const QString &callSid, const QString &speaker, const QString &text)
{
    if (speaker.trimmed().isEmpty() || text.trimmed().isEmpty())
        return invalidInput(u"a transcript line needs a speaker and text"_s);
    auto locked = detail::beginWriteOnCall(m_session, callSid);
    if (!locked)
        return locked.error();
    auto &[transaction, call] = locked.value();
    const QString line = speaker.trimmed() + u": "_s + text.trimmed() + u'\n';
    auto updated = m_session.exec(u"UPDATE calls SET transcription = :text, updated_at = :now WHERE id = :id"_s,
                                  {{u":text"_s, QString(call.transcription + line)}, {u":now"_s, m_session.nowMs()},
                                   {u":id"_s, call.id}});
    if (!updated)
        return updated.error();
    call.transcription += line;
    call.updatedAt = m_session.clock().now();
    auto event = detail::appendEvent(m_session, call, u"transcript_line"_s, u"ai_bridge"_s,
                                     {{u"speaker"_s, speaker.trimmed()}, {u"text"_s, text.trimmed()}});
    if (!event)
        return event.error();
    if (auto committed = transaction.commit(); !committed)
        return committed.error();
    return call;
}

Result<Call> FinalTranscript::setFinalTranscript(qint64 callId, const QString &text, TranscriptSource source)
{
    if (source != TranscriptSource::Failed && text.trimmed().isEmpty())
        return invalidInput(u"an empty transcript must have source failed"_s);
    auto locked = detail::beginWriteOnCall(m_session, callId);
    if (!locked)
        return locked.error();
    auto &[transaction, call] = locked.value();
    auto updated = m_session.exec(
        u"UPDATE calls SET final_transcript = :text, transcript_source = :source, updated_at = :now WHERE id = :id"_s,
        {{u":text"_s, nullIfEmpty(text)}, {u":source"_s, toString(source)}, {u":now"_s, m_session.nowMs()},
         {u":id"_s, callId}});
    if (!updated)
        return updated.error();
    call.finalTranscript = text;
    call.transcriptSource = source;
    call.updatedAt = m_session.clock().now();
    auto event = detail::appendEvent(m_session, call, u"final_transcript"_s, u"worker"_s,
                                     {{u"transcript_source"_s, toString(source)}, {u"length"_s, text.size()}});
    if (!event)
        return event.error();
    if (auto committed = transaction.commit(); !committed)
        return committed.error();
    return call;
}

} // namespace sb
