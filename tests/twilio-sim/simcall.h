#pragma once

#include "faultplan.h"

#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace sb::sim {

/// How a call was asked for (Calls.json create, or an inbound call the simulator places).
struct CallRequest
{
    QString to;
    QString from;
    QString direction = QStringLiteral("outbound-api");
    QUrl url;
    QString method = QStringLiteral("POST");
    QString twiml;
    QUrl statusCallback;
    QString statusCallbackMethod = QStringLiteral("POST");
    QStringList statusCallbackEvents; ///< empty: only `completed`
    int timeoutSec = 60;
    int timeLimitSec = 14400;
    bool record = false;
    QString recordingChannels = QStringLiteral("mono");
    QUrl recordingStatusCallback;
    QString recordingStatusCallbackMethod = QStringLiteral("POST");
    QStringList recordingStatusCallbackEvents;
    QString recordingTrack = QStringLiteral("both");
    bool machineDetection = false;
    int streamSeconds = -1; ///< -1: the simulator's default
    CallFaults faults;
};

/// One recording: started through the API (or by `Record=true`), completed when the call ends.
struct SimRecording
{
    QString sid;
    QString callSid;
    QString accountSid;
    QString source = QStringLiteral("StartCallRecordingAPI");
    QString status = QStringLiteral("in-progress");
    QString track = QStringLiteral("both");
    int channels = 1;
    QDateTime created;
    QDateTime updated;
    qint64 durationSec = -1; ///< -1 until completed
    QUrl callback;
    QString callbackMethod = QStringLiteral("POST");
    QStringList callbackEvents; ///< default `completed`
    QByteArray inbound;  ///< caller audio (µ-law)
    QByteArray outbound; ///< what the backend played back (µ-law)
};

/// The state of one call as `GET Calls/{Sid}.json` and `GET /sim/calls` show it.
struct SimCall
{
    QString sid;
    QString accountSid;
    CallRequest request;
    QString status = QStringLiteral("queued");
    QString answeredBy;
    QDateTime created;
    QDateTime updated;
    QDateTime started;  ///< answered
    QDateTime ended;
    qint64 durationSec = -1;
    int nextSequence = 0;       ///< the next status callback's SequenceNumber
    QStringList eventsSent;     ///< e.g. `status:ringing#1`, `voice`, `stream:start`
    QStringList streamSids;
    QStringList recordingSids;
    bool isFinal() const;
};

} // namespace sb::sim
