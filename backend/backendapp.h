#pragma once

#include "config.h"

#include "shared/result.h"

#include <QObject>

#include <memory>

namespace sb {

class HttpServer;
class MediaStreamServer;
class Storage;

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

    /// Stops accepting connections and lets work in flight finish; emits stopped() when done.
    void stop();

    quint16 port() const { return m_port; }
    const BackendConfig &config() const { return m_config; }
    Storage &storage() { return *m_storage; }
    MediaStreamServer &media() { return *m_media; }

signals:
    void stopped();

private:
    BackendConfig m_config;
    std::unique_ptr<Storage> m_storage;
    std::unique_ptr<HttpServer> m_http;
    std::unique_ptr<MediaStreamServer> m_media;
    quint16 m_port = 0;
};

} // namespace sb
