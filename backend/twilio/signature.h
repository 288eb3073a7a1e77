#pragma once

#include "http/form.h"

#include <QByteArray>
#include <QString>

namespace sb {

/**
 * @brief Twilio's `X-Twilio-Signature` (reference: twilio-protocol.md section 6).
 *
 * signature = Base64(HMAC-SHA1(auth token, URL + for each key in ordinal order, for each of its
 * distinct values in order: key + value)). The URL is taken verbatim, never normalised.
 */
class TwilioSignature
{
public:
    /// The exact string that is signed for @p url and form @p fields.
    static QByteArray signedString(QStringView url, const FormFields &fields);
    /// The signature Twilio would send (what the simulator signs with).
    static QByteArray compute(QByteArrayView authToken, QStringView url, const FormFields &fields);

    /// The URL variants every official validator accepts: as given, without its port, and with
    /// the scheme's default port added when it has none.
    static QStringList portVariants(QStringView url);
};

/// Checks signatures with one auth token, in constant time.
class TwilioSignatureValidator
{
public:
    explicit TwilioSignatureValidator(QByteArray authToken);

    /// A form POST (or a GET with @p fields empty) to @p url.
    bool validateForm(QStringView url, const FormFields &fields, QByteArrayView signature) const;
    /// A JSON POST: the URL carries `bodySHA256` (lowercase hex) of the raw body and is signed alone.
    bool validateJsonBody(QStringView url, QByteArrayView body, QByteArrayView signature) const;
    /// The Media Streams handshake: also tried with a trailing `/` on the URL.
    bool validateWebSocket(QStringView url, QByteArrayView signature) const;

private:
    bool matchesAnyVariant(QStringView url, const FormFields &fields, QByteArrayView signature) const;

    QByteArray m_authToken;
};

} // namespace sb
