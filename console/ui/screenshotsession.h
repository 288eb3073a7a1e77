#pragma once

#include <QObject>
#include <QStringList>
#include <QTimer>

namespace sb {

class MainWindow;

/**
 * @brief `switchboard-console --screenshot DIR`: waits until the window shows real data, then
 * saves one PNG per view.
 *
 * Ready means: the snapshot arrived, the costs and dedup views answered their first refresh
 * (loaded, or failed with the failure shown in the view), and a call is selected with its detail
 * loaded. A row of the live table is selected as soon as there is one (the newest ended call, else
 * the newest). Gives up after the
 * timeout, naming what was not ready.
 */
class ScreenshotSession : public QObject
{
    Q_OBJECT
public:
    ScreenshotSession(MainWindow &window, QString directory, int timeoutMs, QObject *parent = nullptr);

    /// Starts waiting; finished() follows exactly once.
    void start();

signals:
    /// @p files written on success; otherwise @p error says why nothing (or not all) was written.
    void finished(bool ok, const QStringList &files, const QString &error);

private:
    void check();
    QStringList notReady() const;
    int rowToShow() const;
    void finish(bool ok, const QStringList &files, const QString &error);

    MainWindow &m_window;
    QString m_directory;
    QTimer m_poll;
    QTimer m_timeout;
    bool m_snapshot = false;
    bool m_costsAnswered = false;
    bool m_dedupAnswered = false;
    bool m_done = false;
};

} // namespace sb
