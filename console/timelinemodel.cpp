#include "timelinemodel.h"

#include "shared/phonenumber.h"

#include <QColor>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace sb {

TimelineModel::TimelineModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int TimelineModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int TimelineModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

void TimelineModel::clear()
{
    beginResetModel();
    m_events.clear();
    endResetModel();
}

void TimelineModel::merge(const QList<CallEvent> &events)
{
    if (m_events.isEmpty() && !events.isEmpty()) {
        // A whole history at once: one reset instead of thousands of insertions.
        beginResetModel();
        m_events = events;
        std::sort(m_events.begin(), m_events.end(), [](const CallEvent &a, const CallEvent &b) { return a.id < b.id; });
        m_events.erase(std::unique(m_events.begin(), m_events.end(),
                                   [](const CallEvent &a, const CallEvent &b) { return a.id == b.id; }),
                       m_events.end());
        endResetModel();
        return;
    }
    for (const CallEvent &event : events) {
        const auto at = std::lower_bound(m_events.cbegin(), m_events.cend(), event.id,
                                         [](const CallEvent &known, qint64 id) { return known.id < id; });
        if (at != m_events.cend() && at->id == event.id)
            continue;
        const int row = int(at - m_events.cbegin());
        beginInsertRows({}, row, row);
        m_events.insert(row, event);
        endInsertRows();
    }
}

QString TimelineModel::kindText(const QString &kind)
{
    static const QHash<QString, const char *> known{
        {u"created"_s, QT_TR_NOOP("call created")},
        {u"reserved"_s, QT_TR_NOOP("outbound call reserved")},
        {u"call_sid_attached"_s, QT_TR_NOOP("Twilio accepted the call")},
        {u"creation_unknown"_s, QT_TR_NOOP("Twilio's answer unknown (reconciling)")},
        {u"status_changed"_s, QT_TR_NOOP("status changed")},
        {u"webhook_retry"_s, QT_TR_NOOP("webhook retried")},
        {u"stream_started"_s, QT_TR_NOOP("media stream connected")},
        {u"stream_stopped"_s, QT_TR_NOOP("media stream dropped")},
        {u"stream_callback"_s, QT_TR_NOOP("stream status callback")},
        {u"recording_claimed"_s, QT_TR_NOOP("recording requested")},
        {u"recording_started"_s, QT_TR_NOOP("recording started")},
        {u"recording_start_failed"_s, QT_TR_NOOP("recording could not start")},
        {u"recording_status"_s, QT_TR_NOOP("recording status")},
        {u"transcript_line"_s, QT_TR_NOOP("transcript line")},
        {u"final_transcript"_s, QT_TR_NOOP("final transcript")},
        {u"job_enqueued"_s, QT_TR_NOOP("transcription job queued")},
        {u"job_changed"_s, QT_TR_NOOP("transcription job changed")},
        {u"dedup_decision"_s, QT_TR_NOOP("dedup decision")},
        {u"cost_bucket_changed"_s, QT_TR_NOOP("cost bucket changed")},
        {u"cost_warning"_s, QT_TR_NOOP("cost warning")},
    };
    const auto it = known.constFind(kind);
    if (it == known.cend())
        return QString(kind).replace(u'_', u' ');
    return tr(it.value());
}

QString TimelineModel::detailText(const CallEvent &event)
{
    QStringList parts;
    for (auto it = event.detail.constBegin(); it != event.detail.constEnd(); ++it) {
        QString value;
        if (it->isString())
            value = it.key() == u"to" || it.key() == u"from" || it.key() == u"number" ? maskPhoneNumber(it->toString())
                                                                                      : it->toString();
        else if (it->isDouble())
            value = QLocale().toString(it->toDouble());
        else if (it->isBool())
            value = it->toBool() ? tr("yes") : tr("no");
        else if (it->isNull())
            value = u"–"_s;
        else if (it->isArray())
            value = QString::fromUtf8(QJsonDocument(it->toArray()).toJson(QJsonDocument::Compact));
        else
            value = QString::fromUtf8(QJsonDocument(it->toObject()).toJson(QJsonDocument::Compact));
        parts << it.key() + u": "_s + value;
    }
    return parts.join(u"  ·  "_s);
}

QVariant TimelineModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CallEvent &event = m_events.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Time: return event.at.toLocalTime().toString(u"HH:mm:ss.zzz"_s);
        case What: return kindText(event.kind);
        case Source: return event.source;
        case Detail: return detailText(event);
        }
    }
    if (role == Qt::ToolTipRole && index.column() == Time)
        return QLocale().toString(event.at.toLocalTime(), QLocale::LongFormat);
    if (role == Qt::ForegroundRole && index.column() == What
        && (event.kind == u"cost_warning" || event.kind == u"cost_bucket_changed"))
        return QColor(0xc6, 0x28, 0x28);
    return {};
}

QVariant TimelineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Time: return tr("Time");
    case What: return tr("What");
    case Source: return tr("Source");
    case Detail: return tr("Detail");
    }
    return {};
}

} // namespace sb
