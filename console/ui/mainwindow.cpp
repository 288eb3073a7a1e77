#include "mainwindow.h"

#include "liveclient.h"
#include "livecallsview.h"

#include <QApplication>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>

namespace sb {

MainWindow::MainWindow(LiveClient &client, QWidget *parent)
    : QMainWindow(parent)
    , m_client(client)
    , m_views(new QTabWidget(this))
    , m_liveCalls(new LiveCallsView(client, this))
    , m_banner(new QLabel(this))
    , m_connectionState(new QLabel(this))
{
    setWindowTitle(tr("Switchboard Console"));
    setObjectName(QStringLiteral("mainWindow"));
    resize(1200, 760);

    m_views->setObjectName(QStringLiteral("views"));
    m_views->setDocumentMode(true);
    addView(tr("Live calls"), m_liveCalls);

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

    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->addAction(tr("&Connect…"), this, &MainWindow::connectRequested);
    QAction *quit = fileMenu->addAction(tr("&Quit"), qApp, &QApplication::quit);
    quit->setShortcut(QKeySequence::Quit);
    QMenu *helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->addAction(tr("&About Switchboard"), this, [this] {
        QMessageBox::about(this, tr("About Switchboard"),
                           tr("Switchboard Console %1\nLive monitoring of AI phone agents on Twilio.")
                               .arg(QApplication::applicationVersion()));
    });

    m_connectionState->setObjectName(QStringLiteral("connectionState"));
    statusBar()->addPermanentWidget(m_connectionState);
    connect(&m_client, &LiveClient::stateChanged, this, &MainWindow::showClientState);
    showClientState();
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
