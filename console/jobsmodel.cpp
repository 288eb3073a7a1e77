#include "jobsmodel.h"

#include "apiclient.h"

#include <QLocale>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace sb {

namespace {

/// A job from the backend; what it cannot read is the backend's fault (Upstream), not the user's.
Result<Job> jobFromJson(const QJsonObject &json)
{
    if (!json.value(u"id"_s).isDouble())
        return Error{ErrorCode::Upstream, u"job: id must be a number"_s};
    auto job = Job::fromJson(json);
    if (!job)
        return Error{ErrorCode::Upstream, job.error().message};
    return job;
}

} // namespace

Result<void> JobsModel::setJobs(const QJsonArray &jobs)
{
    QList<Job> rows;
    for (const QJsonValue &value : jobs) {
        auto job = jobFromJson(value.toObject());
        if (!job)
            return job.error();
        rows.append(*job);
    }
    std::stable_sort(rows.begin(), rows.end(), [](const auto &a, const auto &b) { return a.id > b.id; });
    beginResetModel();
    m_rows = rows;
    endResetModel();
    return {};
}

Result<void> JobsModel::applyJob(const QJsonObject &json)
{
    auto job = jobFromJson(json);
    if (!job)
        return job.error();
    upsert(*job);
    return {};
}

void JobsModel::upsert(const Job &job)
{
    const auto at = std::find_if(m_rows.begin(), m_rows.end(), [&](const Job &r) { return r.id <= job.id; });
    const int position = int(at - m_rows.begin());
    if (at != m_rows.end() && at->id == job.id) {
        *at = job;
        emit dataChanged(index(position, 0), index(position, ColumnCount - 1));
        return;
    }
    beginInsertRows({}, position, position);
    m_rows.insert(position, job);
    endInsertRows();
}

void JobsModel::refresh(ApiClient *api, const QString &callSid)
{
    QUrlQuery query;
    if (!callSid.isEmpty())
        query.addQueryItem(u"call_sid"_s, callSid);
    api->get(u"/api/jobs"_s, query, this, [this](const Result<ApiReply> &reply) {
        if (!reply)
            return emit failed(reply.error().message);
        // Merge rather than replace: jobs of other calls stay, live changes are not lost.
        for (const QJsonValue &value : reply->json.value(u"jobs"_s).toArray()) {
            if (auto applied = applyJob(value.toObject()); !applied)
                return emit failed(applied.error().message);
        }
    });
}

const Job *JobsModel::jobById(qint64 id) const
{
    for (const Job &job : m_rows) {
        if (job.id == id)
            return &job;
    }
    return nullptr;
}

QString JobsModel::stateLabel(const QString &state)
{
    if (state == u"pending")
        return tr("Waiting");
    if (state == u"running")
        return tr("Running");
    if (state == u"done")
        return tr("Done");
    if (state == u"dead")
        return tr("Gave up");
    return state;
}

QString JobsModel::outcomeLabel(const QString &outcome)
{
    if (outcome == u"recording")
        return tr("Transcribed from the recording");
    if (outcome == u"realtime")
        return tr("Kept the live transcript");
    if (outcome == u"skipped")
        return tr("Skipped");
    if (outcome == u"failed")
        return tr("Failed");
    return outcome;
}

void JobsModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {Qt::DisplayRole});
}

int JobsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int JobsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant JobsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Job &job = m_rows.at(index.row());
    if (role == StateRole)
        return job.state;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Id: return job.id;
    case Call: return job.callSid;
    case Kind: return job.forced ? tr("%1 (forced)").arg(job.kind) : job.kind;
    case State: return stateLabel(job.state);
    case Attempts: return tr("%1 of %2").arg(job.attempts).arg(job.maxAttempts);
    case Outcome: return outcomeLabel(job.outcome);
    case LastError: return job.lastError;
    case RequestedBy: return job.requestedBy;
    case Updated: return job.updatedAt.isValid() ? QLocale().toString(job.updatedAt.toLocalTime(), u"HH:mm:ss"_s) : QString();
    }
    return {};
}

QVariant JobsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Id: return tr("Job");
    case Call: return tr("Call");
    case Kind: return tr("Kind");
    case State: return tr("State");
    case Attempts: return tr("Attempts");
    case Outcome: return tr("Result");
    case LastError: return tr("Last error");
    case RequestedBy: return tr("Requested by");
    case Updated: return tr("Updated");
    }
    return {};
}

} // namespace sb
