#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>

#include <vector>

namespace sb::bench {

/// What a load run measured.
struct LoadResult
{
    qint64 requests = 0;
    qint64 errors = 0; ///< non-2xx answers and broken connections
    double seconds = 0;
    std::vector<qint64> latenciesUs;           ///< one per answered request
    std::vector<std::vector<qint64>> perSecond; ///< latencies grouped by the second they ended in

    double perSecondRate() const { return seconds > 0 ? requests / seconds : 0; }
    qint64 percentileUs(double p) const;
    /// The median over the seconds of each second's p99 (the VM pauses a few times in ten minutes).
    qint64 medianOfPerSecondP99Us() const;
};

/**
 * @brief A closed-loop HTTP/1.1 load generator on raw keep-alive sockets: each connection sends
 * the next prepared request as soon as the previous answer arrived. Cheap per request: the
 * requests are ready-made bytes and answers are only scanned for their status and length.
 */
class LoadGenerator : public QObject
{
    Q_OBJECT
public:
    /// With @p cycle, the requests are sent again from the start when they run out (for servers
    /// that keep no state, such as the ceiling route).
    LoadGenerator(quint16 port, QList<QByteArray> requests, int connections, bool cycle = false);
    /// Runs for @p seconds (or until the requests run out) and returns what it measured.
    LoadResult run(double seconds);

private:
    quint16 m_port;
    QList<QByteArray> m_requests;
    int m_connections;
    bool m_cycle;
};

} // namespace sb::bench
