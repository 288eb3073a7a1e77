#pragma once

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;

namespace sb {

class CallDetail;
class CallDetailView;
class LiveCallsFilterModel;
class LiveCallsModel;
class LiveClient;

/// The live calls page: filters, the sortable table of calls, and the selected call's detail.
class LiveCallsView : public QWidget
{
    Q_OBJECT
public:
    explicit LiveCallsView(LiveClient &client, QWidget *parent = nullptr);
    ~LiveCallsView() override;

    LiveCallsModel *model() const { return m_model; }
    LiveCallsFilterModel *filter() const { return m_filter; }
    QTableView *table() const { return m_table; }
    CallDetail *detail() const { return m_detail; }

private:
    void fillBusinesses();
    void updateCount();

    LiveCallsModel *m_model;
    LiveCallsFilterModel *m_filter;
    CallDetail *m_detail;
    QComboBox *m_business;
    QComboBox *m_status;
    QComboBox *m_bucket;
    QCheckBox *m_activeOnly;
    QLineEdit *m_search;
    QLabel *m_count;
    QTableView *m_table;
    CallDetailView *m_detailView;
};

} // namespace sb
