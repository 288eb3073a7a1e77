#include "mediastreamserver.h"

#include "config.h"
#include "epollreactor.h"
#include "http/httpserver.h"
#include "mediasession.h"
#include "promptbuilder.h"
#include "twilio/signature.h"

#include "shared/logging.h"

#include "websocketframes.h"

#include <QPointer>
#include <QSet>
#include <QThread>

#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace sb {

MediaSettings MediaSettings::fromConfig(const BackendConfig &config)
{
    MediaSettings settings;
    settings.publicUrl = config.publicUrl;
    settings.authToken = config.twilioAuthToken.toUtf8();
    settings.realtime.baseUrl = config.openAiBaseUrl;
    settings.realtime.apiKey = config.openAiApiKey.toUtf8();
    settings.realtime.unixSocket = config.realtimeSocket;
    settings.realtime.model = config.realtimeModel;
    settings.realtime.voice = config.realtimeVoice;
    settings.realtime.transcriptionModel = config.realtimeTranscriptionModel;
    return settings;
}

QString MediaSettings::signedUrl() const
{
    QUrl url = publicUrl;
    url.setScheme(publicUrl.scheme() == u"https" ? u"wss"_s : u"ws"_s);
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path + MediaStreamServer::kPath);
    url.setQuery(QString());
    url.setFragment(QString());
    return url.toString(QUrl::FullyEncoded);
}

/// The streams' side: their reactor, sessions and prompt builder, all on the stream thread.
class MediaStreamServer::Streams : public QObject
{
public:
    Streams(MediaStreamServer &server, Storage &storage)
        : m_server(server)
        , m_storage(storage)
    {
    }

    ~Streams() override
    {
        const QSet<MediaSession *> sessions = std::exchange(m_sessions, {});
        qDeleteAll(sessions);
        qDeleteAll(findChildren<RealtimeBridge *>(Qt::FindDirectChildrenOnly));
    }

    PromptBuilder &prompts() { return m_prompts; }

    /// Answers the handshake of the upgraded @p descriptor and serves it.
    void accept(int descriptor, const QByteArray &key)
    {
        const QByteArray answer = WebSocketHandshake::serverAnswer(key);
        // A fresh connection's send buffer takes these few bytes whole.
        if (::send(descriptor, answer.constData(), size_t(answer.size()), MSG_NOSIGNAL) != answer.size()) {
            ::close(descriptor);
            return;
        }
        ++m_server.m_counters.handshakesAccepted;
        const MediaSession::Context context{m_server.m_settings, m_storage, m_prompts, m_server.m_counters,
                                            m_logRate, m_reactor, this};
        auto *session = new MediaSession(context, descriptor, this);
        m_sessions.insert(session);
        m_server.m_activeSessions.fetch_add(1, std::memory_order_relaxed);
        connect(session, &MediaSession::started, this, [this](const QString &callSid) {
            emit m_server.streamStarted(callSid);
        });
        connect(session, &MediaSession::finished, this, [this](MediaSession *finished) {
            m_sessions.remove(finished);
            m_server.m_activeSessions.fetch_sub(1, std::memory_order_relaxed);
            emit m_server.sessionFinished(finished->callSid(), finished->streamSid());
        });
    }

private:
    // Members that are QObjects are children, so moveToThread() takes them along.
    EpollReactor m_reactor{this}; ///< first: it outlives every socket it serves
    MediaStreamServer &m_server;
    Storage &m_storage;
    LogRateLimiter m_logRate;
    PromptBuilder m_prompts{m_storage, this};
    QSet<MediaSession *> m_sessions;
};

MediaStreamServer::MediaStreamServer(HttpServer &http, Storage &storage, MediaSettings settings,
                                     QThread *streamThread, QObject *parent)
    : QObject(parent)
    , m_http(http)
    , m_settings(std::move(settings))
    , m_streamThread(streamThread)
    , m_streams(new Streams(*this, storage))
{
    if (m_streamThread)
        m_streams->moveToThread(m_streamThread);
    // Upgrades never reach the router (Qt takes them first); a plain request does.
    m_http.route(HttpServer::Method::Get, kPath.toString(), [](const HttpRequest &) {
        HttpResponse response = HttpResponse::error(
            {ErrorCode::InvalidInput, u"/twilio/media is a WebSocket endpoint: upgrade to websocket"_s});
        response.status = 426;
        response.headers.append({QByteArrayLiteral("Upgrade"), QByteArrayLiteral("websocket")});
        return response;
    });
    // The HTTP server outlives this object in BackendApp, yet keeps these handlers: guard them.
    m_http.webSocketDescriptorRoute(
        kPath.toString(),
        [self = QPointer(this)](const HttpRequest &request) -> std::optional<HttpResponse> {
            if (!self)
                return HttpResponse::error({ErrorCode::Unavailable, u"Media Streams are shutting down"_s});
            return self->checkHandshake(request);
        },
        [self = QPointer(this)](int descriptor, const HttpRequest &request) {
            if (!self) {
                ::close(descriptor);
                return;
            }
            // Direct on the calling thread, queued to the stream thread; a queued accept runs
            // before the streams are deleted (the deletion is queued after it).
            QMetaObject::invokeMethod(self->m_streams, [streams = self->m_streams, descriptor,
                                                        key = request.header("Sec-WebSocket-Key")] {
                streams->accept(descriptor, key);
            });
        });
    if (!m_settings.realtime.enabled())
        qCInfo(lcMedia) << "no OPENAI_API_KEY: Media Streams are accepted and measured without an AI";
}

MediaStreamServer::~MediaStreamServer()
{
    // Deleted on its own thread, after what was queued to it (accepts, socket work). Through the
    // streams themselves, like deleteLater(): the thread's event dispatcher may not exist yet.
    if (m_streamThread && m_streamThread->isRunning() && m_streamThread != QThread::currentThread())
        QMetaObject::invokeMethod(m_streams, [this] { delete m_streams; }, Qt::BlockingQueuedConnection);
    else
        delete m_streams;
}

PromptBuilder &MediaStreamServer::prompts()
{
    return m_streams->prompts();
}

std::optional<HttpResponse> MediaStreamServer::checkHandshake(const HttpRequest &request)
{
    if (m_settings.authToken.isEmpty()) {
        ++m_counters.refusedSignature;
        SB_LOG_RATE_LIMITED(qCWarning(lcMedia), m_logRate, u"media-no-token"_s,
                            "a Media Stream was refused: TWILIO_AUTH_TOKEN is not set, so its signature cannot "
                            "be checked");
        return HttpResponse::error({ErrorCode::Forbidden, u"the signature cannot be checked"_s});
    }
    const QByteArray signature = request.header("X-Twilio-Signature");
    if (!TwilioSignatureValidator(m_settings.authToken).validateWebSocket(m_settings.signedUrl(), signature)) {
        ++m_counters.refusedSignature;
        SB_LOG_RATE_LIMITED(qCWarning(lcMedia), m_logRate, u"media-bad-signature"_s,
                            "a Media Stream was refused: bad X-Twilio-Signature");
        return HttpResponse::error({ErrorCode::Forbidden, u"bad X-Twilio-Signature"_s});
    }
    // What QWebSocketServer would check; we answer the handshake ourselves (accept()).
    if (request.header("Sec-WebSocket-Version") != "13") {
        HttpResponse response = HttpResponse::error({ErrorCode::InvalidInput, u"only WebSocket version 13 is served"_s});
        response.status = 426;
        response.headers.append({QByteArrayLiteral("Sec-WebSocket-Version"), QByteArrayLiteral("13")});
        return response;
    }
    if (!WebSocketHandshake::isValidKey(request.header("Sec-WebSocket-Key")))
        return HttpResponse::error({ErrorCode::InvalidInput, u"Sec-WebSocket-Key is missing or invalid"_s});
    return std::nullopt;
}

} // namespace sb
