#pragma once

#include "shared/costsummary.h"

#include <QAbstractTableModel>

namespace sb {

/**
 * @brief The active alerts, critical first, each with what to do about it.
 *
 * Alerts arrive as the whole current list (live, or in a cost summary); an alert whose key was
 * not in the previous list is announced with alertRaised().
 */
class AlertsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Severity, Message, Action, Value, Threshold, ColumnCount };
    /// The alert's key in any column.
    static constexpr int KeyRole = Qt::UserRole;
    /// `critical` or `warning` in any column.
    static constexpr int SeverityRole = Qt::UserRole + 1;

    using QAbstractTableModel::QAbstractTableModel;

    void setAlerts(const QList<Alert> &alerts);
    /// The live form: malformed entries are left out and reported; the valid ones are shown.
    Result<void> setAlerts(const QJsonArray &alerts);
    const QList<Alert> &alerts() const { return m_alerts; }
    int criticalCount() const;
    static QString severityLabel(Alert::Severity severity);
    void retranslate();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    /// An alert that was not active before.
    void alertRaised(const sb::Alert &alert);

private:
    QList<Alert> m_alerts;
};

} // namespace sb
