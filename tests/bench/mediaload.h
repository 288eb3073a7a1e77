#pragma once

#include <QByteArray>
#include <QList>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace sb::bench {

/// Latencies of one kind, in nanoseconds, with their per-second grouping.
struct LatencySamples
{
    std::vector<qint64> ns;
    std::vector<std::vector<qint64>> perSecond; ///< grouped by the second of the window they were sent in

    void add(qint64 latencyNs, qint64 sentSinceWindowNs);
    qint64 percentileNs(double p) const;
    /// The p99 of each second with enough samples, in order.
    std::vector<qint64> perSecondP99Ns() const;
    /// The median over the window's seconds of each second's p99 (the VM pauses now and then).
    qint64 medianOfPerSecondP99Ns() const;
};

/// What one measurement window saw.
struct MediaWindow
{
    double seconds = 0;
    qint64 framesSent = 0;    ///< media frames the driver sent in the window
    qint64 appendsSeen = 0;   ///< of those, the ones the fake AI received (by window end + grace)
    qint64 deltasSent = 0;    ///< audio deltas the fake AI sent in the window
    qint64 echoesSeen = 0;    ///< of those, the ones that came back to the driver as media
    qint64 marksSeen = 0;     ///< marks that came with them
    LatencySamples in;        ///< driver send → fake AI receive (append)
    LatencySamples back;      ///< fake AI send (delta) → driver receive (media)
    LatencySamples roundTrip; ///< driver send → fake AI → driver receive
    qint64 sendLagP99Ns = 0;  ///< how late the driver sent its frames (its own health)
    qint64 busyNs = 0;        ///< time the load's loop spent sending and handling events (not spinning)
};

/// Failures since the load started, cumulative.
struct MediaFailures
{
    qint64 handshakeRefused = 0; ///< the upgrade got no 101
    qint64 connectFailed = 0;
    qint64 closedByBackend = 0;  ///< a close frame or EOF on a stream the driver had not ended
    qint64 socketErrors = 0;
    qint64 protocolErrors = 0;   ///< frames the driver or the fake could not make sense of
    qint64 aiClosed = 0;         ///< AI sockets the backend closed while the load ran
    std::map<int, qint64> closeCodes;

    qint64 total() const { return handshakeRefused + connectFailed + closedByBackend + socketErrors + protocolErrors + aiClosed; }
};

/**
 * @brief The media benchmark's load, in one single-threaded epoll loop on raw sockets.
 *
 * The driver side acts as Twilio: N WebSocket clients to the backend's `/twilio/media`, each
 * sending `connected`, `start`, then one 160-byte µ-law `media` frame every 20 ms, the streams'
 * phases spread evenly over the 20 ms. The first 24 payload bytes carry the stream, a sequence
 * number and the send time, which the bridge forwards unchanged. The fake AI side is a lean
 * Realtime server the backend's bridges connect to: it timestamps every `input_audio_buffer.append`
 * and answers every echoEvery-th one with a `response.output_audio.delta` carrying its own send
 * time; the driver timestamps the `media` the backend turns it into, and echoes its `mark` as
 * Twilio would. One process, one CLOCK_MONOTONIC: the times compare directly.
 */
class MediaLoad
{
public:
    struct Options
    {
        quint16 streamPort = 0;       ///< where the streams connect (the backend, or the fake itself)
        QByteArray signature;         ///< X-Twilio-Signature of the handshake
        QList<QByteArray> callSids;   ///< one per stream, the most streams there can be
        int echoEvery = 5;            ///< the fake AI answers every n-th append with audio
        std::function<void()> idle;   ///< called every 100 ms (drains the backend's log)
        std::string streamSocket;     ///< where the streams connect instead of streamPort, when set
    };

    explicit MediaLoad(Options options);
    ~MediaLoad();
    MediaLoad(const MediaLoad &) = delete;
    MediaLoad &operator=(const MediaLoad &) = delete;

    /// Opens the fake AI's listening socket on 127.0.0.1; 0 on failure.
    quint16 listenAi();
    /// Opens it on the Unix socket @p path instead; false on failure.
    bool listenAiOnUnixSocket(const std::string &path);
    /// Where streams connect (set before growTo()), and the handshake's X-Twilio-Signature.
    void setStreamTarget(quint16 port, const QByteArray &signature, const std::string &unixSocket = {})
    {
        m_options.streamPort = port;
        m_options.signature = signature;
        m_options.streamSocket = unixSocket;
    }

    /// Opens streams until @p streams are open and each one's audio reaches the fake AI (or
    /// @p timeoutS passes); the open streams keep sending meanwhile. Returns how many got there.
    int growTo(int streams, double timeoutS);
    /// Runs the load @p warmupS, then measures @p seconds (calling @p atStart and @p atEnd at
    /// the window's edges), then keeps running @p graceS for the window's late frames.
    MediaWindow measure(double warmupS, double seconds, double graceS, const std::function<void()> &atStart,
                        const std::function<void()> &atEnd);
    /// Sends every stream its `stop` and closes it; waits up to @p timeoutS for the closes.
    void closeAll(double timeoutS);

    int openStreams() const;
    int aiConnections() const;
    const MediaFailures &failures() const { return m_failures; }

private:
    struct FrameTemplate;
    struct Socket;
    struct Stream;
    struct AiConnection;

    void runUntil(qint64 deadlineNs, const std::function<bool()> &done = {});
    void sendDueFrames(qint64 nowNs);
    qint64 nextDueNs() const;
    void reschedule(int streams, qint64 nowNs);
    void startConnecting(Stream &stream);
    void onStreamEvent(Stream &stream, uint32_t events);
    void onStreamFrame(Stream &stream, int opcode, char *payload, size_t length, qint64 nowNs);
    void onAiEvent(AiConnection &connection, uint32_t events);
    void onAiFrame(AiConnection &connection, int opcode, char *payload, size_t length, qint64 nowNs);
    void acceptAi();
    void watchListener();
    void sendMedia(Stream &stream, qint64 nowNs);
    bool write(Socket &socket, const char *data, size_t length);
    void flush(Socket &socket);
    void closeSocket(Socket &socket);
    void failStream(Stream &stream, qint64 MediaFailures::*counter);

    Options m_options;
    int m_epoll = -1;
    int m_timer = -1;
    int m_listener = -1;
    quint16 m_aiPort = 0;
    qint64 m_timerArmedNs = -1;
    std::vector<std::unique_ptr<Stream>> m_streams;
    std::vector<std::unique_ptr<AiConnection>> m_ai;
    std::vector<AiConnection *> m_aiGarbage;
    int m_connecting = 0;
    size_t m_connectCursor = 0;
    int m_reachedAi = 0;
    int m_failedCount = 0;
    int m_endingCount = 0;
    int m_target = 0;
    bool m_ending = false;

    // The schedule: send number k goes to stream k % m_scheduled at m_baseNs + k * 20 ms / m_scheduled.
    int m_scheduled = 0;
    qint64 m_baseNs = 0;
    qint64 m_nextSlot = 0;

    // The measurement window (send times in [m_windowStartNs, m_windowEndNs) count).
    bool m_collecting = false;
    qint64 m_windowStartNs = 0;
    qint64 m_windowEndNs = 0;
    MediaWindow m_window;
    std::vector<qint64> m_sendLags;

    MediaFailures m_failures;
    std::string m_payloadTail; ///< base64 of the 136 silent bytes after the 24-byte marker
    std::unique_ptr<FrameTemplate> m_delta; ///< the fake AI's audio delta, patched per send
};

} // namespace sb::bench
