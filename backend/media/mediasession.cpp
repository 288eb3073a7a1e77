#include "mediasession.h"

#include "async.h"
#include "mediacounters.h"
#include "mediasettings.h"
#include "storage/storage.h"
#include "storage/streams.h"

#include "shared/logging.h"
#include "shared/lograte.h"

using namespace Qt::StringLiterals;

namespace sb {

namespace {
constexpr int kCloseTimeoutMs = 2000;
}

MediaSession::MediaSession(const Context &context, int descriptor, QObject *parent)
    : QObject(parent)
    , m_context(context)
    // A larger frame is refused by the reader as soon as its header says so (1009, counted as oversized).
    , m_socket(context.reactor, descriptor, context.settings.maxFrameBytes, this)
{
}

MediaSession::~MediaSession()
{
    m_socket.abort();
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

void MediaSession::onWebSocketBinary(QByteArrayView)
{
    ++m_context.counters.malformedFrames;
    SB_LOG_RATE_LIMITED(qCWarning(lcMedia), m_context.logRate, u"media-binary"_s,
                        "a binary frame on a Media Stream; closing it");
    closeWith(WebSocketCode::UnsupportedData, u"binary frames are not part of the protocol"_s);
}

void MediaSession::onWebSocketProtocolError(quint16 code, const char *why)
{
    // The connection already answered with a close frame.
    if (code == WebSocketCode::TooBig) {
        ++m_context.counters.oversizedFrames;
        SB_LOG_RATE_LIMITED(qCWarning(lcMedia), m_context.logRate, u"media-oversized"_s,
                            "an oversized frame on a Media Stream; closing it:" << why);
        return;
    }
    ++m_context.counters.malformedFrames;
    SB_LOG_RATE_LIMITED(qCWarning(lcMedia), m_context.logRate, u"media-websocket"_s,
                        "a Media Stream broke the WebSocket protocol; closing it:" << why);
}

void MediaSession::onWebSocketClosed()
{
    m_socketClosed = true;
    endStream();
    maybeFinish();
}

void MediaSession::onWebSocketText(QByteArrayView utf8)
{
    if (m_ended)
        return;
    const TwilioMediaParse parsed = TwilioMediaProtocol::parse(utf8, m_message);
    if (!parsed) {
        ++m_context.counters.malformedFrames;
        SB_LOG_RATE_LIMITED(qCWarning(lcMedia), m_context.logRate, u"media-malformed"_s,
                            "a malformed frame on a Media Stream; closing it:" << parsed.error);
        closeWith(WebSocketCode::ProtocolError, u"malformed frame: "_s + QLatin1StringView(parsed.error));
        return;
    }
    using Event = TwilioMediaMessage::Event;
    switch (m_message.event) {
    case Event::Media:
        if (!m_started) {
            ++m_context.counters.malformedFrames;
            closeWith(WebSocketCode::ProtocolError, u"media before start"_s);
            return;
        }
        ++m_context.counters.framesIn;
        if (m_bridge && !m_message.outboundTrack)
            m_bridge->appendCallerAudio(m_message.payload, m_message.timestampMs);
        return;
    case Event::Start:
        if (m_started) {
            ++m_context.counters.malformedFrames;
            closeWith(WebSocketCode::ProtocolError, u"a second start"_s);
            return;
        }
        onStart();
        return;
    case Event::Mark:
        if (m_bridge)
            m_bridge->markPlayed();
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
    m_streamSidUtf8 = m_streamSid.toUtf8();
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
            emit started(m_callSid);
        } else {
            m_startWrite = Write::Failed;
            if (result.error().code == ErrorCode::NotFound) {
                ++m_context.counters.unknownCalls;
                SB_LOG_RATE_LIMITED(qCWarning(lcMedia), m_context.logRate, u"media-unknown-call"_s,
                                    "a Media Stream for an unknown call; closing it");
                closeWith(WebSocketCode::PolicyViolation, u"unknown call"_s);
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
                                                    m_context.counters, m_context.logRate, m_context.reactor};
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

void MediaSession::closeWith(quint16 code, const QString &reason)
{
    if (m_socketClosed || !m_socket.isOpen())
        return;
    m_socket.close(code, reason.toUtf8(), kCloseTimeoutMs); // then onWebSocketClosed(), at the latest after the timeout
}

void MediaSession::maybeFinish()
{
    if (m_finished || !m_socketClosed || m_startWrite == Write::Pending || m_stopWrite == Write::Pending)
        return;
    if (m_stopWrite == Write::None && m_started && m_startWrite == Write::Done)
        return; // writeStop() is about to run
    m_finished = true;
    emit finished(this);
    deleteLater();
}

void MediaSession::sendMediaToCaller(QByteArrayView payloadJson)
{
    m_socket.sendTextParts(TwilioMediaProtocol::media(m_streamSidUtf8, payloadJson));
}

void MediaSession::sendMarkToCaller(QByteArrayView name)
{
    m_socket.sendTextParts(TwilioMediaProtocol::mark(m_streamSidUtf8, name));
}

void MediaSession::clearCaller()
{
    m_socket.sendTextParts(TwilioMediaProtocol::clear(m_streamSidUtf8));
}

} // namespace sb
