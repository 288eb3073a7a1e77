#include "recordingservice.h"

#include "recordingstarter.h"
#include "recordingtranscriber.h"
#include "transcriptionworkers.h"

#include "storage/storage.h"

#include "shared/logging.h"

namespace sb {

RecordingService::RecordingService(const BackendConfig &config, Storage &storage, TwilioRestClient &twilio, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_storage(storage)
    , m_twilio(twilio)
{
}

RecordingService::~RecordingService()
{
    // Workers first: a job in flight keeps its lease and is taken over once it runs out.
    m_workers.reset();
    m_transcriber.reset();
    m_starter.reset();
    m_jobStorage.reset();
}

Result<void> RecordingService::start(const QUrl &publicUrl)
{
    StorageOptions options;
    options.threads = m_config.jobWorkers;
    options.clock = m_config.clock;
    auto jobStorage = Storage::open(m_storage.url(), options);
    if (!jobStorage)
        return jobStorage.error();
    m_jobStorage = std::move(jobStorage).value();
    connect(m_jobStorage.get(), &Storage::eventsAppended, &m_storage, &Storage::eventsAppended, Qt::DirectConnection);

    QUrl callback = publicUrl; // keeps a base path the public URL may have
    QString base = callback.path();
    if (base.endsWith(u'/'))
        base.chop(1);
    callback.setPath(base + QStringLiteral("/twilio/recording-status"));
    m_starter = std::make_unique<RecordingStarter>(m_storage, m_twilio, callback);

    if (m_config.openAiApiKey.isEmpty())
        qCWarning(lcRecording) << "OPENAI_API_KEY is not set: recordings are not transcribed; calls keep their realtime transcript";
    TranscriptionSettings transcription;
    transcription.baseUrl = m_config.openAiBaseUrl;
    transcription.apiKey = m_config.openAiApiKey;
    transcription.model = m_config.transcriptionModel;
    transcription.language = m_config.transcriptionLanguage;
    transcription.maxRecordingBytes = m_config.recordingMaxBytes;
    m_transcriber = std::make_unique<RecordingTranscriber>(m_twilio, transcription);

    WorkerSettings workers;
    workers.workers = m_config.jobWorkers;
    workers.leaseMs = m_config.jobLeaseMs;
    workers.retryBaseMs = m_config.jobRetryBaseMs;
    workers.pollMs = m_config.jobPollMs;
    m_workers = std::make_unique<TranscriptionWorkers>(*m_jobStorage, *m_transcriber, workers);
    m_workers->start();
    return {};
}

CallbackHooks RecordingService::callbackHooks()
{
    CallbackHooks hooks;
    hooks.callAnswered = [starter = m_starter.get()](const QString &callSid) { starter->start(callSid); };
    hooks.jobEnqueued = [workers = m_workers.get()] { workers->wake(); };
    hooks.jobMaxAttempts = m_config.jobMaxAttempts;
    return hooks;
}

JobRouteSettings RecordingService::routeSettings()
{
    return {m_config.jobMaxAttempts, [workers = m_workers.get()] { workers->wake(); }};
}

} // namespace sb
