#include "webhookingress.h"

#include "storagedetail.h"

using namespace Qt::StringLiterals;

namespace sb {

namespace {
const QString kSource = u"ingress"_s;
}

Result<ReceiptOutcome> WebhookIngress::recordReceipt(const QString &idempotencyKey, const QString &kind,
                                                     const QString &callSid)
{
    if (idempotencyKey.isEmpty() || kind.isEmpty())
        return invalidInput(u"a webhook receipt needs an idempotency key and a kind"_s);
    auto transaction = Transaction::begin(m_session);
    if (!transaction)
        return transaction.error();
    auto inserted = m_session.exec(u"INSERT INTO webhook_receipts (idempotency_key, kind, call_sid, received_at) "
                                   "VALUES (:key, :kind, :sid, :now) ON CONFLICT (idempotency_key) DO NOTHING"_s,
                                   {{u":key"_s, idempotencyKey}, {u":kind"_s, kind}, {u":sid"_s, nullIfEmpty(callSid)},
                                    {u":now"_s, m_session.nowMs()}});
    if (!inserted)
        return inserted.error();
    ReceiptOutcome outcome;
    outcome.firstTime = detail::affectedRows(*inserted) == 1;
    inserted.value().finish();
    if (!callSid.isEmpty()) {
        auto call = detail::lockCallBySid(m_session, callSid);
        if (call) {
            outcome.callKnown = true;
            outcome.webhookRetryCount = call.value().webhookRetryCount;
            if (!outcome.firstTime) {
                auto updated = m_session.exec(u"UPDATE calls SET webhook_retry_count = webhook_retry_count + 1, "
                                              "updated_at = :now WHERE id = :id"_s,
                                              {{u":now"_s, m_session.nowMs()}, {u":id"_s, call.value().id}});
                if (!updated)
                    return updated.error();
                outcome.webhookRetryCount = call.value().webhookRetryCount + 1;
                auto event = detail::appendEvent(m_session, *call, u"webhook_retry"_s, kSource,
                                                 {{u"kind"_s, kind},
                                                  {u"webhook_retry_count"_s, outcome.webhookRetryCount}});
                if (!event)
                    return event.error();
                if (auto recomputed = detail::recomputeCost(m_session, call.value().id); !recomputed)
                    return recomputed.error();
            }
        } else if (call.error().code != ErrorCode::NotFound) {
            return call.error();
        }
    }
    if (auto committed = transaction.value().commit(); !committed)
        return committed.error();
    return outcome;
}

Result<Call> WebhookIngress::increment11205(const QString &callSid)
{
    auto locked = detail::beginWriteOnCall(m_session, callSid);
    if (!locked)
        return locked.error();
    auto &[transaction, call] = locked.value();
    auto updated = m_session.exec(u"UPDATE calls SET webhook_11205_count = webhook_11205_count + 1, updated_at = :now "
                                  "WHERE id = :id"_s,
                                  {{u":now"_s, m_session.nowMs()}, {u":id"_s, call.id}});
    if (!updated)
        return updated.error();
    return detail::finishCostInputWrite(m_session, transaction, call, u"webhook_11205"_s, kSource,
                                        {{u"webhook_11205_count"_s, call.webhook11205Count + 1}});
}

Result<void> WebhookIngress::noteStreamCallback(const QString &callSid, const QJsonObject &detail)
{
    auto locked = detail::beginWriteOnCall(m_session, callSid);
    if (!locked)
        return locked.error();
    auto &[transaction, call] = locked.value();
    if (auto event = detail::appendEvent(m_session, call, u"stream_callback"_s, kSource, detail); !event)
        return event.error();
    return transaction.commit();
}

} // namespace sb
