#pragma once

#include <QWidget>

class QJsonArray;
class QLabel;
class QTableView;

namespace sb {

class AlertsModel;
struct Alert;

/// The active alerts, critical first, each with what to do about it; new ones are announced.
class AlertsView : public QWidget
{
    Q_OBJECT
public:
    explicit AlertsView(QWidget *parent = nullptr);

    AlertsModel *model() const { return m_model; }
    /// The text above the table: how many alerts, and the newest raised.
    QString headline() const;

public slots:
    /// The whole current list, as the live hub sends it.
    void setAlerts(const QJsonArray &alerts);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateHeadline();

    AlertsModel *m_model;
    QLabel *m_headline;
    QLabel *m_problem;
    QTableView *m_table;
    QString m_lastRaisedKey;
};

} // namespace sb
