#include "httpmessage.h"

#include <QJsonDocument>

namespace sb {

Result<QJsonObject> jsonObjectFromBody(QByteArrayView body)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return invalidInput(QStringLiteral("the body is not valid JSON: ") + parseError.errorString());
    if (!document.isObject())
        return invalidInput(QStringLiteral("the body must be a JSON object"));
    return document.object();
}

Result<QJsonObject> HttpRequest::jsonObject() const
{
    return jsonObjectFromBody(body);
}

HttpRequest HttpRequest::fromQt(const QHttpServerRequest &request)
{
    HttpRequest copy;
    copy.method = request.method();
    copy.path = request.url().path();
    copy.query = request.query();
    copy.rawQuery = request.url().query(QUrl::FullyEncoded);
    copy.headers = request.headers();
    copy.body = request.body();
    copy.remoteAddress = request.remoteAddress();
    return copy;
}

QByteArray HttpRequest::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

HttpResponse HttpResponse::json(const QJsonObject &object, int status)
{
    return {status, QByteArrayLiteral("application/json"), QJsonDocument(object).toJson(QJsonDocument::Compact), {}};
}

HttpResponse HttpResponse::json(const QJsonArray &array, int status)
{
    return {status, QByteArrayLiteral("application/json"), QJsonDocument(array).toJson(QJsonDocument::Compact), {}};
}

HttpResponse HttpResponse::text(const QByteArray &body, const QByteArray &contentType, int status)
{
    return {status, contentType, body, {}};
}

HttpResponse HttpResponse::error(const Error &error)
{
    return json(QJsonObject{{QStringLiteral("error"),
                             QJsonObject{{QStringLiteral("code"), errorCodeName(error.code)},
                                         {QStringLiteral("message"), error.message}}}},
                httpStatusFor(error.code));
}

namespace {
QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200: return QByteArrayLiteral("OK");
    case 201: return QByteArrayLiteral("Created");
    case 202: return QByteArrayLiteral("Accepted");
    case 204: return QByteArrayLiteral("No Content");
    case 400: return QByteArrayLiteral("Bad Request");
    case 401: return QByteArrayLiteral("Unauthorized");
    case 403: return QByteArrayLiteral("Forbidden");
    case 404: return QByteArrayLiteral("Not Found");
    case 405: return QByteArrayLiteral("Method Not Allowed");
    case 409: return QByteArrayLiteral("Conflict");
    case 413: return QByteArrayLiteral("Payload Too Large");
    case 415: return QByteArrayLiteral("Unsupported Media Type");
    case 426: return QByteArrayLiteral("Upgrade Required");
    case 429: return QByteArrayLiteral("Too Many Requests");
    case 500: return QByteArrayLiteral("Internal Server Error");
    case 502: return QByteArrayLiteral("Bad Gateway");
    case 503: return QByteArrayLiteral("Service Unavailable");
    case 504: return QByteArrayLiteral("Gateway Timeout");
    default: return QByteArrayLiteral("Status");
    }
}
} // namespace

QByteArray HttpResponse::serialize(bool close) const
{
    QByteArray wire;
    wire.reserve(160 + body.size());
    wire += "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    if (!contentType.isEmpty())
        wire += "Content-Type: " + contentType + "\r\n";
    wire += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    for (const auto &[name, value] : headers)
        wire += name + ": " + value + "\r\n";
    if (close)
        wire += "Connection: close\r\n";
    wire += "\r\n";
    wire += body;
    return wire;
}

int httpStatusFor(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidInput: return 400;
    case ErrorCode::NotFound: return 404;
    case ErrorCode::Conflict: return 409;
    case ErrorCode::Unauthorized: return 401;
    case ErrorCode::Forbidden: return 403;
    case ErrorCode::Unavailable: return 503;
    case ErrorCode::Upstream: return 502;
    case ErrorCode::Internal: return 500;
    }
    return 500;
}

QString errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidInput: return QStringLiteral("invalid_input");
    case ErrorCode::NotFound: return QStringLiteral("not_found");
    case ErrorCode::Conflict: return QStringLiteral("conflict");
    case ErrorCode::Unauthorized: return QStringLiteral("unauthorized");
    case ErrorCode::Forbidden: return QStringLiteral("forbidden");
    case ErrorCode::Unavailable: return QStringLiteral("unavailable");
    case ErrorCode::Upstream: return QStringLiteral("upstream_error");
    case ErrorCode::Internal: return QStringLiteral("internal");
    }
    return QStringLiteral("internal");
}

} // namespace sb
