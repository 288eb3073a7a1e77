#pragma once

#include "shared/call.h"
#include "shared/result.h"
#include "storagesession.h"

#include <QDateTime>

namespace sb {

/**
 * @brief The only writer of stream_sid, stream_started_at, stream_ended_at, stream_duration_sec
 * and stream_connect_count (media stream sessions, invariant 7).
 */
class Streams
{
public:
    explicit Streams(StorageSession &session) : m_session(session) { }

    /// A Media Stream `start`: counts the connect; stream_started_at is set by the first one only.
    Result<Call> streamStarted(const QString &callSid, const QString &streamSid, const QDateTime &at);

    /**
     * A `stop` or a closed socket: adds `at - connectedSince` (never negative) to
     * stream_duration_sec; stream_ended_at becomes the latest stop seen.
     */
    Result<Call> streamStopped(const QString &callSid, const QString &streamSid, const QDateTime &connectedSince,
                               const QDateTime &at);

private:
    StorageSession &m_session;
};

} // namespace sb
