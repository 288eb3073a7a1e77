#include "dedupmodels.h"

#include "jsontime.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace sb {

namespace {

std::optional<qint64> optionalId(const QJsonValue &value)
{
    if (value.isDouble())
        return value.toInteger();
    return std::nullopt;
}

QString formatTimeLeft(qint64 ms)
{
    const qint64 seconds = (std::max<qint64>(ms, 0) + 999) / 1000;
    return QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

// ---- DedupDecisionRow

Result<DedupDecisionRow> DedupDecisionRow::fromJson(const QJsonObject &json)
{
    DedupDecisionRow row;
    if (!json.value(u"id"_s).isDouble())
        return Error{ErrorCode::Upstream, u"dedup decision: id must be a number"_s};
    row.id = json.value(u"id"_s).toInteger();
    row.at = timeFromJson(json.value(u"at"_s));
    if (!row.at.isValid())
        return Error{ErrorCode::Upstream, u"dedup decision %1: at must be a time"_s.arg(row.id)};
    row.businessId = json.value(u"business_id"_s).toInteger();
    row.number = json.value(u"number"_s).toString();
    row.dedupKey = json.value(u"dedup_key"_s).toString();
    row.layer = json.value(u"layer"_s).toString();
    row.outcome = json.value(u"outcome"_s).toString();
    if (row.outcome.isEmpty())
        return Error{ErrorCode::Upstream, u"dedup decision %1: outcome is missing"_s.arg(row.id)};
    row.callId = optionalId(json.value(u"call_id"_s));
    return row;
}

// ---- DedupDecisionsModel

Result<void> DedupDecisionsModel::setDecisions(const QJsonArray &decisions)
{
    QList<DedupDecisionRow> rows;
    for (const QJsonValue &value : decisions) {
        auto row = DedupDecisionRow::fromJson(value.toObject());
        if (!row)
            return row.error();
        rows.append(*row);
    }
    std::stable_sort(rows.begin(), rows.end(), [](const auto &a, const auto &b) { return a.id > b.id; });
    beginResetModel();
    m_rows = rows;
    endResetModel();
    trim();
    return {};
}

Result<void> DedupDecisionsModel::applyDecision(const QJsonObject &decision)
{
    auto row = DedupDecisionRow::fromJson(decision);
    if (!row)
        return row.error();
    // Newest first: find the first row older than this one.
    const auto at = std::find_if(m_rows.begin(), m_rows.end(), [&](const auto &r) { return r.id <= row->id; });
    const int position = int(at - m_rows.begin());
    if (at != m_rows.end() && at->id == row->id) {
        *at = *row;
        emit dataChanged(index(position, 0), index(position, ColumnCount - 1));
        return {};
    }
    beginInsertRows({}, position, position);
    m_rows.insert(position, *row);
    endInsertRows();
    trim();
    return {};
}

void DedupDecisionsModel::trim()
{
    if (m_rows.size() <= m_maxRows)
        return;
    beginRemoveRows({}, m_maxRows, int(m_rows.size()) - 1);
    m_rows.resize(m_maxRows);
    endRemoveRows();
}

QString DedupDecisionsModel::layerLabel(const QString &layer)
{
    if (layer == u"memory")
        return tr("Memory");
    if (layer == u"database")
        return tr("Database");
    if (layer.isEmpty())
        return tr("None");
    return layer;
}

QString DedupDecisionsModel::outcomeLabel(const QString &outcome)
{
    if (outcome == u"placed")
        return tr("Placed");
    if (outcome == u"duplicate")
        return tr("Duplicate");
    if (outcome == u"failed_open")
        return tr("Placed, database unreachable");
    if (outcome == u"failed_closed")
        return tr("Refused, database unreachable");
    if (outcome == u"refused")
        return tr("Refused by Twilio");
    if (outcome == u"unknown")
        return tr("Unknown, reconciling");
    return outcome;
}

void DedupDecisionsModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {Qt::DisplayRole});
}

int DedupDecisionsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DedupDecisionsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DedupDecisionsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const DedupDecisionRow &row = m_rows.at(index.row());
    if (role == ValueRole) {
        switch (index.column()) {
        case Time: return row.at;
        case Business: return row.businessId;
        case Number: return row.number;
        case Layer: return row.layer;
        case Outcome: return row.outcome;
        case Key: return row.dedupKey;
        case Call: return row.callId ? QVariant(*row.callId) : QVariant();
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Time: return QLocale().toString(row.at.toLocalTime(), u"yyyy-MM-dd HH:mm:ss"_s);
    case Business: return row.businessId;
    case Number: return row.number;
    case Layer: return layerLabel(row.layer);
    case Outcome: return outcomeLabel(row.outcome);
    case Key: return row.dedupKey;
    case Call: return row.callId ? QVariant(*row.callId) : QVariant(QStringLiteral("–"));
    }
    return {};
}

QVariant DedupDecisionsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Time: return tr("Time");
    case Business: return tr("Business");
    case Number: return tr("Number");
    case Layer: return tr("Layer");
    case Outcome: return tr("Outcome");
    case Key: return tr("Dedup key");
    case Call: return tr("Call");
    }
    return {};
}

// ---- DedupDecisionFilter

void DedupDecisionFilter::setLayer(const QString &layer)
{
    m_layer = layer;
    invalidateFilter();
}

void DedupDecisionFilter::setOutcome(const QString &outcome)
{
    m_outcome = outcome;
    invalidateFilter();
}

void DedupDecisionFilter::setBusinessId(std::optional<qint64> businessId)
{
    m_businessId = businessId;
    invalidateFilter();
}

void DedupDecisionFilter::setText(const QString &text)
{
    m_text = text.trimmed();
    invalidateFilter();
}

bool DedupDecisionFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *model = sourceModel();
    const auto value = [&](int column) {
        return model->index(sourceRow, column, sourceParent).data(DedupDecisionsModel::ValueRole);
    };
    if (!m_layer.isEmpty()) {
        const QString layer = value(DedupDecisionsModel::Layer).toString();
        if (m_layer == u"none" ? !layer.isEmpty() : layer != m_layer)
            return false;
    }
    if (!m_outcome.isEmpty() && value(DedupDecisionsModel::Outcome).toString() != m_outcome)
        return false;
    if (m_businessId && value(DedupDecisionsModel::Business).toLongLong() != *m_businessId)
        return false;
    if (!m_text.isEmpty()) {
        const bool found = value(DedupDecisionsModel::Number).toString().contains(m_text, Qt::CaseInsensitive)
            || value(DedupDecisionsModel::Key).toString().contains(m_text, Qt::CaseInsensitive)
            || value(DedupDecisionsModel::Call).toString() == m_text;
        if (!found)
            return false;
    }
    return true;
}

// ---- DedupCacheModel

DedupCacheModel::DedupCacheModel(QObject *parent)
    : DedupCacheModel(Clock::system(), parent)
{
}

DedupCacheModel::DedupCacheModel(const Clock &clock, QObject *parent)
    : QAbstractTableModel(parent)
    , m_clock(clock)
{
    m_ticker.setInterval(1000);
    connect(&m_ticker, &QTimer::timeout, this, &DedupCacheModel::tick);
}

Result<void> DedupCacheModel::setCache(const QJsonObject &json)
{
    if (!json.value(u"entries"_s).isArray())
        return Error{ErrorCode::Upstream, u"dedup cache: entries must be an array"_s};
    const qint64 now = m_clock.nowMs();
    QList<DedupCacheRow> rows;
    for (const QJsonValue &value : json.value(u"entries"_s).toArray()) {
        const QJsonObject entry = value.toObject();
        if (!entry.value(u"key"_s).isString() || !entry.value(u"ttl_left_ms"_s).isDouble())
            return Error{ErrorCode::Upstream, u"dedup cache: an entry needs a key and ttl_left_ms"_s};
        DedupCacheRow row;
        row.key = entry.value(u"key"_s).toString();
        row.businessId = entry.value(u"business_id"_s).toInteger();
        row.number = entry.value(u"number"_s).toString();
        row.callId = optionalId(entry.value(u"call_id"_s));
        row.callSid = entry.value(u"call_sid"_s).toString();
        row.status = entry.value(u"status"_s).toString();
        row.pending = entry.value(u"pending"_s).toBool();
        row.expiresAtMs = now + entry.value(u"ttl_left_ms"_s).toInteger();
        rows.append(row);
    }
    std::stable_sort(rows.begin(), rows.end(), [](const auto &a, const auto &b) { return a.expiresAtMs < b.expiresAtMs; });
    beginResetModel();
    m_rows = rows;
    m_ttlMs = json.value(u"ttl_ms"_s).toInteger();
    endResetModel();
    m_counters = json.value(u"counters"_s).toObject();
    emit countersChanged();
    if (m_rows.isEmpty())
        m_ticker.stop();
    else
        m_ticker.start();
    return {};
}

qint64 DedupCacheModel::timeLeftMs(int row) const
{
    return std::max<qint64>(0, m_rows.at(row).expiresAtMs - m_clock.nowMs());
}

void DedupCacheModel::tick()
{
    const qint64 now = m_clock.nowMs();
    // Sorted by expiry: the expired ones are at the front.
    int expired = 0;
    while (expired < m_rows.size() && m_rows.at(expired).expiresAtMs <= now)
        ++expired;
    if (expired > 0) {
        beginRemoveRows({}, 0, expired - 1);
        m_rows.remove(0, expired);
        endRemoveRows();
    }
    if (m_rows.isEmpty()) {
        m_ticker.stop();
        return;
    }
    emit dataChanged(index(0, TimeLeft), index(rowCount() - 1, TimeLeft), {Qt::DisplayRole, ValueRole});
}

void DedupCacheModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {Qt::DisplayRole});
}

int DedupCacheModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DedupCacheModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DedupCacheModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const DedupCacheRow &row = m_rows.at(index.row());
    if (role == ValueRole && index.column() == TimeLeft)
        return timeLeftMs(index.row());
    if (role == Qt::TextAlignmentRole && index.column() == TimeLeft)
        return int(Qt::AlignTrailing | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Key: return row.key;
    case Business: return row.businessId;
    case Number: return row.number;
    case Call:
        if (!row.callSid.isEmpty())
            return row.callSid;
        return row.callId ? QVariant(*row.callId) : QVariant(QStringLiteral("–"));
    case Status: return row.status;
    case Pending: return row.pending ? tr("Waiting for Twilio") : tr("Placed");
    case TimeLeft: return formatTimeLeft(timeLeftMs(index.row()));
    }
    return {};
}

QVariant DedupCacheModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Key: return tr("Dedup key");
    case Business: return tr("Business");
    case Number: return tr("Number");
    case Call: return tr("Call");
    case Status: return tr("Status");
    case Pending: return tr("State");
    case TimeLeft: return tr("Time left");
    }
    return {};
}

} // namespace sb
