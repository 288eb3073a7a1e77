#pragma once

#include "shared/result.h"

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QUrlQuery>

namespace sb {

/// A request as a value: copied out of QHttpServerRequest, which Qt 6.4 reuses per connection.
struct HttpRequest
{
    QHttpServerRequest::Method method = QHttpServerRequest::Method::Unknown;
    QString path;
    QUrlQuery query;
    QString rawQuery; ///< the query string as received (percent-encoded), for signature checks
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QHostAddress remoteAddress;
    QHash<QString, QString> pathParameters; ///< `{name}` segments of the matched route

    static HttpRequest fromQt(const QHttpServerRequest &request);
    /// The first header with this name, compared without regard to case; empty if absent.
    QByteArray header(QByteArrayView name) const;
    QString pathParameter(const QString &name) const { return pathParameters.value(name); }
    /// The body as a JSON object; InvalidInput naming the problem when it is not one.
    Result<QJsonObject> jsonObject() const;
};

/// An API request body that must be one JSON object; InvalidInput naming the problem otherwise.
Result<QJsonObject> jsonObjectFromBody(QByteArrayView body);

/// A complete response: status, content type, extra headers and body.
struct HttpResponse
{
    int status = 200;
    QByteArray contentType;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;

    static HttpResponse json(const QJsonObject &object, int status = 200);
    static HttpResponse json(const QJsonArray &array, int status = 200);
    static HttpResponse text(const QByteArray &body, const QByteArray &contentType, int status = 200);
    /// `{"error": {"code": "...", "message": "..."}}` with the status that fits the error kind.
    static HttpResponse error(const Error &error);

    /// The same response with another status code.
    HttpResponse withStatus(int code) const
    {
        HttpResponse copy = *this;
        copy.status = code;
        return copy;
    }

    /// The HTTP/1.1 wire form; @p close adds `Connection: close`.
    QByteArray serialize(bool close) const;
};

/// The one place where a domain error kind becomes an HTTP status.
int httpStatusFor(ErrorCode code);
/// The wire code of an error kind, e.g. `invalid_input`.
QString errorCodeName(ErrorCode code);

} // namespace sb
