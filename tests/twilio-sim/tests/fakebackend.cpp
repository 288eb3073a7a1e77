#include "fakebackend.h"

#include <QJsonDocument>

namespace sb::sim::test {

QStringList ReceivedStream::events() const
{
    QStringList list;
    for (const QJsonObject &message : messages)
        list << message.value(QStringLiteral("event")).toString();
    return list;
}

FakeBackend::FakeBackend(QByteArray authToken)
    : m_validator(std::move(authToken))
    , m_ws(QStringLiteral("fake-backend"), QWebSocketServer::NonSecureMode)
{
    for (const QString &path : {QStringLiteral("/voice"), QStringLiteral("/status"), QStringLiteral("/recording"),
                               QStringLiteral("/alarm"), QStringLiteral("/stream-status")}) {
        for (const auto method : {HttpServer::Method::Post, HttpServer::Method::Get}) {
            m_http.route(method, path, [this, path](const HttpRequest &request) {
                onWebhook(path, request);
                if (path != u"/voice")
                    return HttpResponse::text({}, QByteArrayLiteral("text/plain"), 204);
                QByteArray twiml = voiceTwiml;
                if (twiml.isEmpty()) {
                    twiml = QByteArrayLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Connect><Stream url=\"")
                            + streamUrl().toString().toUtf8() + QByteArrayLiteral("\" statusCallback=\"")
                            + url(QStringLiteral("/stream-status")).toString().toUtf8()
                            + QByteArrayLiteral("\"><Parameter name=\"callId\" value=\"abc123\"/></Stream></Connect></Response>");
                }
                return HttpResponse::text(twiml, QByteArrayLiteral("application/xml"));
            });
        }
    }
    m_port = m_http.listen(QHostAddress::LocalHost, 0).valueOr(0);
    m_ws.listen(QHostAddress::LocalHost, 0);
    connect(&m_ws, &QWebSocketServer::newConnection, this, [this] {
        QWebSocket *socket = m_ws.nextPendingConnection();
        socket->setParent(this);
        const qsizetype index = streams.size();
        ReceivedStream stream;
        stream.signatureOk = m_validator.validateWebSocket(streamUrl().toString(),
                                                           socket->request().rawHeader("X-Twilio-Signature"));
        streams.append(stream);
        connect(socket, &QWebSocket::textMessageReceived, this, [this, socket, index](const QString &text) {
            const QJsonObject message = QJsonDocument::fromJson(text.toUtf8()).object();
            streams[index].messages.append(message);
            if (message.value(QStringLiteral("event")).toString() == u"start") {
                const QString streamSid = message.value(QStringLiteral("streamSid")).toString();
                if (sendMarkOnStart) {
                    const QJsonObject media{{QStringLiteral("event"), QStringLiteral("media")},
                                            {QStringLiteral("streamSid"), streamSid},
                                            {QStringLiteral("media"), QJsonObject{{QStringLiteral("payload"),
                                                                                   QString::fromLatin1(QByteArray(160, char(0x7f)).toBase64())}}}};
                    const QJsonObject mark{{QStringLiteral("event"), QStringLiteral("mark")},
                                           {QStringLiteral("streamSid"), streamSid},
                                           {QStringLiteral("mark"), QJsonObject{{QStringLiteral("name"), QStringLiteral("greeting")}}}};
                    socket->sendTextMessage(QString::fromUtf8(QJsonDocument(media).toJson(QJsonDocument::Compact)));
                    socket->sendTextMessage(QString::fromUtf8(QJsonDocument(mark).toJson(QJsonDocument::Compact)));
                }
                emit streamStarted(message.value(QStringLiteral("start")).toObject().value(QStringLiteral("callSid")).toString());
            }
        });
        connect(socket, &QWebSocket::disconnected, this, [this, index] { streams[index].closed = true; });
    });
}

QUrl FakeBackend::url(const QString &path) const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path));
}

QUrl FakeBackend::streamUrl() const
{
    return QUrl(QStringLiteral("ws://127.0.0.1:%1/twilio/media").arg(m_ws.serverPort()));
}

QList<ReceivedWebhook> FakeBackend::webhooks(const QString &path) const
{
    QList<ReceivedWebhook> list;
    for (const ReceivedWebhook &webhook : received) {
        if (webhook.path == path)
            list << webhook;
    }
    return list;
}

void FakeBackend::onWebhook(const QString &path, const HttpRequest &request)
{
    ReceivedWebhook webhook;
    webhook.path = path;
    webhook.idempotencyToken = request.header("I-Twilio-Idempotency-Token");
    QUrl full = url(path);
    if (request.method == HttpServer::Method::Get) {
        webhook.method = QStringLiteral("GET");
        full.setQuery(request.query);
        for (const auto &[key, value] : request.query.queryItems(QUrl::FullyDecoded))
            webhook.fields.append({key, value});
        webhook.signatureOk = m_validator.validateForm(full.toString(QUrl::FullyEncoded), {}, request.header("X-Twilio-Signature"));
    } else {
        webhook.method = QStringLiteral("POST");
        webhook.fields = parseForm(request.body).valueOr({});
        webhook.signatureOk = m_validator.validateForm(full.toString(), webhook.fields, request.header("X-Twilio-Signature"));
    }
    received.append(webhook);
}

} // namespace sb::sim::test
