#include "reprocessmodel.h"

#include "apiclient.h"
#include "jobsmodel.h"

#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace sb {

ReprocessModel::ReprocessModel(JobsModel *jobs, QObject *parent)
    : QAbstractTableModel(parent)
    , m_jobs(jobs)
{
    connect(jobs, &QAbstractItemModel::dataChanged, this, &ReprocessModel::jobsChanged);
    connect(jobs, &QAbstractItemModel::rowsInserted, this, &ReprocessModel::jobsChanged);
    connect(jobs, &QAbstractItemModel::modelReset, this, &ReprocessModel::jobsChanged);
}

void ReprocessModel::reprocess(ApiClient *api, const QStringList &callSids, bool force)
{
    QStringList sids;
    for (const QString &sid : callSids) {
        const QString trimmed = sid.trimmed();
        if (!trimmed.isEmpty() && !sids.contains(trimmed))
            sids.append(trimmed);
    }
    if (sids.isEmpty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(sids.size()) - 1);
    for (const QString &sid : sids)
        m_rows.append(Row{sid, force, RequestState::Sending, {}, 0});
    endInsertRows();

    for (int i = 0; i < sids.size(); ++i) {
        const int row = first + i;
        const QString path = u"/api/calls/"_s + QString::fromLatin1(QUrl::toPercentEncoding(sids.at(i))) + u"/reprocess"_s;
        api->post(path, QJsonObject{{u"force"_s, force}}, this, [this, row](const Result<ApiReply> &reply) {
            Row &request = m_rows[row];
            if (!reply) {
                request.state = RequestState::Refused;
                request.message = reply.error().message;
            } else {
                const QJsonObject job = reply->json.value(u"job"_s).toObject();
                request.jobId = job.value(u"id"_s).toInteger();
                request.state = reply->json.value(u"created"_s).toBool() ? RequestState::Created : RequestState::AlreadyQueued;
                if (auto applied = m_jobs ? m_jobs->applyJob(job) : Result<void>(); !applied) {
                    request.state = RequestState::Refused;
                    request.message = tr("The backend's job could not be read: %1").arg(applied.error().message);
                }
            }
            emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
            if (pendingRequests() == 0)
                emit requestsAnswered();
        });
    }
}

int ReprocessModel::pendingRequests() const
{
    return int(std::count_if(m_rows.begin(), m_rows.end(), [](const Row &r) { return r.state == RequestState::Sending; }));
}

void ReprocessModel::jobsChanged()
{
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, JobState), index(rowCount() - 1, Outcome));
}

void ReprocessModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {Qt::DisplayRole});
}

int ReprocessModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ReprocessModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ReprocessModel::requestText(const Row &row) const
{
    switch (row.state) {
    case RequestState::Sending: return tr("Sending…");
    case RequestState::Created: return row.force ? tr("Queued, forced") : tr("Queued");
    case RequestState::AlreadyQueued: return tr("Already queued");
    case RequestState::Refused: return tr("Refused: %1").arg(row.message);
    }
    return {};
}

QVariant ReprocessModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    if (role == RequestStateRole)
        return QVariant::fromValue(int(row.state));
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    const Job *job = m_jobs && row.jobId > 0 ? m_jobs->jobById(row.jobId) : nullptr;
    switch (index.column()) {
    case Call: return row.callSid;
    case Request: return requestText(row);
    case JobState: return job ? JobsModel::stateLabel(job->state) : QString();
    case Attempts: return job ? tr("%1 of %2").arg(job->attempts).arg(job->maxAttempts) : QString();
    case Outcome:
        if (!job)
            return {};
        if (!job->outcome.isEmpty())
            return JobsModel::outcomeLabel(job->outcome);
        return job->lastError;
    }
    return {};
}

QVariant ReprocessModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Call: return tr("Call");
    case Request: return tr("Request");
    case JobState: return tr("Job");
    case Attempts: return tr("Attempts");
    case Outcome: return tr("Result");
    }
    return {};
}

} // namespace sb
