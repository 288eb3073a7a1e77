#pragma once

#include "shared/lograte.h"

#include <QObject>
#include <QUrl>

namespace sb {

class Storage;
class TwilioRestClient;

/**
 * @brief Starts the one recording of a call through the Recordings API (invariant 2).
 *
 * The single code path that asks Twilio for a recording. Triggered by whatever tells first that
 * the call is answered (a status `in-progress`/`answered`, or the Media Stream's start), on any
 * instance: the database claim (recording_mode OFF → RECORDING_API) lets exactly one of them go
 * on to `POST Calls/{Sid}/Recordings.json`. Twilio refusing (21220: the call is not in progress)
 * or not answering goes on the timeline and is not retried: no retry storm, and never a second
 * recording. Lives on the I/O thread; start() may be called from any thread.
 */
class RecordingStarter : public QObject
{
    Q_OBJECT
public:
    /// @p recordingStatusCallback is our public `/twilio/recording-status` URL.
    RecordingStarter(Storage &storage, TwilioRestClient &twilio, QUrl recordingStatusCallback, QObject *parent = nullptr);

    /// Claims and starts the recording of @p callSid unless someone already did. Thread-safe.
    void start(const QString &callSid);

signals:
    /// A start was claimed for @p callSid: @p won by this call of start(), or already taken.
    void claimDecided(const QString &callSid, bool won);
    /// This instance asked Twilio and got its answer (@p recordingSid empty when it refused).
    void startAnswered(const QString &callSid, const QString &recordingSid);

private:
    void claimAndStart(const QString &callSid);
    void askTwilio(const QString &callSid);

    Storage &m_storage;
    TwilioRestClient &m_twilio;
    QUrl m_callback;
    LogRateLimiter m_logRate;
};

} // namespace sb
