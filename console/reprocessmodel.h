#pragma once

#include <QAbstractTableModel>
#include <QPointer>
#include <QStringList>

namespace sb {

class ApiClient;
class JobsModel;

/**
 * @brief Reprocessing requests the user made and the progress of the job each one started.
 *
 * reprocess() posts `POST /api/calls/{sid}/reprocess` once per call; the job the backend
 * answers with goes into the JobsModel, and its later changes (live or refreshed) show here.
 */
class ReprocessModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Call, Request, JobState, Attempts, Outcome, ColumnCount };
    enum class RequestState { Sending, Created, AlreadyQueued, Refused };
    /// RequestState in any column.
    static constexpr int RequestStateRole = Qt::UserRole;

    struct Row
    {
        QString callSid;
        bool force = false;
        RequestState state = RequestState::Sending;
        QString message; ///< why it was refused
        qint64 jobId = 0;
    };

    explicit ReprocessModel(JobsModel *jobs, QObject *parent = nullptr);

    /// One request per SID in @p callSids (blank ones and repeats are skipped).
    void reprocess(ApiClient *api, const QStringList &callSids, bool force);
    const QList<Row> &requests() const { return m_rows; }
    int pendingRequests() const;
    void retranslate();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    /// Every request sent by reprocess() has its answer.
    void requestsAnswered();

private:
    void jobsChanged();
    QString requestText(const Row &row) const;

    QPointer<JobsModel> m_jobs;
    QList<Row> m_rows;
};

} // namespace sb
