#include "webhooksender.h"

#include "simstats.h"
#include "twilio/signature.h"

#include <QNetworkReply>
#include <QUrlQuery>
#include <QUuid>

namespace sb::sim {

WebhookSender::WebhookSender(const SimOptions &options, SimStats &stats, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_stats(stats)
{
    // Every webhook is its own request, as Twilio's are; no pipelining onto the backend.
    m_network.setAutoDeleteReplies(true);
}

WebhookSender::~WebhookSender()
{
    // Replies still in flight must not call back into a half-destroyed sender.
    const auto replies = m_network.findChildren<QNetworkReply *>();
    for (QNetworkReply *reply : replies) {
        reply->disconnect(this);
        reply->abort();
    }
}

void WebhookSender::send(const QString &kind, const QUrl &url, const QString &method, const FormFields &fields,
                         bool repeat, Done done)
{
    const QByteArray token = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    attempt(kind, url, method, fields, token, repeat ? 2 : 1, std::move(done));
}

void WebhookSender::attempt(const QString &kind, const QUrl &url, const QString &method, const FormFields &fields,
                            const QByteArray &token, int remaining, Done done)
{
    m_stats.countWebhook(kind);
    ++m_inFlight;
    // Fragments (`#rc=…` connection overrides) are never sent, so never signed.
    QUrl target = url.adjusted(QUrl::RemoveFragment);
    const bool get = method.compare(u"GET", Qt::CaseInsensitive) == 0;
    if (get) {
        QUrlQuery query(target);
        for (const auto &[key, value] : fields)
            query.addQueryItem(QString::fromLatin1(QUrl::toPercentEncoding(key)),
                               QString::fromLatin1(QUrl::toPercentEncoding(value)));
        target.setQuery(query);
    }
    const QString signedUrl = target.toString(QUrl::FullyEncoded);
    QNetworkRequest request(target);
    request.setRawHeader("X-Twilio-Signature",
                         TwilioSignature::compute(m_options.authToken, signedUrl, get ? FormFields{} : fields));
    request.setRawHeader("I-Twilio-Idempotency-Token", token);
    request.setRawHeader("User-Agent", "TwilioProxy/1.1");
    request.setRawHeader("Accept", "*/*");
    request.setTransferTimeout(m_options.webhookTimeoutMs);
    QNetworkReply *reply;
    if (get) {
        reply = m_network.get(request);
    } else {
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/x-www-form-urlencoded; charset=UTF-8"));
        reply = m_network.post(request, encodeForm(fields));
    }
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, kind, url, method, fields, token, remaining, done = std::move(done)]() mutable {
                WebhookReply result;
                result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                result.body = reply->readAll();
                result.timedOut = reply->error() == QNetworkReply::OperationCanceledError
                                  || reply->error() == QNetworkReply::TimeoutError;
                result.connectFailed = reply->error() == QNetworkReply::ConnectionRefusedError
                                       || reply->error() == QNetworkReply::HostNotFoundError;
                if (!result.ok())
                    m_stats.countWebhookFailure(kind);
                reply->deleteLater();
                if (remaining > 1) {
                    // The retry carries the same token: that is what lets a receiver deduplicate it.
                    attempt(kind, url, method, fields, token, remaining - 1, std::move(done));
                } else if (done) {
                    done(result);
                }
                if (--m_inFlight == 0)
                    emit idle();
            });
}

} // namespace sb::sim
