#pragma once

#include "shared/callenums.h"
#include "shared/result.h"
#include "storagesession.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>

#include <optional>

namespace sb {

/// Which dedup layer caught a duplicate (invariant 1); none for a call that was placed.
enum class DedupLayer { Memory, Database };

/// One outbound dedup decision, kept for the console's dedup inspector.
struct DedupDecision
{
    qint64 id = 0;
    QDateTime at;                    ///< set by record() from the clock
    qint64 businessId = 0;
    QString number;                  ///< the normalised number
    QString dedupKey;
    std::optional<DedupLayer> layer; ///< empty when the request was not a duplicate
    QString outcome;                 ///< e.g. `placed`, `duplicate`, `failed_open`
    std::optional<qint64> callId;    ///< the call it created or pointed to

    /// `{id, at, business_id, number, dedup_key, layer, outcome, call_id}`, as the API and the console show it.
    QJsonObject toJson() const;
};

template <>
struct EnumInfo<DedupLayer>
{
    static constexpr std::string_view typeName = "dedup layer";
    static constexpr std::array<std::pair<DedupLayer, std::string_view>, 2> names{{
        {DedupLayer::Memory, "memory"},
        {DedupLayer::Database, "database"},
    }};
};

/// @brief Writes and reads the dedup decision log.
class DedupDecisions
{
public:
    explicit DedupDecisions(StorageSession &session) : m_session(session) { }

    /// Stores @p decision (its id and time are assigned here) and returns it as stored. A decision
    /// about a call also goes on that call's timeline (`dedup_decision`, the JSON as detail).
    Result<DedupDecision> record(const DedupDecision &decision);
    /// The latest @p limit decisions, newest first.
    Result<QList<DedupDecision>> recent(int limit = 100);

private:
    StorageSession &m_session;
};

} // namespace sb
