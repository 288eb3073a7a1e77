#include "loadgenerator.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>

namespace sb::bench {

qint64 LoadResult::percentileUs(double p) const
{
    if (latenciesUs.empty())
        return 0;
    std::vector<qint64> sorted = latenciesUs;
    const size_t index = std::min(sorted.size() - 1, size_t(p * double(sorted.size())));
    std::nth_element(sorted.begin(), sorted.begin() + qsizetype(index), sorted.end());
    return sorted[index];
}

qint64 LoadResult::medianOfPerSecondP99Us() const
{
    std::vector<qint64> p99s;
    for (const auto &second : perSecond) {
        if (second.size() < 10)
            continue;
        std::vector<qint64> sorted = second;
        std::sort(sorted.begin(), sorted.end());
        p99s.push_back(sorted[std::min(sorted.size() - 1, size_t(0.99 * double(sorted.size())))]);
    }
    if (p99s.empty())
        return 0;
    std::sort(p99s.begin(), p99s.end());
    return p99s[p99s.size() / 2];
}

namespace {

/// One keep-alive connection: send, wait for one full answer, repeat.
struct Connection
{
    QTcpSocket socket;
    QByteArray buffer;
    qint64 sentAtNs = 0;
};

/// Length of a complete HTTP answer at the start of @p buffer, 0 if incomplete; @p status set.
qsizetype completeAnswer(const QByteArray &buffer, int &status)
{
    const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return 0;
    status = buffer.mid(9, 3).toInt();
    qsizetype length = 0;
    const qsizetype at = buffer.indexOf("Content-Length:", 0);
    const qsizetype atLower = at >= 0 && at < headerEnd ? at : buffer.indexOf("content-length:", 0);
    if (atLower >= 0 && atLower < headerEnd) {
        const qsizetype lineEnd = buffer.indexOf("\r\n", atLower);
        length = buffer.mid(atLower + 15, lineEnd - atLower - 15).trimmed().toLongLong();
    }
    const qsizetype total = headerEnd + 4 + length;
    return buffer.size() >= total ? total : 0;
}

} // namespace

LoadGenerator::LoadGenerator(quint16 port, QList<QByteArray> requests, int connections, bool cycle)
    : m_port(port)
    , m_requests(std::move(requests))
    , m_connections(connections)
    , m_cycle(cycle)
{
}

LoadResult LoadGenerator::run(double seconds)
{
    LoadResult result;
    QElapsedTimer clock;
    QEventLoop loop;
    qsizetype next = 0;
    bool stopping = false;
    int open = 0;
    std::vector<std::unique_ptr<Connection>> connections;

    const auto sendNext = [&](Connection &connection) {
        if (m_cycle && next >= m_requests.size())
            next = 0;
        if (stopping || next >= m_requests.size()) {
            connection.socket.disconnectFromHost();
            return;
        }
        connection.sentAtNs = clock.nsecsElapsed();
        connection.socket.write(m_requests.at(next++));
    };

    for (int i = 0; i < m_connections; ++i) {
        auto connection = std::make_unique<Connection>();
        Connection *c = connection.get();
        QObject::connect(&c->socket, &QTcpSocket::connected, &loop, [&, c] { sendNext(*c); });
        QObject::connect(&c->socket, &QTcpSocket::readyRead, &loop, [&, c] {
            c->buffer += c->socket.readAll();
            int status = 0;
            while (const qsizetype length = completeAnswer(c->buffer, status)) {
                c->buffer.remove(0, length);
                const qint64 nowNs = clock.nsecsElapsed();
                const qint64 latencyUs = (nowNs - c->sentAtNs) / 1000;
                ++result.requests;
                if (status < 200 || status > 299)
                    ++result.errors;
                result.latenciesUs.push_back(latencyUs);
                const size_t second = size_t(nowNs / 1'000'000'000);
                if (result.perSecond.size() <= second)
                    result.perSecond.resize(second + 1);
                result.perSecond[second].push_back(latencyUs);
                sendNext(*c);
            }
        });
        QObject::connect(&c->socket, &QTcpSocket::disconnected, &loop, [&] {
            if (--open == 0)
                loop.quit();
        });
        QObject::connect(&c->socket, &QTcpSocket::errorOccurred, &loop, [&, c](QAbstractSocket::SocketError error) {
            if (error != QAbstractSocket::RemoteHostClosedError)
                ++result.errors;
            if (c->socket.state() == QAbstractSocket::UnconnectedState && --open == 0)
                loop.quit();
        });
        connections.push_back(std::move(connection));
    }
    clock.start();
    for (auto &connection : connections) {
        ++open;
        connection->socket.connectToHost(QHostAddress::LocalHost, m_port);
    }
    QTimer::singleShot(int(seconds * 1000), &loop, [&] { stopping = true; });
    QTimer::singleShot(int(seconds * 1000) + 10000, &loop, &QEventLoop::quit); // a stuck server
    loop.exec();
    result.seconds = double(clock.nsecsElapsed()) / 1e9;
    return result;
}

} // namespace sb::bench
