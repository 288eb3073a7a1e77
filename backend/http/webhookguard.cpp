#include "webhookguard.h"

#include "shared/logging.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace sb {

WebhookGuard::WebhookGuard(QUrl publicUrl, QByteArray authToken, IngressCounters &counters)
    : m_publicBase(publicUrl.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::StripTrailingSlash)
                       .toString(QUrl::FullyEncoded))
    , m_validator(std::move(authToken))
    , m_counters(counters)
{
}

QString WebhookGuard::signedUrl(const HttpRequest &request) const
{
    QString url = m_publicBase + request.path;
    if (!request.rawQuery.isEmpty())
        url += u'?' + request.rawQuery;
    return url;
}

Result<FormFields> WebhookGuard::admit(const HttpRequest &request)
{
    const QByteArray signature = request.header("X-Twilio-Signature");
    const QString url = signedUrl(request);
    const QByteArray contentType = request.header("Content-Type").toLower();

    bool genuine = false;
    FormFields fields;
    QString malformed;
    if (request.method == QHttpServerRequest::Method::Get) {
        genuine = m_validator.validateForm(url, {}, signature);
        for (const auto &[key, value] : request.query.queryItems(QUrl::FullyDecoded))
            fields.append({key, value});
    } else if (contentType.startsWith("application/json")) {
        genuine = m_validator.validateJsonBody(url, request.body, signature);
        const QJsonDocument document = QJsonDocument::fromJson(request.body);
        if (!document.isObject())
            malformed = QStringLiteral("the JSON body is not an object");
        const QJsonObject object = document.object();
        for (auto it = object.begin(); it != object.end(); ++it)
            fields.append({it.key(), it.value().isString() ? it.value().toString() : it.value().toVariant().toString()});
    } else {
        auto parsed = parseForm(request.body);
        if (parsed) {
            fields = std::move(parsed).value();
            genuine = m_validator.validateForm(url, fields, signature);
        } else {
            malformed = parsed.error().message;
            genuine = false;
        }
    }

    // A body we cannot read cannot be verified either; both are refused, but a forged request
    // is what the operator needs to hear about.
    if (!malformed.isEmpty()) {
        ++m_counters.malformed;
        SB_LOG_RATE_LIMITED(qCWarning(lcHttp), m_logRate, QStringLiteral("malformed"),
                            "refused a malformed webhook to" << request.path << ":" << malformed);
        return invalidInput(malformed);
    }
    if (!genuine) {
        ++m_counters.forgedSignatures;
        SB_LOG_RATE_LIMITED(qCWarning(lcHttp), m_logRate, QStringLiteral("signature"),
                            "refused a webhook to" << request.path << "from"
                                                   << (request.remoteAddress.isNull() ? QStringLiteral("the Unix socket")
                                                                                      : request.remoteAddress.toString())
                                                   << (signature.isEmpty() ? "without X-Twilio-Signature"
                                                                           : "with a signature that does not match")
                                                   << "(signed URL expected:" << url << ')');
        return Error{ErrorCode::Forbidden, QStringLiteral("X-Twilio-Signature does not match this request")};
    }
    return fields;
}

} // namespace sb
