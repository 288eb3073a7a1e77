#pragma once

#include <QMainWindow>

class QLabel;

namespace sb {

/// The console's main window. Views for live calls, costs, dedup and alerts plug in here.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);

    /// What the status bar says about the backend connection.
    void setConnectionState(const QString &text);
    QString connectionState() const;

private:
    QLabel *m_connectionState;
};

} // namespace sb
