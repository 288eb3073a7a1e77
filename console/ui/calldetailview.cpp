#include "calldetailview.h"

#include "calldetail.h"
#include "livecallsmodel.h"

#include "shared/phonenumber.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace sb {

CallDetailView::CallDetailView(CallDetail &detail, QWidget *parent)
    : QWidget(parent)
    , m_detail(detail)
    , m_title(new QLabel(this))
    , m_metrics(new QLabel(this))
    , m_timeline(new QTableView(this))
    , m_realtime(new QPlainTextEdit(this))
    , m_finalSource(new QLabel(this))
    , m_final(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("callDetail"));
    m_title->setObjectName(QStringLiteral("callTitle"));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_metrics->setObjectName(QStringLiteral("callMetrics"));
    m_metrics->setWordWrap(true);
    m_metrics->setTextFormat(Qt::RichText);

    m_timeline->setObjectName(QStringLiteral("timeline"));
    m_timeline->setModel(m_detail.timeline());
    m_timeline->verticalHeader()->hide();
    // Time, what and source are short and read whole; the detail takes the rest.
    m_timeline->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_timeline->horizontalHeader()->setStretchLastSection(true);
    m_timeline->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_timeline->setWordWrap(false);
    m_realtime->setObjectName(QStringLiteral("realtimeTranscript"));
    m_realtime->setReadOnly(true);
    m_final->setObjectName(QStringLiteral("finalTranscript"));
    m_final->setReadOnly(true);
    m_finalSource->setObjectName(QStringLiteral("finalSource"));

    auto *finalPage = new QWidget(this);
    auto *finalLayout = new QVBoxLayout(finalPage);
    finalLayout->setContentsMargins(0, 0, 0, 0);
    finalLayout->addWidget(m_finalSource);
    finalLayout->addWidget(m_final);

    auto *tabs = new QTabWidget(this);
    tabs->setObjectName(QStringLiteral("detailTabs"));
    tabs->addTab(m_timeline, tr("Timeline"));
    tabs->addTab(m_realtime, tr("Realtime transcript"));
    tabs->addTab(finalPage, tr("Final transcript"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_metrics);
    layout->addWidget(tabs, 1);

    connect(&m_detail, &CallDetail::changed, this, &CallDetailView::refresh);
    connect(&m_detail, &CallDetail::transcriptLineAdded, this, [this](const QString &line) {
        m_realtime->moveCursor(QTextCursor::End);
        m_realtime->insertPlainText(line);
        m_realtime->verticalScrollBar()->setValue(m_realtime->verticalScrollBar()->maximum());
    });
    connect(m_detail.timeline(), &QAbstractItemModel::rowsInserted, m_timeline, &QTableView::scrollToBottom);
    refresh();
}

void CallDetailView::refresh()
{
    if (m_detail.callId() == 0) {
        m_title->setText(tr("Select a call to see its timeline and transcripts."));
        m_metrics->clear();
        m_realtime->clear();
        m_final->clear();
        m_finalSource->clear();
        return;
    }
    const Call &call = m_detail.call();
    if (!m_detail.isLoaded()) {
        m_title->setText(tr("Loading the call…"));
        return;
    }
    m_title->setText(tr("%1 · %2 → %3 · %4")
                         .arg(call.callSid.isEmpty() ? tr("(no CallSid yet)") : call.callSid, maskPhoneNumber(call.from),
                              maskPhoneNumber(call.to), LiveCallsModel::statusText(call.status)));
    const QLocale locale;
    const QString bucket = QStringLiteral("<b style=\"color:%1\">%2</b>")
                               .arg(LiveCallsModel::bucketColor(call.estimatedCostBucket).name(),
                                    toString(call.estimatedCostBucket));
    QStringList rows;
    rows << tr("Duration: %1 s").arg(call.durationSec ? locale.toString(*call.durationSec) : tr("(running)"))
         << tr("Stream connects: %1, streamed %2 s").arg(call.streamConnectCount).arg(locale.toString(call.streamDurationSec, 'f', 1))
         << tr("Recordings: %1").arg(call.recordingCount)
         << tr("Webhook retries: %1, 11205 errors: %2").arg(call.webhookRetryCount).arg(call.webhook11205Count)
         << tr("Cost bucket: %1 %2").arg(bucket, call.costIndicators.isEmpty()
                                                      ? QString()
                                                      : tr("(%1)").arg(call.costIndicators.join(QStringLiteral(", "))));
    m_metrics->setText(rows.join(QStringLiteral(" &nbsp;·&nbsp; ")));
    if (m_realtime->toPlainText() != m_detail.realtimeTranscript())
        m_realtime->setPlainText(m_detail.realtimeTranscript());
    if (!call.transcriptSource) {
        m_finalSource->setText(tr("No final transcript yet."));
        m_final->clear();
    } else {
        switch (*call.transcriptSource) {
        case TranscriptSource::Recording: m_finalSource->setText(tr("Source: the recording's transcription")); break;
        case TranscriptSource::Realtime: m_finalSource->setText(tr("Source: the realtime transcript (the recording's failed or was too short)")); break;
        case TranscriptSource::Failed: m_finalSource->setText(tr("Source: failed (neither transcript was usable)")); break;
        }
        m_final->setPlainText(call.finalTranscript);
    }
}

} // namespace sb
