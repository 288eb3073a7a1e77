#include "backendapp.h"

#include "http/httpserver.h"
#include "http/operationsroutes.h"
#include "media/mediastreamserver.h"
#include "storage/databaseurl.h"
#include "storage/storage.h"

#include "shared/logging.h"

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
    m_media.reset();
    m_http.reset();
    m_storage.reset();
}

Result<void> BackendApp::start()
{
    const auto url = DatabaseUrl::parse(m_config.databaseUrl);
    if (!url)
        return invalidInput(QStringLiteral("SWITCHBOARD_DATABASE_URL: ") + url.error().message);

    StorageOptions options;
    options.threads = m_config.storageThreads;
    auto storage = Storage::open(*url, options);
    if (!storage)
        return storage.error();
    m_storage = std::move(storage).value();

    m_http = std::make_unique<HttpServer>();
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
    if (m_config.publicUrl.port() == 0) // the default public URL followed a port-0 listen address
        m_config.publicUrl.setPort(m_port);
    m_media = std::make_unique<MediaStreamServer>(*m_http, *m_storage, MediaSettings::fromConfig(m_config));

    BackendConfig shown = m_config;
    shown.listenPort = m_port;
    qCInfo(lcBackend).noquote() << "listening on" << shown.listenText() << "| public URL"
                                << m_config.publicUrl.toString() << "| database" << url->masked();
    return {};
}

void BackendApp::stop()
{
    if (!m_http)
        return;
    qCInfo(lcBackend) << "stopping: no new connections; finishing work in flight";
    m_http->stopListening();
    QMetaObject::invokeMethod(this, &BackendApp::stopped, Qt::QueuedConnection);
}

} // namespace sb
