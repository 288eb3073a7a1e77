#pragma once

#include "http/form.h"

#include "shared/result.h"

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QObject>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace sb {

/// What we ask Calls.json for: a call without `Record` (invariant 2), our voice URL and status callback.
struct CreateCallParams
{
    QString to;
    QString from;
    QUrl voiceUrl;       ///< `Url`: our /twilio/voice
    QUrl statusCallback; ///< our /twilio/status
};

/// The fields of a Twilio call resource we use.
struct TwilioCall
{
    QString sid;
    QString status;
    QString to;
    QString from;
    QDateTime dateCreated;
};

/// What we ask Calls/{Sid}/Recordings.json for: both tracks in two channels, from now on.
struct StartRecordingParams
{
    QString callSid;
    QUrl statusCallback; ///< our /twilio/recording-status
};

/// The fields of a Twilio recording resource we use.
struct TwilioRecording
{
    QString sid;
};

/// A downloaded recording, or why there is none.
struct RecordingDownload
{
    QByteArray bytes;    ///< the WAV file
    int httpStatus = 0;  ///< 0 when no HTTP answer came
    QString error;       ///< empty on success
    bool transient = false; ///< worth trying again later (timeout, connection error, 5xx, 429)

    bool ok() const { return error.isEmpty(); }
};

/**
 * @brief How a Twilio request ended, told apart the way invariant 1 needs.
 *
 * `Done`: a 2xx answer. `Refused`: a 4xx Twilio error (nothing was created). `Unknown`: a
 * timeout, a connection error or a 5xx: the request may or may not have taken effect.
 */
struct TwilioReply
{
    enum class Outcome { Done, Refused, Unknown };
    Outcome outcome = Outcome::Unknown;
    int httpStatus = 0;    ///< 0 when no HTTP answer came
    int errorCode = 0;     ///< Twilio's `code` (21211, 20003, …) when it sent an error body
    QString errorMessage;  ///< Twilio's `message`, or the transport's error text
    TwilioCall call;       ///< create and fetch
    TwilioRecording recording; ///< startRecording
    QList<TwilioCall> calls; ///< list

    bool ok() const { return outcome == Outcome::Done; }
};

/**
 * The API error a failed Twilio request becomes: 21211 and other number errors are 400 (the
 * caller's input), 20003 is 502 "Twilio refused our credentials", 429/20429 is 503, anything
 * else Twilio refused is 502 with its code and message, an unknown outcome 502/504.
 */
Error apiErrorFor(const TwilioReply &reply);

/// What a request expects in the body of a 2xx answer.
enum class TwilioAnswer { Call, CallList, Recording };

/**
 * Reads Twilio's HTTP answer (@p httpStatus ≥ 1, @p body as received) the way the client does:
 * 2xx is Done with @p expected read from the body, 5xx Unknown, anything else Refused with
 * Twilio's `code` and `message` (or "HTTP n" when the body has none). Never fails: a body that is
 * not JSON reads as empty.
 */
TwilioReply readTwilioAnswer(int httpStatus, const QByteArray &body, TwilioAnswer expected);

/**
 * @brief Twilio's REST API, asynchronous over QNetworkAccessManager (lives on the I/O thread).
 *
 * Form-encoded bodies, HTTP Basic auth with the account SID and auth token, one timeout per
 * request. Only OutboundCallService creates calls with it (invariant 1).
 */
class TwilioRestClient : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const TwilioReply &)>;

    TwilioRestClient(QString accountSid, QString authToken, QUrl baseUrl, int timeoutMs, QObject *parent = nullptr);
    ~TwilioRestClient() override;

    /// POST Calls.json with createCallForm(@p params); @p done runs on this object's thread.
    void createCall(const CreateCallParams &params, Callback done);
    /// GET Calls/{Sid}.json.
    void fetchCall(const QString &callSid, Callback done);
    /// GET Calls.json?To=&From= (newest first, one page of @p pageSize).
    void listCalls(const QString &to, const QString &from, int pageSize, Callback done);

    /// POST Calls/{Sid}/Recordings.json with startRecordingForm(@p params). Twilio answers 21220
    /// when the call is not (or no longer) in progress.
    void startRecording(const StartRecordingParams &params, Callback done);
    /// The exact form startRecording() sends: RecordingStatusCallback (POST) for the events
    /// in-progress, completed and absent, RecordingChannels dual, RecordingTrack both.
    static FormFields startRecordingForm(const StartRecordingParams &params);

    using DownloadCallback = std::function<void(const RecordingDownload &)>;
    /**
     * GET @p recordingUrl + `.wav` with Basic auth (twilio-protocol.md 3), refused without a
     * request when the URL is not on the REST base URL's host (the credentials go nowhere else)
     * or aborted as soon as the file is known to exceed @p maxBytes.
     */
    void downloadRecording(const QUrl &recordingUrl, qint64 maxBytes, DownloadCallback done);

    /// The exact form createCall() sends: To, From, Url, Method, StatusCallback,
    /// StatusCallbackMethod and StatusCallbackEvent repeated for initiated, ringing, answered,
    /// completed. Never `Record`.
    static FormFields createCallForm(const CreateCallParams &params);

    /// Requests sent and not yet finished.
    int inFlight() const { return m_inFlight; }

    /// Requests sent, by (method, endpointLabel()): for /metrics.
    const QMap<QPair<QString, QString>, quint64> &requestCounts() const { return m_requestCounts; }
    /// The endpoint a request URL names, as /metrics labels it: the path below the account with
    /// every SID as `{Sid}`, e.g. `Calls.json`, `Calls/{Sid}.json`, `Calls/{Sid}/Recordings.json`.
    static QString endpointLabel(const QUrl &url);

private:
    QUrl endpoint(const QString &path) const;
    void send(const QByteArray &verb, const QUrl &url, const QByteArray &body, TwilioAnswer expected, Callback done);

    QString m_accountSid;
    QByteArray m_authorization;
    QUrl m_baseUrl;
    int m_timeoutMs;
    QNetworkAccessManager *m_network;
    int m_inFlight = 0;
    QMap<QPair<QString, QString>, quint64> m_requestCounts;
};

} // namespace sb
