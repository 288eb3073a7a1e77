#pragma once

#include <QElapsedTimer>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QUrl>
#include <QTcpServer>
#include <QWebSocketServer>

#include <memory>
#include <vector>

namespace sb::test {

/**
 * @brief A stand-in for an OpenAI Realtime server over a real QWebSocketServer (port 0).
 *
 * Speaks the documented event names (twilio-protocol.md section 9.2): it records every client
 * event per connection, with the request URL and Authorization header, and sends server events
 * on request. baseUrl() is what OPENAI_BASE_URL would be (`http://127.0.0.1:PORT/v1`).
 */
class FakeRealtimeServer : public QObject
{
    Q_OBJECT
public:
    struct Connection
    {
        QWebSocket *socket = nullptr;
        QUrl url;
        QByteArray authorization;
        QList<QJsonObject> received;
        QStringList raw;
        bool open = true;
        QElapsedTimer closedTimer; ///< started when the peer's socket closed
    };

    explicit FakeRealtimeServer(QObject *parent = nullptr);
    ~FakeRealtimeServer() override;

    bool listen();
    /// Listens on the Unix socket @p path instead (baseUrl() then means nothing).
    bool listenOnUnixSocket(const QString &path);
    quint16 port() const;
    QUrl baseUrl() const;

    int connectionCount() const { return int(m_connections.size()); }
    int openConnections() const;
    Connection &connection(int index) { return *m_connections.at(size_t(index)); }
    /// The events of @p type connection @p index received, in order (none while it does not exist).
    QList<QJsonObject> received(int index, const QString &type) const;

    void send(int index, const QJsonObject &event);
    void sendAudioDelta(int index, const QString &itemId, const QString &base64, bool beta = false);
    void sendSpeechStarted(int index);
    void sendCallerTranscript(int index, const QString &text);
    void sendAgentTranscript(int index, const QString &text, bool beta = false);

signals:
    void clientConnected(int index);
    void eventReceived(int index, const QJsonObject &event);
    void clientDisconnected(int index);

private:
    QWebSocketServer m_server;
    QTcpServer *m_unixListener = nullptr;
    std::vector<std::unique_ptr<Connection>> m_connections;
};

} // namespace sb::test
