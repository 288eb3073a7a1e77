#pragma once

#include <QtGlobal>

namespace sb {

/// What the media module counts (I/O thread only). Read by tests and, later, /metrics.
struct MediaCounters
{
    quint64 handshakesAccepted = 0;
    quint64 refusedSignature = 0;   ///< bad or missing X-Twilio-Signature (or no auth token set)
    quint64 streamsStarted = 0;     ///< `start` messages
    quint64 streamsEnded = 0;       ///< streams whose stop (or close) was handled
    quint64 framesIn = 0;           ///< caller `media` frames
    quint64 malformedFrames = 0;
    quint64 oversizedFrames = 0;
    quint64 unknownCalls = 0;       ///< a `start` for a call we do not know
    quint64 metricsWriteFailures = 0;
    quint64 aiSessions = 0;         ///< Realtime sockets opened
    quint64 aiFailures = 0;         ///< Realtime sockets that could not connect or broke mid-call
    quint64 aiErrorEvents = 0;      ///< `error` events from the Realtime server
    quint64 aiMalformedEvents = 0;
    quint64 framesToAi = 0;         ///< input_audio_buffer.append sent
    quint64 framesDroppedBeforeAi = 0;
    quint64 audioToCaller = 0;      ///< AI audio deltas sent to Twilio as media + mark
    quint64 bargeIns = 0;
    quint64 transcriptLines = 0;
    quint64 transcriptWriteFailures = 0;
};

} // namespace sb
