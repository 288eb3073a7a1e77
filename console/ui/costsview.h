#pragma once

#include <QWidget>

#include <optional>

class QChart;
class QChartView;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTableView;

namespace sb {

class ApiClient;
class CostSummaryModel;

/**
 * @brief Cost charts for one business (or all) over a date range, from `/api/costs/summary`.
 *
 * Three charts: calls per cost bucket, high-cost calls and estimated cost per day, and the
 * indicators behind expensive calls; the high-cost alert threshold is drawn on the first two.
 * Categories run in reading order, so in Hebrew the oldest day is at the right.
 */
class CostsView : public QWidget
{
    Q_OBJECT
public:
    explicit CostsView(QWidget *parent = nullptr);

    void setApiClient(ApiClient *api);
    CostSummaryModel *model() const { return m_model; }

    /// The business filter: empty for all businesses.
    std::optional<qint64> businessId() const;
    int days() const;
    void setDays(int days);

    QChart *bucketChart() const;
    QChart *dailyChart() const;
    QChart *indicatorChart() const;
    /// What the status line says (loading, the last error).
    QString statusText() const;

public slots:
    void refresh();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void rebuildCharts();
    void buildBucketChart();
    void buildDailyChart();
    void buildIndicatorChart();
    void showSummaryText();
    void setStatus(const QString &text, bool error);

    ApiClient *m_api = nullptr;
    CostSummaryModel *m_model;
    QLabel *m_businessLabel;
    QLineEdit *m_business;
    QLabel *m_daysLabel;
    QComboBox *m_days;
    QPushButton *m_refresh;
    QLabel *m_status;
    QTableView *m_figures;
    QChartView *m_bucketView;
    QChartView *m_dailyView;
    QChartView *m_indicatorView;
    QLabel *m_recommendationsTitle;
    QListWidget *m_recommendations;
    QLabel *m_thresholds;
    QString m_lastError;
};

} // namespace sb
