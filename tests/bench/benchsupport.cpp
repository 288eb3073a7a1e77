#include "benchsupport.h"

#include "twilio/signature.h"

#include <QFile>
#include <QUuid>

#include <cstdio>
#include <unistd.h>

namespace sb::bench {

quint16 PinnedServer::waitForPortOrReport()
{
    const quint16 port = waitForPort();
    if (port == 0)
        std::fprintf(stderr, "server did not start: %s\n", qPrintable(log()));
    return port;
}

QByteArray postRequest(quint16 port, const QString &path, const FormFields &fields, bool sign)
{
    const QByteArray body = encodeForm(fields);
    QByteArray request = "POST " + path.toLatin1() + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port)
                         + "\r\nContent-Type: application/x-www-form-urlencoded\r\n";
    if (sign) {
        const QString url = QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path);
        request += "X-Twilio-Signature: " + TwilioSignature::compute(kAuthToken, url, fields) + "\r\n";
        request += "I-Twilio-Idempotency-Token: " + QUuid::createUuid().toByteArray(QUuid::WithoutBraces) + "\r\n";
    }
    request += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    return request;
}

QString callSid(int index)
{
    return QStringLiteral("CA%1").arg(index, 32, 16, QLatin1Char('0'));
}

QList<QByteArray> voiceRequests(quint16 port, int calls)
{
    QList<QByteArray> voice;
    voice.reserve(calls);
    for (int call = 0; call < calls; ++call) {
        voice << postRequest(port, QStringLiteral("/twilio/voice"),
                             {{QStringLiteral("CallSid"), callSid(call)},
                              {QStringLiteral("From"), QStringLiteral("+972501234567")},
                              {QStringLiteral("To"), QStringLiteral("+97235551234")},
                              {QStringLiteral("Direction"), QStringLiteral("inbound")},
                              {QStringLiteral("CallStatus"), QStringLiteral("ringing")}},
                             true);
    }
    return voice;
}

namespace {

qint64 ticksToNs(qint64 ticks)
{
    static const qint64 hz = ::sysconf(_SC_CLK_TCK);
    return ticks * (1'000'000'000 / hz);
}

QByteArray readProcFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll(); // /proc files report size 0: readAll reads to the end
}

} // namespace

qint64 processCpuNs(qint64 pid, qint64 *systemNs)
{
    const QByteArray stat = readProcFile(QStringLiteral("/proc/%1/stat").arg(pid));
    const qsizetype paren = stat.lastIndexOf(')');
    if (paren < 0)
        return -1;
    // After "pid (comm) ": state is field 3; utime and stime are fields 14 and 15.
    const QList<QByteArray> fields = stat.mid(paren + 2).split(' ');
    if (fields.size() < 13)
        return -1;
    if (systemNs)
        *systemNs = ticksToNs(fields.at(12).toLongLong());
    return ticksToNs(fields.at(11).toLongLong() + fields.at(12).toLongLong());
}

qint64 processRssBytes(qint64 pid)
{
    const QByteArray status = readProcFile(QStringLiteral("/proc/%1/status").arg(pid));
    const qsizetype at = status.indexOf("VmRSS:");
    if (at < 0)
        return -1;
    const qsizetype end = status.indexOf('\n', at);
    return status.mid(at + 6, end - at - 6).replace("kB", "").trimmed().toLongLong() * 1024;
}

MachineCpu MachineCpu::read()
{
    MachineCpu cpu;
    const QByteArray stat = readProcFile(QStringLiteral("/proc/stat"));
    const QList<QByteArray> fields = stat.left(stat.indexOf('\n')).simplified().split(' ');
    // cpu user nice system idle iowait irq softirq steal ...
    if (fields.size() < 9 || fields.at(0) != "cpu")
        return cpu;
    const auto field = [&](int i) { return fields.at(i).toLongLong(); };
    cpu.busyNs = ticksToNs(field(1) + field(2) + field(3) + field(6) + field(7));
    cpu.softirqNs = ticksToNs(field(7));
    cpu.stealNs = ticksToNs(field(8));
    return cpu;
}

} // namespace sb::bench
