#pragma once

#include "ingresscounters.h"
#include "webhookguard.h"

#include <QUrl>

#include <optional>

namespace sb {

class CallbackProcessor;
class HttpResponder;
class HttpServer;

/**
 * @brief Twilio's webhooks: `/twilio/voice`, `/status`, `/recording-status`, `/stream-status`,
 * `/alarms`.
 *
 * Each request passes the WebhookGuard, is parsed into its typed callback, and is answered only
 * once its effect is durable (invariant 11): 2xx when applied or recognised as a retry, 400 for
 * bad input, 403 for a bad signature, 404 for an unknown call, 503 when the database is down.
 */
class TwilioRoutes
{
public:
    TwilioRoutes(HttpServer &server, CallbackProcessor &processor, const QUrl &publicUrl, QByteArray authToken,
                 IngressCounters &counters);

private:
    void addVoice(HttpServer &server);
    void addStatus(HttpServer &server);
    void addRecordingStatus(HttpServer &server);
    void addStreamStatus(HttpServer &server);
    void addAlarms(HttpServer &server);

    /// The typed callback of a genuine, well-formed webhook; otherwise answers the refusal
    /// (403 forged, 400 malformed, counted) and gives nothing.
    template <typename Callback>
    std::optional<Callback> admitAs(const HttpRequest &request, HttpResponder &responder,
                                    Result<Callback> (*parse)(const FormFields &));

    CallbackProcessor &m_processor;
    QUrl m_publicUrl;
    IngressCounters &m_counters;
    WebhookGuard m_guard;
};

} // namespace sb
