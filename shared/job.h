#pragma once

#include "result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace sb {

/**
 * @brief A durable transcription job (invariants 3 and 11), as stored and as shown.
 *
 * `pending` waits for `run_at`; `running` is held by `lease_owner` until `lease_expires_at`
 * (after that another worker takes it over); `done` carries the outcome; `dead` gave up after
 * `max_attempts`, keeping `last_error`. At most one pending or running job per call.
 */
struct Job
{
    static constexpr int kDefaultMaxAttempts = 5;

    qint64 id = 0;
    qint64 callId = 0;
    QString callSid;
    QString kind = QStringLiteral("transcription");
    QString state = QStringLiteral("pending"); ///< `pending`, `running`, `done` or `dead`
    int attempts = 0;
    int maxAttempts = 0;
    QDateTime runAt;
    QString leaseOwner;
    QDateTime leaseExpiresAt;
    QString lastError;
    bool forced = false;
    QString requestedBy;
    QString outcome; ///< when done: `recording`, `realtime`, `skipped` or `failed` (neither source had text)
    QDateTime createdAt;
    QDateTime updatedAt;

    /// `{id, call_id, call_sid, kind, state, attempts, max_attempts, run_at, lease_owner,
    /// lease_expires_at, last_error, forced, requested_by, outcome, created_at, updated_at}`;
    /// times ISO 8601 UTC with milliseconds, null when unset (so are empty texts).
    QJsonObject toJson() const;
    /// Reads what toJson() writes; an unknown state or outcome, or an unreadable time, is an error.
    static Result<Job> fromJson(const QJsonObject &json);

    friend bool operator==(const Job &, const Job &) = default;
};

/// The job states and done-outcomes as spelled on the wire and in the database.
namespace jobs {
inline const QStringList &states()
{
    static const QStringList names{QStringLiteral("pending"), QStringLiteral("running"), QStringLiteral("done"),
                                   QStringLiteral("dead")};
    return names;
}
inline const QStringList &outcomes()
{
    static const QStringList names{QStringLiteral("recording"), QStringLiteral("realtime"), QStringLiteral("skipped"),
                                   QStringLiteral("failed")};
    return names;
}
} // namespace jobs

} // namespace sb
