#include "mainwindow.h"

#include <QApplication>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QVBoxLayout>

namespace sb {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_connectionState(new QLabel(this))
{
    setWindowTitle(tr("Switchboard Console"));
    setObjectName(QStringLiteral("mainWindow"));
    resize(1200, 760);

    auto *placeholder = new QLabel(tr("Live calls appear here once the console is connected to a backend."), this);
    placeholder->setObjectName(QStringLiteral("placeholder"));
    placeholder->setAlignment(Qt::AlignCenter);
    setCentralWidget(placeholder);

    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
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
    setConnectionState(tr("Not connected"));
}

void MainWindow::setConnectionState(const QString &text)
{
    m_connectionState->setText(text);
}

QString MainWindow::connectionState() const
{
    return m_connectionState->text();
}

} // namespace sb
