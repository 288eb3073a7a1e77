#pragma once

#include "realtimebridge.h"
#include "twiliomediaprotocol.h"
#include "websocketconnection.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>

#include <memory>

namespace sb {

class LogRateLimiter;
class PromptBuilder;
class Storage;
struct MediaCounters;
struct MediaSettings;

/**
 * @brief One Twilio Media Stream WebSocket: parses its messages, measures it, bridges it.
 *
 * Stream metrics (invariant 7) are written through the Streams repository at `start` and at
 * `stop` (or at the close when no stop came), never in between; the stop write waits for the
 * start write, so the timeline keeps their order. A frame is never queued behind storage work.
 * A malformed or oversized frame closes this socket with a reason. With the AI configured, a
 * RealtimeBridge is opened at `start` and shut down when the stream ends.
 */
class MediaSession : public QObject, private CallerAudioSink, private WebSocketConnection::Listener
{
    Q_OBJECT
public:
    struct Context
    {
        const MediaSettings &settings;
        Storage &storage;
        PromptBuilder &prompts;
        MediaCounters &counters;
        LogRateLimiter &logRate;
        EpollReactor &reactor; ///< serves the Twilio socket and `ws://` AI sockets
        QObject *bridgeParent; ///< bridges outlive their session while the AI socket closes
    };

    /// Serves the upgraded socket @p descriptor (the 101 already sent); takes it.
    MediaSession(const Context &context, int descriptor, QObject *parent);
    ~MediaSession() override;

    const QString &callSid() const { return m_callSid; }
    const QString &streamSid() const { return m_streamSid; }

signals:
    /// The stream's `start` is stored: the call is answered.
    void started(const QString &callSid);
    /// The socket is closed and the metrics are written; the session deletes itself next.
    void finished(sb::MediaSession *session);

private:
    enum class Write { None, Pending, Done, Failed };

    void onWebSocketText(QByteArrayView utf8) override;
    void onWebSocketBinary(QByteArrayView) override;
    void onWebSocketProtocolError(quint16 code, const char *why) override;
    void onWebSocketClosed() override;

    void onStart();
    void endStream();
    void writeStop();
    void closeWith(quint16 code, const QString &reason);
    void maybeFinish();

    void sendMediaToCaller(QByteArrayView payloadJson) override;
    void sendMarkToCaller(QByteArrayView name) override;
    void clearCaller() override;

    Context m_context;
    WebSocketConnection m_socket;
    TwilioMediaMessage m_message; ///< reused between frames
    QString m_callSid;
    QString m_streamSid;
    QByteArray m_streamSidUtf8; ///< as written into every frame to the caller
    QDateTime m_connectedSince;
    QDateTime m_endedAt;
    bool m_started = false;
    bool m_ended = false;
    bool m_socketClosed = false;
    bool m_finished = false;
    Write m_startWrite = Write::None;
    Write m_stopWrite = Write::None;
    QPointer<RealtimeBridge> m_bridge;
};

} // namespace sb
