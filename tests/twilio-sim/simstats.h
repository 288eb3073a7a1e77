#pragma once

#include <QHash>
#include <QJsonObject>
#include <QString>

namespace sb::sim {

/**
 * @brief What the simulator received and sent, so a test can assert "exactly one Calls.json".
 *
 * REST requests are counted by endpoint (`POST Calls.json`, `GET Calls/{Sid}.json`, …) whatever
 * their outcome, including refused and fault-injected ones; webhooks by kind (`voice`, `status`,
 * `recording_status`, `alarm`), each attempt once (a repeated callback counts twice).
 */
class SimStats
{
public:
    void countRest(const QString &endpoint) { ++m_rest[endpoint]; }
    void countWebhook(const QString &kind) { ++m_webhooks[kind]; }
    void countWebhookFailure(const QString &kind) { ++m_webhookFailures[kind]; }
    void countStreamConnect() { ++m_streamConnects; }
    void countFramesSent(qint64 n) { m_framesSent += n; }
    void countFramesReceived(qint64 n) { m_framesReceived += n; }
    void countMarkEchoed() { ++m_marksEchoed; }

    int rest(const QString &endpoint) const { return m_rest.value(endpoint); }
    int webhooks(const QString &kind) const { return m_webhooks.value(kind); }
    int webhookFailures(const QString &kind) const { return m_webhookFailures.value(kind); }
    int streamConnects() const { return m_streamConnects; }
    qint64 framesSent() const { return m_framesSent; }
    qint64 framesReceived() const { return m_framesReceived; }
    int marksEchoed() const { return m_marksEchoed; }

    QJsonObject toJson() const;
    void reset() { *this = SimStats(); }

private:
    QHash<QString, int> m_rest;
    QHash<QString, int> m_webhooks;
    QHash<QString, int> m_webhookFailures;
    int m_streamConnects = 0;
    qint64 m_framesSent = 0;
    qint64 m_framesReceived = 0;
    int m_marksEchoed = 0;
};

} // namespace sb::sim
