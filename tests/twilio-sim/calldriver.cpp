#include "calldriver.h"

#include "audio.h"
#include "mediastreamer.h"
#include "simstats.h"
#include "simulator.h"
#include "webhooksender.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace sb::sim {

bool SimCall::isFinal() const
{
    return status == u"completed" || status == u"canceled" || status == u"failed" || status == u"busy"
           || status == u"no-answer";
}

CallDriver::CallDriver(Simulator &simulator, SimCall call, QObject *parent)
    : QObject(parent)
    , m_simulator(simulator)
    , m_call(std::move(call))
{
    m_stepTimer.setSingleShot(true);
    m_limitTimer.setSingleShot(true);
    connect(&m_limitTimer, &QTimer::timeout, this, [this] { hangUp(QStringLiteral("completed")); });
}

CallDriver::~CallDriver() = default;

void CallDriver::start()
{
    const int delay = m_simulator.options().answerDelayMs;
    if (m_call.request.direction == u"inbound") {
        // An inbound call reaches the application through its voice URL first; Twilio sends no
        // `initiated`/`ringing` callbacks for the inbound leg, so the receiver knows the call
        // before any status callback arrives.
        setStatus(QStringLiteral("ringing"));
        fetchTwiml(m_call.request.url, m_call.request.method);
        return;
    }
    // Each step is a separate timer turn so callbacks and REST reads interleave as at Twilio.
    QTimer::singleShot(0, this, [this, delay] {
        if (m_call.isFinal())
            return;
        setStatus(QStringLiteral("initiated"));
        statusEvent(QStringLiteral("initiated"));
        QTimer::singleShot(delay / 2, this, [this, delay] {
            if (m_call.isFinal())
                return;
            setStatus(QStringLiteral("ringing"));
            statusEvent(QStringLiteral("ringing"));
            QTimer::singleShot(delay - delay / 2, this, [this] {
                if (m_call.isFinal())
                    return;
                answer();
                if (!m_call.request.twiml.isEmpty() && m_call.request.url.isEmpty())
                    runTwiml(m_call.request.twiml.toUtf8(), {});
                else
                    fetchTwiml(m_call.request.url, m_call.request.method);
            });
        });
    });
}

FormFields CallDriver::callFields(const QString &callStatus) const
{
    FormFields fields{{QStringLiteral("AccountSid"), m_call.accountSid},
                      {QStringLiteral("ApiVersion"), QStringLiteral("2010-04-01")},
                      {QStringLiteral("CallSid"), m_call.sid},
                      {QStringLiteral("CallStatus"), callStatus},
                      {QStringLiteral("Called"), m_call.request.to},
                      {QStringLiteral("Caller"), m_call.request.from},
                      {QStringLiteral("Direction"), m_call.request.direction},
                      {QStringLiteral("From"), m_call.request.from},
                      {QStringLiteral("To"), m_call.request.to}};
    if (!m_call.answeredBy.isEmpty())
        fields.append({QStringLiteral("AnsweredBy"), m_call.answeredBy});
    return fields;
}

void CallDriver::setStatus(const QString &status)
{
    m_call.status = status;
    m_call.updated = QDateTime::currentDateTimeUtc();
}

bool CallDriver::wantsEvent(const QString &event) const
{
    if (m_call.request.faults.outOfOrderStatus)
        return true; // the fault needs the intermediate callbacks to reorder
    const QStringList &events = m_call.request.statusCallbackEvents;
    return events.isEmpty() ? event == u"completed" : events.contains(event);
}

void CallDriver::statusEvent(const QString &event)
{
    if (m_call.request.statusCallback.isEmpty() || !wantsEvent(event))
        return;
    // `answered` is reported as CallStatus=in-progress; `completed` carries the final status.
    const QString callStatus = event == u"answered" ? QStringLiteral("in-progress")
                               : event == u"completed" ? m_call.status
                                                       : event;
    const int sequence = m_call.nextSequence++;
    FormFields fields = callFields(callStatus);
    fields.append({QStringLiteral("CallbackSource"), QStringLiteral("call-progress-events")});
    fields.append({QStringLiteral("SequenceNumber"), QString::number(sequence)});
    fields.append({QStringLiteral("Timestamp"), rfc2822(QDateTime::currentDateTimeUtc())});
    if (event == u"completed") {
        const qint64 seconds = std::max<qint64>(0, m_call.durationSec);
        fields.append({QStringLiteral("CallDuration"), QString::number(seconds)});
        fields.append({QStringLiteral("Duration"), QString::number((seconds + 59) / 60)});
        fields.append({QStringLiteral("SipResponseCode"), QStringLiteral("200")});
    }
    const QString label = QStringLiteral("status:%1#%2").arg(callStatus).arg(sequence);
    if (m_call.request.faults.outOfOrderStatus && (event == u"ringing" || event == u"answered")) {
        // Delivered after `completed`, newest first: in-progress after completed, ringing after that.
        m_heldCallbacks.prepend({fields, label});
        return;
    }
    sendStatusCallback(fields, label);
    if (event == u"completed") {
        for (const auto &[held, heldLabel] : std::as_const(m_heldCallbacks))
            sendStatusCallback(held, heldLabel);
        m_heldCallbacks.clear();
    }
}

void CallDriver::sendStatusCallback(const FormFields &fields, const QString &label)
{
    m_call.eventsSent << label;
    m_simulator.webhooks().send(QStringLiteral("status"), m_call.request.statusCallback,
                                m_call.request.statusCallbackMethod, fields,
                                m_call.request.faults.repeatStatusCallbacks);
}

void CallDriver::answer()
{
    m_answered = true;
    m_call.started = QDateTime::currentDateTimeUtc();
    if (m_call.request.machineDetection)
        m_call.answeredBy = QStringLiteral("human");
    setStatus(QStringLiteral("in-progress"));
    statusEvent(QStringLiteral("answered"));
    if (m_call.request.timeLimitSec > 0)
        m_limitTimer.start(std::chrono::seconds(m_call.request.timeLimitSec));
    if (m_call.request.faults.alarm11205) {
        const QUrl target = m_call.request.statusCallback.isEmpty() ? m_call.request.url : m_call.request.statusCallback;
        sendAlarm(QStringLiteral("11205"), target,
                  QStringLiteral("HTTP connection failure: no response from %1 within 15 seconds").arg(target.toString()));
    }
    if (m_call.request.record) {
        SimRecording settings;
        settings.source = QStringLiteral("OutboundAPI");
        settings.channels = m_call.request.recordingChannels == u"dual" ? 2 : 1;
        settings.track = m_call.request.recordingTrack;
        settings.callback = m_call.request.recordingStatusCallback;
        settings.callbackMethod = m_call.request.recordingStatusCallbackMethod;
        settings.callbackEvents = m_call.request.recordingStatusCallbackEvents;
        (void)startRecording(settings);
    }
}

void CallDriver::fetchTwiml(const QUrl &url, const QString &method)
{
    FormFields fields = callFields(m_call.status);
    m_call.eventsSent << QStringLiteral("voice");
    QPointer<CallDriver> self(this);
    m_simulator.webhooks().send(QStringLiteral("voice"), url, method, fields, false,
                                [self, url](const WebhookReply &reply) {
                                    if (self)
                                        self->onVoiceReply(url, reply);
                                });
}

void CallDriver::onVoiceReply(const QUrl &url, const WebhookReply &reply)
{
    if (m_call.isFinal())
        return;
    if (!reply.ok()) {
        // Twilio plays "an application error has occurred" and hangs up; the Debugger hears of it.
        const bool connection = reply.status == 0;
        sendAlarm(connection ? QStringLiteral("11205") : QStringLiteral("11200"), url,
                  connection ? QStringLiteral("HTTP connection failure")
                             : QStringLiteral("An attempt to retrieve content from %1 returned the HTTP status code %2")
                                   .arg(url.toString())
                                   .arg(reply.status));
        if (!m_answered)
            answer();
        hangUp(QStringLiteral("completed"));
        return;
    }
    if (!m_answered)
        answer(); // an inbound call is answered by the TwiML that came back
    runTwiml(reply.body, url);
}

void CallDriver::runTwiml(const QByteArray &xml, const QUrl &documentUrl)
{
    const Result<TwimlPlan> plan = readTwiml(xml, documentUrl);
    if (!plan) {
        sendAlarm(plan.error().message.left(5), documentUrl, plan.error().message);
        hangUp(QStringLiteral("completed"));
        return;
    }
    switch (plan->action) {
    case TwimlPlan::Action::Stream:
        startStream(*plan);
        break;
    case TwimlPlan::Action::Hangup:
        hangUp(QStringLiteral("completed"));
        break;
    case TwimlPlan::Action::Redirect:
        fetchTwiml(plan->url, QStringLiteral("POST"));
        break;
    case TwimlPlan::Action::Hold:
        m_stepTimer.disconnect(this);
        connect(&m_stepTimer, &QTimer::timeout, this, [this] { hangUp(QStringLiteral("completed")); });
        m_stepTimer.start(std::chrono::seconds(m_simulator.options().callSeconds));
        break;
    }
}

void CallDriver::startStream(const TwimlPlan &twiml)
{
    StreamPlan plan;
    plan.url = twiml.url;
    plan.accountSid = m_call.accountSid;
    plan.callSid = m_call.sid;
    plan.parameters = twiml.parameters;
    const int seconds = m_call.request.streamSeconds >= 0 ? m_call.request.streamSeconds : m_simulator.options().streamSeconds;
    plan.totalFrames = std::max(1, seconds * 50);
    plan.dropAndReconnect = m_call.request.faults.streamDropReconnect;
    auto *streamer = new MediaStreamer(m_simulator.options(), m_simulator.stats(), plan, m_simulator.speech(), this);
    m_streamer = streamer;
    connect(streamer, &MediaStreamer::streamStarted, this, [this, twiml](const QString &streamSid) {
        m_call.streamSids << streamSid;
        m_call.eventsSent << QStringLiteral("stream:start");
        sendStreamStatus(twiml, streamSid, QStringLiteral("stream-started"));
    });
    connect(streamer, &MediaStreamer::audioSent, this, [this](const QByteArray &audio) {
        for (const QString &sid : std::as_const(m_call.recordingSids)) {
            if (SimRecording *recording = m_simulator.recording(sid); recording && recording->status == u"in-progress")
                recording->inbound += audio;
        }
    });
    connect(streamer, &MediaStreamer::audioReceived, this, [this](const QByteArray &audio) {
        for (const QString &sid : std::as_const(m_call.recordingSids)) {
            if (SimRecording *recording = m_simulator.recording(sid); recording && recording->status == u"in-progress")
                recording->outbound += audio;
        }
    });
    connect(streamer, &MediaStreamer::finished, this, [this, twiml](bool ok) {
        m_call.eventsSent << (ok ? QStringLiteral("stream:stop") : QStringLiteral("stream:failed"));
        if (!m_call.streamSids.isEmpty())
            sendStreamStatus(twiml, m_call.streamSids.constLast(), QStringLiteral("stream-stopped"));
        m_streamer.clear(); // it stays a child until the call goes, so its close can finish
        // <Connect> returns when the stream ends; with no verb after it the call hangs up.
        hangUp(QStringLiteral("completed"));
    });
    streamer->start();
}

void CallDriver::sendStreamStatus(const TwimlPlan &plan, const QString &streamSid, const QString &event)
{
    if (plan.statusCallback.isEmpty())
        return;
    const FormFields fields{{QStringLiteral("AccountSid"), m_call.accountSid},
                            {QStringLiteral("CallSid"), m_call.sid},
                            {QStringLiteral("StreamSid"), streamSid},
                            {QStringLiteral("StreamName"), streamSid},
                            {QStringLiteral("StreamEvent"), event},
                            {QStringLiteral("Timestamp"), iso8601(QDateTime::currentDateTimeUtc())}};
    m_simulator.webhooks().send(QStringLiteral("stream_status"), plan.statusCallback, plan.statusCallbackMethod, fields);
}

void CallDriver::stopStream()
{
    if (!m_streamer)
        return;
    m_streamer->disconnect(this); // a stream we end ourselves does not end the call
    m_streamer->hangUp();
    m_call.eventsSent << QStringLiteral("stream:stop");
}

void CallDriver::end(const QString &requestedStatus)
{
    if (m_call.isFinal())
        return;
    if (!m_answered) // not answered yet: either way the call never connects
        hangUp(QStringLiteral("canceled"));
    else if (requestedStatus == u"completed")
        hangUp(QStringLiteral("completed"));
}

void CallDriver::redirect(const QUrl &url, const QString &method, const QString &twiml)
{
    if (m_call.isFinal())
        return;
    if (!m_answered) { // a queued call just gets new instructions for when it is answered
        m_call.request.url = url;
        m_call.request.method = method;
        m_call.request.twiml = twiml;
        return;
    }
    m_stepTimer.stop();
    stopStream();
    if (!url.isEmpty())
        fetchTwiml(url, method);
    else
        runTwiml(twiml.toUtf8(), {});
}

Result<QString> CallDriver::startRecording(const SimRecording &settings)
{
    if (m_call.status != u"in-progress") {
        return Error{ErrorCode::Conflict,
                     QStringLiteral("Requested resource is not eligible for recording: the call is %1").arg(m_call.status)};
    }
    SimRecording recording = settings;
    recording.sid = newSid(u"RE");
    recording.callSid = m_call.sid;
    recording.accountSid = m_call.accountSid;
    recording.status = QStringLiteral("in-progress");
    recording.created = recording.updated = QDateTime::currentDateTimeUtc();
    m_simulator.addRecording(recording);
    m_call.recordingSids << recording.sid;
    if (recording.callbackEvents.contains(QStringLiteral("in-progress")))
        sendRecordingStatus(recording.sid, QStringLiteral("in-progress"));
    return recording.sid;
}

void CallDriver::hangUp(const QString &finalStatus)
{
    if (m_call.isFinal())
        return;
    m_stepTimer.stop();
    m_limitTimer.stop();
    stopStream();
    setStatus(finalStatus);
    m_call.ended = m_call.updated;
    m_call.durationSec = m_answered ? (m_call.started.msecsTo(m_call.ended) + 999) / 1000 : 0;
    statusEvent(QStringLiteral("completed"));
    finishRecordings();
    emit finished(m_call.sid);
}

void CallDriver::finishRecordings()
{
    if (m_call.request.faults.secondRecording && !m_call.recordingSids.isEmpty()) {
        // A second recording of the same call, as a double Record=true + API start would give.
        if (const SimRecording *first = m_simulator.recording(m_call.recordingSids.constFirst())) {
            SimRecording second = *first;
            second.sid = newSid(u"RE");
            m_simulator.addRecording(second);
            m_call.recordingSids << second.sid;
        }
    }
    for (const QString &sid : std::as_const(m_call.recordingSids)) {
        SimRecording *recording = m_simulator.recording(sid);
        if (!recording || recording->status != u"in-progress")
            continue;
        recording->updated = QDateTime::currentDateTimeUtc();
        const QStringList &events = recording->callbackEvents;
        if (m_call.request.faults.absentRecording) {
            // Nothing usable was stored (twilio-protocol.md 3): no media, and `absent` only to
            // those who subscribed to it.
            recording->status = QStringLiteral("absent");
            if (events.contains(QStringLiteral("absent")))
                sendRecordingStatus(sid, QStringLiteral("absent"));
            continue;
        }
        if (recording->inbound.isEmpty()) {
            // No stream carried audio: the caller spoke for the recorded time all the same.
            const qint64 ms = std::max<qint64>(1000, recording->created.msecsTo(recording->updated));
            recording->inbound = loopedSlice(m_simulator.speech(), 0, int(ms * 8));
        }
        recording->durationSec = (recording->inbound.size() + 7999) / 8000;
        recording->status = QStringLiteral("completed");
        if (events.isEmpty() || events.contains(QStringLiteral("completed")))
            sendRecordingStatus(sid, QStringLiteral("completed"));
    }
}

void CallDriver::sendRecordingStatus(const QString &recordingSid, const QString &status)
{
    const SimRecording *recording = m_simulator.recording(recordingSid);
    if (!recording || recording->callback.isEmpty())
        return;
    FormFields fields{{QStringLiteral("AccountSid"), m_call.accountSid},
                      {QStringLiteral("CallSid"), m_call.sid},
                      {QStringLiteral("RecordingSid"), recording->sid},
                      {QStringLiteral("RecordingUrl"), m_simulator.recordingUrl(recording->sid).toString()},
                      {QStringLiteral("RecordingStatus"), status},
                      {QStringLiteral("RecordingChannels"), QString::number(recording->channels)},
                      {QStringLiteral("RecordingStartTime"), rfc2822(recording->created)},
                      {QStringLiteral("RecordingSource"), recording->source},
                      {QStringLiteral("RecordingTrack"), recording->track},
                      {QStringLiteral("ErrorCode"), status == u"absent" ? QStringLiteral("16101") : QStringLiteral("0")}};
    if (status == u"completed")
        fields.append({QStringLiteral("RecordingDuration"), QString::number(recording->durationSec)});
    m_call.eventsSent << QStringLiteral("recording:%1:%2").arg(status, recording->sid);
    m_simulator.webhooks().send(QStringLiteral("recording_status"), recording->callback, recording->callbackMethod,
                                fields, m_call.request.faults.repeatStatusCallbacks);
}

void CallDriver::sendAlarm(const QString &errorCode, const QUrl &failedUrl, const QString &message)
{
    const QUrl alarmUrl = m_simulator.options().alarmUrl;
    m_call.eventsSent << QStringLiteral("alarm:%1").arg(errorCode);
    if (alarmUrl.isEmpty()) {
        m_simulator.stats().countWebhookFailure(QStringLiteral("alarm"));
        return;
    }
    // Debugger webhook (twilio-protocol.md 7): `Payload` is a JSON string; `error_code` a string.
    const QJsonObject payload{
        {QStringLiteral("resource_sid"), m_call.sid},
        {QStringLiteral("service_sid"), QJsonValue::Null},
        {QStringLiteral("error_code"), errorCode},
        {QStringLiteral("more_info"),
         QJsonObject{{QStringLiteral("msg"), message},
                     {QStringLiteral("Msg"), message},
                     {QStringLiteral("sourceComponent"), QStringLiteral("14100")},
                     {QStringLiteral("ErrorCode"), errorCode},
                     {QStringLiteral("url"), failedUrl.toString()},
                     {QStringLiteral("LogLevel"), QStringLiteral("ERROR")}}},
        {QStringLiteral("webhook"),
         QJsonObject{{QStringLiteral("type"), QStringLiteral("application/json")},
                     {QStringLiteral("request"), QJsonObject{{QStringLiteral("method"), QStringLiteral("POST")},
                                                              {QStringLiteral("url"), failedUrl.toString()}}}}}};
    const FormFields fields{{QStringLiteral("AccountSid"), m_call.accountSid},
                            {QStringLiteral("Level"), QStringLiteral("Error")},
                            {QStringLiteral("Payload"),
                             QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact))},
                            {QStringLiteral("PayloadType"), QStringLiteral("application/json")},
                            {QStringLiteral("Sid"), newSid(u"NO")},
                            {QStringLiteral("Timestamp"), iso8601(QDateTime::currentDateTimeUtc())}};
    m_simulator.webhooks().send(QStringLiteral("alarm"), alarmUrl, QStringLiteral("POST"), fields);
}

QJsonObject CallDriver::toSimJson() const
{
    return {{QStringLiteral("sid"), m_call.sid},
            {QStringLiteral("direction"), m_call.request.direction},
            {QStringLiteral("to"), m_call.request.to},
            {QStringLiteral("from"), m_call.request.from},
            {QStringLiteral("status"), m_call.status},
            {QStringLiteral("duration"), m_call.durationSec},
            {QStringLiteral("events"), QJsonArray::fromStringList(m_call.eventsSent)},
            {QStringLiteral("stream_connects"), int(m_call.streamSids.size())},
            {QStringLiteral("stream_sids"), QJsonArray::fromStringList(m_call.streamSids)},
            {QStringLiteral("recording_sids"), QJsonArray::fromStringList(m_call.recordingSids)},
            {QStringLiteral("faults"), QJsonArray::fromStringList(m_call.request.faults.names())}};
}

} // namespace sb::sim
