#include "fakerealtimeserver.h"

#include "http/unixsocket.h"

#include <QJsonDocument>
#include <QWebSocket>

using namespace Qt::StringLiterals;

namespace sb::test {

FakeRealtimeServer::FakeRealtimeServer(QObject *parent)
    : QObject(parent)
    , m_server(u"fake-realtime"_s, QWebSocketServer::NonSecureMode)
{
    connect(&m_server, &QWebSocketServer::newConnection, this, [this] {
        while (QWebSocket *socket = m_server.nextPendingConnection()) {
            socket->setParent(this);
            const int index = int(m_connections.size());
            auto connection = std::make_unique<Connection>();
            connection->socket = socket;
            connection->url = socket->requestUrl();
            connection->authorization = socket->request().rawHeader("Authorization");
            m_connections.push_back(std::move(connection));
            connect(socket, &QWebSocket::textMessageReceived, this, [this, index](const QString &text) {
                Connection &c = *m_connections.at(size_t(index));
                c.raw.append(text);
                const QJsonObject event = QJsonDocument::fromJson(text.toUtf8()).object();
                c.received.append(event);
                emit eventReceived(index, event);
            });
            connect(socket, &QWebSocket::disconnected, this, [this, index] {
                Connection &c = *m_connections.at(size_t(index));
                c.open = false;
                c.closedTimer.start();
                emit clientDisconnected(index);
            });
            emit clientConnected(index);
        }
    });
}

FakeRealtimeServer::~FakeRealtimeServer()
{
    for (const auto &connection : m_connections)
        connection->socket->disconnect(this);
}

bool FakeRealtimeServer::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

bool FakeRealtimeServer::listenOnUnixSocket(const QString &path)
{
    // Each connection goes to the WebSocket server as the QTcpSocket it is.
    m_unixListener = new QTcpServer(this);
    if (!UnixSocket::listen(*m_unixListener, path))
        return false;
    connect(m_unixListener, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_unixListener->nextPendingConnection())
            m_server.handleConnection(socket);
    });
    return true;
}

quint16 FakeRealtimeServer::port() const
{
    return m_server.serverPort();
}

QUrl FakeRealtimeServer::baseUrl() const
{
    return QUrl(u"http://127.0.0.1:%1/v1"_s.arg(port()));
}

int FakeRealtimeServer::openConnections() const
{
    return int(std::count_if(m_connections.begin(), m_connections.end(), [](const auto &c) { return c->open; }));
}

QList<QJsonObject> FakeRealtimeServer::received(int index, const QString &type) const
{
    QList<QJsonObject> events;
    if (index < 0 || size_t(index) >= m_connections.size())
        return events; // not connected (yet)
    for (const QJsonObject &event : m_connections.at(size_t(index))->received) {
        if (event.value(u"type"_s).toString() == type)
            events.append(event);
    }
    return events;
}

void FakeRealtimeServer::send(int index, const QJsonObject &event)
{
    m_connections.at(size_t(index))->socket->sendTextMessage(
        QString::fromUtf8(QJsonDocument(event).toJson(QJsonDocument::Compact)));
}

void FakeRealtimeServer::sendAudioDelta(int index, const QString &itemId, const QString &base64, bool beta)
{
    send(index, {{u"type"_s, beta ? u"response.audio.delta"_s : u"response.output_audio.delta"_s},
                 {u"event_id"_s, u"event_1"_s},
                 {u"response_id"_s, u"resp_1"_s},
                 {u"item_id"_s, itemId},
                 {u"output_index"_s, 0},
                 {u"content_index"_s, 0},
                 {u"delta"_s, base64}});
}

void FakeRealtimeServer::sendSpeechStarted(int index)
{
    send(index, {{u"type"_s, u"input_audio_buffer.speech_started"_s},
                 {u"audio_start_ms"_s, 1000},
                 {u"item_id"_s, u"item_caller"_s}});
}

void FakeRealtimeServer::sendCallerTranscript(int index, const QString &text)
{
    send(index, {{u"type"_s, u"conversation.item.input_audio_transcription.completed"_s},
                 {u"item_id"_s, u"item_caller"_s},
                 {u"content_index"_s, 0},
                 {u"transcript"_s, text}});
}

void FakeRealtimeServer::sendAgentTranscript(int index, const QString &text, bool beta)
{
    send(index, {{u"type"_s, beta ? u"response.audio_transcript.done"_s : u"response.output_audio_transcript.done"_s},
                 {u"response_id"_s, u"resp_1"_s},
                 {u"item_id"_s, u"item_agent"_s},
                 {u"output_index"_s, 0},
                 {u"content_index"_s, 0},
                 {u"transcript"_s, text}});
}

} // namespace sb::test
