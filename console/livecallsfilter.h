#pragma once

#include "shared/callenums.h"

#include <QSortFilterProxyModel>

#include <optional>

namespace sb {

/// @brief Filters and sorts LiveCallsModel: by business, status, cost bucket and free text.
class LiveCallsFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit LiveCallsFilterModel(QObject *parent = nullptr);

    void setBusiness(std::optional<qint64> businessId);
    void setStatus(std::optional<CallStatus> status);
    void setCostBucket(std::optional<CostBucket> bucket);
    /// Case-insensitive substring of the CallSid, the numbers, the lead id or the business name.
    void setText(const QString &text);
    /// Only calls that have not ended.
    void setActiveOnly(bool activeOnly);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    std::optional<qint64> m_business;
    std::optional<CallStatus> m_status;
    std::optional<CostBucket> m_bucket;
    QString m_text;
    bool m_activeOnly = false;
};

} // namespace sb
