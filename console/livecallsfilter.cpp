#include "livecallsfilter.h"

#include "livecallsmodel.h"

namespace sb {

LiveCallsFilterModel::LiveCallsFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(LiveCallsModel::SortRole);
    setDynamicSortFilter(true);
}

void LiveCallsFilterModel::setBusiness(std::optional<qint64> businessId)
{
    m_business = businessId;
    invalidateRowsFilter();
}

void LiveCallsFilterModel::setStatus(std::optional<CallStatus> status)
{
    m_status = status;
    invalidateRowsFilter();
}

void LiveCallsFilterModel::setCostBucket(std::optional<CostBucket> bucket)
{
    m_bucket = bucket;
    invalidateRowsFilter();
}

void LiveCallsFilterModel::setText(const QString &text)
{
    m_text = text.trimmed().toLower();
    invalidateRowsFilter();
}

void LiveCallsFilterModel::setActiveOnly(bool activeOnly)
{
    m_activeOnly = activeOnly;
    invalidateRowsFilter();
}

bool LiveCallsFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (m_business && index.data(LiveCallsModel::BusinessIdRole).toLongLong() != *m_business)
        return false;
    if (m_status && index.data(LiveCallsModel::StatusRole).toInt() != int(*m_status))
        return false;
    if (m_bucket && index.data(LiveCallsModel::CostBucketRole).toInt() != int(*m_bucket))
        return false;
    if (m_activeOnly && !index.data(LiveCallsModel::ActiveRole).toBool())
        return false;
    if (!m_text.isEmpty() && !index.data(LiveCallsModel::SearchTextRole).toString().contains(m_text))
        return false;
    return true;
}

} // namespace sb
