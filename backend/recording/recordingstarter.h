#pragma once

#include "storage/recordings.h"

#include "shared/lograte.h"

#include <QObject>
#include <QSet>
#include <QStringList>
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
 *
 * The calls answered while a claim is in flight are claimed together in the next one (one
 * statement on PostgreSQL). A claim, once decided, stays decided (recording_mode never goes back
 * to OFF): the calls decided here are remembered, so the later triggers of a call (every further
 * `in-progress` callback, the stream's start) cost no database claim. A waiting or running claim
 * absorbs the triggers of its call that come meanwhile; one that failed is forgotten, so the
 * next trigger tries again.
 */
class RecordingStarter : public QObject
{
    Q_OBJECT
public:
    /// How many decided calls one generation of the memory holds; two generations are kept.
    static constexpr qsizetype kRememberedPerGeneration = 32'768;

    /// @p recordingStatusCallback is our public `/twilio/recording-status` URL.
    RecordingStarter(Storage &storage, TwilioRestClient &twilio, QUrl recordingStatusCallback, QObject *parent = nullptr);

    /// Claims and starts the recording of @p callSid unless someone already did. Thread-safe.
    void start(const QString &callSid);

signals:
    /// A start was claimed for @p callSid: @p won by this call of start(), or already taken (as
    /// the database said, or as remembered from an earlier claim). Triggers that came while a
    /// claim was in flight share its decision and emit nothing of their own.
    void claimDecided(const QString &callSid, bool won);
    /// This instance asked Twilio and got its answer (@p recordingSid empty when it refused).
    void startAnswered(const QString &callSid, const QString &recordingSid);

private:
    void claimAndStart(const QString &callSid);
    void claimWaiting();
    void askTwilio(const QString &callSid);
    void noteFailures();
    bool isDecided(const QString &callSid) const;
    void rememberDecided(const QString &callSid);

    Storage &m_storage;
    TwilioRestClient &m_twilio;
    QUrl m_callback;
    LogRateLimiter m_logRate;
    QSet<QString> m_claiming;       ///< calls waiting for their claim or being claimed
    QStringList m_toClaim;          ///< calls waiting for the next claim, in the order they came
    bool m_claimInFlight = false;
    QList<RecordingStartFailure> m_toNote; ///< refused starts waiting to go on the timeline
    bool m_noteInFlight = false;
    QSet<QString> m_decided;        ///< decided claims, newest generation
    QSet<QString> m_decidedBefore;  ///< the generation before
};

} // namespace sb
