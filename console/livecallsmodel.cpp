#include "livecallsmodel.h"

#include "shared/phonenumber.h"
#include "shared/statusorder.h"

#include <QColor>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace sb {

LiveCallsModel::LiveCallsModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_now([] { return QDateTime::currentDateTimeUtc(); })
{
    m_ticker.setInterval(1000);
    connect(&m_ticker, &QTimer::timeout, this, &LiveCallsModel::tick);
    m_ticker.start();
}

int LiveCallsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_calls.size());
}

int LiveCallsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const Call *LiveCallsModel::call(int row) const
{
    return row >= 0 && row < m_calls.size() ? &m_calls.at(row) : nullptr;
}

QString LiveCallsModel::businessName(qint64 businessId) const
{
    return m_businesses.value(businessId, tr("Business %1").arg(businessId));
}

QList<qint64> LiveCallsModel::businessIds() const
{
    QList<qint64> ids = m_businesses.keys();
    std::sort(ids.begin(), ids.end());
    return ids;
}

void LiveCallsModel::reset(const QList<Call> &calls, const QHash<qint64, QString> &businessNames)
{
    beginResetModel();
    m_calls = calls;
    m_rows.clear();
    m_rows.reserve(m_calls.size());
    for (int row = 0; row < m_calls.size(); ++row)
        m_rows.insert(m_calls.at(row).id, row);
    m_businesses = businessNames;
    endResetModel();
    emit businessesChanged();
}

void LiveCallsModel::apply(const QList<Call> &calls)
{
    QList<std::pair<int, const Call *>> changed;
    QList<Call> added;
    for (const Call &call : calls) {
        const auto row = m_rows.constFind(call.id);
        if (row == m_rows.cend())
            added.append(call);
        else
            changed.append({*row, &call});
    }
    // One dataChanged per run of adjacent rows, each run stored just before its signal: a sorting
    // proxy compares the changed row with the others, which must still hold what it was told.
    std::sort(changed.begin(), changed.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    for (qsizetype i = 0; i < changed.size();) {
        qsizetype j = i;
        while (j + 1 < changed.size() && changed.at(j + 1).first <= changed.at(j).first + 1)
            ++j;
        for (qsizetype k = i; k <= j; ++k)
            m_calls[changed.at(k).first] = *changed.at(k).second;
        emit dataChanged(index(changed.at(i).first, 0), index(changed.at(j).first, ColumnCount - 1));
        i = j + 1;
    }
    if (!added.isEmpty()) {
        const int first = int(m_calls.size());
        beginInsertRows({}, first, first + int(added.size()) - 1);
        for (const Call &call : std::as_const(added)) {
            m_rows.insert(call.id, int(m_calls.size()));
            m_calls.append(call);
        }
        endInsertRows();
    }
}

void LiveCallsModel::setBusinessName(qint64 businessId, const QString &name)
{
    if (m_businesses.value(businessId) == name)
        return;
    m_businesses.insert(businessId, name);
    if (!m_calls.isEmpty())
        emit dataChanged(index(0, Business), index(int(m_calls.size()) - 1, Business));
    emit businessesChanged();
}

void LiveCallsModel::tick()
{
    int first = -1;
    int last = -1;
    for (int row = 0; row < m_calls.size(); ++row) {
        if (isActive(m_calls.at(row).status)) {
            if (first < 0)
                first = row;
            last = row;
        }
    }
    if (first >= 0)
        emit dataChanged(index(first, Duration), index(last, Duration), {Qt::DisplayRole, SortRole});
}

qint64 LiveCallsModel::durationSeconds(const Call &call) const
{
    if (call.durationSec)
        return *call.durationSec;
    if (!call.createdAt.isValid())
        return 0;
    const QDateTime end = isActive(call.status) ? m_now() : call.updatedAt;
    return qMax<qint64>(0, call.createdAt.secsTo(end));
}

QString LiveCallsModel::streamText(const Call &call) const
{
    if (call.streamConnectCount == 0)
        return tr("none");
    const bool open = call.streamStartedAt.isValid()
                      && (!call.streamEndedAt.isValid() || call.streamEndedAt < call.streamStartedAt);
    const QString state = open && isActive(call.status) ? tr("streaming") : tr("ended");
    return call.streamConnectCount > 1 ? tr("%1 (%2 connects)").arg(state).arg(call.streamConnectCount) : state;
}

QString LiveCallsModel::statusText(CallStatus status)
{
    switch (status) {
    case CallStatus::Reserved: return tr("reserved");
    case CallStatus::Queued: return tr("queued");
    case CallStatus::Initiated: return tr("initiated");
    case CallStatus::Ringing: return tr("ringing");
    case CallStatus::InProgress: return tr("in progress");
    case CallStatus::Answered: return tr("answered");
    case CallStatus::Completed: return tr("completed");
    case CallStatus::Busy: return tr("busy");
    case CallStatus::Failed: return tr("failed");
    case CallStatus::NoAnswer: return tr("no answer");
    case CallStatus::Canceled: return tr("canceled");
    }
    return {};
}

QString LiveCallsModel::directionText(sb::Direction direction)
{
    switch (direction) {
    case sb::Direction::Inbound: return tr("inbound");
    case sb::Direction::OutboundApi: return tr("outbound");
    case sb::Direction::OutboundDial: return tr("outbound (dial)");
    }
    return {};
}

QColor LiveCallsModel::bucketColor(CostBucket bucket)
{
    switch (bucket) {
    case CostBucket::Low: return QColor(0x2e, 0x7d, 0x32);
    case CostBucket::Med: return QColor(0xef, 0x8f, 0x00);
    case CostBucket::High: return QColor(0xc6, 0x28, 0x28);
    }
    return {};
}

QVariant LiveCallsModel::display(const Call &call, int column) const
{
    switch (column) {
    case Started: return call.createdAt.toLocalTime().toString(u"HH:mm:ss"_s);
    case Status: return statusText(call.status);
    case Direction: return directionText(call.direction);
    case Business: return businessName(call.businessId);
    case From: return maskPhoneNumber(call.from);
    case To: return maskPhoneNumber(call.to);
    case Duration: {
        const qint64 seconds = durationSeconds(call);
        return u"%1:%2"_s.arg(seconds / 60).arg(seconds % 60, 2, 10, QChar(u'0'));
    }
    case Stream: return streamText(call);
    case Recording:
        switch (call.recordingMode) {
        case RecordingMode::Off: return tr("off");
        case RecordingMode::RecordingApi: return tr("recording API");
        case RecordingMode::TwilioCallRecord: return tr("call record");
        }
        return {};
    case Transcript:
        if (!call.transcriptSource)
            return isActive(call.status) ? tr("live") : tr("pending");
        switch (*call.transcriptSource) {
        case TranscriptSource::Recording: return tr("recording");
        case TranscriptSource::Realtime: return tr("realtime");
        case TranscriptSource::Failed: return tr("failed");
        }
        return {};
    case Cost: return toString(call.estimatedCostBucket);
    }
    return {};
}

QVariant LiveCallsModel::sortValue(const Call &call, int column) const
{
    switch (column) {
    case Started: return call.createdAt.isValid() ? call.createdAt.toMSecsSinceEpoch() : call.id;
    case Status: return int(call.status);
    case Direction: return int(call.direction);
    case Duration: return durationSeconds(call);
    case Cost: return int(call.estimatedCostBucket);
    case Stream: return call.streamConnectCount;
    default: return display(call, column);
    }
}

QVariant LiveCallsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Call &call = m_calls.at(index.row());
    switch (role) {
    case Qt::DisplayRole: return display(call, index.column());
    case Qt::ToolTipRole:
        if (index.column() == Cost && !call.costIndicators.isEmpty())
            return tr("Cost indicators: %1").arg(call.costIndicators.join(u", "_s));
        if (index.column() == Status)
            return call.callSid;
        return {};
    case Qt::ForegroundRole:
        if (index.column() == Cost)
            return bucketColor(call.estimatedCostBucket);
        return {};
    case SortRole: return sortValue(call, index.column());
    case CallIdRole: return call.id;
    case StatusRole: return int(call.status);
    case BusinessIdRole: return call.businessId;
    case CostBucketRole: return int(call.estimatedCostBucket);
    case ActiveRole: return isActive(call.status);
    case SearchTextRole:
        return QString(call.callSid + u' ' + call.to + u' ' + call.from + u' ' + call.leadId + u' '
                       + businessName(call.businessId))
            .toLower();
    }
    return {};
}

QVariant LiveCallsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Started: return tr("Started");
    case Status: return tr("Status");
    case Direction: return tr("Direction");
    case Business: return tr("Business");
    case From: return tr("From");
    case To: return tr("To");
    case Duration: return tr("Duration");
    case Stream: return tr("Stream");
    case Recording: return tr("Recording");
    case Transcript: return tr("Transcript");
    case Cost: return tr("Cost");
    }
    return {};
}

} // namespace sb
