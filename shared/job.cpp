#include "job.h"

#include <QStringList>

namespace sb {

namespace {

QJsonValue timeToJson(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(time.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}

QJsonValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue() : QJsonValue(text);
}

/// A nullable time field; false with @p error set when it is present but unreadable.
bool readTime(const QJsonObject &json, QLatin1StringView key, QDateTime &target, Error &error)
{
    const QJsonValue value = json.value(key);
    if (value.isNull() || value.isUndefined())
        return true;
    target = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    if (!target.isValid()) {
        error = invalidInput(QStringLiteral("job: %1: unreadable time \"%2\"").arg(key, value.toString().left(40)));
        return false;
    }
    target = target.toUTC();
    return true;
}

} // namespace

QJsonObject Job::toJson() const
{
    return QJsonObject{
        {QStringLiteral("id"), id},
        {QStringLiteral("call_id"), callId},
        {QStringLiteral("call_sid"), textOrNull(callSid)},
        {QStringLiteral("kind"), kind},
        {QStringLiteral("state"), state},
        {QStringLiteral("attempts"), attempts},
        {QStringLiteral("max_attempts"), maxAttempts},
        {QStringLiteral("run_at"), timeToJson(runAt)},
        {QStringLiteral("lease_owner"), textOrNull(leaseOwner)},
        {QStringLiteral("lease_expires_at"), timeToJson(leaseExpiresAt)},
        {QStringLiteral("last_error"), textOrNull(lastError)},
        {QStringLiteral("forced"), forced},
        {QStringLiteral("requested_by"), textOrNull(requestedBy)},
        {QStringLiteral("outcome"), textOrNull(outcome)},
        {QStringLiteral("created_at"), timeToJson(createdAt)},
        {QStringLiteral("updated_at"), timeToJson(updatedAt)},
    };
}

Result<Job> Job::fromJson(const QJsonObject &json)
{
    Job job;
    const auto text = [&](const char *key) { return json.value(QLatin1StringView(key)).toString(); };
    job.id = json.value(QLatin1StringView("id")).toInteger();
    job.callId = json.value(QLatin1StringView("call_id")).toInteger();
    job.callSid = text("call_sid");
    job.kind = text("kind");
    job.state = text("state");
    job.attempts = json.value(QLatin1StringView("attempts")).toInt();
    job.maxAttempts = json.value(QLatin1StringView("max_attempts")).toInt();
    job.leaseOwner = text("lease_owner");
    job.lastError = text("last_error");
    job.forced = json.value(QLatin1StringView("forced")).toBool();
    job.requestedBy = text("requested_by");
    job.outcome = text("outcome");
    if (job.kind != u"transcription")
        return invalidInput(QStringLiteral("job: unknown kind \"%1\"").arg(job.kind.left(40)));
    if (!jobs::states().contains(job.state))
        return invalidInput(QStringLiteral("job: unknown state \"%1\" (expected one of %2)")
                                .arg(job.state.left(40), jobs::states().join(u", ")));
    if (!job.outcome.isEmpty() && !jobs::outcomes().contains(job.outcome))
        return invalidInput(QStringLiteral("job: unknown outcome \"%1\" (expected one of %2)")
                                .arg(job.outcome.left(40), jobs::outcomes().join(u", ")));
    Error error;
    if (!readTime(json, QLatin1StringView("run_at"), job.runAt, error)
        || !readTime(json, QLatin1StringView("lease_expires_at"), job.leaseExpiresAt, error)
        || !readTime(json, QLatin1StringView("created_at"), job.createdAt, error)
        || !readTime(json, QLatin1StringView("updated_at"), job.updatedAt, error)) {
        return error;
    }
    return job;
}

} // namespace sb
