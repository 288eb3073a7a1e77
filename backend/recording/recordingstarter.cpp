#include "recordingstarter.h"

#include "async.h"
#include "storage/recordings.h"
#include "storage/storage.h"
#include "twilio/twiliorestclient.h"

#include "shared/logging.h"

using namespace Qt::StringLiterals;

namespace sb {

RecordingStarter::RecordingStarter(Storage &storage, TwilioRestClient &twilio, QUrl recordingStatusCallback, QObject *parent)
    : QObject(parent)
    , m_storage(storage)
    , m_twilio(twilio)
    , m_callback(std::move(recordingStatusCallback))
{
}

void RecordingStarter::start(const QString &callSid)
{
    QMetaObject::invokeMethod(this, [this, callSid] { claimAndStart(callSid); }, Qt::QueuedConnection);
}

bool RecordingStarter::isDecided(const QString &callSid) const
{
    return m_decided.contains(callSid) || m_decidedBefore.contains(callSid);
}

void RecordingStarter::rememberDecided(const QString &callSid)
{
    if (m_decided.size() >= kRememberedPerGeneration) // bounded: a forgotten call only costs one claim again
        m_decidedBefore = std::exchange(m_decided, {});
    m_decided.insert(callSid);
}

void RecordingStarter::claimAndStart(const QString &callSid)
{
    if (m_claiming.contains(callSid))
        return; // the claim waiting or in flight decides for this trigger too
    if (isDecided(callSid)) {
        emit claimDecided(callSid, false);
        return;
    }
    m_claiming.insert(callSid);
    m_toClaim.append(callSid);
    claimWaiting();
}

void RecordingStarter::claimWaiting()
{
    // One claim in flight: the calls answered meanwhile are claimed together in the next one.
    if (m_claimInFlight || m_toClaim.isEmpty())
        return;
    m_claimInFlight = true;
    const QStringList callSids = std::exchange(m_toClaim, {});
    auto claim = m_storage.run([callSids](StorageSession &session) { return Recordings(session).claimRecordingStarts(callSids); });
    whenReady(claim, this, [this, callSids](const Result<QHash<QString, bool>> &decided) {
        m_claimInFlight = false;
        if (!decided) {
            SB_LOG_RATE_LIMITED(qCWarning(lcRecording), m_logRate, u"claim"_s,
                                "could not claim a recording start:" << decided.error().message);
        }
        for (const QString &callSid : callSids) {
            m_claiming.remove(callSid);
            const auto won = decided ? decided->constFind(callSid) : QHash<QString, bool>::const_iterator();
            if (!decided || won == decided->constEnd())
                continue; // not claimed (an unknown call, or the claim failed): a later trigger tries again
            rememberDecided(callSid);
            emit claimDecided(callSid, *won);
            if (*won)
                askTwilio(callSid);
        }
        claimWaiting();
    });
}

void RecordingStarter::askTwilio(const QString &callSid)
{
    m_twilio.startRecording({callSid, m_callback}, [this, callSid](const TwilioReply &reply) {
        emit startAnswered(callSid, reply.ok() ? reply.recording.sid : QString());
        if (!reply.ok() && reply.errorCode != 21220) {
            SB_LOG_RATE_LIMITED(qCWarning(lcRecording), m_logRate, u"start"_s,
                                "Twilio did not start a recording:" << reply.httpStatus << reply.errorCode
                                                                    << reply.errorMessage.left(200));
        }
        if (!reply.ok() || reply.recording.sid.isEmpty()) {
            QString message = reply.errorMessage;
            if (reply.outcome == TwilioReply::Outcome::Unknown)
                message = u"outcome unknown, not asked again (a second recording would be paid twice): "_s + message;
            m_toNote.append({callSid, reply.errorCode, message});
            noteFailures();
            return;
        }
        auto noted = m_storage.run([callSid, recordingSid = reply.recording.sid](StorageSession &session) -> Result<void> {
            auto started = Recordings(session).noteRecordingStarted(callSid, recordingSid);
            return started ? Result<void>() : Result<void>(started.error());
        });
        whenReady(noted, this, [this](const Result<void> &written) {
            if (!written) {
                SB_LOG_RATE_LIMITED(qCWarning(lcRecording), m_logRate, u"note"_s,
                                    "could not store a recording start's answer:" << written.error().message);
            }
        });
    });
}

void RecordingStarter::noteFailures()
{
    // Like claims: one write in flight, the failures that come meanwhile go in the next one.
    if (m_noteInFlight || m_toNote.isEmpty())
        return;
    m_noteInFlight = true;
    auto noted = m_storage.run([failures = std::exchange(m_toNote, {})](StorageSession &session) {
        return Recordings(session).noteRecordingStartsFailed(failures);
    });
    whenReady(noted, this, [this](const Result<void> &written) {
        m_noteInFlight = false;
        if (!written) {
            SB_LOG_RATE_LIMITED(qCWarning(lcRecording), m_logRate, u"note"_s,
                                "could not store a recording start's answer:" << written.error().message);
        }
        noteFailures();
    });
}

} // namespace sb
