#pragma once

#include "shared/call.h"
#include "shared/callevent.h"
#include "shared/result.h"
#include "storagesession.h"

#include <QHash>
#include <QList>

namespace sb {

/// @brief The reads of the console hub (backend/live): what changed, by id, in one query each.
class LiveQueries
{
public:
    explicit LiveQueries(StorageSession &session) : m_session(session) { }

    /// Calls not in a final status created in the last @p activeWithinMs, and the latest
    /// @p recentLimit calls; each once, newest first.
    Result<QList<Call>> liveAndRecent(int recentLimit, qint64 activeWithinMs);
    /// The calls with these row ids (missing ones are left out).
    Result<QList<Call>> callsByIds(const QList<qint64> &ids);
    /// The timeline events with these ids, oldest first (missing ones are left out).
    Result<QList<CallEvent>> eventsByIds(const QList<qint64> &ids);
    /// Every business's name by id.
    Result<QHash<qint64, QString>> businessNames();
    /// Tells the other instances listening on @p channel (PostgreSQL NOTIFY; at most 8000 bytes).
    Result<void> notify(const QString &channel, const QString &payload);

private:
    StorageSession &m_session;
};

} // namespace sb
