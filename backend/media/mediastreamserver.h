#pragma once

#include "http/httpmessage.h"
#include "mediacounters.h"
#include "mediasettings.h"

#include "shared/lograte.h"

#include <QObject>
#include <QSet>

#include <memory>
#include <optional>

namespace sb {

class HttpServer;
class MediaSession;
class PromptBuilder;
class Storage;

/**
 * @brief `/twilio/media`: accepts Twilio's Media Stream WebSockets and owns their sessions.
 *
 * The handshake is checked before the upgrade (HttpServer::webSocketRoute): a missing or wrong
 * `X-Twilio-Signature` (tried on SWITCHBOARD_PUBLIC_URL's ws/wss form + `/twilio/media`, also
 * with a trailing `/`) gets 403 and is counted; no auth token configured refuses every stream.
 * An upgrade to any other path gets 404 from the HTTP server; a plain `GET /twilio/media`, 426.
 * Destroying the server ends every stream (their stop is written).
 */
class MediaStreamServer : public QObject
{
    Q_OBJECT
public:
    static constexpr QStringView kPath = u"/twilio/media";

    MediaStreamServer(HttpServer &http, Storage &storage, MediaSettings settings, QObject *parent = nullptr);
    ~MediaStreamServer() override;

    const MediaSettings &settings() const { return m_settings; }
    const MediaCounters &counters() const { return m_counters; }
    PromptBuilder &prompts() { return *m_prompts; }
    int activeSessions() const { return int(m_sessions.size()); }

signals:
    void sessionFinished(const QString &callSid, const QString &streamSid);
    /// A stream's `start` is stored for @p callSid: the call is answered (the recording starts).
    void streamStarted(const QString &callSid);

private:
    std::optional<HttpResponse> checkHandshake(const HttpRequest &request);
    void accept(std::unique_ptr<QWebSocket> socket);

    HttpServer &m_http;
    Storage &m_storage;
    MediaSettings m_settings;
    MediaCounters m_counters;
    LogRateLimiter m_logRate;
    std::unique_ptr<PromptBuilder> m_prompts;
    QSet<MediaSession *> m_sessions;
};

} // namespace sb
