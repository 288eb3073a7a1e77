#include "recordingtranscriber.h"

#include "twilio/twiliorestclient.h"

#include <QHttpMultiPart>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>

using namespace Qt::StringLiterals;

namespace sb {

namespace {

QHttpPart textPart(const QByteArray &name, const QString &value)
{
    QHttpPart part;
    part.setHeader(QNetworkRequest::ContentDispositionHeader, QByteArray("form-data; name=\"" + name + '"'));
    part.setBody(value.toUtf8());
    return part;
}

} // namespace

RecordingTranscriber::RecordingTranscriber(TwilioRestClient &twilio, TranscriptionSettings settings, QObject *parent)
    : QObject(parent)
    , m_twilio(twilio)
    , m_settings(std::move(settings))
    , m_network(new QNetworkAccessManager(this))
{
}

void RecordingTranscriber::transcribe(const Call &call, Done done)
{
    if (m_settings.apiKey.isEmpty())
        return done(TranscriptionAttempt::failure(u"OPENAI_API_KEY is not set"_s, false));
    if (call.recordingUrl.isEmpty())
        return done(TranscriptionAttempt::failure(u"the call has no recording URL"_s, false));
    m_twilio.downloadRecording(QUrl(call.recordingUrl), m_settings.maxRecordingBytes,
                               [self = QPointer(this), done = std::move(done)](const RecordingDownload &download) {
                                   if (!self)
                                       return; // shutting down: the job's lease runs out and it is taken over
                                   if (!download.ok())
                                       return done(TranscriptionAttempt::failure(download.error, download.transient));
                                   self->transcribeAudio(download.bytes, done);
                               });
}

void RecordingTranscriber::transcribeAudio(const QByteArray &wav, Done done)
{
    if (wav.isEmpty())
        return done(TranscriptionAttempt::failure(u"the recording is empty"_s, false));

    auto *multipart = new QHttpMultiPart(QHttpMultiPart::FormDataType);
    QHttpPart file;
    file.setHeader(QNetworkRequest::ContentDispositionHeader,
                   QByteArrayLiteral("form-data; name=\"file\"; filename=\"recording.wav\""));
    file.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("audio/wav"));
    file.setBody(wav);
    multipart->append(file);
    multipart->append(textPart("model", m_settings.model));
    if (!m_settings.language.isEmpty())
        multipart->append(textPart("language", m_settings.language));
    multipart->append(textPart("response_format", u"json"_s));

    QUrl url = m_settings.baseUrl;
    QString base = url.path();
    if (base.endsWith(u'/'))
        base.chop(1);
    url.setPath(base + u"/audio/transcriptions"_s);
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + m_settings.apiKey.toUtf8());
    request.setTransferTimeout(m_settings.timeoutMs);
    QNetworkReply *reply = m_network->post(request, multipart);
    multipart->setParent(reply);
    connect(reply, &QNetworkReply::finished, this, [this, reply, done = std::move(done)] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = reply->readAll();
        if (status == 0) {
            const QString why = reply->error() == QNetworkReply::OperationCanceledError
                                    ? u"no answer within %1 ms"_s.arg(m_settings.timeoutMs)
                                    : reply->errorString();
            return done(TranscriptionAttempt::failure(u"transcription: "_s + why, true));
        }
        QJsonParseError parseError;
        const QJsonObject json = QJsonDocument::fromJson(body, &parseError).object();
        if (status < 200 || status >= 300) {
            QString message = json.value(u"error").toObject().value(u"message").toString().left(200);
            if (message.isEmpty())
                message = QString::fromUtf8(body.left(200));
            return done(TranscriptionAttempt::failure(u"transcription: HTTP %1: %2"_s.arg(status).arg(message),
                                                      status >= 500 || status == 429));
        }
        if (parseError.error != QJsonParseError::NoError || !json.value(u"text").isString())
            return done(TranscriptionAttempt::failure(u"transcription: the answer has no \"text\""_s, false));
        done(TranscriptionAttempt::success(json.value(u"text").toString()));
    });
}

} // namespace sb
