#pragma once

#include <QStringList>
#include <QWidget>

class QCheckBox;
class QJsonObject;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace sb {

class ApiClient;
class JobsModel;
class ReprocessModel;

/**
 * @brief Manual reprocessing: the chosen calls, with or without force, and each job's progress.
 *
 * Only an admin may reprocess; for any other role (or none known yet) the action is disabled
 * and the view says why. The backend refuses it too (403), and such a refusal is shown per call.
 */
class ReprocessView : public QWidget
{
    Q_OBJECT
public:
    explicit ReprocessView(QWidget *parent = nullptr);

    void setApiClient(ApiClient *api);
    /// The role the backend gave this console's token (`admin`, `viewer`, …).
    void setRole(const QString &role);
    /// The calls to reprocess, e.g. the live calls table's selection; editable by hand too.
    void setSelectedCalls(const QStringList &callSids);
    QStringList selectedCalls() const;

    bool canReprocess() const;
    /// Why the action is disabled; empty when it is enabled.
    QString disabledReason() const;

    JobsModel *jobs() const { return m_jobs; }
    ReprocessModel *requests() const { return m_requests; }

public slots:
    /// Sends one reprocess request per selected call.
    void reprocess();
    /// A job created or changed, as the live client reports it.
    void applyJob(const QJsonObject &job);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateAction();

    ApiClient *m_api = nullptr;
    QString m_role;
    JobsModel *m_jobs;
    ReprocessModel *m_requests;
    QLabel *m_callsLabel;
    QPlainTextEdit *m_calls;
    QCheckBox *m_force;
    QPushButton *m_reprocess;
    QPushButton *m_refreshJobs;
    QLabel *m_reason;
    QTableView *m_table;
};

} // namespace sb
