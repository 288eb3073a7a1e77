#pragma once

#include "timelinemodel.h"

#include "shared/call.h"
#include "shared/livemessages.h"

#include <QObject>

namespace sb {

class LiveClient;

/**
 * @brief The call a console shows in detail: the whole call, its timeline, its transcripts.
 *
 * show() subscribes to the call over the live connection; the history fills the timeline and the
 * realtime transcript, then live events extend both. The final transcript and its source come
 * with the history, which is asked again when a `final_transcript` event says it was written,
 * and after a reconnect.
 */
class CallDetail : public QObject
{
    Q_OBJECT
public:
    explicit CallDetail(LiveClient &client, QObject *parent = nullptr);

    /// Follows the call with row id @p callId (0 follows none).
    void show(qint64 callId);
    qint64 callId() const { return m_callId; }
    /// Whether the history arrived (call() is the whole call).
    bool isLoaded() const { return m_loaded; }
    const Call &call() const { return m_call; }
    TimelineModel *timeline() { return &m_timeline; }
    QString realtimeTranscript() const { return m_realtimeTranscript; }

signals:
    /// The call, its transcripts or its metrics changed.
    void changed();
    /// A line was added to the realtime transcript ("speaker: text").
    void transcriptLineAdded(const QString &line);

private:
    void onHistory(const live::History &history);
    void onEvent(const CallEvent &event);
    void onCalls(const QList<Call> &calls);
    void appendTranscriptLine(const CallEvent &event);

    LiveClient &m_client;
    qint64 m_callId = 0;
    bool m_loaded = false;
    Call m_call;
    QString m_realtimeTranscript;
    qint64 m_lastTranscriptEventId = 0;
    TimelineModel m_timeline;
};

} // namespace sb
