#pragma once

#include "http/httpmessage.h"
#include "mediacounters.h"
#include "mediasettings.h"

#include "shared/lograte.h"

#include <QObject>

#include <atomic>
#include <optional>

class QThread;

namespace sb {

class HttpServer;
class PromptBuilder;
class Storage;

/**
 * @brief `/twilio/media`: accepts Twilio's Media Stream WebSockets and owns their sessions.
 *
 * The handshake is checked before the upgrade (HttpServer::webSocketRoute): a missing or wrong
 * `X-Twilio-Signature` (tried on SWITCHBOARD_PUBLIC_URL's ws/wss form + `/twilio/media`, also
 * with a trailing `/`) gets 403 and is counted; no auth token configured refuses every stream.
 * An upgrade to any other path gets 404 from the HTTP server; a plain `GET /twilio/media`, 426;
 * a handshake without a valid Sec-WebSocket-Key or version 13, 400 or 426.
 *
 * An accepted stream leaves Qt: its descriptor is served by an EpollReactor (one QSocketNotifier
 * for every stream and `ws://` AI socket) through WebSocketConnection, so the cost per frame is
 * our parsing and two system calls, not Qt's socket machinery. The streams run on their own
 * thread when one is given, so a frame never waits behind the HTTP thread's webhooks and
 * routes; the handshake check stays on the HTTP thread.
 * Destroying the server ends every stream (their stop is written).
 */
class MediaStreamServer : public QObject
{
    Q_OBJECT
public:
    static constexpr QStringView kPath = u"/twilio/media";

    /// Streams are served on @p streamThread (running, and outliving this object), or on the
    /// calling thread when it is null.
    MediaStreamServer(HttpServer &http, Storage &storage, MediaSettings settings, QThread *streamThread = nullptr,
                      QObject *parent = nullptr);
    ~MediaStreamServer() override;

    const MediaSettings &settings() const { return m_settings; }
    /// Readable from any thread.
    const MediaCounters &counters() const { return m_counters; }
    /// The streams' prompt builder: an object of the stream thread.
    PromptBuilder &prompts();
    /// Readable from any thread.
    int activeSessions() const { return m_activeSessions.load(std::memory_order_relaxed); }

signals:
    /// Emitted on the stream thread (a queued connection delivers it elsewhere).
    void sessionFinished(const QString &callSid, const QString &streamSid);
    /// A stream's `start` is stored for @p callSid: the call is answered (the recording starts).
    /// Emitted on the stream thread.
    void streamStarted(const QString &callSid);

private:
    class Streams;

    std::optional<HttpResponse> checkHandshake(const HttpRequest &request);

    HttpServer &m_http;
    const MediaSettings m_settings;
    MediaCounters m_counters;
    std::atomic<int> m_activeSessions{0};
    LogRateLimiter m_logRate; ///< the handshake's warnings, on the HTTP thread
    QThread *m_streamThread = nullptr;
    Streams *m_streams = nullptr; ///< an object of the stream thread, deleted there
};

} // namespace sb
