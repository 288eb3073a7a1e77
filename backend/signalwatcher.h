#pragma once

#include <QObject>
#include <QSocketNotifier>

#include <memory>

namespace sb {

/// Turns SIGINT and SIGTERM into a Qt signal on the main thread (self-pipe), so shutdown runs
/// as ordinary event-loop code instead of inside a signal handler.
class SignalWatcher : public QObject
{
    Q_OBJECT
public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

signals:
    void terminationRequested(int signalNumber);

private:
    std::unique_ptr<QSocketNotifier> m_notifier;
};

} // namespace sb
