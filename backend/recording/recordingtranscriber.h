#pragma once

#include "transcriber.h"

#include <QObject>
#include <QUrl>

class QNetworkAccessManager;

namespace sb {

class TwilioRestClient;

/// How recordings are fetched and transcribed.
struct TranscriptionSettings
{
    QUrl baseUrl = QUrl(QStringLiteral("https://api.openai.com/v1")); ///< OPENAI_BASE_URL
    QString apiKey;                                  ///< OPENAI_API_KEY; empty: every attempt fails (the policy falls back)
    QString model = QStringLiteral("whisper-1");
    QString language = QStringLiteral("he");         ///< ISO-639-1; empty lets the service guess
    qint64 maxRecordingBytes = 25 * 1024 * 1024;     ///< larger recordings are not downloaded
    int timeoutMs = 120000;
};

/**
 * @brief The production Transcriber: downloads the call's recording as WAV through the Twilio
 * REST client (Basic auth, size limit), then `POST {OPENAI_BASE_URL}/audio/transcriptions`
 * (multipart: file, model, language; twilio-protocol.md 9.1). Asynchronous; lives on the I/O
 * thread, which never waits on either server.
 */
class RecordingTranscriber : public QObject, public Transcriber
{
    Q_OBJECT
public:
    RecordingTranscriber(TwilioRestClient &twilio, TranscriptionSettings settings, QObject *parent = nullptr);

    void transcribe(const Call &call, Done done) override;

private:
    /// Sends @p wav to the transcription endpoint.
    void transcribeAudio(const QByteArray &wav, Done done);

    TwilioRestClient &m_twilio;
    TranscriptionSettings m_settings;
    QNetworkAccessManager *m_network;
};

} // namespace sb
