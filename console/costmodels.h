#pragma once

#include "shared/costsummary.h"

#include <QAbstractTableModel>

#include <optional>

namespace sb {

class ApiClient;

/// The cost buckets in order of cost, as the API names them.
inline const QStringList kCostBuckets = {QStringLiteral("LOW"), QStringLiteral("MED"), QStringLiteral("HIGH")};

/// The daily series of a cost summary, oldest day first.
class DailyCostModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Date, TotalCalls, HighCostCalls, EstimatedCost, LowCalls, MedCalls, HighCalls, ColumnCount };
    /// The unformatted value of a cell (QDate, int, double).
    static constexpr int ValueRole = Qt::UserRole;

    using QAbstractTableModel::QAbstractTableModel;

    void setDays(const QList<CostDailyPoint> &days);
    void retranslate();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<CostDailyPoint> m_days;
};

/// The cost indicators behind expensive calls: how many calls each one fired on, most first.
class IndicatorModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Indicator, Calls, ColumnCount };
    /// The indicator's API name (`stream_reconnects`, …) in column Indicator, the count in Calls.
    static constexpr int ValueRole = Qt::UserRole;

    using QAbstractTableModel::QAbstractTableModel;

    void setCounts(const QMap<QString, qint64> &counts);
    /// A person's name for an indicator's API name; unknown names are shown as they are.
    static QString label(const QString &indicator);
    void retranslate();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<std::pair<QString, qint64>> m_rows;
};

/**
 * @brief A cost summary as figures (one row each), owning its daily series and indicator models.
 *
 * refresh() asks the backend for `/api/costs/summary`; an answer to an older request than the
 * latest is dropped, so changing the business or the range quickly never shows stale numbers.
 */
class CostSummaryModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Figure, Value, ColumnCount };
    enum Row {
        TotalCalls, LowCalls, MedCalls, HighCalls, HighCostCalls, DuplicateRecordings, CallsWithReconnects,
        Webhook11205Errors, WebhookRetries, EstimatedCost, RowCount
    };
    static constexpr int ValueRole = Qt::UserRole;

    explicit CostSummaryModel(QObject *parent = nullptr);

    void setSummary(const CostSummary &summary);
    /// Reads a summary as the API sends it; malformed JSON leaves the model as it was.
    Result<void> setSummaryJson(const QJsonObject &json);
    bool hasSummary() const { return m_summary.has_value(); }
    /// The summary shown; a default one before the first.
    const CostSummary &summary() const;

    DailyCostModel *dailyModel() { return &m_daily; }
    IndicatorModel *indicatorModel() { return &m_indicators; }

    /// Loads the summary of @p businessId (empty: all businesses) over the last @p days days.
    void refresh(ApiClient *api, std::optional<qint64> businessId, int days);
    bool isLoading() const { return m_loading; }
    void retranslate();

    /// The label of a bucket (`LOW` → "Low").
    static QString bucketLabel(const QString &bucket);
    /// The calls in @p bucket (`LOW`, `MED`, `HIGH`).
    static qint64 bucketCount(const CostBucketCounts &counts, const QString &bucket);
    /// USD in the current locale.
    static QString formatCost(double usd);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void summaryChanged();
    void loadingChanged(bool loading);
    /// A refresh failed; the previous summary stays.
    void failed(const QString &message);

private:
    QString figureLabel(int row) const;
    QVariant figureValue(int row) const;
    void setLoading(bool loading);

    std::optional<CostSummary> m_summary;
    DailyCostModel m_daily;
    IndicatorModel m_indicators;
    quint64 m_latestRequest = 0;
    bool m_loading = false;
};

} // namespace sb
