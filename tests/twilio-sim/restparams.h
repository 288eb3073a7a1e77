#pragma once

#include "http/form.h"
#include "simcall.h"

#include <QUrlQuery>

#include <optional>

namespace sb::sim {

/**
 * @brief A Twilio REST error: `{"code", "message", "more_info", "status"}` (twilio-protocol.md 4.3).
 *
 * Codes used here: 20003 (401, authenticate), 20404 (404, not found), 20500/20503 (injected
 * server errors), 21201/21213 (To/From missing), 21211/21212 (To/From invalid), 21205 (Url missing
 * or invalid), 21218 (ApplicationSid: not supported here), 21220 (invalid call state: a recording
 * or redirect on a call that is not in progress; Twilio answers "Call is not in-progress"), and
 * 20001 for any other unknown or malformed parameter, whose name the message always carries.
 */
struct TwilioError
{
    int code = 20001;
    int status = 400;
    QString message;
};

/// Calls.json create: the form checked against the spec's parameters and enums.
std::optional<TwilioError> parseCreateCall(const FormFields &form, CallRequest &request);

/// Calls/{Sid}.json update.
struct CallUpdate
{
    QString status;
    QUrl url;
    QString method = QStringLiteral("POST");
    QString twiml;
    QUrl statusCallback;
    QString statusCallbackMethod;
    int timeLimitSec = -1;
};
std::optional<TwilioError> parseUpdateCall(const FormFields &form, CallUpdate &update);

/// Calls/{Sid}/Recordings.json create.
std::optional<TwilioError> parseStartRecording(const FormFields &form, SimRecording &recording);

/// Calls.json read: filters and paging.
struct CallListQuery
{
    QString to;
    QString from;
    QString status;
    bool parentFilter = false; ///< ParentCallSid given: the simulator has no child legs
    int pageSize = 50;
    int page = 0;
};
std::optional<TwilioError> parseListCalls(const QUrlQuery &query, CallListQuery &list);

} // namespace sb::sim
