#include "calldetail.h"

#include "liveclient.h"

using namespace Qt::StringLiterals;

namespace sb {

CallDetail::CallDetail(LiveClient &client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
    connect(&m_client, &LiveClient::historyReceived, this, &CallDetail::onHistory);
    connect(&m_client, &LiveClient::eventReceived, this, &CallDetail::onEvent);
    connect(&m_client, &LiveClient::callsChanged, this, &CallDetail::onCalls);
    connect(&m_client, &LiveClient::snapshotReceived, this, [this] {
        // A new connection (or a resync) has no subscription yet.
        if (m_callId > 0)
            m_client.subscribe(m_callId);
    });
}

void CallDetail::show(qint64 callId)
{
    if (callId == m_callId)
        return;
    if (m_callId > 0)
        m_client.unsubscribe(m_callId);
    m_callId = callId;
    m_loaded = false;
    m_call = Call{};
    m_realtimeTranscript.clear();
    m_lastTranscriptEventId = 0;
    m_timeline.clear();
    if (m_callId > 0)
        m_client.subscribe(m_callId);
    emit changed();
}

void CallDetail::onHistory(const live::History &history)
{
    if (history.call.id != m_callId)
        return;
    m_call = history.call;
    m_loaded = true;
    m_timeline.merge(history.events);
    // The stored transcript holds every line up to the history's last event; live events that
    // arrived before the history and are newer than it follow.
    m_realtimeTranscript = m_call.transcription;
    m_lastTranscriptEventId = history.events.isEmpty() ? 0 : history.events.constLast().id;
    for (const CallEvent &event : m_timeline.events()) {
        if (event.id > m_lastTranscriptEventId && event.kind == u"transcript_line")
            appendTranscriptLine(event);
    }
    emit changed();
}

void CallDetail::onEvent(const CallEvent &event)
{
    if (event.callId != m_callId)
        return;
    m_timeline.merge({event});
    if (!m_loaded)
        return; // the history will account for it
    if (event.kind == u"transcript_line" && event.id > m_lastTranscriptEventId) {
        appendTranscriptLine(event);
        emit changed();
    } else if (event.kind == u"final_transcript") {
        m_client.subscribe(m_callId); // the history carries the final transcript's text
    }
}

void CallDetail::appendTranscriptLine(const CallEvent &event)
{
    const QString line = event.detail.value(u"speaker"_s).toString() + u": "_s
                         + event.detail.value(u"text"_s).toString() + u'\n';
    m_realtimeTranscript += line;
    m_lastTranscriptEventId = event.id;
    emit transcriptLineAdded(line);
}

void CallDetail::onCalls(const QList<Call> &calls)
{
    for (const Call &call : calls) {
        if (call.id != m_callId)
            continue;
        // Summaries leave the transcripts out: keep ours.
        const QString transcription = m_call.transcription;
        const QString finalTranscript = m_call.finalTranscript;
        m_call = call;
        m_call.transcription = transcription;
        m_call.finalTranscript = finalTranscript;
        emit changed();
    }
}

} // namespace sb
