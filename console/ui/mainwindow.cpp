#include "mainwindow.h"

#include "alertsview.h"
#include "apiclient.h"
#include "costsview.h"
#include "dedupview.h"
#include "languagemenu.h"
#include "livecallsfilter.h"
#include "livecallsmodel.h"
#include "livecallsview.h"
#include "liveclient.h"
#include "reprocessview.h"

#include <QApplication>
#include <QEvent>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace sb {

MainWindow::MainWindow(LiveClient &client, QWidget *parent)
    : QMainWindow(parent)
    , m_client(client)
    , m_views(new QTabWidget(this))
    , m_liveCalls(new LiveCallsView(client, this))
    , m_banner(new QLabel(this))
    , m_connectionState(new QLabel(this))
    , m_api(new ApiClient(this))
    , m_costs(new CostsView(this))
    , m_dedup(new DedupView(this))
    , m_reprocess(new ReprocessView(this))
    , m_alerts(new AlertsView(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    resize(1200, 760);

    m_views->setObjectName(QStringLiteral("views"));
    m_views->setDocumentMode(true);
    // Titles are set by retranslateUi().
    addView(QString(), m_liveCalls);
    addView(QString(), m_costs);
    addView(QString(), m_dedup);
    addView(QString(), m_reprocess);
    addView(QString(), m_alerts);
    m_costs->setApiClient(m_api);
    m_dedup->setApiClient(m_api);
    m_reprocess->setApiClient(m_api);

    connect(&m_client, &LiveClient::snapshotReceived, this, [this](const live::Snapshot &snapshot) {
        m_alerts->setAlerts(snapshot.alerts);
        onSnapshot(snapshot.role);
    });
    connect(&m_client, &LiveClient::dedupDecided, m_dedup, &DedupView::applyDecision);
    connect(&m_client, &LiveClient::jobChanged, m_reprocess, &ReprocessView::applyJob);
    connect(&m_client, &LiveClient::alertsChanged, m_alerts, &AlertsView::setAlerts);
    connect(m_liveCalls->table()->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::selectionToReprocess);

    // Shown while the console is not live: why, and what it does about it.
    m_banner->setObjectName(QStringLiteral("connectionBanner"));
    m_banner->setWordWrap(true);
    m_banner->setMargin(8);
    m_banner->hide();

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_banner);
    layout->addWidget(m_views, 1);
    setCentralWidget(central);

    m_fileMenu = menuBar()->addMenu(QString());
    m_connectAction = m_fileMenu->addAction(QString(), this, &MainWindow::connectRequested);
    m_quitAction = m_fileMenu->addAction(QString(), qApp, &QApplication::quit);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_helpMenu = menuBar()->addMenu(QString());
    m_aboutAction = m_helpMenu->addAction(QString(), this, [this] {
        QMessageBox::about(this, tr("About Switchboard"),
                           tr("Switchboard Console %1\nLive monitoring of AI phone agents on Twilio.")
                               .arg(QApplication::applicationVersion()));
    });

    m_connectionState->setObjectName(QStringLiteral("connectionState"));
    statusBar()->addPermanentWidget(m_connectionState);
    connect(&m_client, &LiveClient::stateChanged, this, &MainWindow::showClientState);
    retranslateUi();
}

void MainWindow::addSettingsMenu(Translations *translations)
{
    if (m_settingsMenu)
        return;
    m_settingsMenu = new QMenu(this);
    m_settingsMenu->addMenu(new LanguageMenu(translations, m_settingsMenu));
    menuBar()->insertMenu(m_helpMenu->menuAction(), m_settingsMenu);
    retranslateUi();
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QMainWindow::changeEvent(event);
}

void MainWindow::retranslateUi()
{
    setWindowTitle(tr("Switchboard Console"));
    m_views->setTabText(m_views->indexOf(m_liveCalls), tr("Live calls"));
    m_views->setTabText(m_views->indexOf(m_costs), tr("Costs"));
    m_views->setTabText(m_views->indexOf(m_dedup), tr("Dedup"));
    m_views->setTabText(m_views->indexOf(m_reprocess), tr("Reprocessing"));
    m_views->setTabText(m_views->indexOf(m_alerts), tr("Alerts"));
    m_fileMenu->setTitle(tr("&File"));
    m_connectAction->setText(tr("&Connect…"));
    m_quitAction->setText(tr("&Quit"));
    if (m_settingsMenu)
        m_settingsMenu->setTitle(tr("&Settings"));
    m_helpMenu->setTitle(tr("&Help"));
    m_aboutAction->setText(tr("&About Switchboard"));
    showClientState();
}

void MainWindow::onSnapshot(const QString &role)
{
    // The REST views follow the live connection: same backend, same token.
    m_api->setBaseUrl(m_client.target().backendUrl);
    m_api->setToken(m_client.target().token);
    m_reprocess->setRole(role);
    m_costs->refresh();
    m_dedup->refresh();
}

void MainWindow::selectionToReprocess()
{
    QStringList sids;
    const QModelIndexList rows = m_liveCalls->table()->selectionModel()->selectedRows();
    for (const QModelIndex &row : rows) {
        const QModelIndex source = m_liveCalls->filter()->mapToSource(row);
        if (const Call *call = m_liveCalls->model()->call(source.row()))
            sids.append(call->callSid);
    }
    m_reprocess->setSelectedCalls(sids);
}

void MainWindow::addView(const QString &title, QWidget *view)
{
    m_views->addTab(view, title);
}

void MainWindow::setConnectionState(const QString &text)
{
    m_connectionState->setText(text);
}

QString MainWindow::connectionState() const
{
    return m_connectionState->text();
}

void MainWindow::showClientState()
{
    const LiveClient::State state = m_client.state();
    setConnectionState(state == LiveClient::State::Disconnected ? tr("Not connected") : m_client.stateText());
    QString colour;
    switch (state) {
    case LiveClient::State::Live:
    case LiveClient::State::Disconnected:
        m_banner->hide();
        return;
    case LiveClient::State::Connecting: colour = QStringLiteral("#e3f2fd"); break;
    case LiveClient::State::Reconnecting: colour = QStringLiteral("#fff3e0"); break;
    case LiveClient::State::Refused: colour = QStringLiteral("#ffebee"); break;
    }
    m_banner->setStyleSheet(QStringLiteral("background: %1; color: #212121").arg(colour));
    m_banner->setText(m_client.stateText());
    m_banner->show();
}

} // namespace sb
