#pragma once

#include "result.h"

#include <QString>
#include <QStringView>

namespace sb {

/**
 * @brief Normalises a phone number as a person would type it into E.164 (`+<country><number>`).
 *
 * Accepted:
 * - separators anywhere: spaces, `-`, `.`, `(`, `)`, `/`;
 * - international form: a leading `+`, the `00` prefix, or `011` when @p defaultRegion is US/CA;
 *   a trunk `(0)` written after a known country code (`+44 (0)20 …`) is dropped;
 * - national form of @p defaultRegion, which must carry the region's trunk prefix (`050-123-4567`
 *   in IL); for US/CA the trunk `1` is optional (`(415) 555-0100`, `1 415 555 0100`).
 *
 * Known regions: IL, US, CA, GB, DE, FR (case-insensitive). Numbers of a known country are
 * checked against that country's length rules; other country codes only against E.164's limit
 * of 15 digits.
 *
 * @return the E.164 string, or an InvalidInput Error whose message says what is wrong without
 *         repeating the number itself (messages end up in logs and API answers).
 */
Result<QString> normalizePhoneNumber(QStringView input, QStringView defaultRegion = u"IL");

/// Whether @p text is already in E.164 form: `+`, a first digit 1–9, 2 to 15 digits in all
/// (the same rule Twilio applies). Says nothing about whether the number exists.
bool isE164(QStringView text);

/**
 * @brief A phone number made safe for logs at info level (DESIGN.md invariant 10).
 *
 * An E.164 number keeps its first 6 and last 2 characters (`+972501234567` → `+97250*****67`);
 * a short E.164 number keeps only `+` and its first digit. Anything else (national spelling,
 * `client:alice`, `sip:…`, garbage) is reduced to `***`, keeping only a leading `client:` /
 * `sip:`-style scheme. The result never contains the input unmasked; an empty input gives an
 * empty string.
 */
QString maskPhoneNumber(QStringView number);

} // namespace sb
