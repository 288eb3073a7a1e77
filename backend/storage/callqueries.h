#pragma once

#include "shared/call.h"
#include "shared/callevent.h"
#include "shared/result.h"
#include "storagesession.h"

#include <QDateTime>
#include <QList>

#include <optional>

namespace sb {

/// What GET /api/calls may filter on; every set field narrows the result.
struct CallFilter
{
    std::optional<qint64> businessId;
    std::optional<CallStatus> status;
    QString text;       ///< substring of call_sid, to, from or lead_id (case-insensitive)
    QDateTime since;    ///< created at or after
    int limit = 50;     ///< 1..1000
    int offset = 0;
};

/// One page of calls, newest first, and how many match in all.
struct CallPage
{
    QList<Call> calls;
    qint64 total = 0;
};

/// @brief Read-only queries over calls and their timelines.
class CallQueries
{
public:
    explicit CallQueries(StorageSession &session) : m_session(session) { }

    Result<Call> findBySid(const QString &callSid);
    Result<Call> findById(qint64 callId);
    /// Calls matching @p filter; a limit outside 1..1000 or a negative offset is InvalidInput.
    Result<CallPage> list(const CallFilter &filter);
    /// The timeline of @p callId after event @p afterId (0: from the start), oldest first.
    Result<QList<CallEvent>> events(qint64 callId, qint64 afterId = 0, int limit = 500);

private:
    StorageSession &m_session;
};

} // namespace sb
