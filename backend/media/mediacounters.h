#pragma once

#include <QtGlobal>

#include <atomic>

namespace sb {

/**
 * @brief A count with one writing thread, read from any (/metrics on the HTTP thread, tests).
 *
 * Relaxed loads and stores: no locked instruction on the frame path, and a reader sees every
 * increment soon, never a torn value.
 */
class MediaCount
{
public:
    MediaCount &operator++()
    {
        m_value.store(m_value.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
        return *this;
    }
    MediaCount &operator+=(quint64 n)
    {
        m_value.store(m_value.load(std::memory_order_relaxed) + n, std::memory_order_relaxed);
        return *this;
    }
    operator quint64() const { return m_value.load(std::memory_order_relaxed); }

private:
    std::atomic<quint64> m_value{0};
};

/// What the media module counts. refusedSignature is written on the HTTP thread (the handshake
/// check), every other count on the media thread.
struct MediaCounters
{
    MediaCount handshakesAccepted;
    MediaCount refusedSignature;   ///< bad or missing X-Twilio-Signature (or no auth token set)
    MediaCount streamsStarted;     ///< `start` messages
    MediaCount streamsEnded;       ///< streams whose stop (or close) was handled
    MediaCount framesIn;           ///< caller `media` frames
    MediaCount malformedFrames;
    MediaCount oversizedFrames;
    MediaCount unknownCalls;       ///< a `start` for a call we do not know
    MediaCount metricsWriteFailures;
    MediaCount aiSessions;         ///< Realtime sockets opened
    MediaCount aiFailures;         ///< Realtime sockets that could not connect or broke mid-call
    MediaCount aiErrorEvents;      ///< `error` events from the Realtime server
    MediaCount aiMalformedEvents;
    MediaCount framesToAi;         ///< input_audio_buffer.append sent
    MediaCount framesDroppedBeforeAi;
    MediaCount audioToCaller;      ///< AI audio deltas sent to Twilio as media + mark
    MediaCount bargeIns;
    MediaCount transcriptLines;
    MediaCount transcriptWriteFailures;
};

} // namespace sb
