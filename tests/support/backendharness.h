#pragma once

#include "httpclient.h"
#include "testdatabase.h"

#include "backendapp.h"
#include "http/form.h"

#include <memory>

namespace sb::test {

/**
 * @brief A whole backend in this process on a port-0 socket and a fresh database of the backend
 * chosen by SWITCHBOARD_TEST_BACKEND, with helpers that talk to it the way Twilio and the API
 * clients do.
 */
class BackendHarness
{
public:
    static constexpr const char *kAuthToken = "harness-auth-token";
    static constexpr const char *kViewerToken = "viewer-token";
    static constexpr const char *kDialerToken = "dialer-token";
    static constexpr const char *kAdminToken = "admin-token";

    /// Starts a backend on @p databaseUrl; @p adjust may change the configuration first.
    static Result<std::unique_ptr<BackendHarness>> start(const QString &databaseUrl,
                                                         const std::function<void(BackendConfig &)> &adjust = {});

    BackendApp &app() { return *m_app; }
    quint16 port() const { return m_app->port(); }
    QUrl url(const QString &path) const;

    /// A webhook POST signed with the account's auth token over publicUrl + path.
    HttpReply postWebhook(const QString &path, const FormFields &fields, const QByteArray &idempotencyToken = {});
    /// The same body signed with @p signature as given (forgeries, missing headers).
    HttpReply postWebhookSignedAs(const QString &path, const FormFields &fields, const QByteArray &signature);
    /// An API GET with a bearer token (none when empty).
    HttpReply apiGet(const QString &pathAndQuery, const QByteArray &token = kViewerToken);
    /// An API POST of a JSON body with a bearer token (none when empty).
    HttpReply apiPost(const QString &path, const QJsonObject &body, const QByteArray &token = kDialerToken);
    /// The same with a body sent as is (malformed JSON).
    HttpReply apiPostRaw(const QString &path, const QByteArray &body, const QByteArray &token = kDialerToken);
    /// A fresh CallSid `CA` + 32 hex digits.
    static QString newCallSid();

    QNetworkAccessManager &network() { return m_network; }

private:
    std::unique_ptr<BackendApp> m_app;
    QNetworkAccessManager m_network;
};

} // namespace sb::test
