#pragma once

#include "form.h"
#include "httpmessage.h"
#include "ingresscounters.h"

#include "twilio/signature.h"

#include "shared/lograte.h"

#include <QUrl>

namespace sb {

/**
 * @brief The door every Twilio webhook passes (invariant 6): signature first, then the body.
 *
 * The signature is checked against SWITCHBOARD_PUBLIC_URL + path + query, since behind a proxy
 * the URL Twilio signed is not the one this process sees. A form POST is signed over its fields;
 * a JSON POST through `bodySHA256`; a GET over the URL alone. Refusals are counted and logged at
 * most once per interval.
 */
class WebhookGuard
{
public:
    WebhookGuard(QUrl publicUrl, QByteArray authToken, IngressCounters &counters);

    /// The request's fields if Twilio sent it: Forbidden when the signature fails, InvalidInput
    /// when the body cannot be read.
    Result<FormFields> admit(const HttpRequest &request);

    /// The URL Twilio requested, as it signed it.
    QString signedUrl(const HttpRequest &request) const;

private:
    QString m_publicBase; ///< scheme://host[:port][/prefix], no trailing slash
    TwilioSignatureValidator m_validator;
    IngressCounters &m_counters;
    LogRateLimiter m_logRate;
};

} // namespace sb
