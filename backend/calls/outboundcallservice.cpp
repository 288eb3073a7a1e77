#include "outboundcallservice.h"

#include "async.h"
#include "storage/businesses.h"
#include "storage/callqueries.h"
#include "storage/outboundreservations.h"
#include "storage/storage.h"
#include "twilio/twiliorestclient.h"

#include "shared/dedupkey.h"
#include "shared/logging.h"
#include "shared/phonenumber.h"

#include <QTimer>

using namespace Qt::StringLiterals;

namespace sb {

struct OutboundCallService::Reserved
{
    ReserveOutcome outcome;
    QString from;
};

QJsonObject OutboundResult::toJson() const
{
    return {{u"call_sid"_s, callSid.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(callSid)},
            {u"call_id"_s, callId > 0 ? QJsonValue(callId) : QJsonValue(QJsonValue::Null)},
            {u"status"_s, status},
            {u"is_duplicate"_s, duplicate},
            {u"dedup_layer"_s, layer ? QJsonValue(toString(*layer)) : QJsonValue(QJsonValue::Null)},
            {u"queued"_s, pacedMs > 0},
            {u"paced_ms"_s, pacedMs},
            {u"failed_open"_s, failedOpen}};
}

QJsonObject OutboundCounters::toJson() const
{
    return {{u"placed"_s, qint64(placed)},
            {u"memory_duplicates"_s, qint64(memoryDuplicates)},
            {u"database_duplicates"_s, qint64(databaseDuplicates)},
            {u"failed_open"_s, qint64(failedOpen)},
            {u"failed_closed"_s, qint64(failedClosed)},
            {u"refused"_s, qint64(refused)},
            {u"unknown"_s, qint64(unknown)},
            {u"reconciled_found"_s, qint64(reconciledFound)},
            {u"reconciled_absent"_s, qint64(reconciledAbsent)}};
}

OutboundCallService::OutboundCallService(Storage &storage, TwilioRestClient &rest, OutboundSettings settings,
                                         QObject *parent)
    : QObject(parent)
    , m_storage(storage)
    , m_rest(rest)
    , m_settings(std::move(settings))
    , m_cache(storage.clock())
    , m_pacer(m_settings.callsPerSecond)
    , m_logRate(LogRateLimiter::kDefaultIntervalMs)
{
}

OutboundCallService::~OutboundCallService()
{
    flushDecisions();
}

void OutboundCallService::place(const OutboundRequest &request, Done done)
{
    if (request.businessId < 1)
        return done(invalidInput(u"business_id must be a positive whole number"_s));
    auto to = normalizePhoneNumber(request.to, m_settings.defaultRegion);
    if (!to)
        return done(invalidInput(u"to: "_s + to.error().message));
    Intent intent{request, *to, {}, {}};
    if (!request.from.trimmed().isEmpty()) {
        auto from = normalizePhoneNumber(request.from, m_settings.defaultRegion);
        if (!from)
            return done(invalidInput(u"from: "_s + from.error().message));
        intent.from = *from;
    }
    intent.key = dedupKey(request.businessId, intent.to, m_storage.clock().nowMs());

    // Layer (a): the same intent this minute, finished or still in flight.
    if (const DedupCacheEntry *entry = m_cache.find(intent.key)) {
        if (entry->pending) {
            ++m_counters.memoryDuplicates;
            m_waiters[intent.key].append(std::move(done));
            return;
        }
        // A call known here only by its reservation is being placed by another instance: the
        // database may have its CallSid by now, so ask it again rather than repeat a null sid.
        if (!entry->callSid.isEmpty() || entry->callId == 0) {
            ++m_counters.memoryDuplicates;
            OutboundResult result{entry->callId, entry->callSid, entry->status, true, DedupLayer::Memory};
            recordDecision(request.businessId, intent.to, intent.key, DedupLayer::Memory, u"duplicate"_s, entry->callId);
            return done(result);
        }
    }
    m_cache.insertPending(intent.key, request.businessId, intent.to); // later requests wait for this one

    // Layer (b): the database, under a lock on (business, number).
    auto future = m_storage.run([intent, region = m_settings.defaultRegion](StorageSession &session) -> Result<Reserved> {
        // One write transaction from the first read (a read left open before it would make
        // SQLite's BEGIN IMMEDIATE fail at once instead of waiting for the write lock).
        auto transaction = Transaction::begin(session);
        if (!transaction)
            return transaction.error();
        auto business = Businesses(session).find(intent.request.businessId);
        if (!business) {
            if (business.error().code == ErrorCode::NotFound)
                return invalidInput(u"unknown business_id "_s + QString::number(intent.request.businessId));
            return business.error();
        }
        QString from = intent.from;
        if (from.isEmpty()) {
            if (business->callerNumber.isEmpty())
                return invalidInput(u"business %1 has no caller number: give `from`"_s.arg(business->id));
            auto normalized = normalizePhoneNumber(business->callerNumber, region);
            if (!normalized)
                return invalidInput(u"business %1's caller number is not valid: %2"_s.arg(business->id).arg(normalized.error().message));
            from = *normalized;
        }
        OutboundReservation reservation{intent.request.businessId, intent.request.leadId, intent.to, from, intent.key,
                                        Direction::OutboundApi};
        auto reserved = OutboundReservations(session).reserveUnlessActive(reservation);
        if (!reserved)
            return reserved.error();
        if (auto committed = transaction.value().commit(); !committed)
            return committed.error();
        return Reserved{*reserved, from};
    });
    whenReady(future, this, [this, intent, done = std::move(done)](const Result<Reserved> &reserved) {
        onReserved(intent, done, reserved);
    });
}

void OutboundCallService::onReserved(const Intent &reservedIntent, const Done &done, const Result<Reserved> &reserved)
{
    Intent intent = reservedIntent;
    const qint64 businessId = intent.request.businessId;
    if (!reserved) {
        const Error &error = reserved.error();
        if (error.code == ErrorCode::InvalidInput || error.code == ErrorCode::NotFound)
            return fail(intent, error, done, false);
        // The database layer cannot decide: fail closed, or place the call on the memory layer alone.
        if (!m_databaseDown) {
            m_databaseDown = true;
            qCWarning(lcCalls).noquote() << "dedup database unreachable:" << error.message
                                         << (m_settings.failClosed ? "| failing closed (503) until it is back"
                                                                   : "| failing open: calls are placed on the memory layer alone");
        }
        if (m_settings.failClosed) {
            ++m_counters.failedClosed;
            recordDecision(businessId, intent.to, intent.key, std::nullopt, u"failed_closed"_s, 0);
            return fail(intent,
                        Error{ErrorCode::Unavailable,
                              u"the dedup database is unreachable and SWITCHBOARD_DEDUP_FAIL_CLOSED is on: no call was placed"_s},
                        done, false);
        }
        if (intent.from.isEmpty())
            intent.from = m_businessNumbers.value(businessId);
        if (intent.from.isEmpty()) {
            return fail(intent,
                        Error{ErrorCode::Unavailable,
                              u"the dedup database is unreachable and the business's caller number is not known: give `from`"_s},
                        done, false);
        }
        ++m_counters.failedOpen;
        return dial(intent, 0, true, done);
    }
    if (m_databaseDown) {
        m_databaseDown = false;
        qCInfo(lcCalls) << "dedup database reachable again";
    }
    intent.from = reserved->from;
    m_businessNumbers.insert(businessId, reserved->from);
    const Call &call = reserved->outcome.call;
    if (reserved->outcome.duplicate) {
        ++m_counters.databaseDuplicates;
        OutboundResult result{call.id, call.callSid, toString(call.status), true, DedupLayer::Database};
        m_cache.resolve(intent.key, call.id, call.callSid, result.status);
        recordDecision(businessId, intent.to, intent.key, DedupLayer::Database, u"duplicate"_s, call.id);
        return succeed(intent, result, done);
    }
    dial(intent, call.id, false, done);
}

void OutboundCallService::dial(const Intent &intent, qint64 callId, bool failedOpen, const Done &done)
{
    const auto webhook = [&](const QString &path) {
        QUrl url = m_settings.publicUrl;
        QString base = url.path();
        if (base.endsWith(u'/'))
            base.chop(1);
        url.setPath(base + path);
        if (callId > 0) // lets the first callback attach the CallSid even before Twilio's 201 arrives
            url.setQuery(u"reservation="_s + QString::number(callId));
        return url;
    };
    const CreateCallParams params{intent.to, intent.from, webhook(u"/twilio/voice"_s), webhook(u"/twilio/status"_s)};
    auto pacedMs = std::make_shared<qint64>(0);
    *pacedMs = m_pacer.schedule([this, intent, callId, failedOpen, done, params, pacedMs] {
        const QDateTime sentAt = QDateTime::currentDateTimeUtc();
        m_rest.createCall(params, [this, intent, callId, failedOpen, done, pacedMs, sentAt](const TwilioReply &reply) {
            onCreated(intent, callId, *pacedMs, failedOpen, sentAt, done, reply);
        });
    });
}

void OutboundCallService::onCreated(const Intent &intent, qint64 callId, qint64 pacedMs, bool failedOpen,
                                    const QDateTime &sentAt, const Done &done, const TwilioReply &reply)
{
    const qint64 businessId = intent.request.businessId;
    if (reply.ok()) {
        ++m_counters.placed;
        OutboundResult result{callId, reply.call.sid, reply.call.status, false, std::nullopt, pacedMs, failedOpen};
        m_cache.resolve(intent.key, callId, result.callSid, result.status);
        recordDecision(businessId, intent.to, intent.key, std::nullopt, failedOpen ? u"failed_open"_s : u"placed"_s, callId);
        if (callId == 0)
            return succeed(intent, result, done);
        auto attached = m_storage.run([callId, sid = reply.call.sid](StorageSession &session) {
            return OutboundReservations(session).markCreated(callId, sid);
        });
        whenReady(attached, this, [this, intent, result, done](const Result<Call> &call) {
            if (!call)
                qCWarning(lcCalls).noquote() << "could not attach CallSid" << result.callSid << "to call" << result.callId
                                             << ':' << call.error().message;
            succeed(intent, result, done);
        });
        return;
    }
    const Error error = apiErrorFor(reply);
    SB_LOG_RATE_LIMITED(qCWarning(lcCalls).noquote(), m_logRate, u"create:"_s + QString::number(reply.errorCode),
                        "Calls.json to" << maskPhoneNumber(intent.to) << "failed:" << error.message);
    if (reply.outcome == TwilioReply::Outcome::Refused) {
        ++m_counters.refused;
        recordDecision(businessId, intent.to, intent.key, std::nullopt, u"refused"_s, callId);
        if (callId > 0)
            m_storage.run([callId, reason = error.message](StorageSession &session) {
                return OutboundReservations(session).markRefused(callId, reason);
            });
        return fail(intent, error, done, false);
    }
    // Unknown: Twilio may have created the call. Keep the reservation (and the cache entry) so
    // nothing dials again, and find out.
    ++m_counters.unknown;
    recordDecision(businessId, intent.to, intent.key, std::nullopt, u"unknown"_s, callId);
    m_cache.resolve(intent.key, callId, {}, u"unknown"_s);
    if (callId > 0) {
        auto marked = m_storage.run([callId](StorageSession &session) { return OutboundReservations(session).markUnknown(callId); });
        whenReady(marked, this, [this, callId, to = intent.to, from = intent.from, sentAt](const Result<void> &) {
            reconcile(callId, to, from, sentAt, 1);
        });
    }
    fail(intent, error, done, true);
}

void OutboundCallService::reconcile(qint64 callId, const QString &to, const QString &from, const QDateTime &sentAt,
                                    int attempt)
{
    QTimer::singleShot(m_settings.reconcileDelayMs, this, [this, callId, to, from, sentAt, attempt] {
        m_rest.listCalls(to, from, 20, [this, callId, to, from, sentAt, attempt](const TwilioReply &reply) {
            const bool last = attempt >= m_settings.reconcileAttempts;
            if (!reply.ok()) {
                if (!last)
                    return reconcile(callId, to, from, sentAt, attempt + 1);
                qCWarning(lcCalls) << "call" << callId << "stays unknown: Twilio's call list could not be read:" << reply.errorMessage;
                return;
            }
            QStringList candidates;
            for (const TwilioCall &call : reply.calls) {
                if (call.to == to && call.from == from
                    && (!call.dateCreated.isValid() || call.dateCreated >= sentAt.addSecs(-60)))
                    candidates.append(call.sid);
            }
            auto settled = m_storage.run([callId, candidates](StorageSession &session) -> Result<QString> {
                auto transaction = Transaction::begin(session);
                if (!transaction)
                    return transaction.error();
                const auto done = [&](const QString &sid) -> Result<QString> {
                    if (auto committed = transaction.value().commit(); !committed)
                        return committed.error();
                    return sid;
                };
                auto stored = CallQueries(session).findById(callId);
                if (!stored)
                    return stored.error();
                if (!stored->callSid.isEmpty())
                    return done(stored->callSid); // a callback named it first
                for (const QString &sid : candidates) {
                    if (CallQueries(session).findBySid(sid).ok())
                        continue; // another call of ours
                    if (auto attached = OutboundReservations(session).markCreated(callId, sid))
                        return done(sid);
                    return Error{ErrorCode::Conflict, u"could not attach "_s + sid};
                }
                return done(QString());
            });
            whenReady(settled, this, [this, callId, to, from, sentAt, attempt, last](const Result<QString> &sid) {
                if (!sid) {
                    qCWarning(lcCalls).noquote() << "reconciling call" << callId << "failed:" << sid.error().message;
                    return;
                }
                if (!sid->isEmpty()) {
                    ++m_counters.reconciledFound;
                    qCInfo(lcCalls).noquote() << "call" << callId << "reconciled: Twilio has it as" << *sid;
                    emit reconciled(callId, *sid);
                    return;
                }
                if (!last)
                    return reconcile(callId, to, from, sentAt, attempt + 1);
                ++m_counters.reconciledAbsent;
                qCInfo(lcCalls) << "call" << callId << "reconciled: Twilio never created it";
                m_storage.run([callId](StorageSession &session) {
                    return OutboundReservations(session).markRefused(callId, u"reconciliation found no call at Twilio"_s);
                });
                emit reconciled(callId, QString());
            });
        });
    });
}

void OutboundCallService::succeed(const Intent &intent, const OutboundResult &result, const Done &done)
{
    done(result);
    const QList<Done> waiters = m_waiters.take(intent.key);
    if (waiters.isEmpty())
        return;
    OutboundResult duplicate = result;
    duplicate.duplicate = true;
    duplicate.layer = DedupLayer::Memory;
    duplicate.pacedMs = 0;
    duplicate.failedOpen = false;
    for (const Done &waiter : waiters) {
        recordDecision(intent.request.businessId, intent.to, intent.key, DedupLayer::Memory, u"duplicate"_s, result.callId);
        waiter(duplicate);
    }
}

void OutboundCallService::fail(const Intent &intent, const Error &error, const Done &done, bool keepCacheEntry)
{
    if (!keepCacheEntry)
        m_cache.remove(intent.key);
    done(error);
    for (const Done &waiter : m_waiters.take(intent.key))
        waiter(error);
}

void OutboundCallService::recordDecision(qint64 businessId, const QString &number, const QString &key,
                                         std::optional<DedupLayer> layer, const QString &outcome, qint64 callId)
{
    DedupDecision decision;
    decision.businessId = businessId;
    decision.number = number;
    decision.dedupKey = key;
    decision.layer = layer;
    decision.outcome = outcome;
    if (callId > 0)
        decision.callId = callId;
    m_decisions.append(decision);
    if (!std::exchange(m_flushScheduled, true))
        QTimer::singleShot(0, this, &OutboundCallService::flushDecisions);
}

void OutboundCallService::flushDecisions()
{
    m_flushScheduled = false;
    if (m_decisions.isEmpty() || m_flushInFlight)
        return;
    // One transaction per batch: a burst of duplicates costs one commit, not one each. Batches go
    // one after the other (storage has several threads), so ids follow the order of decisions.
    m_flushInFlight = true;
    auto stored = m_storage.run([decisions = std::exchange(m_decisions, {})](StorageSession &session) -> Result<void> {
        auto transaction = Transaction::begin(session);
        if (!transaction)
            return transaction.error();
        DedupDecisions log(session);
        for (const DedupDecision &decision : decisions) {
            if (auto recorded = log.record(decision); !recorded)
                return recorded.error();
        }
        return transaction.value().commit();
    });
    whenReady(stored, this, [this](const Result<void> &result) {
        if (!result)
            SB_LOG_RATE_LIMITED(qCWarning(lcCalls).noquote(), m_logRate, u"decisions-not-stored"_s,
                                "could not store dedup decisions:" << result.error().message);
        m_flushInFlight = false;
        flushDecisions();
    });
}

} // namespace sb
