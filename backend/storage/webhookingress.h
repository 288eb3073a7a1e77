#pragma once

#include "shared/call.h"
#include "shared/result.h"
#include "storagesession.h"

namespace sb {

/// Whether a webhook delivery was seen before.
struct ReceiptOutcome
{
    bool firstTime = false;
    int webhookRetryCount = 0; ///< the call's count after this delivery (0 when no call is known)
    bool callKnown = false;    ///< @p callSid named a stored call (now locked for this transaction)
};

/// @brief The only writer of webhook_retry_count and webhook_11205_count (invariant 6).
class WebhookIngress
{
public:
    explicit WebhookIngress(StorageSession &session) : m_session(session) { }

    /**
     * Records a delivery under @p idempotencyKey (`I-Twilio-Idempotency-Token`, or CallSid +
     * SequenceNumber). The first delivery returns firstTime; a repeat increments the call's
     * webhook_retry_count in the same transaction (when @p callSid names a known call).
     */
    Result<ReceiptOutcome> recordReceipt(const QString &idempotencyKey, const QString &kind, const QString &callSid);

    /// An alarm/debugger webhook with error 11205 for @p callSid.
    Result<Call> increment11205(const QString &callSid);

    /// A Media Stream status callback: a timeline entry only (stream metrics belong to the media
    /// sessions, invariant 7).
    Result<void> noteStreamCallback(const QString &callSid, const QJsonObject &detail);

private:
    StorageSession &m_session;
};

} // namespace sb
