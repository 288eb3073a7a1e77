#include "apiclient.h"

#include "shared/logging.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

using namespace Qt::StringLiterals;

namespace sb {

ErrorCode errorCodeForStatus(int status)
{
    switch (status) {
    case 400:
    case 413:
    case 422:
        return ErrorCode::InvalidInput;
    case 401:
        return ErrorCode::Unauthorized;
    case 403:
        return ErrorCode::Forbidden;
    case 404:
        return ErrorCode::NotFound;
    case 409:
        return ErrorCode::Conflict;
    case 502:
    case 504:
        return ErrorCode::Upstream;
    case 503:
        return ErrorCode::Unavailable;
    default:
        return status >= 500 ? ErrorCode::Internal : ErrorCode::InvalidInput;
    }
}

ApiClient::ApiClient(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
{
}

ApiClient::~ApiClient() = default;

void ApiClient::setBaseUrl(const QUrl &url)
{
    m_baseUrl = url;
}

void ApiClient::setToken(const QString &token)
{
    m_token = token;
}

QUrl ApiClient::urlFor(const QString &path, const QUrlQuery &query) const
{
    QUrl url = m_baseUrl;
    QString basePath = url.path();
    if (basePath.endsWith(u'/'))
        basePath.chop(1);
    url.setPath(basePath + path);
    url.setQuery(query);
    return url;
}

void ApiClient::get(const QString &path, const QUrlQuery &query, const QObject *context, Handler handler)
{
    QNetworkRequest request(urlFor(path, query));
    request.setRawHeader("Accept", "application/json");
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    request.setTransferTimeout(m_timeoutMs);
    handle(m_network->get(request), context, handler);
}

void ApiClient::post(const QString &path, const QJsonObject &body, const QObject *context, Handler handler)
{
    QNetworkRequest request(urlFor(path));
    request.setRawHeader("Accept", "application/json");
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    request.setTransferTimeout(m_timeoutMs);
    handle(m_network->post(request, QJsonDocument(body).toJson(QJsonDocument::Compact)), context, handler);
}

void ApiClient::handle(QNetworkReply *reply, QPointer<const QObject> context, const Handler &handler) const
{
    connect(reply, &QNetworkReply::finished, this, [this, reply, context, handler] {
        reply->deleteLater();
        if (!context)
            return;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = reply->isOpen() ? reply->readAll() : QByteArray(); // closed once aborted
        if (status == 0 || status >= 300) {
            const Error error = errorOf(reply, status, body);
            qCDebug(lcConsoleNet) << reply->url().path() << "failed:" << error.message;
            return handler(error);
        }
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
        if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
            return handler(Error{ErrorCode::Upstream,
                                 tr("The backend's answer to %1 is not a JSON object.").arg(reply->url().path())});
        }
        handler(ApiReply{status, document.object()});
    });
}

Error ApiClient::errorOf(QNetworkReply *reply, int status, const QByteArray &body) const
{
    if (status == 0) {
        // No HTTP answer at all: refused, unresolvable, timed out or cut off.
        const QString where = reply->url().adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveUserInfo).toString();
        if (reply->error() == QNetworkReply::ConnectionRefusedError)
            return {ErrorCode::Unavailable, tr("The backend at %1 refused the connection; is it running?").arg(where)};
        if (reply->error() == QNetworkReply::OperationCanceledError || reply->error() == QNetworkReply::TimeoutError)
            return {ErrorCode::Unavailable, tr("The backend at %1 did not answer in time.").arg(where)};
        return {ErrorCode::Unavailable, tr("The backend at %1 cannot be reached: %2").arg(where, reply->errorString())};
    }
    const ErrorCode code = errorCodeForStatus(status);
    const QJsonObject error = QJsonDocument::fromJson(body).object().value(u"error"_s).toObject();
    const QString message = error.value(u"message"_s).toString();
    if (!message.isEmpty()) {
        if (code == ErrorCode::Forbidden)
            return {code, tr("Not allowed for your role: %1").arg(message)};
        return {code, message};
    }
    switch (code) {
    case ErrorCode::Unauthorized:
        return {code, tr("The backend did not accept the API token (HTTP %1).").arg(status)};
    case ErrorCode::Forbidden:
        return {code, tr("Not allowed for your role (HTTP %1).").arg(status)};
    case ErrorCode::NotFound:
        return {code, tr("The backend does not know %1 (HTTP %2).").arg(reply->url().path()).arg(status)};
    default:
        return {code, tr("The backend answered HTTP %1 to %2.").arg(status).arg(reply->url().path())};
    }
}

} // namespace sb
