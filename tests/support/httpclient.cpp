#include "httpclient.h"

#include <QBuffer>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QDeadlineTimer>
#include <QTest>

#include <memory>

namespace sb::test {

QJsonObject HttpReply::json() const
{
    return QJsonDocument::fromJson(body).object();
}

HttpReply sendRequest(QNetworkAccessManager &network, const QByteArray &verb, const QUrl &url,
                      const QByteArray &body, const HeaderList &headers, int timeoutMs)
{
    QNetworkRequest request(url);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QBuffer buffer;
    buffer.setData(body);
    std::unique_ptr<QNetworkReply> reply(network.sendCustomRequest(request, verb, &buffer));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(timeoutMs))
        return {};
    return {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll(),
            reply->header(QNetworkRequest::ContentTypeHeader).toByteArray()};
}

namespace {

/// A complete HTTP/1.1 answer (Content-Length framed) parsed from @p data, or status 0.
HttpReply parseAnswer(const QByteArray &data)
{
    const qsizetype headerEnd = data.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return {};
    const QList<QByteArray> lines = data.left(headerEnd).split('\n');
    HttpReply reply;
    qsizetype length = 0;
    for (const QByteArray &raw : lines.mid(1)) {
        const QByteArray line = raw.trimmed();
        const qsizetype colon = line.indexOf(':');
        const QByteArray name = line.left(colon).trimmed().toLower();
        if (name == "content-length")
            length = line.mid(colon + 1).trimmed().toLongLong();
        else if (name == "content-type")
            reply.contentType = line.mid(colon + 1).trimmed();
    }
    if (data.size() < headerEnd + 4 + length)
        return {};
    const QList<QByteArray> statusLine = lines.first().split(' ');
    reply.status = statusLine.size() > 1 ? statusLine.at(1).toInt() : 0;
    reply.body = data.mid(headerEnd + 4, length);
    return reply;
}

} // namespace

QList<HttpReply> postConcurrently(const QUrl &url, const QList<QByteArray> &bodies, const HeaderList &headers,
                                  int timeoutMs)
{
    return postConcurrently(QList<QUrl>(bodies.size(), url), bodies, headers, timeoutMs);
}

QList<HttpReply> postConcurrently(const QList<QUrl> &urls, const QList<QByteArray> &bodies, const HeaderList &headers,
                                  int timeoutMs)
{
    return postConcurrently(urls, bodies, QList<HeaderList>(bodies.size(), headers), timeoutMs);
}

QList<HttpReply> postConcurrently(const QList<QUrl> &urls, const QList<QByteArray> &bodies,
                                  const QList<HeaderList> &headers, int timeoutMs)
{
    Q_ASSERT(urls.size() == bodies.size() && headers.size() == bodies.size());
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    QList<QByteArray> received(bodies.size());
    for (qsizetype i = 0; i < bodies.size(); ++i) {
        const QUrl &url = urls.at(i);
        const QByteArray &body = bodies.at(i);
        auto socket = std::make_unique<QTcpSocket>();
        socket->connectToHost(url.host(), quint16(url.port()));
        QByteArray request = "POST " + url.path(QUrl::FullyEncoded).toUtf8() + " HTTP/1.1\r\nHost: "
                             + url.host().toUtf8() + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
        for (const auto &[name, value] : headers.at(i))
            request += name + ": " + value + "\r\n";
        request += "\r\n" + body;
        socket->write(request);
        sockets.push_back(std::move(socket));
    }
    const QDeadlineTimer deadline(timeoutMs);
    QList<HttpReply> replies(bodies.size());
    int complete = 0;
    while (complete < int(sockets.size()) && !deadline.hasExpired()) {
        QTest::qWait(5);
        complete = 0;
        for (size_t i = 0; i < sockets.size(); ++i) {
            received[i] += sockets[i]->readAll();
            replies[i] = parseAnswer(received[i]);
            if (replies[i].status != 0)
                ++complete;
        }
    }
    return replies;
}

} // namespace sb::test
