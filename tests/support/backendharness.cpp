#include "backendharness.h"

#include "twilio/signature.h"

#include <QJsonDocument>
#include <QRandomGenerator>

namespace sb::test {

Result<std::unique_ptr<BackendHarness>> BackendHarness::start(const QString &databaseUrl,
                                                             const std::function<void(BackendConfig &)> &adjust)
{
    BackendConfig config;
    config.listenAddress = QHostAddress::LocalHost;
    config.listenPort = 0;
    config.publicUrl = QUrl(QStringLiteral("http://127.0.0.1:0"));
    config.databaseUrl = databaseUrl;
    config.twilioAuthToken = QString::fromLatin1(kAuthToken);
    // Nothing listens there: tests that talk to Twilio point this at a simulator.
    config.twilioApiBaseUrl = QUrl(QStringLiteral("http://127.0.0.1:1"));
    config.apiTokens = *ApiTokens::parse(QStringLiteral("viewer:%1,dialer:%2,admin:%3")
                                             .arg(QLatin1StringView(kViewerToken), QLatin1StringView(kDialerToken),
                                                  QLatin1StringView(kAdminToken)));
    if (adjust)
        adjust(config);
    std::unique_ptr<BackendHarness> harness(new BackendHarness);
    harness->m_app = std::make_unique<BackendApp>(config);
    if (auto started = harness->m_app->start(); !started)
        return started.error();
    return harness;
}

QUrl BackendHarness::url(const QString &path) const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port()).arg(path));
}

HttpReply BackendHarness::postWebhook(const QString &path, const FormFields &fields, const QByteArray &idempotencyToken)
{
    const QString signedUrl = m_app->config().publicUrl.toString() + path;
    HeaderList headers{{"Content-Type", "application/x-www-form-urlencoded"},
                       {"X-Twilio-Signature", TwilioSignature::compute(kAuthToken, signedUrl, fields)}};
    if (!idempotencyToken.isEmpty())
        headers.append({"I-Twilio-Idempotency-Token", idempotencyToken});
    return sendRequest(m_network, "POST", url(path), encodeForm(fields), headers);
}

HttpReply BackendHarness::postWebhookSignedAs(const QString &path, const FormFields &fields, const QByteArray &signature)
{
    HeaderList headers{{"Content-Type", "application/x-www-form-urlencoded"}};
    if (!signature.isNull())
        headers.append({"X-Twilio-Signature", signature});
    return sendRequest(m_network, "POST", url(path), encodeForm(fields), headers);
}

HttpReply BackendHarness::apiGet(const QString &pathAndQuery, const QByteArray &token)
{
    HeaderList headers;
    if (!token.isEmpty())
        headers.append({"Authorization", "Bearer " + token});
    return sendRequest(m_network, "GET", QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port()).arg(pathAndQuery)), {}, headers);
}

HttpReply BackendHarness::apiPost(const QString &path, const QJsonObject &body, const QByteArray &token)
{
    return apiPostRaw(path, QJsonDocument(body).toJson(QJsonDocument::Compact), token);
}

HttpReply BackendHarness::apiPostRaw(const QString &path, const QByteArray &body, const QByteArray &token)
{
    HeaderList headers{{"Content-Type", "application/json"}};
    if (!token.isEmpty())
        headers.append({"Authorization", "Bearer " + token});
    return sendRequest(m_network, "POST", url(path), body, headers);
}

QString BackendHarness::newCallSid()
{
    QString sid = QStringLiteral("CA");
    for (int i = 0; i < 4; ++i)
        sid += QStringLiteral("%1").arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
    return sid;
}

} // namespace sb::test
