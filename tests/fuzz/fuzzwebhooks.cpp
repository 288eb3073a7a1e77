// Twilio webhook bodies: the form parser, the callback readers on its fields, and the webhook guard.
#include "fuzzcheck.h"
#include "fuzztargets.h"

#include "calls/twiliocallbacks.h"
#include "http/form.h"
#include "http/webhookguard.h"
#include "twilio/signature.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>

namespace sb::fuzz {

namespace {

bool isSid(const QString &text, QStringView prefix)
{
    if (text.size() != 34 || !text.startsWith(prefix))
        return false;
    for (const QChar c : QStringView(text).sliced(2)) {
        if (!c.isDigit() && !(c >= u'a' && c <= u'f') && !(c >= u'A' && c <= u'F'))
            return false;
    }
    return true;
}

void formCheck(bool ok, const char *what)
{
    check(ok, "twilioform", what);
}

void guardCheck(bool ok, const char *what)
{
    check(ok, "webhookguard", what);
}

} // namespace

void twilioForm(const uint8_t *data, size_t size)
{
    const QByteArray body = inputBytes(data, size);
    const auto fields = parseForm(body);
    if (!fields) {
        formCheck(!fields.error().message.isEmpty(), "a refusal without a message");
        return;
    }
    for (const auto &[key, value] : *fields)
        formCheck(!key.isEmpty(), "a field without a name");
    const auto again = parseForm(encodeForm(*fields));
    formCheck(again && *again == *fields, "encodeForm() of parsed fields did not parse back to them");

    if (const auto voice = parseVoiceRequest(*fields))
        formCheck(isSid(voice->callSid, u"CA"), "a voice request without a CallSid");
    if (const auto status = parseStatusCallback(*fields)) {
        formCheck(isSid(status->callSid, u"CA"), "a status callback without a CallSid");
        formCheck(status->stamp.status != CallStatus::Reserved, "a status callback saying reserved");
        formCheck(!status->stamp.sequenceNumber || *status->stamp.sequenceNumber >= 0, "a negative SequenceNumber");
        formCheck(!status->callDurationSec || *status->callDurationSec >= 0, "a negative CallDuration");
    }
    if (const auto recording = parseRecordingCallback(*fields)) {
        formCheck(isSid(recording->callSid, u"CA") && isSid(recording->recordingSid, u"RE"),
                  "a recording callback without its SIDs");
        formCheck(recording->errorCode >= 0, "a negative recording ErrorCode");
    }
    if (const auto stream = parseStreamCallback(*fields))
        formCheck(isSid(stream->callSid, u"CA") && !stream->event.isEmpty(), "a stream callback without CallSid or event");
    if (const auto debugger = parseDebuggerEvent(*fields))
        formCheck(!debugger->errorCode.isEmpty(), "a Debugger event without an error code");
}

/**
 * The first byte picks the request: its low two bits a JSON POST (signed through `bodySHA256`),
 * a form POST or a GET with the rest as query; bit 2 spoils the signature, bit 3 (JSON) the body
 * hash. A genuine request is admitted exactly when its body is readable; a spoiled one never is.
 */
void webhookGuard(const uint8_t *data, size_t size)
{
    if (size == 0)
        return;
    const int mode = data[0] & 3;
    const bool badSignature = data[0] & 4;
    const bool badHash = data[0] & 8;
    const QByteArray body = inputBytes(data + 1, size - 1);
    const QByteArray authToken = "fuzz-auth-token";

    IngressCounters counters;
    WebhookGuard guard(QUrl(QStringLiteral("https://switchboard.example/base")), authToken, counters);
    HttpRequest request;
    request.path = QStringLiteral("/twilio/stream-status");
    FormFields signedFields;
    bool readable = true;
    QJsonObject object;
    if (mode == 0 || mode == 3) {
        request.method = QHttpServerRequest::Method::Post;
        request.headers.append({QByteArray("Content-Type"), QByteArray("application/json")});
        request.body = body;
        const QByteArray hash = QCryptographicHash::hash(badHash ? body + 'x' : body, QCryptographicHash::Sha256).toHex();
        request.rawQuery = QStringLiteral("bodySHA256=") + QString::fromLatin1(hash);
        const QJsonDocument document = QJsonDocument::fromJson(body);
        readable = document.isObject();
        object = document.object();
    } else if (mode == 1) {
        request.method = QHttpServerRequest::Method::Post;
        request.headers.append({QByteArray("Content-Type"), QByteArray("application/x-www-form-urlencoded")});
        request.body = body;
        const auto parsed = parseForm(body);
        readable = bool(parsed);
        if (parsed)
            signedFields = *parsed;
    } else {
        request.method = QHttpServerRequest::Method::Get;
        request.rawQuery = QString::fromUtf8(body);
        request.query = QUrlQuery(request.rawQuery);
    }
    QByteArray signature = TwilioSignature::compute(authToken, guard.signedUrl(request), signedFields);
    if (badSignature)
        signature[0] = signature[0] == 'A' ? 'B' : 'A';
    request.headers.append({QByteArray("X-Twilio-Signature"), signature});

    const auto admitted = guard.admit(request);
    const bool genuine = !badSignature && !(mode != 1 && mode != 2 && badHash);
    guardCheck(bool(admitted) == (genuine && readable), "admitted other than a genuine, readable request");
    if (!admitted) {
        const ErrorCode expected = readable ? ErrorCode::Forbidden : ErrorCode::InvalidInput;
        guardCheck(admitted.error().code == expected, "refused with the wrong error kind");
        guardCheck(counters.forgedSignatures + counters.malformed == 1, "a refusal counted other than once");
        return;
    }
    if (mode == 1)
        guardCheck(*admitted == signedFields, "admitted form fields differ from the body's");
    if (mode == 0 || mode == 3) {
        guardCheck(admitted->size() == object.size(), "admitted JSON fields differ from the body's members");
        for (const auto &[key, value] : *admitted)
            guardCheck(object.contains(key), "an admitted JSON field the body does not have");
    }
}

} // namespace sb::fuzz
