// Answers and requests of the HTTP APIs: Twilio's REST answers as the client reads them, and the
// bodies of our own API's POST requests.
#include "fuzzcheck.h"
#include "fuzztargets.h"

#include "http/requestbodies.h"
#include "twilio/twiliorestclient.h"

#include "shared/phonenumber.h"

#include <QJsonDocument>

#include <iterator>

namespace sb::fuzz {

namespace {

void restCheck(bool ok, const char *what)
{
    check(ok, "twiliorest", what);
}

void bodyCheck(bool ok, const char *what)
{
    check(ok, "apibodies", what);
}

} // namespace

/// The first byte picks the HTTP status (from those Twilio sends) and the answer expected; the
/// rest is the body.
void twilioRest(const uint8_t *data, size_t size)
{
    if (size == 0)
        return;
    static constexpr int statuses[] = {200, 201, 204, 299, 302, 400, 401, 403, 404, 409, 429, 499, 500, 502, 503, 599};
    const int status = statuses[(data[0] >> 1) % std::size(statuses)];
    const TwilioAnswer expected = (data[0] & 1) ? TwilioAnswer::CallList : TwilioAnswer::Call;
    const TwilioReply reply = readTwilioAnswer(status, inputBytes(data + 1, size - 1), expected);

    restCheck(reply.httpStatus == status, "the reply lost its HTTP status");
    const TwilioReply::Outcome outcome = status < 300 ? TwilioReply::Outcome::Done
                                         : status >= 500 ? TwilioReply::Outcome::Unknown
                                                         : TwilioReply::Outcome::Refused;
    restCheck(reply.outcome == outcome, "an answer read as the wrong outcome");
    if (reply.ok()) {
        restCheck(reply.errorCode == 0 && reply.errorMessage.isEmpty(), "a success carrying an error");
        restCheck(expected == TwilioAnswer::CallList || reply.calls.isEmpty(), "a call list in a single call's answer");
        return;
    }
    restCheck(!reply.errorMessage.isEmpty(), "a failure without a message");
    const Error error = apiErrorFor(reply);
    restCheck(error.code != ErrorCode::Internal && !error.message.isEmpty(), "a failure mapped to no API error");
    if (outcome == TwilioReply::Outcome::Unknown)
        restCheck(error.code == ErrorCode::Upstream, "an unknown outcome not reported as upstream");
}

void apiBodies(const uint8_t *data, size_t size)
{
    const QByteArray body = inputBytes(data, size);
    if (const auto request = parseOutboundCallBody(body)) {
        bodyCheck(request->businessId >= 1, "an outbound call for a business id below 1");
        bodyCheck(!request->to.isEmpty() && request->to == request->to.trimmed() && request->from == request->from.trimmed(),
                  "an outbound call with an empty or untrimmed number");
        // What was read, written as a client would, reads back the same.
        const QJsonObject written{{QStringLiteral("business_id"), request->businessId},
                                  {QStringLiteral("to"), request->to},
                                  {QStringLiteral("from"), request->from},
                                  {QStringLiteral("lead_id"), request->leadId}};
        const auto again = parseOutboundCallBody(QJsonDocument(written).toJson(QJsonDocument::Compact));
        bodyCheck(again && again->businessId == request->businessId && again->to == request->to
                      && again->from == request->from && again->leadId == request->leadId,
                  "an outbound call body does not read back");
    } else {
        bodyCheck(request.error().code == ErrorCode::InvalidInput, "an outbound body refused as other than invalid input");
    }
    if (const auto business = parseNewBusinessBody(body)) {
        bodyCheck(!business->name.isEmpty() && business->name == business->name.trimmed(), "a business with no name");
        bodyCheck(business->callerNumber.isEmpty() || isE164(business->callerNumber), "a caller number not in E.164");
    } else {
        bodyCheck(business.error().code == ErrorCode::InvalidInput, "a business body refused as other than invalid input");
    }
}

} // namespace sb::fuzz
