#pragma once

#include "faultplan.h"
#include "http/httpserver.h"
#include "simcall.h"
#include "simstats.h"
#include "simtypes.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QObject>

#include <map>
#include <memory>

namespace sb::sim {

class CallDriver;
class ControlApi;
class InboundGenerator;
class RestApi;
class WebhookSender;

/**
 * @brief switchboard-twilio-sim in one object: a stand-in for Twilio that tests can run in-process.
 *
 * Owns the HTTP server (Twilio's REST subset under /2010-04-01 and the /sim control endpoints),
 * the calls it drives, their recordings, the stats and the armed faults. Everything runs on the
 * thread that created it.
 */
class Simulator : public QObject
{
    Q_OBJECT
public:
    explicit Simulator(SimOptions options, QObject *parent = nullptr);
    ~Simulator() override;

    /// Starts serving; fills options().publicUrl from the bound port when it was empty.
    Result<quint16> listen(const QHostAddress &address, quint16 port);

    const SimOptions &options() const { return m_options; }
    /// Where inbound calls' webhooks and alarms go, for a backend started after the simulator
    /// (it needs the simulator's URL as its Twilio REST base).
    void setWebhookTargets(const QUrl &voiceUrl, const QUrl &statusCallback, const QUrl &alarmUrl)
    {
        m_options.voiceUrl = voiceUrl;
        m_options.statusCallback = statusCallback;
        m_options.alarmUrl = alarmUrl;
    }
    SimStats &stats() { return m_stats; }
    FaultPlan &faults() { return m_faults; }
    WebhookSender &webhooks() { return *m_webhooks; }
    InboundGenerator &inbound() { return *m_inbound; }
    const QByteArray &speech() const { return m_speech; }

    /// Places a call (REST-created or inbound) and starts driving it.
    CallDriver *placeCall(CallRequest request);
    CallDriver *call(const QString &sid) const;
    /// Every call, oldest first.
    QList<CallDriver *> calls() const { return m_callOrder; }
    int activeCalls() const;

    void addRecording(const SimRecording &recording);
    SimRecording *recording(const QString &sid);
    /// Where the recording's media is served, without extension (the RecordingUrl Twilio sends).
    QUrl recordingUrl(const QString &recordingSid) const;

    /// Forgets every call, recording, count and fault (`POST /sim/reset`).
    void reset();

signals:
    void callPlaced(const QString &callSid);
    void callFinished(const QString &callSid);

private:
    SimOptions m_options;
    SimStats m_stats;
    FaultPlan m_faults;
    QByteArray m_speech;
    HttpServer m_server;
    std::unique_ptr<WebhookSender> m_webhooks;
    std::unique_ptr<RestApi> m_rest;
    std::unique_ptr<ControlApi> m_control;
    std::unique_ptr<InboundGenerator> m_inbound;
    QHash<QString, CallDriver *> m_calls;
    QList<CallDriver *> m_callOrder;
    std::map<QString, std::unique_ptr<SimRecording>> m_recordings;
};

} // namespace sb::sim
