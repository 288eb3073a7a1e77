#pragma once

#include "callenums.h"

#include <optional>

namespace sb {

/// A call status as reported, with Twilio's per-call callback SequenceNumber when it came with one.
struct StatusStamp
{
    CallStatus status = CallStatus::Reserved;
    std::optional<int> sequenceNumber;
};

/// Position in the lifecycle: reserved < queued < initiated < ringing < in-progress = answered < finals.
int lifecycleRank(CallStatus status);

/// completed, busy, failed, no-answer, canceled: a call never leaves these.
bool isFinal(CallStatus status);

/// The statuses in which a call to the same number counts as a duplicate (invariant 1).
bool isActive(CallStatus status);

/**
 * @brief The total order of invariant 5 as one integer, stored in `status_rank`.
 *
 * Lifecycle order first, then SequenceNumber (absent ranks below 0). Lifecycle leads so that a
 * status never moves backwards even if sequence numbers disagree with it; the sequence number
 * orders callbacks of the same lifecycle step. Because it is one integer, the database can apply
 * a status in a single conditional UPDATE (see finalRankFloor()).
 */
qint64 statusRank(const StatusStamp &stamp);

/// Every final status ranks at or above this; no non-final status does.
qint64 finalRankFloor();

/// Whether @p incoming may replace @p stored: stored is not final and incoming ranks above it.
bool statusMayReplace(const StatusStamp &stored, const StatusStamp &incoming);

/// Same decision from the stored rank alone, as the database sees it.
bool rankMayReplace(qint64 storedRank, qint64 incomingRank);

} // namespace sb
