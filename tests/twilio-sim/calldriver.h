#pragma once

#include "http/form.h"
#include "simcall.h"
#include "twimlreader.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace sb::sim {

class MediaStreamer;
class Simulator;
struct WebhookReply;

/**
 * @brief Drives one call through its life on timers, never blocking.
 *
 * Outbound: queued → initiated → ringing → in-progress (voice URL fetched, TwiML run) → completed.
 * Inbound: ringing (voice URL fetched with CallStatus=ringing) → in-progress → completed.
 * Status callbacks go out for the events the call asked for, numbered by SequenceNumber;
 * recordings complete when the call ends. The call's faults bend this on purpose.
 */
class CallDriver : public QObject
{
    Q_OBJECT
public:
    CallDriver(Simulator &simulator, SimCall call, QObject *parent = nullptr);
    ~CallDriver() override;

    const SimCall &call() const { return m_call; }
    void start();

    /// REST `Status=completed|canceled`. Canceling an answered call does nothing, as at Twilio.
    void end(const QString &requestedStatus);
    /// REST `Url`/`Twiml` on a live call: leave the current TwiML (closing a stream) and run the new one.
    void redirect(const QUrl &url, const QString &method, const QString &twiml);
    /// REST Recordings.json: only on an in-progress call; returns the recording's SID.
    Result<QString> startRecording(const SimRecording &settings);

    QJsonObject toSimJson() const;

signals:
    void finished(const QString &callSid);

private:
    FormFields callFields(const QString &callStatus) const;
    void setStatus(const QString &status);
    void statusEvent(const QString &event);
    void sendStatusCallback(const FormFields &fields, const QString &label);
    void answer();
    void fetchTwiml(const QUrl &url, const QString &method);
    void onVoiceReply(const QUrl &url, const WebhookReply &reply);
    void runTwiml(const QByteArray &xml, const QUrl &documentUrl);
    void startStream(const TwimlPlan &plan);
    void sendStreamStatus(const TwimlPlan &plan, const QString &streamSid, const QString &event);
    void stopStream();
    void hangUp(const QString &finalStatus);
    void finishRecordings();
    void sendRecordingStatus(const QString &recordingSid, const QString &status);
    void sendAlarm(const QString &errorCode, const QUrl &failedUrl, const QString &message);
    bool wantsEvent(const QString &event) const;

    Simulator &m_simulator;
    SimCall m_call;
    QPointer<MediaStreamer> m_streamer;
    QTimer m_stepTimer;  ///< the next step of the life (answer, hold)
    QTimer m_limitTimer; ///< TimeLimit
    QList<QPair<FormFields, QString>> m_heldCallbacks; ///< out_of_order_status: sent after completed
    bool m_answered = false;
};

} // namespace sb::sim
