#include "costmodels.h"

#include "apiclient.h"

#include <QLocale>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace sb {

// ---- DailyCostModel

void DailyCostModel::setDays(const QList<CostDailyPoint> &days)
{
    beginResetModel();
    m_days = days;
    endResetModel();
}

void DailyCostModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_days.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {Qt::DisplayRole});
}

int DailyCostModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_days.size());
}

int DailyCostModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DailyCostModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CostDailyPoint &day = m_days.at(index.row());
    QVariant value;
    switch (index.column()) {
    case Date: value = day.date; break;
    case TotalCalls: value = day.totalCalls; break;
    case HighCostCalls: value = day.highCostCalls; break;
    case EstimatedCost: value = day.estimatedCost; break;
    case LowCalls: value = day.bucketCounts.low; break;
    case MedCalls: value = day.bucketCounts.med; break;
    case HighCalls: value = day.bucketCounts.high; break;
    }
    if (role == ValueRole)
        return value;
    if (role == Qt::DisplayRole) {
        if (index.column() == Date)
            return QLocale().toString(day.date, QLocale::ShortFormat);
        if (index.column() == EstimatedCost)
            return CostSummaryModel::formatCost(day.estimatedCost);
        return QLocale().toString(value.toLongLong());
    }
    if (role == Qt::TextAlignmentRole && index.column() != Date)
        return int(Qt::AlignTrailing | Qt::AlignVCenter);
    return {};
}

QVariant DailyCostModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Date: return tr("Date");
    case TotalCalls: return tr("Calls");
    case HighCostCalls: return tr("High-cost calls");
    case EstimatedCost: return tr("Estimated cost");
    case LowCalls: return CostSummaryModel::bucketLabel(u"LOW"_s);
    case MedCalls: return CostSummaryModel::bucketLabel(u"MED"_s);
    case HighCalls: return CostSummaryModel::bucketLabel(u"HIGH"_s);
    }
    return {};
}

// ---- IndicatorModel

void IndicatorModel::setCounts(const QMap<QString, qint64> &counts)
{
    beginResetModel();
    m_rows.clear();
    for (auto it = counts.begin(); it != counts.end(); ++it)
        m_rows.append({it.key(), it.value()});
    std::stable_sort(m_rows.begin(), m_rows.end(), [](const auto &a, const auto &b) { return a.second > b.second; });
    endResetModel();
}

QString IndicatorModel::label(const QString &indicator)
{
    if (indicator == u"stream_reconnects")
        return tr("Stream reconnects");
    if (indicator == u"high_stream_ratio")
        return tr("Streamed longer than the call");
    if (indicator == u"duplicate_recording")
        return tr("Duplicate recording");
    if (indicator == u"webhook_11205")
        return tr("Twilio error 11205");
    if (indicator == u"webhook_retries")
        return tr("Webhook retries");
    return indicator;
}

void IndicatorModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {Qt::DisplayRole});
}

int IndicatorModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int IndicatorModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant IndicatorModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &[name, calls] = m_rows.at(index.row());
    if (role == ValueRole)
        return index.column() == Indicator ? QVariant(name) : QVariant(calls);
    if (role == Qt::DisplayRole)
        return index.column() == Indicator ? label(name) : QLocale().toString(calls);
    if (role == Qt::TextAlignmentRole && index.column() == Calls)
        return int(Qt::AlignTrailing | Qt::AlignVCenter);
    return {};
}

QVariant IndicatorModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    return section == Indicator ? tr("Indicator") : tr("Calls");
}

// ---- CostSummaryModel

CostSummaryModel::CostSummaryModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

const CostSummary &CostSummaryModel::summary() const
{
    static const CostSummary empty;
    return m_summary ? *m_summary : empty;
}

void CostSummaryModel::setSummary(const CostSummary &summary)
{
    beginResetModel();
    m_summary = summary;
    endResetModel();
    m_daily.setDays(summary.daily);
    m_indicators.setCounts(summary.indicatorCounts);
    emit summaryChanged();
}

Result<void> CostSummaryModel::setSummaryJson(const QJsonObject &json)
{
    auto summary = CostSummary::fromJson(json);
    if (!summary)
        return summary.error();
    setSummary(*summary);
    return {};
}

void CostSummaryModel::refresh(ApiClient *api, std::optional<qint64> businessId, int days)
{
    QUrlQuery query;
    if (businessId)
        query.addQueryItem(u"business_id"_s, QString::number(*businessId));
    query.addQueryItem(u"days"_s, QString::number(days));
    const quint64 request = ++m_latestRequest;
    setLoading(true);
    api->get(u"/api/costs/summary"_s, query, this, [this, request](const Result<ApiReply> &reply) {
        if (request != m_latestRequest)
            return;
        setLoading(false);
        if (!reply)
            return emit failed(reply.error().message);
        if (auto set = setSummaryJson(reply->json); !set)
            emit failed(tr("The cost summary could not be read: %1").arg(set.error().message));
    });
}

void CostSummaryModel::setLoading(bool loading)
{
    if (std::exchange(m_loading, loading) != loading)
        emit loadingChanged(loading);
}

void CostSummaryModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (m_summary)
        emit dataChanged(index(0, 0), index(RowCount - 1, ColumnCount - 1), {Qt::DisplayRole});
    m_daily.retranslate();
    m_indicators.retranslate();
}

QString CostSummaryModel::bucketLabel(const QString &bucket)
{
    if (bucket == u"LOW")
        return tr("Low");
    if (bucket == u"MED")
        return tr("Medium");
    if (bucket == u"HIGH")
        return tr("High");
    return bucket;
}

qint64 CostSummaryModel::bucketCount(const CostBucketCounts &counts, const QString &bucket)
{
    if (bucket == u"LOW")
        return counts.low;
    if (bucket == u"MED")
        return counts.med;
    if (bucket == u"HIGH")
        return counts.high;
    return 0;
}

QString CostSummaryModel::formatCost(double usd)
{
    // The pattern is translated, not taken from the locale: the amount is always in US dollars.
    return tr("$%1", "an amount in US dollars").arg(QLocale().toString(usd, 'f', 2));
}

int CostSummaryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_summary ? 0 : RowCount;
}

int CostSummaryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString CostSummaryModel::figureLabel(int row) const
{
    switch (row) {
    case TotalCalls: return tr("Calls");
    case LowCalls: return tr("Calls in the low bucket");
    case MedCalls: return tr("Calls in the medium bucket");
    case HighCalls: return tr("Calls in the high bucket");
    case HighCostCalls: return tr("High-cost calls");
    case DuplicateRecordings: return tr("Duplicate recordings");
    case CallsWithReconnects: return tr("Calls with stream reconnects");
    case Webhook11205Errors: return tr("Twilio 11205 errors");
    case WebhookRetries: return tr("Webhook retries");
    case EstimatedCost: return tr("Estimated cost");
    }
    return {};
}

QVariant CostSummaryModel::figureValue(int row) const
{
    const CostSummary &s = *m_summary;
    switch (row) {
    case TotalCalls: return s.totalCalls;
    case LowCalls: return s.bucketCounts.low;
    case MedCalls: return s.bucketCounts.med;
    case HighCalls: return s.bucketCounts.high;
    case HighCostCalls: return s.highCostCalls;
    case DuplicateRecordings: return s.duplicateRecordings;
    case CallsWithReconnects: return s.callsWithReconnects;
    case Webhook11205Errors: return s.webhook11205Errors;
    case WebhookRetries: return s.webhookRetries;
    case EstimatedCost: return s.estimatedCost;
    }
    return {};
}

QVariant CostSummaryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (index.column() == Figure)
        return role == Qt::DisplayRole ? QVariant(figureLabel(index.row())) : QVariant();
    if (role == ValueRole)
        return figureValue(index.row());
    if (role == Qt::DisplayRole) {
        const QVariant value = figureValue(index.row());
        return index.row() == EstimatedCost ? formatCost(value.toDouble()) : QLocale().toString(value.toLongLong());
    }
    if (role == Qt::TextAlignmentRole)
        return int(Qt::AlignTrailing | Qt::AlignVCenter);
    return {};
}

QVariant CostSummaryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    return section == Figure ? tr("Figure") : tr("Value");
}

} // namespace sb
