#pragma once

#include "config.h"

#include "shared/result.h"

#include <QObject>
#include <QThread>

#include <memory>

namespace sb {

class AlertMonitor;
class CallbackProcessor;
class HttpServer;
class LiveHub;
class MediaStreamServer;
class OutboundCallService;
class RecordingService;
class TwilioRestClient;
class Storage;
class TwilioRoutes;
struct IngressCounters;

/**
 * @brief switchboard-backend as one object: storage, then the HTTP port, then shutdown.
 *
 * main() only parses the configuration and turns signals into stop(); everything the daemon
 * runs is composed here, so tests can start a whole backend in-process.
 */
class BackendApp : public QObject
{
    Q_OBJECT
public:
    explicit BackendApp(BackendConfig config, QObject *parent = nullptr);
    ~BackendApp() override;

    /// Opens the database (creating or upgrading its schema), then listens. One-line error on failure.
    Result<void> start();

    /// Stops accepting connections and lets requests in flight finish (at most @p graceMs);
    /// emits stopped() when done.
    void stop(int graceMs = 10000);

    quint16 port() const { return m_port; }
    const BackendConfig &config() const { return m_config; }
    Storage &storage() { return *m_storage; }
    const IngressCounters &ingressCounters() const { return *m_counters; }
    MediaStreamServer &media() { return *m_media; }
    OutboundCallService &outbound() { return *m_outbound; }
    /// The live cost alerts (alertsChanged() is what consoles are told).
    AlertMonitor &alerts() { return *m_alerts; }
    RecordingService &recording() { return *m_recording; }
    LiveHub &live() { return *m_live; }

signals:
    void stopped();

private:
    BackendConfig m_config;
    std::unique_ptr<Storage> m_storage;
    std::unique_ptr<IngressCounters> m_counters;
    std::unique_ptr<CallbackProcessor> m_callbacks;
    std::unique_ptr<HttpServer> m_http;
    std::unique_ptr<TwilioRoutes> m_twilioRoutes;
    std::unique_ptr<TwilioRestClient> m_twilioRest;
    std::unique_ptr<OutboundCallService> m_outbound;
    bool m_stopping = false;
    QThread m_mediaThread; ///< Media Streams' own thread: frames never wait behind webhooks
    std::unique_ptr<MediaStreamServer> m_media;
    std::unique_ptr<AlertMonitor> m_alerts;
    std::unique_ptr<RecordingService> m_recording;
    std::unique_ptr<LiveHub> m_live;
    quint16 m_port = 0;
};

} // namespace sb
