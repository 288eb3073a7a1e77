#pragma once

#include "shared/job.h"

#include <QJsonArray>
#include <QJsonObject>

/// A cost summary as issue 7's `GET /api/costs/summary` answers it: 3 days, one alert.
inline QJsonObject sampleSummaryJson()
{
    const auto buckets = [](int low, int med, int high) {
        return QJsonObject{{QStringLiteral("LOW"), low}, {QStringLiteral("MED"), med}, {QStringLiteral("HIGH"), high}};
    };
    const auto day = [&](const char *date, int total, int high, double cost, int low, int med) {
        return QJsonObject{{QStringLiteral("date"), QString::fromLatin1(date)},
                           {QStringLiteral("total_calls"), total},
                           {QStringLiteral("high_cost_calls"), high},
                           {QStringLiteral("estimated_cost"), cost},
                           {QStringLiteral("bucket_counts"), buckets(low, med, high)}};
    };
    return QJsonObject{
        {QStringLiteral("business_id"), QJsonValue(QJsonValue::Null)},
        {QStringLiteral("days"), 3},
        {QStringLiteral("total_calls"), 30},
        {QStringLiteral("bucket_counts"), buckets(18, 4, 8)},
        {QStringLiteral("high_cost_calls"), 8},
        {QStringLiteral("duplicate_recordings"), 2},
        {QStringLiteral("calls_with_reconnects"), 5},
        {QStringLiteral("webhook_11205_errors"), 1},
        {QStringLiteral("webhook_retries"), 7},
        {QStringLiteral("estimated_cost"), 12.5},
        {QStringLiteral("indicator_counts"), QJsonObject{{QStringLiteral("stream_reconnects"), 5},
                                                         {QStringLiteral("duplicate_recording"), 2},
                                                         {QStringLiteral("webhook_retries"), 3}}},
        {QStringLiteral("recommendations"), QJsonArray{QStringLiteral("Check the stream URL's reachability.")}},
        {QStringLiteral("alerts"), QJsonArray{QJsonObject{{QStringLiteral("key"), QStringLiteral("high_cost_ratio")},
                                                          {QStringLiteral("severity"), QStringLiteral("critical")},
                                                          {QStringLiteral("message"), QStringLiteral("27 % of calls are high cost")},
                                                          {QStringLiteral("action"), QStringLiteral("Look at the reconnecting streams")},
                                                          {QStringLiteral("value"), 0.27},
                                                          {QStringLiteral("threshold"), 0.2}}}},
        {QStringLiteral("daily"), QJsonArray{day("2026-11-19", 10, 1, 3.0, 8, 1), day("2026-11-20", 12, 4, 5.5, 6, 2),
                                             day("2026-11-21", 8, 3, 4.0, 4, 1)}},
        {QStringLiteral("thresholds"), QJsonObject{{QStringLiteral("high_cost_ratio"), 0.25},
                                                   {QStringLiteral("duplicate_recordings"), 0}}},
    };
}

/// A job as the backend writes it (sb::Job::toJson).
inline QJsonObject sampleJobJson(qint64 id, const QString &callSid, const QString &state, const QString &outcome = {})
{
    sb::Job job;
    job.id = id;
    job.callId = id * 10;
    job.callSid = callSid;
    job.state = state;
    job.attempts = state == QStringLiteral("pending") ? 0 : 1;
    job.maxAttempts = 5;
    job.runAt = QDateTime::fromMSecsSinceEpoch(1700000000000, Qt::UTC);
    job.requestedBy = QStringLiteral("admin");
    job.outcome = outcome;
    job.createdAt = QDateTime::fromMSecsSinceEpoch(1700000000000, Qt::UTC);
    job.updatedAt = QDateTime::fromMSecsSinceEpoch(1700000001000, Qt::UTC);
    return job.toJson();
}
