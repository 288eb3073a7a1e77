#include "screenshotsession.h"

#include "alertsview.h"
#include "calldetail.h"
#include "costmodels.h"
#include "costsview.h"
#include "dedupview.h"
#include "livecallsview.h"
#include "livecallsmodel.h"
#include "liveclient.h"
#include "mainwindow.h"
#include "reprocessview.h"
#include "screenshotwriter.h"

#include <QAbstractItemModel>
#include <QItemSelectionModel>
#include <QTabWidget>
#include <QTableView>

using namespace Qt::StringLiterals;

namespace sb {

ScreenshotSession::ScreenshotSession(MainWindow &window, QString directory, int timeoutMs, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_directory(std::move(directory))
{
    m_poll.setInterval(100);
    m_timeout.setSingleShot(true);
    m_timeout.setInterval(timeoutMs);
    connect(&m_poll, &QTimer::timeout, this, &ScreenshotSession::check);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        finish(false, {}, u"gave up waiting for: %1"_s.arg(notReady().join(u", "_s)));
    });
}

void ScreenshotSession::start()
{
    LiveClient &client = m_window.client();
    // The window reloads the REST views on every snapshot; their first answers after ours count.
    connect(&client, &LiveClient::snapshotReceived, this, [this] { m_snapshot = true; });
    connect(m_window.costs()->model(), &CostSummaryModel::summaryChanged, this, [this] {
        m_costsAnswered = m_snapshot;
    });
    connect(m_window.costs()->model(), &CostSummaryModel::failed, this, [this] { m_costsAnswered = m_snapshot; });
    connect(m_window.dedup(), &DedupView::refreshFinished, this, [this] { m_dedupAnswered = m_snapshot; });
    connect(&client, &LiveClient::stateChanged, this, [this](LiveClient::State state, const QString &text) {
        if (state == LiveClient::State::Refused)
            finish(false, {}, text);
    });
    m_poll.start();
    m_timeout.start();
}

QStringList ScreenshotSession::notReady() const
{
    QStringList missing;
    if (!m_snapshot)
        missing.append(u"the backend's snapshot (%1)"_s.arg(m_window.client().stateText()));
    if (!m_costsAnswered)
        missing.append(u"the cost summary"_s);
    if (!m_dedupAnswered)
        missing.append(u"the dedup decisions and cache"_s);
    if (m_window.liveCalls()->table()->model()->rowCount() == 0)
        missing.append(u"a call in the live table"_s);
    else if (!m_window.liveCalls()->detail()->isLoaded())
        missing.append(u"the selected call's detail"_s);
    return missing;
}

int ScreenshotSession::rowToShow() const
{
    // An ended call has the most to show (its whole timeline, a final transcript); else the newest.
    const QAbstractItemModel *calls = m_window.liveCalls()->table()->model();
    for (int row = 0; row < calls->rowCount(); ++row) {
        if (!calls->index(row, 0).data(LiveCallsModel::ActiveRole).toBool())
            return row;
    }
    return 0;
}

void ScreenshotSession::check()
{
    if (!m_snapshot)
        return;
    QTableView *table = m_window.liveCalls()->table();
    if (table->model()->rowCount() > 0 && !table->selectionModel()->hasSelection()) {
        // Not QTableView::selectRow(): right to left it picks its column at the viewport's edge,
        // which can be no column at all, and then no row becomes current (the detail follows it).
        table->selectionModel()->setCurrentIndex(table->model()->index(rowToShow(), 0),
                                                 QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    }
    if (!notReady().isEmpty())
        return;

    // Every view at the live view's size, so the pictures line up.
    QWidget *live = m_window.liveCalls();
    const QSize size = live->size();
    ScreenshotWriter writer(m_directory);
    writer.add(u"live-calls"_s, live);
    writer.add(u"call-detail"_s, live->findChild<QWidget *>(u"callDetail"_s));
    writer.add(u"costs"_s, m_window.costs(), size);
    writer.add(u"dedup"_s, m_window.dedup(), size);
    writer.add(u"reprocessing"_s, m_window.reprocess(), size);
    writer.add(u"alerts"_s, m_window.alerts(), size);
    auto written = writer.writeAll();
    if (!written)
        return finish(false, {}, written.error().message);
    finish(true, *written, {});
}

void ScreenshotSession::finish(bool ok, const QStringList &files, const QString &error)
{
    if (m_done)
        return;
    m_done = true;
    m_poll.stop();
    m_timeout.stop();
    emit finished(ok, files, error);
}

} // namespace sb
