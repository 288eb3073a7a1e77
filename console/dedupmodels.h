#pragma once

#include "shared/clock.h"
#include "shared/result.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QSortFilterProxyModel>
#include <QTimer>

#include <optional>

namespace sb {

/// One outbound dedup decision as `/api/dedup/recent` and the live hub send it.
struct DedupDecisionRow
{
    qint64 id = 0;
    QDateTime at;
    qint64 businessId = 0;
    QString number;
    QString dedupKey;
    QString layer;   ///< `memory`, `database`, or empty when the call was not a duplicate
    QString outcome; ///< `placed`, `duplicate`, `failed_open`, …
    std::optional<qint64> callId; ///< the call it created or pointed to

    static Result<DedupDecisionRow> fromJson(const QJsonObject &json);
};

/**
 * @brief The dedup decision log, newest first, growing live.
 *
 * setDecisions() takes `/api/dedup/recent`'s list; applyDecision() one decision arriving live
 * (a decision already shown is replaced, not repeated). At most maxRows() are kept.
 */
class DedupDecisionsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Time, Business, Number, Layer, Outcome, Key, Call, ColumnCount };
    /// The raw value: layer/outcome API names, ids as numbers, the time as QDateTime.
    static constexpr int ValueRole = Qt::UserRole;

    using QAbstractTableModel::QAbstractTableModel;

    Result<void> setDecisions(const QJsonArray &decisions);
    Result<void> applyDecision(const QJsonObject &decision);
    void setMaxRows(int rows) { m_maxRows = rows; }
    int maxRows() const { return m_maxRows; }
    static QString layerLabel(const QString &layer);
    static QString outcomeLabel(const QString &outcome);
    void retranslate();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void trim();

    QList<DedupDecisionRow> m_rows;
    int m_maxRows = 2000;
};

/// Filters dedup decisions by layer, outcome, business and a text found in number, key or call.
class DedupDecisionFilter : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    /// A layer API name, `none` for decisions without a layer, empty for any.
    void setLayer(const QString &layer);
    /// An outcome API name, empty for any.
    void setOutcome(const QString &outcome);
    void setBusinessId(std::optional<qint64> businessId);
    void setText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_layer;
    QString m_outcome;
    std::optional<qint64> m_businessId;
    QString m_text;
};

/// One entry of the backend's in-memory dedup cache.
struct DedupCacheRow
{
    QString key;
    qint64 businessId = 0;
    QString number;
    std::optional<qint64> callId;
    QString callSid;
    QString status;
    bool pending = false;
    qint64 expiresAtMs = 0; ///< on the model's clock: when it was read + its time left
};

/**
 * @brief The memory dedup cache with each entry's time left, ticking down between refreshes.
 *
 * `/api/dedup/cache` gives each entry's time left when it was read; the model counts down from
 * there once a second and drops entries whose time has run out, as the backend does.
 */
class DedupCacheModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Key, Business, Number, Call, Status, Pending, TimeLeft, ColumnCount };
    /// Time left in milliseconds in column TimeLeft.
    static constexpr int ValueRole = Qt::UserRole;

    explicit DedupCacheModel(QObject *parent = nullptr);
    explicit DedupCacheModel(const Clock &clock, QObject *parent = nullptr);

    /// Takes `/api/dedup/cache`'s answer.
    Result<void> setCache(const QJsonObject &json);
    qint64 ttlMs() const { return m_ttlMs; }
    /// The outbound service's counters (placed, memory_duplicates, …) as the backend sent them.
    const QJsonObject &counters() const { return m_counters; }
    qint64 timeLeftMs(int row) const;
    /// Updates every time left and drops expired entries; the model's timer calls it each second.
    void tick();
    void retranslate();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void countersChanged();

private:
    const Clock &m_clock;
    QList<DedupCacheRow> m_rows;
    QJsonObject m_counters;
    qint64 m_ttlMs = 0;
    QTimer m_ticker;
};

} // namespace sb
