#include "reprocessview.h"

#include "apiclient.h"
#include "jobsmodel.h"
#include "reprocessmodel.h"

#include <QCheckBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableView>

using namespace Qt::StringLiterals;

namespace sb {

ReprocessView::ReprocessView(QWidget *parent)
    : QWidget(parent)
    , m_jobs(new JobsModel(this))
    , m_requests(new ReprocessModel(m_jobs, this))
    , m_callsLabel(new QLabel(this))
    , m_calls(new QPlainTextEdit(this))
    , m_force(new QCheckBox(this))
    , m_reprocess(new QPushButton(this))
    , m_refreshJobs(new QPushButton(this))
    , m_reason(new QLabel(this))
    , m_table(new QTableView(this))
{
    setObjectName(u"reprocessView"_s);
    m_calls->setObjectName(u"calls"_s);
    m_calls->setTabChangesFocus(true);
    m_calls->setMaximumHeight(90);
    m_force->setObjectName(u"force"_s);
    m_reprocess->setObjectName(u"reprocess"_s);
    m_refreshJobs->setObjectName(u"refreshJobs"_s);
    m_reason->setObjectName(u"reason"_s);
    m_reason->setWordWrap(true);
    m_table->setObjectName(u"requests"_s);
    m_table->setModel(m_requests);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_callsLabel->setBuddy(m_calls);

    auto *actions = new QHBoxLayout;
    actions->addWidget(m_force);
    actions->addStretch(1);
    actions->addWidget(m_refreshJobs);
    actions->addWidget(m_reprocess);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_callsLabel);
    layout->addWidget(m_calls);
    layout->addLayout(actions);
    layout->addWidget(m_reason);
    layout->addWidget(m_table, 1);

    connect(m_calls, &QPlainTextEdit::textChanged, this, &ReprocessView::updateAction);
    connect(m_reprocess, &QPushButton::clicked, this, &ReprocessView::reprocess);
    connect(m_refreshJobs, &QPushButton::clicked, this, [this] {
        if (!m_api)
            return;
        for (const QString &sid : selectedCalls())
            m_jobs->refresh(m_api, sid);
    });
    connect(m_jobs, &JobsModel::failed, m_reason, &QLabel::setText);
    connect(m_requests, &ReprocessModel::requestsAnswered, this, &ReprocessView::updateAction);

    retranslateUi();
}

void ReprocessView::setApiClient(ApiClient *api)
{
    m_api = api;
    updateAction();
}

void ReprocessView::setRole(const QString &role)
{
    m_role = role;
    updateAction();
}

void ReprocessView::setSelectedCalls(const QStringList &callSids)
{
    m_calls->setPlainText(callSids.join(u'\n'));
}

QStringList ReprocessView::selectedCalls() const
{
    static const QRegularExpression separators(u"[\\s,;]+"_s);
    QStringList sids;
    for (const QString &sid : m_calls->toPlainText().split(separators, Qt::SkipEmptyParts)) {
        if (!sids.contains(sid))
            sids.append(sid);
    }
    return sids;
}

bool ReprocessView::canReprocess() const
{
    return disabledReason().isEmpty();
}

QString ReprocessView::disabledReason() const
{
    if (m_role.isEmpty())
        return tr("Reprocessing is for admins; the console does not know your role yet.");
    if (m_role != u"admin")
        return tr("Reprocessing is for admins; your token has the role \"%1\".").arg(m_role);
    if (!m_api)
        return tr("Not connected to a backend.");
    if (selectedCalls().isEmpty())
        return tr("Select one or more calls in the live calls table, or type their SIDs.");
    if (m_requests->pendingRequests() > 0)
        return tr("Waiting for the backend to answer the requests sent.");
    return {};
}

void ReprocessView::reprocess()
{
    if (!canReprocess())
        return updateAction();
    m_requests->reprocess(m_api, selectedCalls(), m_force->isChecked());
    updateAction();
}

void ReprocessView::applyJob(const QJsonObject &job)
{
    if (auto applied = m_jobs->applyJob(job); !applied)
        m_reason->setText(applied.error().message);
}

void ReprocessView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void ReprocessView::retranslateUi()
{
    m_callsLabel->setText(tr("&Calls to reprocess (one SID per line):"));
    m_calls->setPlaceholderText(tr("CA…"));
    m_force->setText(tr("&Force: transcribe again even if the call has a good transcript"));
    m_reprocess->setText(tr("&Reprocess"));
    m_refreshJobs->setText(tr("Refresh &jobs"));
    m_requests->retranslate();
    m_jobs->retranslate();
    updateAction();
}

void ReprocessView::updateAction()
{
    const QString reason = disabledReason();
    m_reprocess->setEnabled(reason.isEmpty());
    m_reprocess->setToolTip(reason);
    m_refreshJobs->setEnabled(m_api && !selectedCalls().isEmpty());
    m_reason->setText(reason);
}

} // namespace sb
