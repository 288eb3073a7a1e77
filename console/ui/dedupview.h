#pragma once

#include <QWidget>

class QComboBox;
class QJsonObject;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace sb {

class ApiClient;
class DedupCacheModel;
class DedupDecisionFilter;
class DedupDecisionsModel;

/**
 * @brief The dedup inspector: decisions as they arrive (filtered by layer, outcome, business
 * and text) and the memory cache's entries with their time left.
 */
class DedupView : public QWidget
{
    Q_OBJECT
public:
    explicit DedupView(QWidget *parent = nullptr);

    void setApiClient(ApiClient *api);
    DedupDecisionsModel *decisions() const { return m_decisions; }
    QString statusText() const;

signals:
    /// Both requests of refresh() have been answered (loaded, or failed with statusText() saying why).
    void refreshFinished();

public slots:
    /// Loads `/api/dedup/recent` and `/api/dedup/cache`.
    void refresh();
    /// A decision arriving live.
    void applyDecision(const QJsonObject &decision);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void applyFilters();
    void showCounters();
    void showError(const QString &message);
    void requestAnswered();

    ApiClient *m_api = nullptr;
    int m_pendingRequests = 0;
    DedupDecisionsModel *m_decisions;
    DedupDecisionFilter *m_filter;
    DedupCacheModel *m_cache;
    QLabel *m_decisionsTitle;
    QLabel *m_layerLabel;
    QComboBox *m_layer;
    QLabel *m_outcomeLabel;
    QComboBox *m_outcome;
    QLineEdit *m_business;
    QLineEdit *m_text;
    QPushButton *m_refresh;
    QTableView *m_decisionsTable;
    QLabel *m_cacheTitle;
    QTableView *m_cacheTable;
    QLabel *m_counters;
    QLabel *m_status;
};

} // namespace sb
