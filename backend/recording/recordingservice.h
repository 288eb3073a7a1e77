#pragma once

#include "calls/callbackprocessor.h"
#include "config.h"
#include "http/jobroutes.h"

#include "shared/result.h"

#include <QObject>

#include <memory>

namespace sb {

class RecordingStarter;
class RecordingTranscriber;
class Storage;
class TranscriptionWorkers;
class TwilioRestClient;

/**
 * @brief Recordings and their transcription, composed: the recording starter, the production
 * transcriber and the worker pool with its own storage threads (one connection per worker, so
 * job work never queues behind webhook writes). Its timeline events are published through the
 * main Storage's eventsAppended like every other write.
 */
class RecordingService : public QObject
{
    Q_OBJECT
public:
    RecordingService(const BackendConfig &config, Storage &storage, TwilioRestClient &twilio, QObject *parent = nullptr);
    ~RecordingService() override;

    /// Opens the workers' connections and starts them. @p publicUrl is the final one (the
    /// recording-status callback Twilio is given).
    Result<void> start(const QUrl &publicUrl);

    /// For the callback processor: answered calls start their recording, new jobs wake the workers.
    CallbackHooks callbackHooks();
    JobRouteSettings routeSettings();

    RecordingStarter &starter() { return *m_starter; }

private:
    BackendConfig m_config;
    Storage &m_storage;
    TwilioRestClient &m_twilio;
    std::unique_ptr<Storage> m_jobStorage;
    std::unique_ptr<RecordingStarter> m_starter;
    std::unique_ptr<RecordingTranscriber> m_transcriber;
    std::unique_ptr<TranscriptionWorkers> m_workers;
};

} // namespace sb
