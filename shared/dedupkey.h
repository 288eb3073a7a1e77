#pragma once

#include <QString>
#include <QStringView>

namespace sb {

/// Length of one dedup bucket: one minute.
inline constexpr qint64 kDedupBucketMs = 60'000;

/// The minute an instant falls in: floor(epochMs / 60000), rounding down for negative input too.
qint64 minuteBucket(qint64 epochMs);

/**
 * @brief The in-memory dedup key of an outbound intent: `"<business>:<e164>:<minute bucket>"`.
 *
 * Layer (a) of DESIGN.md invariant 1: two requests for the same business and number within the
 * same minute bucket share a key, so the memory cache catches the second one before the database
 * is asked. The database check (layer b) is authoritative and also covers bucket edges.
 *
 * @param normalizedNumber the number as normalizePhoneNumber() returns it (E.164); the key is
 *        only useful if every caller normalises the same way.
 */
QString dedupKey(qint64 businessId, QStringView normalizedNumber, qint64 epochMs);

} // namespace sb
