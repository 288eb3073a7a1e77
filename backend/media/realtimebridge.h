#pragma once

#include "realtimeprotocol.h"
#include "realtimetransport.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <QUrl>

#include <deque>
#include <memory>

namespace sb {

class EpollReactor;
class LogRateLimiter;
class PromptBuilder;
class Storage;
struct MediaCounters;

/// Where the AI's audio goes: the Twilio side of a media session.
class CallerAudioSink
{
public:
    virtual ~CallerAudioSink() = default;
    /// An outbound `media` frame; @p payloadJson is base64 as JSON string content (UTF-8).
    virtual void sendMediaToCaller(QByteArrayView payloadJson) = 0;
    /// A `mark`; @p name is JSON string content (UTF-8).
    virtual void sendMarkToCaller(QByteArrayView name) = 0;
    virtual void clearCaller() = 0;
};

/// How the bridge reaches the AI. enabled() is false without an API key.
struct RealtimeSettings
{
    QUrl baseUrl; ///< OPENAI_BASE_URL (http or https)
    QByteArray apiKey;
    QString unixSocket; ///< dialled instead of baseUrl's host, plain WebSocket (empty: the host)
    QString model = QStringLiteral("gpt-realtime");
    QString voice = QStringLiteral("alloy");
    QString transcriptionModel = QStringLiteral("whisper-1");
    int connectTimeoutMs = 10'000;
    int closeTimeoutMs = 1'500; ///< after this the AI socket is aborted (the budget is 2 s)

    bool enabled() const { return !apiKey.isEmpty() && baseUrl.isValid(); }
    /// The base URL with ws/wss, + `/realtime?model=…`.
    QUrl realtimeUrl() const;
};

/**
 * @brief One call's Realtime AI WebSocket (twilio-protocol.md section 9.2).
 *
 * Opens the socket with `Authorization: Bearer`, sends `session.update` once both the socket and
 * the call's prompt are ready, forwards the caller's audio unchanged (a bounded buffer holds it
 * until then), sends the AI's audio to the caller as media + mark, handles barge-in, and stores
 * both sides' transcript lines one at a time. If the AI is unreachable or fails, the bridge goes
 * quiet (counted, logged rate-limited) and the call goes on. shutdown() closes the socket within
 * closeTimeoutMs; the bridge then deletes itself once its transcript lines are stored.
 */
class RealtimeBridge : public QObject, private RealtimeTransport::Listener
{
    Q_OBJECT
public:
    enum class State { Connecting, Ready, Failed, Closing };

    static constexpr int kMaxBufferedFrames = 100; ///< 2 s of caller audio while connecting
    static constexpr qint64 kMaxEventBytes = 16 * 1024 * 1024; ///< a larger AI event fails the socket

    struct Context
    {
        const RealtimeSettings &settings;
        Storage &storage;
        PromptBuilder &prompts;
        MediaCounters &counters;
        LogRateLimiter &logRate;
        EpollReactor &reactor; ///< carries `ws://` AI sockets
    };

    RealtimeBridge(const Context &context, const QString &callSid, CallerAudioSink *sink, QObject *parent);
    ~RealtimeBridge() override;

    /// Opens the AI socket and asks for the call's prompt.
    void start();
    /// The caller's audio (Twilio's payload, JSON string content) at Twilio's media timestamp.
    void appendCallerAudio(QByteArrayView payloadJson, qint64 timestampMs);
    /// Twilio echoed a mark: the audio before it has played (Twilio echoes marks in order).
    void markPlayed();
    /// Closes the AI socket (within closeTimeoutMs) and detaches from the caller; then self-deletes.
    void shutdown();

    State state() const { return m_state; }

signals:
    /// The AI socket is closed (or never opened); emitted once, just before self-deletion.
    void closed();

private:
    void onTransportOpen() override;
    void onTransportText(QByteArrayView utf8) override;
    void onTransportClosed() override;
    void maybeStartSession();
    void fail(const QString &why);
    void bargeIn();
    void storeTranscript(const QString &speaker, const QString &text);
    void writeNextLine();
    void maybeDelete();

    Context m_context;
    QString m_callSid;
    CallerAudioSink *m_sink;
    std::unique_ptr<RealtimeTransport> m_socket;
    QTimer m_timer; ///< connect timeout, then close timeout
    State m_state = State::Connecting;
    bool m_socketOpen = false;
    bool m_promptReady = false;
    QString m_prompt;
    std::deque<QByteArray> m_buffered; ///< caller audio payloads while connecting
    RealtimeEvent m_event; ///< reused between frames

    qint64 m_latestMediaTs = 0;
    qint64 m_responseStartTs = -1;
    QByteArray m_lastAssistantItem;
    qsizetype m_unplayedMarks = 0; ///< marks sent to the caller and not echoed yet
    quint64 m_markCounter = 0;

    std::deque<std::pair<QString, QString>> m_lines;
    bool m_lineInFlight = false;
    bool m_socketGone = false;
    bool m_closedEmitted = false;
};

} // namespace sb
