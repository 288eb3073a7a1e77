#pragma once

#include "shared/callevent.h"

#include <QAbstractTableModel>
#include <QList>

namespace sb {

/**
 * @brief One call's timeline (`call_events`), ordered by event id.
 *
 * History and live events may overlap (the hub subscribes before it reads the history): events
 * are merged by id, each kept once.
 */
class TimelineModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Time, What, Source, Detail, ColumnCount };
    Q_ENUM(Column)

    explicit TimelineModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void clear();
    /// Adds the events not yet known, each at its place by id.
    void merge(const QList<CallEvent> &events);
    const QList<CallEvent> &events() const { return m_events; }

    /// A person's words for an event kind (`status_changed` → "status changed").
    static QString kindText(const QString &kind);
    /// The event's detail in one line.
    static QString detailText(const CallEvent &event);

private:
    QList<CallEvent> m_events;
};

} // namespace sb
