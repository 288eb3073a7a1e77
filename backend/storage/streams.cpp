#include "streams.h"

#include "storagedetail.h"

using namespace Qt::StringLiterals;

namespace sb {

namespace {
const QString kSource = u"streams"_s;
}

Result<Call> Streams::streamStarted(const QString &callSid, const QString &streamSid, const QDateTime &at)
{
    if (streamSid.isEmpty() || !at.isValid())
        return invalidInput(u"stream start needs a stream_sid and a time"_s);
    auto locked = detail::beginWriteOnCall(m_session, callSid);
    if (!locked)
        return locked.error();
    auto &[transaction, call] = locked.value();
    auto updated = m_session.exec(
        u"UPDATE calls SET stream_sid = :stream_sid, stream_connect_count = stream_connect_count + 1, "
        "stream_started_at = COALESCE(stream_started_at, :at), updated_at = :now WHERE id = :id"_s,
        {{u":stream_sid"_s, streamSid}, {u":at"_s, at.toMSecsSinceEpoch()}, {u":now"_s, m_session.nowMs()},
         {u":id"_s, call.id}});
    if (!updated)
        return updated.error();
    return detail::finishCostInputWrite(m_session, transaction, call, u"stream_started"_s, kSource,
                                        {{u"stream_sid"_s, streamSid},
                                         {u"stream_connect_count"_s, call.streamConnectCount + 1},
                                         {u"at"_s, at.toUTC().toString(Qt::ISODateWithMs)}});
}

Result<Call> Streams::streamStopped(const QString &callSid, const QString &streamSid, const QDateTime &connectedSince,
                                    const QDateTime &at)
{
    if (!connectedSince.isValid() || !at.isValid())
        return invalidInput(u"stream stop needs the connect time and the stop time"_s);
    const double seconds = qMax<qint64>(0, connectedSince.msecsTo(at)) / 1000.0;
    auto locked = detail::beginWriteOnCall(m_session, callSid);
    if (!locked)
        return locked.error();
    auto &[transaction, call] = locked.value();
    const qint64 atMs = at.toMSecsSinceEpoch();
    const qint64 endedMs = call.streamEndedAt.isValid() ? qMax(call.streamEndedAt.toMSecsSinceEpoch(), atMs) : atMs;
    auto updated = m_session.exec(
        u"UPDATE calls SET stream_duration_sec = stream_duration_sec + :seconds, stream_ended_at = :ended, "
        "updated_at = :now WHERE id = :id"_s,
        {{u":seconds"_s, seconds}, {u":ended"_s, endedMs}, {u":now"_s, m_session.nowMs()}, {u":id"_s, call.id}});
    if (!updated)
        return updated.error();
    return detail::finishCostInputWrite(m_session, transaction, call, u"stream_stopped"_s, kSource,
                                        {{u"stream_sid"_s, streamSid},
                                         {u"connected_sec"_s, seconds},
                                         {u"stream_duration_sec"_s, call.streamDurationSec + seconds}});
}

} // namespace sb
