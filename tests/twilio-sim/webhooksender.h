#pragma once

#include "http/form.h"
#include "simtypes.h"

#include <QNetworkAccessManager>
#include <QObject>

#include <functional>

namespace sb::sim {

class SimStats;

/// How a webhook ended: the HTTP status (0 when none came) and the body.
struct WebhookReply
{
    int status = 0;
    QByteArray body;
    bool timedOut = false;
    bool connectFailed = false;
    bool ok() const { return status >= 200 && status < 300; }
};

/**
 * @brief Sends Twilio-style webhooks: form fields, `X-Twilio-Signature` over the exact URL,
 * an `I-Twilio-Idempotency-Token`, Twilio's User-Agent.
 *
 * POST sends the fields as the body and signs URL + sorted fields; GET appends them to the query
 * and signs that URL alone (twilio-protocol.md 6.1). Every attempt is counted in the stats.
 */
class WebhookSender : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(const WebhookReply &)>;

    WebhookSender(const SimOptions &options, SimStats &stats, QObject *parent = nullptr);
    ~WebhookSender() override;

    /// Sends once; with @p repeat, sends a second time with the same token after the first ends.
    void send(const QString &kind, const QUrl &url, const QString &method, const FormFields &fields,
              bool repeat = false, Done done = {});

    /// Webhooks sent and not answered yet.
    int inFlight() const { return m_inFlight; }

signals:
    /// The last webhook in flight was answered (or failed).
    void idle();

private:
    void attempt(const QString &kind, const QUrl &url, const QString &method, const FormFields &fields,
                 const QByteArray &token, int remaining, Done done);

    const SimOptions &m_options;
    SimStats &m_stats;
    QNetworkAccessManager m_network;
    int m_inFlight = 0;
};

} // namespace sb::sim
