#include "restparams.h"

#include "shared/phonenumber.h"

#include <QSet>

namespace sb::sim {

namespace {

TwilioError badParameter(const QString &name, const QString &why)
{
    return {20001, 400, QStringLiteral("Invalid parameter '%1': %2").arg(name, why)};
}

/// The first key of @p form that @p known does not list (names are case-sensitive at Twilio).
std::optional<TwilioError> unknownParameter(const FormFields &form, const QSet<QString> &known)
{
    for (const auto &[key, value] : form) {
        if (!known.contains(key))
            return TwilioError{20001, 400, QStringLiteral("Unknown parameter '%1'").arg(key)};
    }
    return std::nullopt;
}

bool isPhoneEndpoint(const QString &value)
{
    return isE164(value) || value.startsWith(u"client:") || value.startsWith(u"sip:");
}

/// An absolute http(s) URL with a host and no underscore in it (the spec's rule for callbacks).
bool isWebhookUrl(const QString &value)
{
    const QUrl url(value, QUrl::StrictMode);
    return url.isValid() && (url.scheme() == u"http" || url.scheme() == u"https") && !url.host().isEmpty()
           && !url.host().contains(u'_');
}

std::optional<TwilioError> checkUrl(const FormFields &form, const QString &name, QUrl &out, int code = 20001)
{
    const QString value = formValue(form, name);
    if (value.isNull())
        return std::nullopt;
    if (!isWebhookUrl(value)) {
        TwilioError error = badParameter(name, QStringLiteral("not a valid http(s) URL"));
        error.code = code;
        return error;
    }
    out = QUrl(value);
    return std::nullopt;
}

std::optional<TwilioError> checkMethod(const FormFields &form, const QString &name, QString &out)
{
    const QString value = formValue(form, name);
    if (value.isNull())
        return std::nullopt;
    const QString upper = value.toUpper();
    if (upper != u"GET" && upper != u"POST")
        return badParameter(name, QStringLiteral("must be GET or POST"));
    out = upper;
    return std::nullopt;
}

std::optional<TwilioError> checkEnum(const FormFields &form, const QString &name, const QStringList &allowed,
                                     QString &out)
{
    const QString value = formValue(form, name);
    if (value.isNull())
        return std::nullopt;
    if (!allowed.contains(value))
        return badParameter(name, QStringLiteral("must be one of %1").arg(allowed.join(u", ")));
    out = value;
    return std::nullopt;
}

std::optional<TwilioError> checkInt(const FormFields &form, const QString &name, int min, int max, int &out)
{
    const QString value = formValue(form, name);
    if (value.isNull())
        return std::nullopt;
    bool ok = false;
    const int number = value.toInt(&ok);
    if (!ok || number < min || number > max)
        return badParameter(name, QStringLiteral("must be an integer from %1 to %2").arg(min).arg(max));
    out = number;
    return std::nullopt;
}

std::optional<TwilioError> checkBool(const FormFields &form, const QString &name, bool &out)
{
    const QString value = formValue(form, name);
    if (value.isNull())
        return std::nullopt;
    if (value.compare(u"true", Qt::CaseInsensitive) != 0 && value.compare(u"false", Qt::CaseInsensitive) != 0)
        return badParameter(name, QStringLiteral("must be true or false"));
    out = value.compare(u"true", Qt::CaseInsensitive) == 0;
    return std::nullopt;
}

/// An event list: repeated keys, each possibly holding several values separated by spaces.
std::optional<TwilioError> checkEvents(const FormFields &form, const QString &name, const QStringList &allowed,
                                       QStringList &out)
{
    for (const auto &[key, value] : form) {
        if (key != name)
            continue;
        for (const QString &event : value.split(u' ', Qt::SkipEmptyParts)) {
            if (!allowed.contains(event))
                return badParameter(name, QStringLiteral("'%1' is not one of %2").arg(event, allowed.join(u", ")));
            if (!out.contains(event))
                out << event;
        }
    }
    return std::nullopt;
}

const QStringList kRecordingEvents{QStringLiteral("in-progress"), QStringLiteral("completed"), QStringLiteral("absent")};
const QStringList kChannels{QStringLiteral("mono"), QStringLiteral("dual")};
const QStringList kTracks{QStringLiteral("inbound"), QStringLiteral("outbound"), QStringLiteral("both")};
const QStringList kTrim{QStringLiteral("trim-silence"), QStringLiteral("do-not-trim")};

} // namespace

#define SB_CHECK(expr)                                                                                                 \
    if (auto error_ = (expr))                                                                                          \
    return error_

std::optional<TwilioError> parseCreateCall(const FormFields &form, CallRequest &request)
{
    // Every create parameter of api.v2010 Calls.json POST, so a misspelling is caught here.
    static const QSet<QString> known{
        QStringLiteral("To"), QStringLiteral("From"), QStringLiteral("Method"), QStringLiteral("FallbackUrl"),
        QStringLiteral("FallbackMethod"), QStringLiteral("StatusCallback"), QStringLiteral("StatusCallbackEvent"),
        QStringLiteral("StatusCallbackMethod"), QStringLiteral("SendDigits"), QStringLiteral("Timeout"),
        QStringLiteral("Record"), QStringLiteral("RecordingChannels"), QStringLiteral("RecordingStatusCallback"),
        QStringLiteral("RecordingStatusCallbackMethod"), QStringLiteral("SipAuthUsername"),
        QStringLiteral("SipAuthPassword"), QStringLiteral("MachineDetection"), QStringLiteral("MachineDetectionTimeout"),
        QStringLiteral("RecordingStatusCallbackEvent"), QStringLiteral("Trim"), QStringLiteral("CallerId"),
        QStringLiteral("MachineDetectionSpeechThreshold"), QStringLiteral("MachineDetectionSpeechEndThreshold"),
        QStringLiteral("MachineDetectionSilenceTimeout"), QStringLiteral("AsyncAmd"),
        QStringLiteral("AsyncAmdStatusCallback"), QStringLiteral("AsyncAmdStatusCallbackMethod"), QStringLiteral("Byoc"),
        QStringLiteral("CallReason"), QStringLiteral("CallToken"), QStringLiteral("RecordingTrack"),
        QStringLiteral("TimeLimit"), QStringLiteral("ClientNotificationUrl"), QStringLiteral("Url"),
        QStringLiteral("Twiml"), QStringLiteral("ApplicationSid")};
    SB_CHECK(unknownParameter(form, known));

    request.to = formValue(form, u"To");
    if (request.to.isEmpty())
        return TwilioError{21201, 400, QStringLiteral("No 'To' number is specified")};
    if (!isPhoneEndpoint(request.to))
        return TwilioError{21211, 400, QStringLiteral("The 'To' number %1 is not a valid phone number.").arg(request.to)};
    request.from = formValue(form, u"From");
    if (request.from.isEmpty())
        return TwilioError{21213, 400, QStringLiteral("No 'From' number is specified")};
    if (!isPhoneEndpoint(request.from))
        return TwilioError{21212, 400, QStringLiteral("The 'From' number %1 is not a valid phone number.").arg(request.from)};

    if (!formValue(form, u"ApplicationSid").isNull())
        return TwilioError{21218, 400, QStringLiteral("Invalid parameter 'ApplicationSid': not supported by the simulator; use Url or Twiml")};
    SB_CHECK(checkUrl(form, QStringLiteral("Url"), request.url, 21205));
    request.twiml = formValue(form, u"Twiml");
    if (request.url.isEmpty() && request.twiml.isEmpty())
        return TwilioError{21205, 400, QStringLiteral("Url parameter is required. Please provide a Url, Twiml or ApplicationSid.")};
    if (request.twiml.size() > 4000)
        return badParameter(QStringLiteral("Twiml"), QStringLiteral("longer than 4000 characters"));

    QString ignored;
    QUrl ignoredUrl;
    SB_CHECK(checkMethod(form, QStringLiteral("Method"), request.method));
    SB_CHECK(checkUrl(form, QStringLiteral("FallbackUrl"), ignoredUrl));
    SB_CHECK(checkMethod(form, QStringLiteral("FallbackMethod"), ignored));
    SB_CHECK(checkUrl(form, QStringLiteral("StatusCallback"), request.statusCallback));
    SB_CHECK(checkMethod(form, QStringLiteral("StatusCallbackMethod"), request.statusCallbackMethod));
    SB_CHECK(checkEvents(form, QStringLiteral("StatusCallbackEvent"),
                         {QStringLiteral("initiated"), QStringLiteral("ringing"), QStringLiteral("answered"),
                          QStringLiteral("completed")},
                         request.statusCallbackEvents));
    SB_CHECK(checkInt(form, QStringLiteral("Timeout"), 1, 600, request.timeoutSec));
    SB_CHECK(checkInt(form, QStringLiteral("TimeLimit"), 1, 86400, request.timeLimitSec));
    SB_CHECK(checkBool(form, QStringLiteral("Record"), request.record));
    SB_CHECK(checkEnum(form, QStringLiteral("RecordingChannels"), kChannels, request.recordingChannels));
    SB_CHECK(checkUrl(form, QStringLiteral("RecordingStatusCallback"), request.recordingStatusCallback));
    SB_CHECK(checkMethod(form, QStringLiteral("RecordingStatusCallbackMethod"), request.recordingStatusCallbackMethod));
    SB_CHECK(checkEvents(form, QStringLiteral("RecordingStatusCallbackEvent"), kRecordingEvents,
                         request.recordingStatusCallbackEvents));
    SB_CHECK(checkEnum(form, QStringLiteral("RecordingTrack"), kTracks, request.recordingTrack));
    SB_CHECK(checkEnum(form, QStringLiteral("Trim"), kTrim, ignored));
    QString amd;
    SB_CHECK(checkEnum(form, QStringLiteral("MachineDetection"),
                       {QStringLiteral("Enable"), QStringLiteral("DetectMessageEnd")}, amd));
    request.machineDetection = !amd.isEmpty();
    int number = 0;
    SB_CHECK(checkInt(form, QStringLiteral("MachineDetectionTimeout"), 3, 59, number));
    SB_CHECK(checkInt(form, QStringLiteral("MachineDetectionSpeechThreshold"), 1000, 6000, number));
    SB_CHECK(checkInt(form, QStringLiteral("MachineDetectionSpeechEndThreshold"), 500, 5000, number));
    SB_CHECK(checkInt(form, QStringLiteral("MachineDetectionSilenceTimeout"), 2000, 10000, number));
    bool flag = false;
    SB_CHECK(checkBool(form, QStringLiteral("AsyncAmd"), flag));
    SB_CHECK(checkUrl(form, QStringLiteral("AsyncAmdStatusCallback"), ignoredUrl));
    SB_CHECK(checkMethod(form, QStringLiteral("AsyncAmdStatusCallbackMethod"), ignored));
    return std::nullopt;
}

std::optional<TwilioError> parseUpdateCall(const FormFields &form, CallUpdate &update)
{
    static const QSet<QString> known{QStringLiteral("Url"), QStringLiteral("Method"), QStringLiteral("Status"),
                                     QStringLiteral("FallbackUrl"), QStringLiteral("FallbackMethod"),
                                     QStringLiteral("StatusCallback"), QStringLiteral("StatusCallbackMethod"),
                                     QStringLiteral("Twiml"), QStringLiteral("TimeLimit")};
    SB_CHECK(unknownParameter(form, known));
    SB_CHECK(checkEnum(form, QStringLiteral("Status"), {QStringLiteral("canceled"), QStringLiteral("completed")},
                       update.status));
    SB_CHECK(checkUrl(form, QStringLiteral("Url"), update.url, 21205));
    SB_CHECK(checkMethod(form, QStringLiteral("Method"), update.method));
    update.twiml = formValue(form, u"Twiml");
    if (update.twiml.size() > 4000)
        return badParameter(QStringLiteral("Twiml"), QStringLiteral("longer than 4000 characters"));
    QString ignored;
    QUrl ignoredUrl;
    SB_CHECK(checkUrl(form, QStringLiteral("FallbackUrl"), ignoredUrl));
    SB_CHECK(checkMethod(form, QStringLiteral("FallbackMethod"), ignored));
    SB_CHECK(checkUrl(form, QStringLiteral("StatusCallback"), update.statusCallback));
    SB_CHECK(checkMethod(form, QStringLiteral("StatusCallbackMethod"), update.statusCallbackMethod));
    SB_CHECK(checkInt(form, QStringLiteral("TimeLimit"), 1, 86400, update.timeLimitSec));
    return std::nullopt;
}

std::optional<TwilioError> parseStartRecording(const FormFields &form, SimRecording &recording)
{
    static const QSet<QString> known{QStringLiteral("RecordingStatusCallbackEvent"),
                                     QStringLiteral("RecordingStatusCallback"),
                                     QStringLiteral("RecordingStatusCallbackMethod"), QStringLiteral("Trim"),
                                     QStringLiteral("RecordingChannels"), QStringLiteral("RecordingTrack")};
    SB_CHECK(unknownParameter(form, known));
    SB_CHECK(checkUrl(form, QStringLiteral("RecordingStatusCallback"), recording.callback));
    SB_CHECK(checkMethod(form, QStringLiteral("RecordingStatusCallbackMethod"), recording.callbackMethod));
    SB_CHECK(checkEvents(form, QStringLiteral("RecordingStatusCallbackEvent"), kRecordingEvents,
                         recording.callbackEvents));
    QString channels = QStringLiteral("mono");
    SB_CHECK(checkEnum(form, QStringLiteral("RecordingChannels"), kChannels, channels));
    recording.channels = channels == u"dual" ? 2 : 1;
    SB_CHECK(checkEnum(form, QStringLiteral("RecordingTrack"), kTracks, recording.track));
    QString ignored;
    SB_CHECK(checkEnum(form, QStringLiteral("Trim"), kTrim, ignored));
    return std::nullopt;
}

std::optional<TwilioError> parseListCalls(const QUrlQuery &query, CallListQuery &list)
{
    static const QSet<QString> known{
        QStringLiteral("To"), QStringLiteral("From"), QStringLiteral("ParentCallSid"), QStringLiteral("Status"),
        QStringLiteral("StartTime"), QStringLiteral("StartTime<"), QStringLiteral("StartTime>"),
        QStringLiteral("EndTime"), QStringLiteral("EndTime<"), QStringLiteral("EndTime>"), QStringLiteral("PageSize"),
        QStringLiteral("Page"), QStringLiteral("PageToken")};
    FormFields form;
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded))
        form.append({key, value});
    SB_CHECK(unknownParameter(form, known));
    list.to = formValue(form, u"To");
    list.from = formValue(form, u"From");
    list.parentFilter = !formValue(form, u"ParentCallSid").isNull();
    SB_CHECK(checkEnum(form, QStringLiteral("Status"),
                       {QStringLiteral("queued"), QStringLiteral("ringing"), QStringLiteral("in-progress"),
                        QStringLiteral("completed"), QStringLiteral("busy"), QStringLiteral("failed"),
                        QStringLiteral("no-answer"), QStringLiteral("canceled")},
                       list.status));
    SB_CHECK(checkInt(form, QStringLiteral("PageSize"), 1, 1000, list.pageSize));
    SB_CHECK(checkInt(form, QStringLiteral("Page"), 0, 1000000, list.page));
    return std::nullopt;
}

} // namespace sb::sim
