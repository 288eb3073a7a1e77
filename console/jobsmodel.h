#pragma once

#include "shared/job.h"
#include "shared/result.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>

namespace sb {

class ApiClient;

/**
 * @brief Jobs, newest first: `/api/jobs` answers and live changes (applyJob()) upserted by id.
 *
 * The JSON is read by sb::Job::fromJson, the backend's own reader of what it writes.
 */
class JobsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Id, Call, Kind, State, Attempts, Outcome, LastError, RequestedBy, Updated, ColumnCount };
    /// The job's state API name in any column.
    static constexpr int StateRole = Qt::UserRole;

    using QAbstractTableModel::QAbstractTableModel;

    Result<void> setJobs(const QJsonArray &jobs);
    /// A job created or changed: replaces the job with its id, or adds it.
    Result<void> applyJob(const QJsonObject &job);
    /// Loads `/api/jobs` for @p callSid (empty: all); failures go to failed().
    void refresh(ApiClient *api, const QString &callSid = {});
    const Job *jobById(qint64 id) const;
    static QString stateLabel(const QString &state);
    static QString outcomeLabel(const QString &outcome);
    void retranslate();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void failed(const QString &message);

private:
    void upsert(const Job &job);

    QList<Job> m_rows;
};

} // namespace sb
