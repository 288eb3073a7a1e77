#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QPair>
#include <QUrl>

namespace sb::test {

/// One HTTP answer as a test sees it; status 0 when no HTTP answer came (refused, timed out).
struct HttpReply
{
    int status = 0;
    QByteArray body;
    QByteArray contentType;
    QJsonObject json() const;
};

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

/// Sends one request and waits (event loop running) for its answer, at most @p timeoutMs.
HttpReply sendRequest(QNetworkAccessManager &network, const QByteArray &verb, const QUrl &url,
                      const QByteArray &body = {}, const HeaderList &headers = {}, int timeoutMs = 15000);

/**
 * Sends @p bodies as simultaneous POSTs to @p url, one TCP connection each, all written before
 * any answer is read (QNetworkAccessManager would queue them six per host). Answers come back in
 * the order of @p bodies; a connection that got no complete answer has status 0.
 */
QList<HttpReply> postConcurrently(const QUrl &url, const QList<QByteArray> &bodies, const HeaderList &headers = {},
                                  int timeoutMs = 30000);
/// The same with body i sent to @p urls [i] (several servers at once).
QList<HttpReply> postConcurrently(const QList<QUrl> &urls, const QList<QByteArray> &bodies, const HeaderList &headers = {},
                                  int timeoutMs = 30000);
/// The same with headers of its own for each request (e.g. each body's signature).
QList<HttpReply> postConcurrently(const QList<QUrl> &urls, const QList<QByteArray> &bodies,
                                  const QList<HeaderList> &headers, int timeoutMs = 30000);

} // namespace sb::test
