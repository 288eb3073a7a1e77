#pragma once

#include "shared/call.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QHash>
#include <QTimer>

#include <functional>

namespace sb {

/**
 * @brief The live calls table: one row per call (sb::Call summaries from the hub).
 *
 * A snapshot resets the model; deltas update rows in place (dataChanged per run of adjacent
 * rows) and append new calls in one insertion per batch, so a view over 10,000 rows stays smooth
 * at hundreds of updates per second. The duration of calls still going ticks once a second.
 * Numbers are shown masked. SortRole gives raw values to sort on; the filter roles serve
 * LiveCallsFilterModel.
 */
class LiveCallsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Started, Status, Direction, Business, From, To, Duration, Stream, Recording, Transcript, Cost, ColumnCount };
    Q_ENUM(Column)

    enum Role {
        SortRole = Qt::UserRole + 1,
        CallIdRole,
        StatusRole,      ///< sb::CallStatus as int
        BusinessIdRole,
        CostBucketRole,  ///< sb::CostBucket as int
        SearchTextRole,  ///< CallSid, numbers, lead id and business name, lower case
        ActiveRole,      ///< the call has not ended
    };

    explicit LiveCallsModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// Replaces every call (a snapshot).
    void reset(const QList<Call> &calls, const QHash<qint64, QString> &businessNames);
    /// Updates known calls and appends new ones.
    void apply(const QList<Call> &calls);
    void setBusinessName(qint64 businessId, const QString &name);

    const Call *call(int row) const;
    int rowOf(qint64 callId) const { return m_rows.value(callId, -1); }
    QString businessName(qint64 businessId) const;
    QList<qint64> businessIds() const;

    /// Where "now" comes from for ticking durations (tests fix it).
    void setClock(std::function<QDateTime()> now) { m_now = std::move(now); }
    /// Emits the duration column's change for calls still going (the 1 s timer calls it).
    void tick();

    /// The colour a cost bucket is shown in.
    static QColor bucketColor(CostBucket bucket);
    static QString statusText(CallStatus status);
    static QString directionText(sb::Direction direction);

signals:
    void businessesChanged();

private:
    QVariant display(const Call &call, int column) const;
    QVariant sortValue(const Call &call, int column) const;
    qint64 durationSeconds(const Call &call) const;
    QString streamText(const Call &call) const;

    QList<Call> m_calls;
    QHash<qint64, int> m_rows; ///< call id → row
    QHash<qint64, QString> m_businesses;
    std::function<QDateTime()> m_now;
    QTimer m_ticker;
};

} // namespace sb
