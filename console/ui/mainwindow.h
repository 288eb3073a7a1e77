#pragma once

#include <QMainWindow>

class QLabel;
class QTabWidget;

namespace sb {

class LiveCallsView;
class LiveClient;

/**
 * @brief The console's main window: one tab per view, the connection state always visible.
 *
 * Live calls is the first tab. Other views plug in with one line each:
 * `window.addView(tr("Costs"), new CostsView(window.client()))`; their models connect to the
 * LiveClient's signals (calls, dedup decisions, jobs, alerts).
 */
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(LiveClient &client, QWidget *parent = nullptr);

    /// Adds @p view (the window takes it) as a tab titled @p title.
    void addView(const QString &title, QWidget *view);
    QTabWidget *views() const { return m_views; }
    LiveCallsView *liveCalls() const { return m_liveCalls; }
    LiveClient &client() const { return m_client; }

    /// What the status bar says about the backend connection.
    void setConnectionState(const QString &text);
    QString connectionState() const;

signals:
    /// The user asked to connect to another backend or with another token.
    void connectRequested();

private:
    void showClientState();

    LiveClient &m_client;
    QTabWidget *m_views;
    LiveCallsView *m_liveCalls;
    QLabel *m_banner;
    QLabel *m_connectionState;
};

} // namespace sb
