#pragma once

#include "result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace sb {

/**
 * @brief One entry of a call's timeline (`call_events`): what happened, when, and who wrote it.
 *
 * Every write to a call appends one; the console shows them in order of id. `kind` names the
 * change (`status_changed`, `stream_started`, `cost_bucket_changed`, ...), `source` names the
 * single owner that made it (`lifecycle`, `streams`, `recordings`, ...), and `detail` carries the
 * values that changed.
 */
struct CallEvent
{
    qint64 id = 0;     ///< increasing per database; orders the timeline
    qint64 callId = 0; ///< the call's row id (a reserved outbound call has no call_sid yet)
    QString callSid;   ///< empty until Twilio assigned one
    QDateTime at;      ///< when the write happened, UTC
    QString kind;
    QString source;
    QJsonObject detail;

    /// `{id, call_id, call_sid, at, kind, source, detail}`; `at` as ISO 8601 with milliseconds.
    QJsonObject toJson() const;
    /// Reads what toJson() writes; a missing kind or an unreadable time is an InvalidInput error.
    static Result<CallEvent> fromJson(const QJsonObject &json);

    friend bool operator==(const CallEvent &, const CallEvent &) = default;
};

} // namespace sb
