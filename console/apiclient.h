#pragma once

#include "shared/result.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QUrl>
#include <QUrlQuery>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace sb {

/// A successful answer of the backend's REST API: its status (200, 202, …) and JSON object.
struct ApiReply
{
    int status = 0;
    QJsonObject json;
};

/**
 * @brief The console's REST client: base URL + bearer token, JSON in and out, asynchronous.
 *
 * Every failure arrives as an Error with a sentence a supervisor can act on: the backend's own
 * `{"error": {"code", "message"}}` message with the HTTP status mapped to an ErrorCode (403 →
 * Forbidden, …), a refused or unreachable backend as Unavailable, an answer that is not a JSON
 * object as Upstream. A handler runs at most once, and never after @p context is destroyed.
 */
class ApiClient : public QObject
{
    Q_OBJECT
public:
    using Handler = std::function<void(const Result<ApiReply> &)>;

    explicit ApiClient(QObject *parent = nullptr);
    ~ApiClient() override;

    void setBaseUrl(const QUrl &url);
    QUrl baseUrl() const { return m_baseUrl; }
    void setToken(const QString &token);
    QString token() const { return m_token; }
    /// How long a request may take before it fails as unreachable (default 15 s).
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

    /// GET @p path (e.g. `/api/jobs`) with @p query.
    void get(const QString &path, const QUrlQuery &query, const QObject *context, Handler handler);
    /// POST @p body as JSON to @p path.
    void post(const QString &path, const QJsonObject &body, const QObject *context, Handler handler);

    /// The URL a request for @p path and @p query goes to.
    QUrl urlFor(const QString &path, const QUrlQuery &query = {}) const;

private:
    void handle(QNetworkReply *reply, QPointer<const QObject> context, const Handler &handler) const;
    Error errorOf(QNetworkReply *reply, int status, const QByteArray &body) const;

    QNetworkAccessManager *m_network;
    QUrl m_baseUrl;
    QString m_token;
    int m_timeoutMs = 15000;
};

/// The ErrorCode an HTTP error status stands for (401 → Unauthorized, 403 → Forbidden, …).
ErrorCode errorCodeForStatus(int status);

} // namespace sb
