#pragma once

#include "http/form.h"
#include "http/httpserver.h"
#include "twilio/signature.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QWebSocket>
#include <QWebSocketServer>

namespace sb::sim::test {

/// A webhook the fake backend received, with whether its X-Twilio-Signature checked out.
struct ReceivedWebhook
{
    QString path;
    QString method;
    FormFields fields;
    QByteArray idempotencyToken;
    bool signatureOk = false;
    QString value(QStringView key) const { return formValue(fields, key); }
};

/// One Media Stream connection as the backend saw it.
struct ReceivedStream
{
    bool signatureOk = false;
    QList<QJsonObject> messages; ///< every JSON message Twilio sent, in order
    bool closed = false;
    QStringList events() const;
};

/**
 * @brief A small Switchboard backend stand-in for simulator tests: our HttpServer for the voice,
 * status, recording and alarm webhooks, and a QWebSocketServer for the Media Stream. It checks
 * every signature with TwilioSignatureValidator and answers the voice webhook with
 * `<Connect><Stream>` carrying one `<Parameter name="callId" value="abc123">`.
 */
class FakeBackend : public QObject
{
    Q_OBJECT
public:
    explicit FakeBackend(QByteArray authToken);

    QUrl url(const QString &path) const;
    QUrl streamUrl() const;
    QList<ReceivedWebhook> webhooks(const QString &path) const;

    QList<ReceivedWebhook> received;
    QList<ReceivedStream> streams;
    QByteArray voiceTwiml;     ///< empty: the default Connect/Stream
    bool sendMarkOnStart = true; ///< send a media frame and a mark when a stream starts

signals:
    void streamStarted(const QString &callSid);

private:
    void onWebhook(const QString &path, const HttpRequest &request);

    TwilioSignatureValidator m_validator;
    HttpServer m_http;
    QWebSocketServer m_ws;
    quint16 m_port = 0;
};

} // namespace sb::sim::test
