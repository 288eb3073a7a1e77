#include "mediastreamserver.h"

#include "config.h"
#include "http/httpserver.h"
#include "mediasession.h"
#include "promptbuilder.h"
#include "twilio/signature.h"

#include "shared/logging.h"

#include "websocketframes.h"

#include <QPointer>

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

MediaStreamServer::MediaStreamServer(HttpServer &http, Storage &storage, MediaSettings settings, QObject *parent)
    : QObject(parent)
    , m_http(http)
    , m_storage(storage)
    , m_settings(std::move(settings))
    , m_prompts(std::make_unique<PromptBuilder>(storage))
{
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
            if (self)
                self->accept(descriptor, request);
            else
                ::close(descriptor);
        });
    if (!m_settings.realtime.enabled())
        qCInfo(lcMedia) << "no OPENAI_API_KEY: Media Streams are accepted and measured without an AI";
}

MediaStreamServer::~MediaStreamServer()
{
    const QSet<MediaSession *> sessions = std::exchange(m_sessions, {});
    qDeleteAll(sessions);
    qDeleteAll(findChildren<RealtimeBridge *>(Qt::FindDirectChildrenOnly));
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

void MediaStreamServer::accept(int descriptor, const HttpRequest &request)
{
    const QByteArray answer = WebSocketHandshake::serverAnswer(request.header("Sec-WebSocket-Key"));
    // A fresh connection's send buffer takes these few bytes whole.
    if (::send(descriptor, answer.constData(), size_t(answer.size()), MSG_NOSIGNAL) != answer.size()) {
        ::close(descriptor);
        return;
    }
    ++m_counters.handshakesAccepted;
    const MediaSession::Context context{m_settings, m_storage, *m_prompts, m_counters, m_logRate, m_reactor, this};
    auto *session = new MediaSession(context, descriptor, this);
    m_sessions.insert(session);
    connect(session, &MediaSession::finished, this, [this](MediaSession *finished) {
        m_sessions.remove(finished);
        emit sessionFinished(finished->callSid(), finished->streamSid());
    });
}

} // namespace sb
