#include "mediasession.h"

#include "async.h"
#include "mediacounters.h"
#include "mediasettings.h"
#include "mediastreamserver.h"
#include "storage/storage.h"
#include "storage/streams.h"

#include "shared/logging.h"
#include "shared/lograte.h"

#include <QTimer>

using namespace Qt::StringLiterals;

namespace sb {

namespace {
constexpr int kCloseTimeoutMs = 2000;
}

MediaSession::MediaSession(const Context &context, std::unique_ptr<QWebSocket> socket, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_socket(std::move(socket))
{
    // Qt's own limit only guards memory (UTF-8 may take 3 bytes per character); ours is checked below.
    m_socket->setMaxAllowedIncomingMessageSize(quint64(m_context.settings.maxFrameChars) * 3 + 1024);
    connect(m_socket.get(), &QWebSocket::textMessageReceived, this, &MediaSession::onText);
    connect(m_socket.get(), &QWebSocket::binaryMessageReceived, this, [this](const QByteArray &) {
        ++m_context.counters.malformedFrames;
        SB_LOG_RATE_LIMITED(qCWarning(lcMedia), m_context.logRate, u"media-binary"_s,
                            "a binary frame on a Media Stream; closing it");
        closeWith(QWebSocketProtocol::CloseCodeDatatypeNotSupported, u"binary frames are not part of the protocol"_s);
    });
    connect(m_socket.get(), &QWebSocket::disconnected, this, [this] {
        m_socketClosed = true;
        endStream();
        maybeFinish();
    });
}

MediaSession::~MediaSession()
{
    if (m_socket)
        m_socket->disconnect(this);
    if (m_bridge)
        m_bridge->shutdown();
    // Torn down with the server (shutdown): the stream still gets its stop, without a continuation.
    if (m_started && m_stopWrite == Write::None && (m_startWrite == Write::Pending || m_startWrite == Write::Done)) {
        const QDateTime at = m_endedAt.isValid() ? m_endedAt : m_context.storage.clock().now();
        (void)m_context.storage.run([callSid = m_callSid, streamSid = m_streamSid, since = m_connectedSince,
                                     at](StorageSession &session) {
            return Streams(session).streamStopped(callSid, streamSid, since, at);
        });
    }
}

void MediaSession::onText(const QString &frame)
{
    if (frame.size() > m_context.settings.maxFrameChars) {
        ++m_context.counters.oversizedFrames;
        SB_LOG_RATE_LIMITED(qCWarning(lcMedia), m_context.logRate, u"media-oversized"_s,
                            "an oversized frame on a Media Stream; closing it:" << frame.size() << "characters");
        closeWith(QWebSocketProtocol::CloseCodeTooMuchData, u"frame too large"_s);
        return;
    }
    if (m_ended)
        return;
    const TwilioMediaParse parsed = TwilioMediaProtocol::parse(frame, m_message);
    if (!parsed) {
        ++m_context.counters.malformedFrames;
        SB_LOG_RATE_LIMITED(qCWarning(lcMedia), m_context.logRate, u"media-malformed"_s,
                            "a malformed frame on a Media Stream; closing it:" << parsed.error);
        closeWith(QWebSocketProtocol::CloseCodeProtocolError, u"malformed frame: "_s + QLatin1StringView(parsed.error));
        return;
    }
    using Event = TwilioMediaMessage::Event;
    switch (m_message.event) {
    case Event::Media:
        if (!m_started) {
            ++m_context.counters.malformedFrames;
            closeWith(QWebSocketProtocol::CloseCodeProtocolError, u"media before start"_s);
            return;
        }
        ++m_context.counters.framesIn;
        if (m_bridge && !m_message.outboundTrack)
            m_bridge->appendCallerAudio(m_message.payload, m_message.timestampMs);
        return;
    case Event::Start:
        if (m_started) {
            ++m_context.counters.malformedFrames;
            closeWith(QWebSocketProtocol::CloseCodeProtocolError, u"a second start"_s);
            return;
        }
        onStart();
        return;
    case Event::Mark:
        if (m_bridge)
            m_bridge->markPlayed(m_message.markName);
        return;
    case Event::Stop:
        endStream();
        return;
    case Event::Dtmf:
        qCDebug(lcMedia) << "dtmf on" << m_streamSid;
        return;
    case Event::Connected:
    case Event::Unknown:
        return;
    }
}

void MediaSession::onStart()
{
    m_started = true;
    m_callSid = m_message.callSid;
    m_streamSid = m_message.streamSid;
    m_connectedSince = m_context.storage.clock().now();
    ++m_context.counters.streamsStarted;
    qCDebug(lcMedia) << "stream" << m_streamSid << "started for" << m_callSid;

    m_startWrite = Write::Pending;
    auto written = m_context.storage.run([callSid = m_callSid, streamSid = m_streamSid,
                                          at = m_connectedSince](StorageSession &session) {
        return Streams(session).streamStarted(callSid, streamSid, at);
    });
    whenReady(written, this, [this](const Result<Call> &result) {
        if (result) {
            m_startWrite = Write::Done;
            if (auto *server = qobject_cast<MediaStreamServer *>(parent()))
                emit server->streamStarted(m_callSid);
        } else {
            m_startWrite = Write::Failed;
            if (result.error().code == ErrorCode::NotFound) {
                ++m_context.counters.unknownCalls;
                SB_LOG_RATE_LIMITED(qCWarning(lcMedia), m_context.logRate, u"media-unknown-call"_s,
                                    "a Media Stream for an unknown call; closing it");
                closeWith(QWebSocketProtocol::CloseCodePolicyViolated, u"unknown call"_s);
            } else {
                ++m_context.counters.metricsWriteFailures;
                SB_LOG_RATE_LIMITED(qCWarning(lcMedia), m_context.logRate, u"media-metrics"_s,
                                    "could not record a stream start:" << result.error().message);
            }
        }
        if (m_ended)
            writeStop();
        maybeFinish();
    });

    if (m_context.settings.realtime.enabled()) {
        const RealtimeBridge::Context bridgeContext{m_context.settings.realtime, m_context.storage, m_context.prompts,
                                                    m_context.counters, m_context.logRate};
        m_bridge = new RealtimeBridge(bridgeContext, m_callSid, this, m_context.bridgeParent);
        m_bridge->start();
    }
}

void MediaSession::endStream()
{
    if (m_ended)
        return;
    m_ended = true;
    m_endedAt = m_context.storage.clock().now();
    if (m_bridge)
        m_bridge->shutdown();
    m_bridge = nullptr;
    if (!m_started)
        return;
    ++m_context.counters.streamsEnded;
    if (m_startWrite != Write::Pending)
        writeStop();
}

void MediaSession::writeStop()
{
    if (m_stopWrite != Write::None)
        return;
    if (m_startWrite != Write::Done) {
        m_stopWrite = Write::Failed; // the start was not recorded: nothing to close
        return;
    }
    m_stopWrite = Write::Pending;
    auto written = m_context.storage.run([callSid = m_callSid, streamSid = m_streamSid, since = m_connectedSince,
                                          at = m_endedAt](StorageSession &session) {
        return Streams(session).streamStopped(callSid, streamSid, since, at);
    });
    whenReady(written, this, [this](const Result<Call> &result) {
        m_stopWrite = result ? Write::Done : Write::Failed;
        if (!result) {
            ++m_context.counters.metricsWriteFailures;
            SB_LOG_RATE_LIMITED(qCWarning(lcMedia), m_context.logRate, u"media-metrics"_s,
                                "could not record a stream stop:" << result.error().message);
        }
        maybeFinish();
    });
}

void MediaSession::closeWith(QWebSocketProtocol::CloseCode code, const QString &reason)
{
    if (m_socketClosed || m_socket->state() != QAbstractSocket::ConnectedState)
        return;
    m_socket->close(code, reason);
    QTimer::singleShot(kCloseTimeoutMs, m_socket.get(), [socket = m_socket.get()] { socket->abort(); });
}

void MediaSession::maybeFinish()
{
    if (m_finished || !m_socketClosed || m_startWrite == Write::Pending || m_stopWrite == Write::Pending)
        return;
    if (m_stopWrite == Write::None && m_started && m_startWrite == Write::Done)
        return; // writeStop() is about to run
    m_finished = true;
    m_socket->disconnect(this);
    emit finished(this);
    deleteLater();
}

void MediaSession::sendMediaToCaller(QStringView payloadJson)
{
    m_socket->sendTextMessage(TwilioMediaProtocol::media(m_streamSid, payloadJson));
}

void MediaSession::sendMarkToCaller(QStringView name)
{
    m_socket->sendTextMessage(TwilioMediaProtocol::mark(m_streamSid, name));
}

void MediaSession::clearCaller()
{
    m_socket->sendTextMessage(TwilioMediaProtocol::clear(m_streamSid));
}

} // namespace sb
