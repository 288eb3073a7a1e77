#include "transcripts.h"

#include "storagedetail.h"

using namespace Qt::StringLiterals;

namespace sb {

Result<Call> RealtimeTranscript::appendTranscriptLine(const QString &callSid, const QString &speaker, const QString &text)
{
    if (speaker.trimmed().isEmpty() || text.trimmed().isEmpty())
        return invalidInput(u"a transcript line needs a speaker and text"_s);
    auto transaction = Transaction::begin(m_session);
    if (!transaction)
        return transaction.error();
    auto call = detail::lockCallBySid(m_session, callSid);
    if (!call)
        return call;
    const QString line = speaker.trimmed() + u": "_s + text.trimmed() + u'\n';
    auto updated = m_session.exec(u"UPDATE calls SET transcription = :text, updated_at = :now WHERE id = :id"_s,
                                  {{u":text"_s, QString(call.value().transcription + line)}, {u":now"_s, m_session.nowMs()},
                                   {u":id"_s, call.value().id}});
    if (!updated)
        return updated.error();
    call.value().transcription += line;
    call.value().updatedAt = m_session.clock().now();
    auto event = detail::appendEvent(m_session, *call, u"transcript_line"_s, u"ai_bridge"_s,
                                     {{u"speaker"_s, speaker.trimmed()}, {u"text"_s, text.trimmed()}});
    if (!event)
        return event.error();
    if (auto committed = transaction.value().commit(); !committed)
        return committed.error();
    return call;
}

Result<Call> FinalTranscript::setFinalTranscript(qint64 callId, const QString &text, TranscriptSource source)
{
    if (source != TranscriptSource::Failed && text.trimmed().isEmpty())
        return invalidInput(u"an empty transcript must have source failed"_s);
    auto transaction = Transaction::begin(m_session);
    if (!transaction)
        return transaction.error();
    auto call = detail::lockCallById(m_session, callId);
    if (!call)
        return call;
    auto updated = m_session.exec(
        u"UPDATE calls SET final_transcript = :text, transcript_source = :source, updated_at = :now WHERE id = :id"_s,
        {{u":text"_s, nullIfEmpty(text)}, {u":source"_s, toString(source)}, {u":now"_s, m_session.nowMs()},
         {u":id"_s, callId}});
    if (!updated)
        return updated.error();
    call.value().finalTranscript = text;
    call.value().transcriptSource = source;
    call.value().updatedAt = m_session.clock().now();
    auto event = detail::appendEvent(m_session, *call, u"final_transcript"_s, u"worker"_s,
                                     {{u"transcript_source"_s, toString(source)}, {u"length"_s, text.size()}});
    if (!event)
        return event.error();
    if (auto committed = transaction.value().commit(); !committed)
        return committed.error();
    return call;
}

} // namespace sb
