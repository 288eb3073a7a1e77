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
        return; // the claim in flight decides for this trigger too
    if (isDecided(callSid)) {
        emit claimDecided(callSid, false);
        return;
    }
    m_claiming.insert(callSid);
    auto claim = m_storage.run([callSid](StorageSession &session) { return Recordings(session).claimRecordingStart(callSid); });
    whenReady(claim, this, [this, callSid](const Result<bool> &won) {
        m_claiming.remove(callSid);
        if (!won) {
            if (won.error().code != ErrorCode::NotFound) {
                SB_LOG_RATE_LIMITED(qCWarning(lcRecording), m_logRate, u"claim"_s,
                                    "could not claim a recording start:" << won.error().message);
            }
            return;
        }
        rememberDecided(callSid);
        emit claimDecided(callSid, *won);
        if (*won)
            askTwilio(callSid);
    });
}

void RecordingStarter::askTwilio(const QString &callSid)
{
    m_twilio.startRecording({callSid, m_callback}, [this, callSid](const TwilioReply &reply) {
        emit startAnswered(callSid, reply.ok() ? reply.recording.sid : QString());
        auto noted = m_storage.run([callSid, reply](StorageSession &session) -> Result<void> {
            Recordings recordings(session);
            if (reply.ok() && !reply.recording.sid.isEmpty()) {
                auto started = recordings.noteRecordingStarted(callSid, reply.recording.sid);
                return started ? Result<void>() : Result<void>(started.error());
            }
            QString message = reply.errorMessage;
            if (reply.outcome == TwilioReply::Outcome::Unknown)
                message = u"outcome unknown, not asked again (a second recording would be paid twice): "_s + message;
            return recordings.noteRecordingStartFailed(callSid, reply.errorCode, message);
        });
        if (!reply.ok() && reply.errorCode != 21220) {
            SB_LOG_RATE_LIMITED(qCWarning(lcRecording), m_logRate, u"start"_s,
                                "Twilio did not start a recording:" << reply.httpStatus << reply.errorCode
                                                                    << reply.errorMessage.left(200));
        }
        whenReady(noted, this, [this](const Result<void> &written) {
            if (!written) {
                SB_LOG_RATE_LIMITED(qCWarning(lcRecording), m_logRate, u"note"_s,
                                    "could not store a recording start's answer:" << written.error().message);
            }
        });
    });
}

} // namespace sb
