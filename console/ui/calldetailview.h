#pragma once

#include <QWidget>

class QFormLayout;
class QLabel;
class QPlainTextEdit;
class QTableView;

namespace sb {

class CallDetail;

/// The detail pane: a call's metrics, its timeline, the realtime transcript as it grows, and
/// the final transcript with its source.
class CallDetailView : public QWidget
{
    Q_OBJECT
public:
    explicit CallDetailView(CallDetail &detail, QWidget *parent = nullptr);

private:
    void refresh();

    CallDetail &m_detail;
    QLabel *m_title;
    QLabel *m_metrics;
    QTableView *m_timeline;
    QPlainTextEdit *m_realtime;
    QLabel *m_finalSource;
    QPlainTextEdit *m_final;
};

} // namespace sb
