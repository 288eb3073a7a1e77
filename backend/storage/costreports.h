#pragma once

#include "shared/costsummary.h"
#include "shared/result.h"
#include "storagesession.h"

#include <optional>

namespace sb {

/// @brief Read-only cost reports over calls: the summary behind `GET /api/costs/summary`.
class CostReports
{
public:
    static constexpr int kMaxDays = 366;

    explicit CostReports(StorageSession &session) : m_session(session) { }

    /**
     * The calls of @p businessId (every business when empty) created since the start of the UTC
     * day @p days - 1 days before today, counted per day and in all, then evaluated against
     * @p thresholds (alerts and recommendations). @p days outside 1..kMaxDays is InvalidInput.
     */
    Result<CostSummary> summary(std::optional<qint64> businessId, int days, const AlertThresholds &thresholds);

private:
    StorageSession &m_session;
};

} // namespace sb
