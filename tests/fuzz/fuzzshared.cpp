// Readers of outside text in shared/ and storage/: the JSON readers of the shared types (what the
// console reads from the API), phone numbers and database URLs.
#include "fuzzcheck.h"
#include "fuzztargets.h"

#include "storage/databaseurl.h"

#include "shared/alerts.h"
#include "shared/call.h"
#include "shared/callevent.h"
#include "shared/costsummary.h"
#include "shared/phonenumber.h"

#include <QJsonDocument>

#include <algorithm>
#include <iterator>

namespace sb::fuzz {

namespace {

void sharedCheck(bool ok, const char *what)
{
    check(ok, "sharedjson", what);
}

void phoneCheck(bool ok, const char *what)
{
    check(ok, "phonenumber", what);
}

void urlCheck(bool ok, const char *what)
{
    check(ok, "databaseurl", what);
}

/// What T::fromJson() accepts, written with toJson() and read back through the text as the
/// console reads it, is the same value.
template<typename T>
void roundTrip(const QJsonObject &object, const char *what)
{
    const auto first = T::fromJson(object);
    if (!first) {
        sharedCheck(first.error().code == ErrorCode::InvalidInput && !first.error().message.isEmpty(),
                    "a refusal that is not an InvalidInput with a message");
        return;
    }
    const QByteArray text = QJsonDocument(first->toJson()).toJson(QJsonDocument::Compact);
    const auto second = T::fromJson(QJsonDocument::fromJson(text).object());
    sharedCheck(second && *second == *first, what);
}

qsizetype digitCount(QStringView text)
{
    qsizetype digits = 0;
    for (const QChar c : text)
        digits += c.isDigit() ? 1 : 0;
    return digits;
}

} // namespace

/// The first byte picks the type; the rest is its JSON.
void sharedJson(const uint8_t *data, size_t size)
{
    if (size == 0)
        return;
    const QJsonObject object = QJsonDocument::fromJson(inputBytes(data + 1, size - 1)).object();
    switch (data[0] % 4) {
    case 0: roundTrip<Call>(object, "a Call does not survive toJson() and fromJson()"); break;
    case 1: roundTrip<CallEvent>(object, "a CallEvent does not survive toJson() and fromJson()"); break;
    case 2: roundTrip<CostSummary>(object, "a CostSummary does not survive toJson() and fromJson()"); break;
    case 3: roundTrip<Alert>(object, "an Alert does not survive toJson() and fromJson()"); break;
    }
}

/// The first byte picks the default region; the rest is the number as typed.
void phoneNumber(const uint8_t *data, size_t size)
{
    if (size == 0)
        return;
    static const QStringView knownRegions[] = {u"IL", u"US", u"CA", u"GB", u"DE", u"FR", u"us"};
    static const QStringView regions[] = {u"IL", u"US", u"CA", u"GB", u"DE", u"FR", u"us", u"ZZ", u""};
    const QStringView region = regions[data[0] % std::size(regions)];
    const QString input = QString::fromUtf8(inputBytes(data + 1, size - 1));

    const auto normalized = normalizePhoneNumber(input, region);
    if (normalized) {
        phoneCheck(isE164(*normalized), "an accepted number that is not E.164");
        for (const QStringView other : knownRegions) {
            const auto again = normalizePhoneNumber(*normalized, other);
            phoneCheck(again && *again == *normalized, "an E.164 result that does not normalise to itself");
        }
    } else {
        phoneCheck(normalized.error().code == ErrorCode::InvalidInput && !normalized.error().message.isEmpty(),
                   "a refusal that is not an InvalidInput with a message");
        // Messages go to logs and API answers: they never repeat the number.
        phoneCheck(digitCount(input) < 4 || !normalized.error().message.contains(input.trimmed()),
                   "a refusal that repeats the number");
    }

    const QString masked = maskPhoneNumber(input);
    phoneCheck(input.isEmpty() == masked.isEmpty(), "a mask of nothing, or nothing as a mask");
    phoneCheck(digitCount(input) < 3 || digitCount(masked) < digitCount(input), "a mask that hides no digit");
}

void databaseUrl(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(inputBytes(data, size));
    const auto url = DatabaseUrl::parse(text);
    if (!url) {
        urlCheck(url.error().code == ErrorCode::InvalidInput && !url.error().message.isEmpty(),
                 "a refusal that is not an InvalidInput with a message");
        // The text after the user name's ':' may be a password: errors never show it. Checked for
        // one with a character no fixed message text has (else "postgresql" and "[::1]:5432" in
        // the messages would count); if the message also shows it with that text replaced, it
        // came from elsewhere in the URL (the scheme, an option).
        const qsizetype scheme = text.indexOf(u"://");
        if (scheme >= 0) {
            const qsizetype start = scheme + 3;
            qsizetype end = start;
            while (end < text.size() && text[end] != u'/' && text[end] != u'?')
                ++end;
            const qsizetype colon = text.indexOf(u':', start);
            const qsizetype at = text.lastIndexOf(u'@', end - 1);
            if (colon >= 0 && colon < end && (at < start || colon < at)) {
                const qsizetype secretEnd = at > colon ? at : end;
                const QString secret = text.sliced(colon + 1, secretEnd - colon - 1);
                const bool distinctive = std::any_of(secret.begin(), secret.end(), [](QChar c) {
                    return QStringView(u"!#$*;<>^`|~").contains(c);
                });
                if (distinctive && secret.size() >= 4 && url.error().message.contains(secret)) {
                    QString replaced = text;
                    replaced.replace(colon + 1, secret.size(), QString(secret.size(), u'Z'));
                    const auto other = DatabaseUrl::parse(replaced);
                    urlCheck(!other && other.error().message.contains(secret),
                             "an error message that shows what may be the password");
                }
            }
        }
        return;
    }
    // masked() names the same database, the password hidden.
    const auto again = DatabaseUrl::parse(url->masked());
    urlCheck(bool(again), "masked() is not a database URL");
    urlCheck(again->dialect() == url->dialect() && again->path() == url->path() && again->host() == url->host()
                 && again->port() == url->port() && again->user() == url->user()
                 && again->databaseName() == url->databaseName() && again->options() == url->options(),
             "masked() names another database");
    urlCheck(again->password() == (url->password().isEmpty() ? QString() : QStringLiteral("***")),
             "masked() shows the password");
}

} // namespace sb::fuzz
