#pragma once

#include "http/form.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>

#include <memory>

namespace sb::sim::test {

/// One REST answer from the simulator.
struct RestReply
{
    int status = 0;
    QByteArray body;
    QByteArray contentType;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

/// A Twilio REST client for tests: Basic auth (AccountSid:AuthToken unless told otherwise).
class SimClient
{
public:
    SimClient(quint16 port, QString accountSid, QByteArray authToken)
        : m_port(port), m_accountSid(std::move(accountSid)), m_authToken(std::move(authToken))
    {
    }

    QString account() const { return QStringLiteral("/2010-04-01/Accounts/") + m_accountSid; }

    RestReply send(const QByteArray &verb, const QString &path, const FormFields &form = {},
                   std::optional<QByteArray> credentials = std::nullopt, int timeoutMs = 10000)
    {
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path)));
        const QByteArray userPass = credentials.value_or(m_accountSid.toUtf8() + ':' + m_authToken);
        if (!userPass.isEmpty())
            request.setRawHeader("Authorization", "Basic " + userPass.toBase64());
        request.setTransferTimeout(timeoutMs);
        QByteArray body;
        if (verb == "POST") {
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
            body = encodeForm(form);
        }
        std::unique_ptr<QNetworkReply> reply(m_network.sendCustomRequest(request, verb, body));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        if (!reply->isFinished() && !finished.wait(timeoutMs + 5000))
            return {};
        return {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                reply->isOpen() ? reply->readAll() : QByteArray(), reply->header(QNetworkRequest::ContentTypeHeader).toByteArray(), reply->error()};
    }

    RestReply get(const QString &path) { return send("GET", path); }
    RestReply post(const QString &path, const FormFields &form) { return send("POST", path, form); }
    /// The simulator's own JSON endpoints.
    RestReply control(const QByteArray &verb, const QString &path, const QJsonObject &body = {})
    {
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        std::unique_ptr<QNetworkReply> reply(
            m_network.sendCustomRequest(request, verb, verb == "POST" ? QJsonDocument(body).toJson() : QByteArray()));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        if (!reply->isFinished() && !finished.wait(10000))
            return {};
        return {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll(), {}, reply->error()};
    }

private:
    quint16 m_port;
    QString m_accountSid;
    QByteArray m_authToken;
    QNetworkAccessManager m_network;
};

} // namespace sb::sim::test
