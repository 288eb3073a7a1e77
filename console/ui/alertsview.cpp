#include "alertsview.h"

#include "alertsmodel.h"

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace sb {

AlertsView::AlertsView(QWidget *parent)
    : QWidget(parent)
    , m_model(new AlertsModel(this))
    , m_headline(new QLabel(this))
    , m_problem(new QLabel(this))
    , m_table(new QTableView(this))
{
    setObjectName(u"alertsView"_s);
    m_headline->setObjectName(u"headline"_s);
    m_headline->setWordWrap(true);
    QFont bold = m_headline->font();
    bold.setBold(true);
    m_headline->setFont(bold);
    m_problem->setObjectName(u"problem"_s);
    m_problem->setStyleSheet(u"color: #b01c1c;"_s);
    m_problem->setWordWrap(true);
    m_problem->hide();
    m_table->setObjectName(u"alerts"_s);
    m_table->setModel(m_model);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(AlertsModel::Severity, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(AlertsModel::Message, QHeaderView::Stretch);
    header->setSectionResizeMode(AlertsModel::Action, QHeaderView::Stretch);
    header->setSectionResizeMode(AlertsModel::Value, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(AlertsModel::Threshold, QHeaderView::ResizeToContents);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_headline);
    layout->addWidget(m_problem);
    layout->addWidget(m_table, 1);

    connect(m_model, &AlertsModel::alertRaised, this, [this](const Alert &alert) {
        m_lastRaisedKey = alert.key;
        updateHeadline();
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &AlertsView::updateHeadline);
    retranslateUi();
}

QString AlertsView::headline() const
{
    return m_headline->text();
}

void AlertsView::setAlerts(const QJsonArray &alerts)
{
    const auto set = m_model->setAlerts(alerts);
    m_problem->setVisible(!set.ok());
    m_problem->setText(set.ok() ? QString() : set.error().message);
}

void AlertsView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void AlertsView::retranslateUi()
{
    m_model->retranslate();
    updateHeadline();
}

void AlertsView::updateHeadline()
{
    const QList<Alert> &alerts = m_model->alerts();
    if (alerts.isEmpty()) {
        m_headline->setText(tr("No active alerts: costs and call quality are within their thresholds."));
        return;
    }
    QString text = tr("%n active alert(s), %1 critical.", nullptr, int(alerts.size())).arg(m_model->criticalCount());
    for (const Alert &alert : alerts) {
        if (alert.key == m_lastRaisedKey) {
            text += u' ' + tr("Newest: %1").arg(alert.message);
            break;
        }
    }
    m_headline->setText(text);
}

} // namespace sb
