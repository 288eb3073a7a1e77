#pragma once

#include "http/httpserver.h"

#include <QHostAddress>
#include <QJsonDocument>
#include <QTest>
#include <QUrl>

/// A real HTTP server on a free local port standing in for the backend's REST API in console tests.
class FakeApi
{
public:
    struct Received
    {
        QString path;
        QString query;
        QByteArray authorization;
        QJsonObject body;
    };

    FakeApi()
    {
        auto port = m_server.listen(QHostAddress::LocalHost, 0);
        if (port)
            m_port = *port;
    }

    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port)); }
    quint16 port() const { return m_port; }

    /// Answers @p method @p path with @p answer, recording each request.
    void answer(sb::HttpServer::Method method, const QString &path, std::function<sb::HttpResponse(const sb::HttpRequest &)> answer)
    {
        m_server.route(method, path, [this, answer](const sb::HttpRequest &request) {
            received.append({request.path, request.rawQuery, request.header("Authorization"),
                             QJsonDocument::fromJson(request.body).object()});
            return answer(request);
        });
    }

    void answerJson(sb::HttpServer::Method method, const QString &path, const QJsonObject &json, int status = 200)
    {
        answer(method, path, [json, status](const sb::HttpRequest &) { return sb::HttpResponse::json(json, status); });
    }

    /// For routes that answer later (HttpResponder kept by the test).
    sb::HttpServer &server() { return m_server; }

    QList<Received> received;

private:
    sb::HttpServer m_server;
    quint16 m_port = 0;
};
