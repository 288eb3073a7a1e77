#pragma once

#include <QProcess>
#include <QString>
#include <QUrl>

namespace sb::test {

/**
 * @brief A server child process (switchboard-backend, a benchmark's bare server) that announces
 * where it listens with a `listening on 127.0.0.1:PORT` log line on standard error, so it can
 * bind port 0. Stopped with SIGTERM (then killed) when destroyed, and sent SIGTERM if this
 * process dies first, so no server outlives its test or benchmark.
 */
class ServerProcess
{
public:
    ServerProcess(const QString &program, const QStringList &arguments, const QProcessEnvironment &environment);
    ~ServerProcess();
    ServerProcess(const ServerProcess &) = delete;
    ServerProcess &operator=(const ServerProcess &) = delete;

    /// Reads the log until the server says where it listens; 0 if it exits or times out first.
    quint16 waitForPort(int timeoutMs = 30000);
    quint16 port() const { return m_port; }
    QUrl url(const QString &path) const;

    void signal(int signalNumber);
    /// Waits for the process to exit, collecting the rest of its log.
    bool finish(int timeoutMs = 30000);

    QProcess &process() { return m_process; }
    qint64 pid() const { return m_process.processId(); }
    bool running() const { return m_process.state() != QProcess::NotRunning; }
    /// Everything the server logged so far.
    QString log();

private:
    QProcess m_process;
    QString m_log;
    quint16 m_port = 0;
};

} // namespace sb::test
