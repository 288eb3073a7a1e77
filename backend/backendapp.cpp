#include "backendapp.h"

#include "calls/alertmonitor.h"
#include "calls/callbackprocessor.h"
#include "calls/outboundcallservice.h"
#include "http/apiroutes.h"
#include "http/costroutes.h"
#include "http/metricsroute.h"
#include "http/httpserver.h"
#include "http/ingresscounters.h"
#include "http/jobroutes.h"
#include "http/operationsroutes.h"
#include "http/outboundroutes.h"
#include "http/twilioroutes.h"
#include "live/livehub.h"
#include "media/mediastreamserver.h"
#include "recording/recordingservice.h"
#include "recording/recordingstarter.h"
#include "storage/databaseurl.h"
#include "storage/storage.h"
#include "twilio/twiliorestclient.h"

#include "shared/logging.h"

#include <QJsonArray>
#include <QTimer>

namespace sb {

BackendApp::BackendApp(BackendConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
{
}

BackendApp::~BackendApp()
{
    // The HTTP side goes first so nothing new reaches storage (live streams get their stop
    // written); storage then drains its queue.
    m_live.reset();
    m_alerts.reset();
    m_media.reset(); // its streams are deleted on the media thread
    m_mediaThread.quit();
    m_mediaThread.wait();
    m_twilioRoutes.reset();
    m_http.reset();
    m_outbound.reset();
    m_twilioRest.reset();
    m_callbacks.reset();
    // Storage's last tasks may still hand the recording starter and workers work; the workers'
    // own storage publishes through m_storage's signal. So: drain, recording, then the object.
    if (m_storage)
        m_storage->stop();
    m_recording.reset();
    m_storage.reset();
}

Result<void> BackendApp::start()
{
    const auto url = DatabaseUrl::parse(m_config.databaseUrl);
    if (!url)
        return invalidInput(QStringLiteral("SWITCHBOARD_DATABASE_URL: ") + url.error().message);

    StorageOptions options;
    options.threads = m_config.storageThreads;
    options.clock = m_config.clock;
    options.costs = m_config.costs;
    auto storage = Storage::open(*url, options);
    if (!storage)
        return storage.error();
    m_storage = std::move(storage).value();

    m_counters = std::make_unique<IngressCounters>();
    m_http = std::make_unique<HttpServer>();
    m_http->setMaxBodyBytes(m_config.maxBodyBytes);
    addOperationsRoutes(*m_http, [storage = m_storage.get()] {
        return storage->run([](StorageSession &session) -> Result<void> {
            auto query = session.exec(QStringLiteral("SELECT 1"));
            if (!query)
                return query.error();
            return {};
        });
    });
    const auto port = m_http->listen(m_config.listenAddress, m_config.listenPort);
    if (!port)
        return port.error();
    m_port = *port;
    if (!m_config.listenSocket.isEmpty()) {
        if (auto local = m_http->listenUnixSocket(m_config.listenSocket); !local)
            return local.error();
    }
    if (m_config.publicUrl.port() == 0) // the default public URL followed a port-0 listen address
        m_config.publicUrl.setPort(m_port);
    m_twilioRest = std::make_unique<TwilioRestClient>(m_config.twilioAccountSid, m_config.twilioAuthToken,
                                                      m_config.twilioApiBaseUrl, m_config.twilioTimeoutMs);
    m_recording = std::make_unique<RecordingService>(m_config, *m_storage, *m_twilioRest);
    if (auto recording = m_recording->start(m_config.publicUrl); !recording)
        return recording.error();
    m_callbacks = std::make_unique<CallbackProcessor>(*m_storage, m_recording->callbackHooks());
    addJobRoutes(*m_http, *m_storage, m_config.apiTokens, m_recording->routeSettings());
    // Routes that need the final public URL (signatures, TwiML) come after listening.
    m_twilioRoutes = std::make_unique<TwilioRoutes>(*m_http, *m_callbacks, m_config.publicUrl,
                                                    m_config.twilioAuthToken.toUtf8(), *m_counters);
    addCallApiRoutes(*m_http, *m_storage, m_config.apiTokens);
    OutboundSettings outbound;
    outbound.publicUrl = m_config.publicUrl;
    outbound.failClosed = m_config.dedupFailClosed;
    outbound.callsPerSecond = m_config.outboundCallsPerSecond;
    outbound.reconcileDelayMs = m_config.reconcileDelayMs;
    m_outbound = std::make_unique<OutboundCallService>(*m_storage, *m_twilioRest, outbound);
    addOutboundRoutes(*m_http, *m_outbound, *m_storage, m_config.apiTokens);
    if (m_config.twilioAuthToken.isEmpty())
        qCWarning(lcBackend) << "TWILIO_AUTH_TOKEN is not set: every Twilio webhook will be refused (403)";
    m_mediaThread.setObjectName(QStringLiteral("media"));
    m_mediaThread.start();
    m_media = std::make_unique<MediaStreamServer>(*m_http, *m_storage, MediaSettings::fromConfig(m_config),
                                                  &m_mediaThread);
    addCostRoutes(*m_http, *m_storage, m_config.apiTokens, m_config.alertThresholds);
    addMetricsRoute(*m_http, {m_storage.get(), m_counters.get(), m_http.get(), m_media.get(), m_twilioRest.get()});
    m_alerts = std::make_unique<AlertMonitor>(
        *m_storage, AlertMonitorSettings{m_config.alertThresholds, m_config.alertWindowDays, m_config.alertIntervalMs});
    connect(m_media.get(), &MediaStreamServer::streamStarted, &m_recording->starter(), &RecordingStarter::start);
    m_live = std::make_unique<LiveHub>(*m_http, *m_storage, m_config.apiTokens);
    // Consoles are told the current alerts as they change.
    connect(m_alerts.get(), &AlertMonitor::alertsChanged, m_live.get(), [this](const QList<Alert> &alerts) {
        QJsonArray list;
        for (const Alert &alert : alerts)
            list.append(alert.toJson());
        m_live->setAlerts(list);
    });

    BackendConfig shown = m_config;
    shown.listenPort = m_port;
    QString where = shown.listenText();
    if (!m_config.listenSocket.isEmpty())
        where += QString(u" and unix:" + m_config.listenSocket);
    qCInfo(lcBackend).noquote() << "listening on" << where << "| public URL"
                                << m_config.publicUrl.toString() << "| database" << url->masked();
    return {};
}

void BackendApp::stop(int graceMs)
{
    if (!m_http || std::exchange(m_stopping, true))
        return;
    m_http->stopListening();
    const int inFlight = m_http->inFlight();
    qCInfo(lcBackend) << "stopping: no new connections," << inFlight << "request(s) in flight";
    if (inFlight == 0) {
        QMetaObject::invokeMethod(this, &BackendApp::stopped, Qt::QueuedConnection);
        return;
    }
    connect(m_http.get(), &HttpServer::idle, this, &BackendApp::stopped, Qt::SingleShotConnection);
    QTimer::singleShot(graceMs, this, [this] {
        if (m_http->inFlight() > 0) {
            qCWarning(lcBackend) << "stopping with" << m_http->inFlight() << "request(s) still unanswered after the grace period";
            emit stopped();
        }
    });
}

} // namespace sb
