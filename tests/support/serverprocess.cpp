#include "serverprocess.h"

#include <QDeadlineTimer>
#include <QRegularExpression>

#include <csignal>
#include <sys/prctl.h>

namespace sb::test {

ServerProcess::ServerProcess(const QString &program, const QStringList &arguments, const QProcessEnvironment &environment)
{
    m_process.setProcessEnvironment(environment);
    m_process.setReadChannel(QProcess::StandardError); // the log, where the port is announced
    m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
    m_process.start(program, arguments);
}

ServerProcess::~ServerProcess()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    signal(SIGTERM);
    if (!m_process.waitForFinished(10000)) {
        m_process.kill();
        m_process.waitForFinished();
    }
}

quint16 ServerProcess::waitForPort(int timeoutMs)
{
    static const QRegularExpression listening(QStringLiteral("listening on 127\\.0\\.0\\.1:(\\d+)"));
    const QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (const auto match = listening.match(log()); match.hasMatch())
            return m_port = quint16(match.captured(1).toUInt());
        if (m_process.state() == QProcess::NotRunning)
            return 0;
        m_process.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime())));
    }
    return 0;
}

QUrl ServerProcess::url(const QString &path) const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path));
}

void ServerProcess::signal(int signalNumber)
{
    if (m_process.processId() > 0)
        ::kill(pid_t(m_process.processId()), signalNumber);
}

bool ServerProcess::finish(int timeoutMs)
{
    const bool finished = m_process.waitForFinished(timeoutMs);
    log();
    return finished;
}

QString ServerProcess::log()
{
    m_log += QString::fromUtf8(m_process.readAllStandardError());
    return m_log;
}

} // namespace sb::test
