#pragma once

#include "callpacer.h"
#include "dedupcache.h"

#include "storage/dedupdecisions.h"
#include "shared/lograte.h"
#include "shared/result.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QUrl>

#include <atomic>
#include <functional>
#include <optional>

namespace sb {

class Storage;
class TwilioRestClient;
struct TwilioReply;

/// One `POST /api/outbound/call` as the service takes it (numbers as the caller typed them).
struct OutboundRequest
{
    qint64 businessId = 0;
    QString leadId;
    QString to;
    QString from; ///< empty: the business's caller number
};

/// The answer: the call this intent maps to and how it was decided.
struct OutboundResult
{
    qint64 callId = 0;     ///< our row; 0 for a call placed without a reservation (failed open)
    QString callSid;       ///< empty while Twilio has not created (or confirmed) the call
    QString status;
    bool duplicate = false;
    std::optional<DedupLayer> layer;
    qint64 pacedMs = 0;    ///< how long the create waited for its pacing slot
    bool failedOpen = false;

    QJsonObject toJson() const;
};

/// What the service did, for /api/dedup/cache and tests (read from the I/O thread).
struct OutboundCounters
{
    quint64 placed = 0;
    quint64 memoryDuplicates = 0;
    quint64 databaseDuplicates = 0;
    quint64 failedOpen = 0;
    quint64 failedClosed = 0;
    quint64 refused = 0;
    quint64 unknown = 0;
    quint64 reconciledFound = 0;
    quint64 reconciledAbsent = 0;

    QJsonObject toJson() const;
};

struct OutboundSettings
{
    QUrl publicUrl;              ///< where Twilio reaches /twilio/voice and /twilio/status
    bool failClosed = false;     ///< database unreachable: 503 instead of placing the call
    double callsPerSecond = 1;   ///< Calls.json pacing; 0 is off
    QString defaultRegion = QStringLiteral("IL");
    int reconcileDelayMs = 2000; ///< between looks at Twilio for a call whose outcome is unknown
    int reconcileAttempts = 3;
};

/**
 * @brief The only code that creates Twilio calls (invariant 1).
 *
 * For each request, on the I/O thread: validate and normalise; the memory layer (DedupCache,
 * and requests for an intent already in flight wait for its outcome); then the database layer
 * (OutboundReservations::reserveUnlessActive on a storage thread); then, for a new reservation,
 * a pacing slot and Calls.json. 201 attaches the CallSid; a Twilio error ends the reservation
 * `failed`; a timeout, connection error or 5xx leaves it `unknown` and reconciles it by listing
 * calls at Twilio, never by dialling again. Every decision is kept in dedup_decisions.
 */
class OutboundCallService : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(const Result<OutboundResult> &)>;

    OutboundCallService(Storage &storage, TwilioRestClient &rest, OutboundSettings settings, QObject *parent = nullptr);
    ~OutboundCallService() override;

    /// Decides and, if it is new, places the call; @p done runs once, on the I/O thread.
    void place(const OutboundRequest &request, Done done);

    DedupCache &cache() { return m_cache; }
    const OutboundCounters &counters() const { return m_counters; }
    const CallPacer &pacer() const { return m_pacer; }
    const OutboundSettings &settings() const { return m_settings; }

signals:
    /// A reservation whose outcome was unknown was settled (found at Twilio, or not).
    void reconciled(qint64 callId, const QString &callSid);

private:
    struct Intent
    {
        OutboundRequest request;
        QString to;   ///< E.164
        QString from; ///< E.164, once known
        QString key;
    };
    struct Reserved;

    void onReserved(const Intent &intent, const Done &done, const Result<Reserved> &reserved);
    void dial(const Intent &intent, qint64 callId, bool failedOpen, const Done &done);
    void onCreated(const Intent &intent, qint64 callId, qint64 pacedMs, bool failedOpen, const QDateTime &sentAt,
                   const Done &done, const TwilioReply &reply);
    void reconcile(qint64 callId, const QString &to, const QString &from, const QDateTime &sentAt, int attempt);
    void succeed(const Intent &intent, const OutboundResult &result, const Done &done);
    void fail(const Intent &intent, const Error &error, const Done &done, bool keepCacheEntry);
    void recordDecision(qint64 businessId, const QString &number, const QString &key, std::optional<DedupLayer> layer,
                        const QString &outcome, qint64 callId);
    void flushDecisions();

    Storage &m_storage;
    TwilioRestClient &m_rest;
    OutboundSettings m_settings;
    DedupCache m_cache;
    CallPacer m_pacer;
    OutboundCounters m_counters;
    QHash<QString, QList<Done>> m_waiters;       ///< requests waiting for the pending intent of a key
    QHash<qint64, QString> m_businessNumbers;    ///< caller numbers seen, for placing calls while the database is down
    QList<DedupDecision> m_decisions;            ///< to store in the next batch
    bool m_flushScheduled = false;
    bool m_flushInFlight = false;                ///< one batch at a time keeps the log in decision order
    bool m_databaseDown = false;                 ///< logged once per outage
    LogRateLimiter m_logRate;
};

} // namespace sb
