#pragma once

#include "serverprocess.h"

#include "http/form.h"

#include <QByteArray>
#include <QList>
#include <QProcess>
#include <QString>

namespace sb::bench {

/// The auth token every benchmark gives the backend and signs its Twilio requests with.
inline const QByteArray kAuthToken = QByteArrayLiteral("bench-auth-token");

/// A server pinned to core 0, away from the load generators on core 1.
class PinnedServer : public test::ServerProcess
{
public:
    PinnedServer(const QString &program, const QProcessEnvironment &environment)
        : ServerProcess(QStringLiteral("taskset"), {QStringLiteral("-c"), QStringLiteral("0"), program}, environment)
    {
    }
    /// waitForPort(), saying on standard error why the server did not start.
    quint16 waitForPortOrReport();
};

/// A raw HTTP/1.1 POST of @p fields, signed like Twilio when @p sign.
QByteArray postRequest(quint16 port, const QString &path, const FormFields &fields, bool sign);
/// The CallSid of benchmark call @p index.
QString callSid(int index);
/// Signed `POST /twilio/voice` requests that create calls 0 … @p calls − 1 (inbound, ringing).
QList<QByteArray> voiceRequests(quint16 port, int calls);

/// CPU time (user + system) of process @p pid in nanoseconds, −1 if unreadable; its system
/// (kernel) part in @p systemNs when given.
qint64 processCpuNs(qint64 pid, qint64 *systemNs = nullptr);
/// Resident memory of process @p pid in bytes, −1 if unreadable.
qint64 processRssBytes(qint64 pid);

/// Machine-wide CPU time from /proc/stat, in nanoseconds.
struct MachineCpu
{
    qint64 busyNs = 0;    ///< user + nice + system + irq + softirq
    qint64 softirqNs = 0; ///< included in busyNs
    qint64 stealNs = 0;

    static MachineCpu read();
};

} // namespace sb::bench
