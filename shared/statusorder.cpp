#include "statusorder.h"

namespace sb {

namespace {
constexpr int kFinalLifecycleRank = 5;
constexpr qint64 kSequenceSpan = qint64(1) << 32; // room for every sequence number of a call
} // namespace

int lifecycleRank(CallStatus status)
{
    switch (status) {
    case CallStatus::Reserved:
        return 0;
    case CallStatus::Queued:
        return 1;
    case CallStatus::Initiated:
        return 2;
    case CallStatus::Ringing:
        return 3;
    case CallStatus::InProgress:
    case CallStatus::Answered:
        return 4;
    case CallStatus::Completed:
    case CallStatus::Busy:
    case CallStatus::Failed:
    case CallStatus::NoAnswer:
    case CallStatus::Canceled:
        return kFinalLifecycleRank;
    }
    Q_UNREACHABLE();
    return 0;
}

bool isFinal(CallStatus status)
{
    return lifecycleRank(status) == kFinalLifecycleRank;
}

bool isActive(CallStatus status)
{
    return !isFinal(status);
}

qint64 statusRank(const StatusStamp &stamp)
{
    qint64 sequencePart = 0;
    if (stamp.sequenceNumber && *stamp.sequenceNumber >= 0)
        sequencePart = qMin<qint64>(*stamp.sequenceNumber, kSequenceSpan - 2) + 1;
    return lifecycleRank(stamp.status) * kSequenceSpan + sequencePart;
}

qint64 finalRankFloor()
{
    return kFinalLifecycleRank * kSequenceSpan;
}

bool rankMayReplace(qint64 storedRank, qint64 incomingRank)
{
    return storedRank < finalRankFloor() && incomingRank > storedRank;
}

bool statusMayReplace(const StatusStamp &stored, const StatusStamp &incoming)
{
    return rankMayReplace(statusRank(stored), statusRank(incoming));
}

} // namespace sb
