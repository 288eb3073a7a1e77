#include "alertsmodel.h"

#include <QBrush>
#include <QJsonArray>
#include <QColor>
#include <QLocale>
#include <QSet>

namespace sb {

namespace {
bool isCritical(const Alert &alert)
{
    return alert.severity == Alert::Severity::Critical;
}
} // namespace

void AlertsModel::setAlerts(const QList<Alert> &alerts)
{
    QSet<QString> before;
    for (const Alert &alert : std::as_const(m_alerts))
        before.insert(alert.key);
    QList<Alert> sorted = alerts;
    std::stable_sort(sorted.begin(), sorted.end(), [](const Alert &a, const Alert &b) {
        return isCritical(a) != isCritical(b) ? isCritical(a) : a.key < b.key;
    });
    beginResetModel();
    m_alerts = sorted;
    endResetModel();
    for (const Alert &alert : std::as_const(m_alerts)) {
        if (!before.contains(alert.key))
            emit alertRaised(alert);
    }
}

Result<void> AlertsModel::setAlerts(const QJsonArray &alerts)
{
    QList<Alert> valid;
    QStringList problems;
    for (const QJsonValue &value : alerts) {
        auto alert = Alert::fromJson(value.toObject());
        if (alert)
            valid.append(*alert);
        else
            problems.append(alert.error().message);
    }
    setAlerts(valid);
    if (!problems.isEmpty())
        return Error{ErrorCode::Upstream, tr("%n alert(s) could not be read: %1", nullptr, int(problems.size()))
                                              .arg(problems.join(QStringLiteral("; ")))};
    return {};
}

int AlertsModel::criticalCount() const
{
    return int(std::count_if(m_alerts.begin(), m_alerts.end(), isCritical));
}

QString AlertsModel::severityLabel(Alert::Severity severity)
{
    return severity == Alert::Severity::Critical ? tr("Critical") : tr("Warning");
}

void AlertsModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_alerts.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {Qt::DisplayRole});
}

int AlertsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_alerts.size());
}

int AlertsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AlertsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Alert &alert = m_alerts.at(index.row());
    switch (role) {
    case KeyRole:
        return alert.key;
    case SeverityRole:
        return isCritical(alert) ? QStringLiteral("critical") : QStringLiteral("warning");
    case Qt::DisplayRole:
        switch (index.column()) {
        case Severity: return severityLabel(alert.severity);
        case Message: return alert.message;
        case Action: return alert.action;
        case Value: return QLocale().toString(alert.value, 'g', 6);
        case Threshold: return QLocale().toString(alert.threshold, 'g', 6);
        }
        return {};
    case Qt::ToolTipRole:
        return alert.action.isEmpty() ? alert.message : tr("%1\nWhat to do: %2").arg(alert.message, alert.action);
    case Qt::ForegroundRole:
        if (index.column() == Severity)
            return QBrush(isCritical(alert) ? QColor(0xb0, 0x1c, 0x1c) : QColor(0x9a, 0x5b, 0x00));
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == Value || index.column() == Threshold)
            return int(Qt::AlignTrailing | Qt::AlignVCenter);
        return {};
    }
    return {};
}

QVariant AlertsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Severity: return tr("Severity");
    case Message: return tr("Alert");
    case Action: return tr("What to do");
    case Value: return tr("Value");
    case Threshold: return tr("Threshold");
    }
    return {};
}

} // namespace sb
