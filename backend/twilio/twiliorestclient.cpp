#include "twiliorestclient.h"

#include "shared/logging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace sb {

namespace {

TwilioCall callFromJson(const QJsonObject &json)
{
    return TwilioCall{json.value(u"sid").toString(), json.value(u"status").toString(), json.value(u"to").toString(),
                      json.value(u"from").toString(),
                      QDateTime::fromString(json.value(u"date_created").toString(), Qt::RFC2822Date)};
}

} // namespace

TwilioReply readTwilioAnswer(int httpStatus, const QByteArray &body, TwilioAnswer expected)
{
    TwilioReply reply;
    reply.httpStatus = httpStatus;
    const QJsonObject json = QJsonDocument::fromJson(body).object();
    if (httpStatus >= 200 && httpStatus < 300) {
        reply.outcome = TwilioReply::Outcome::Done;
        switch (expected) {
        case TwilioAnswer::Call:
            reply.call = callFromJson(json);
            break;
        case TwilioAnswer::CallList:
            for (const QJsonValue &call : json.value(u"calls").toArray())
                reply.calls.append(callFromJson(call.toObject()));
            break;
        case TwilioAnswer::Recording:
            reply.recording = TwilioRecording{json.value(u"sid").toString()};
            break;
        }
        return reply;
    }
    reply.outcome = httpStatus >= 500 ? TwilioReply::Outcome::Unknown : TwilioReply::Outcome::Refused;
    reply.errorCode = json.value(u"code").toInt();
    reply.errorMessage = json.value(u"message").toString();
    if (reply.errorMessage.isEmpty())
        reply.errorMessage = u"HTTP %1"_s.arg(httpStatus);
    return reply;
}

Error apiErrorFor(const TwilioReply &reply)
{
    const QString detail = reply.errorCode != 0
                               ? u" (Twilio error %1: %2)"_s.arg(reply.errorCode).arg(reply.errorMessage.left(200))
                               : u" (%1)"_s.arg(reply.errorMessage.left(200));
    switch (reply.outcome) {
    case TwilioReply::Outcome::Done:
        return Error{ErrorCode::Internal, u"not an error"_s};
    case TwilioReply::Outcome::Unknown:
        return Error{ErrorCode::Upstream,
                     u"Twilio did not confirm the call; it is being reconciled and will not be dialled again"_s + detail};
    case TwilioReply::Outcome::Refused:
        break;
    }
    switch (reply.errorCode) {
    case 21211:
    case 21217:
    case 13223:
    case 13224:
        return invalidInput(u"Twilio says the 'to' number is not a valid phone number"_s + detail);
    case 21212:
    case 21213:
    case 21210:
    case 21606:
        return invalidInput(u"Twilio cannot call from the 'from' number"_s + detail);
    case 21215:
    case 21216:
    case 13227:
        return invalidInput(u"Twilio may not call that number from this account (geographic permissions)"_s + detail);
    case 21219:
        return invalidInput(u"Twilio refuses unverified 'to' numbers on a trial account"_s + detail);
    case 20003:
        return Error{ErrorCode::Upstream,
                     u"Twilio refused our credentials: check TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN"_s + detail};
    case 20404:
        return Error{ErrorCode::Upstream, u"Twilio does not know our account or resource"_s + detail};
    case 20429:
        return Error{ErrorCode::Unavailable, u"Twilio is rate limiting our calls; try again shortly"_s + detail};
    default:
        break;
    }
    if (reply.httpStatus == 429)
        return Error{ErrorCode::Unavailable, u"Twilio is rate limiting our calls; try again shortly"_s + detail};
    if (reply.httpStatus == 401 || reply.httpStatus == 403)
        return Error{ErrorCode::Upstream,
                     u"Twilio refused our credentials: check TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN"_s + detail};
    return Error{ErrorCode::Upstream, u"Twilio refused the call"_s + detail};
}

TwilioRestClient::TwilioRestClient(QString accountSid, QString authToken, QUrl baseUrl, int timeoutMs, QObject *parent)
    : QObject(parent)
    , m_accountSid(std::move(accountSid))
    , m_authorization("Basic " + (m_accountSid + u':' + authToken).toUtf8().toBase64())
    , m_baseUrl(std::move(baseUrl))
    , m_timeoutMs(timeoutMs)
    , m_network(new QNetworkAccessManager(this))
{
}

TwilioRestClient::~TwilioRestClient() = default;

FormFields TwilioRestClient::createCallForm(const CreateCallParams &params)
{
    FormFields form{{u"To"_s, params.to},
                    {u"From"_s, params.from},
                    {u"Url"_s, params.voiceUrl.toString(QUrl::FullyEncoded)},
                    {u"Method"_s, u"POST"_s},
                    {u"StatusCallback"_s, params.statusCallback.toString(QUrl::FullyEncoded)},
                    {u"StatusCallbackMethod"_s, u"POST"_s}};
    for (const char *event : {"initiated", "ringing", "answered", "completed"})
        form.append({u"StatusCallbackEvent"_s, QString::fromLatin1(event)});
    return form;
}

QString TwilioRestClient::endpointLabel(const QUrl &url)
{
    static const QRegularExpression sid(u"\\b[A-Z]{2}[0-9a-fA-F]{32}\\b"_s);
    QString path = url.path();
    const QString accounts = u"/Accounts/"_s;
    if (const qsizetype at = path.indexOf(accounts); at >= 0) {
        const qsizetype slash = path.indexOf(u'/', at + accounts.size());
        path = slash >= 0 ? path.mid(slash + 1) : QString();
    }
    return path.replace(sid, u"{Sid}"_s);
}

QUrl TwilioRestClient::endpoint(const QString &path) const
{
    QUrl url = m_baseUrl;
    QString base = url.path();
    if (base.endsWith(u'/'))
        base.chop(1);
    url.setPath(base + u"/2010-04-01/Accounts/"_s + m_accountSid + u'/' + path);
    return url;
}

void TwilioRestClient::createCall(const CreateCallParams &params, Callback done)
{
    send("POST", endpoint(u"Calls.json"_s), encodeForm(createCallForm(params)), TwilioAnswer::Call, std::move(done));
}

FormFields TwilioRestClient::startRecordingForm(const StartRecordingParams &params)
{
    return {{u"RecordingStatusCallback"_s, params.statusCallback.toString(QUrl::FullyEncoded)},
            {u"RecordingStatusCallbackMethod"_s, u"POST"_s},
            {u"RecordingStatusCallbackEvent"_s, u"in-progress completed absent"_s},
            {u"RecordingChannels"_s, u"dual"_s},
            {u"RecordingTrack"_s, u"both"_s}};
}

void TwilioRestClient::startRecording(const StartRecordingParams &params, Callback done)
{
    send("POST", endpoint(u"Calls/"_s + params.callSid + u"/Recordings.json"_s), encodeForm(startRecordingForm(params)),
         TwilioAnswer::Recording, std::move(done));
}

void TwilioRestClient::downloadRecording(const QUrl &recordingUrl, qint64 maxBytes, DownloadCallback done)
{
    const auto sameOrigin = [](const QUrl &a, const QUrl &b) {
        return a.scheme() == b.scheme() && a.host().compare(b.host(), Qt::CaseInsensitive) == 0
               && a.port(a.scheme() == u"https" ? 443 : 80) == b.port(b.scheme() == u"https" ? 443 : 80);
    };
    if (!recordingUrl.isValid() || !sameOrigin(recordingUrl, m_baseUrl)) {
        RecordingDownload refused;
        refused.error = u"the recording URL is not on TWILIO_API_BASE_URL's host; not sending credentials there"_s;
        done(refused);
        return;
    }
    QUrl url = recordingUrl;
    if (!url.path().endsWith(u".wav"))
        url.setPath(url.path() + u".wav"_s);
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", m_authorization);
    request.setTransferTimeout(m_timeoutMs);
    QNetworkReply *reply = m_network->get(request);
    ++m_inFlight;
    auto tooLarge = std::make_shared<bool>(false);
    const auto checkSize = [reply, maxBytes, tooLarge] {
        const qint64 announced = reply->header(QNetworkRequest::ContentLengthHeader).toLongLong();
        if (!*tooLarge && (announced > maxBytes || reply->bytesAvailable() > maxBytes)) {
            *tooLarge = true;
            reply->abort();
        }
    };
    connect(reply, &QNetworkReply::metaDataChanged, this, checkSize);
    connect(reply, &QNetworkReply::readyRead, this, checkSize);
    connect(reply, &QNetworkReply::finished, this, [this, reply, maxBytes, tooLarge, done = std::move(done)] {
        reply->deleteLater();
        --m_inFlight;
        RecordingDownload result;
        result.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (*tooLarge) {
            result.error = u"the recording is larger than the %1 bytes allowed"_s.arg(maxBytes);
        } else if (result.httpStatus == 0) {
            result.transient = true;
            result.error = reply->error() == QNetworkReply::OperationCanceledError
                               ? u"no answer within %1 ms"_s.arg(m_timeoutMs)
                               : reply->errorString();
        } else if (result.httpStatus >= 200 && result.httpStatus < 300) {
            result.bytes = reply->readAll();
        } else {
            result.transient = result.httpStatus >= 500 || result.httpStatus == 429;
            const QJsonObject json = QJsonDocument::fromJson(reply->readAll()).object();
            result.error = u"downloading the recording: HTTP %1"_s.arg(result.httpStatus);
            if (json.contains(u"code"))
                result.error += u" (Twilio error %1: %2)"_s.arg(json.value(u"code").toInt()).arg(json.value(u"message").toString().left(200));
        }
        done(result);
    });
}

void TwilioRestClient::fetchCall(const QString &callSid, Callback done)
{
    send("GET", endpoint(u"Calls/"_s + callSid + u".json"_s), {}, TwilioAnswer::Call, std::move(done));
}

void TwilioRestClient::listCalls(const QString &to, const QString &from, int pageSize, Callback done)
{
    QUrl url = endpoint(u"Calls.json"_s);
    // Encoded by hand: a `+` left as is would read as a space.
    QByteArray query = "PageSize=" + QByteArray::number(pageSize);
    if (!to.isEmpty())
        query += "&To=" + QUrl::toPercentEncoding(to);
    if (!from.isEmpty())
        query += "&From=" + QUrl::toPercentEncoding(from);
    url.setQuery(QString::fromLatin1(query), QUrl::StrictMode);
    send("GET", url, {}, TwilioAnswer::CallList, std::move(done));
}

void TwilioRestClient::send(const QByteArray &verb, const QUrl &url, const QByteArray &body, TwilioAnswer expected,
                            Callback done)
{
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", m_authorization);
    request.setRawHeader("Accept", "application/json");
    if (verb == "POST")
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
    request.setTransferTimeout(m_timeoutMs);
    QNetworkReply *reply = m_network->sendCustomRequest(request, verb, body);
    ++m_inFlight;
    ++m_requestCounts[{QString::fromLatin1(verb), endpointLabel(url)}];
    connect(reply, &QNetworkReply::finished, this, [this, reply, expected, done = std::move(done)] {
        reply->deleteLater();
        --m_inFlight;
        const int httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (httpStatus != 0)
            return done(readTwilioAnswer(httpStatus, reply->isOpen() ? reply->readAll() : QByteArray(), expected));
        TwilioReply result;
        result.outcome = TwilioReply::Outcome::Unknown;
        result.errorMessage = reply->error() == QNetworkReply::OperationCanceledError
                                  ? u"no answer within %1 ms"_s.arg(m_timeoutMs)
                                  : reply->errorString();
        done(result);
    });
}

} // namespace sb
