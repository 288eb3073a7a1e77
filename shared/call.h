#pragma once

#include "callenums.h"
#include "result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace sb {

/**
 * @brief One call as stored and as shown: every field of DESIGN.md section 3.
 *
 * A plain value type. Each group of fields has exactly one writer in the backend (see the
 * storage repositories); this type only carries them. JSON uses the section 3 field names.
 */
struct Call
{
    qint64 id = 0; ///< our own row id; a reserved outbound call has no call_sid yet

    // Set once at creation (outbound service / voice webhook).
    QString callSid;
    QString dedupKey;
    QString to;
    QString from;
    qint64 businessId = 0;
    QString leadId;
    Direction direction = Direction::Inbound;

    // Call lifecycle (status callbacks).
    CallStatus status = CallStatus::Reserved;
    qint64 statusRank = 0;
    std::optional<int> durationSec;
    QString answeredBy;

    // Recording starter + recording-status webhook.
    RecordingMode recordingMode = RecordingMode::Off;
    QString recordingSid;
    QString recordingUrl;
    std::optional<RecordingStatus> recordingStatus;
    int recordingCount = 0;

    // Media stream sessions.
    QString streamSid;
    QDateTime streamStartedAt;
    QDateTime streamEndedAt;
    double streamDurationSec = 0;
    int streamConnectCount = 0;

    // AI bridge.
    QString transcription;

    // Transcription worker.
    QString finalTranscript;
    std::optional<TranscriptSource> transcriptSource;

    // Webhook ingress.
    int webhookRetryCount = 0;
    int webhook11205Count = 0;

    // Cost policy (derived).
    CostBucket estimatedCostBucket = CostBucket::Low;
    double estimatedCost = 0;
    QStringList costIndicators;

    QDateTime createdAt;
    QDateTime updatedAt;

    QJsonObject toJson() const;
    /// Reads what toJson() writes; unknown keys are ignored, a wrong enum spelling is an error.
    static Result<Call> fromJson(const QJsonObject &json);

    friend bool operator==(const Call &, const Call &) = default;
};

} // namespace sb
