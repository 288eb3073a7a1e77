#pragma once

#include <QMainWindow>

class QAction;
class QLabel;
class QMenu;
class QTabWidget;

namespace sb {

class AlertsView;
class ApiClient;
class CostsView;
class DedupView;
class LiveCallsView;
class LiveClient;
class ReprocessView;
class Translations;

/**
 * @brief The console's main window: one tab per view, the connection state always visible.
 *
 * Tabs: live calls, costs, dedup, reprocessing, alerts. The REST views share one ApiClient that
 * follows the LiveClient's connection (its URL and token); every snapshot (a new or renewed
 * connection) reloads them. Live dedup decisions, jobs and alerts go to their views, the
 * snapshot's role to the reprocessing view, the live table's selection to its calls.
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
    ApiClient *api() const { return m_api; }
    CostsView *costs() const { return m_costs; }
    DedupView *dedup() const { return m_dedup; }
    ReprocessView *reprocess() const { return m_reprocess; }
    AlertsView *alerts() const { return m_alerts; }

    /// Adds the Settings menu with the language choice of @p translations (not owned).
    void addSettingsMenu(Translations *translations);

    /// What the status bar says about the backend connection.
    void setConnectionState(const QString &text);
    QString connectionState() const;

signals:
    /// The user asked to connect to another backend or with another token.
    void connectRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void showClientState();
    void onSnapshot(const QString &role);
    void selectionToReprocess();
    void retranslateUi();

    LiveClient &m_client;
    QTabWidget *m_views;
    LiveCallsView *m_liveCalls;
    QMenu *m_fileMenu;
    QAction *m_connectAction;
    QAction *m_quitAction;
    QMenu *m_settingsMenu = nullptr;
    QMenu *m_helpMenu;
    QAction *m_aboutAction;
    QLabel *m_banner;
    QLabel *m_connectionState;
    ApiClient *m_api;
    CostsView *m_costs;
    DedupView *m_dedup;
    ReprocessView *m_reprocess;
    AlertsView *m_alerts;
};

} // namespace sb
