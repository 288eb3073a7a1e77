#include "phonenumber.h"

#include <QStringList>

#include <array>
#include <string_view>

namespace sb {

namespace {

/// What we know about a region's numbering plan: enough to validate lengths, not a full libphonenumber.
struct Region
{
    std::string_view code;        ///< ISO 3166 alpha-2
    std::string_view countryCode; ///< E.164 country calling code
    char trunk;                   ///< national trunk prefix digit
    bool trunkOptional;           ///< NANP: "1 415 …" and "415 …" are both national spellings
    int minNsn;                   ///< national significant number length, without trunk
    int maxNsn;
};

constexpr std::array<Region, 6> kRegions{{
    {"IL", "972", '0', false, 8, 9},
    {"US", "1", '1', true, 10, 10},
    {"CA", "1", '1', true, 10, 10},
    {"GB", "44", '0', false, 9, 10},
    {"DE", "49", '0', false, 6, 13},
    {"FR", "33", '0', false, 9, 9},
}};

constexpr int kMaxE164Digits = 15;
constexpr int kMinInternationalDigits = 7; // shortest numbers in service (e.g. +290 XXXX)
constexpr int kMaskKeepHead = 6;
constexpr int kMaskKeepTail = 2;

QLatin1StringView latin1(std::string_view text)
{
    return QLatin1StringView(text.data(), qsizetype(text.size()));
}

bool isNanp(const Region &region)
{
    return region.countryCode == "1";
}

const Region *regionByCode(QStringView code)
{
    for (const Region &region : kRegions) {
        if (code.compare(latin1(region.code), Qt::CaseInsensitive) == 0)
            return &region;
    }
    return nullptr;
}

const Region *regionByCountryCode(QStringView digits)
{
    for (const Region &region : kRegions) {
        if (digits.startsWith(latin1(region.countryCode)))
            return &region;
    }
    return nullptr;
}

QString knownRegionList()
{
    QStringList codes;
    for (const Region &region : kRegions)
        codes << latin1(region.code);
    codes.sort();
    return codes.join(QStringLiteral(", "));
}

QString describeRange(int min, int max)
{
    if (min == max)
        return QStringLiteral("exactly %1").arg(min);
    if (max == min + 1)
        return QStringLiteral("%1 or %2").arg(min).arg(max);
    return QStringLiteral("%1 to %2").arg(min).arg(max);
}

/// A character as a person can read it in a message, even when it is invisible.
QString describeChar(QChar c)
{
    if (c.isPrint() && !c.isSpace())
        return u'\'' + QString(c) + u'\'';
    return QStringLiteral("U+%1").arg(c.unicode(), 4, 16, QLatin1Char('0')).toUpper();
}

bool isSeparator(QChar c)
{
    switch (c.unicode()) {
    case u' ':
    case u'-':
    case u'.':
    case u'(':
    case u')':
    case u'/':
        return true;
    default:
        return false;
    }
}

bool isAsciiDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

/// Checks a national significant number against its region; returns an error message or null.
QString checkNsn(const Region &region, QStringView nsn, QStringView where)
{
    if (nsn.size() < region.minNsn || nsn.size() > region.maxNsn) {
        return QStringLiteral("a phone number in %1 has %2 digits %3, not %4")
            .arg(latin1(region.code), describeRange(region.minNsn, region.maxNsn), where.toString())
            .arg(nsn.size());
    }
    // NANP area codes start with 2-9; a leading 0/1 means the digits are misplaced.
    if (isNanp(region) && (nsn.front() == u'0' || nsn.front() == u'1'))
        return QStringLiteral("a North American area code cannot start with 0 or 1");
    // Elsewhere the trunk digit is never part of the number itself: left in, the E.164 result
    // would lose it when normalised again ("+49 (0)0…").
    if (!isNanp(region) && nsn.front() == QChar::fromLatin1(region.trunk)) {
        return QStringLiteral("a phone number in %1 cannot start with %2 %3 (one trunk prefix %2 at most)")
            .arg(latin1(region.code), QString(QChar::fromLatin1(region.trunk)), where.toString());
    }
    return {};
}

Result<QString> fromInternational(QStringView digits)
{
    if (digits.isEmpty())
        return invalidInput(QStringLiteral("phone number has no digits after the international prefix"));
    if (digits.front() == u'0')
        return invalidInput(QStringLiteral("a country code never starts with 0"));
    if (digits.size() > kMaxE164Digits) {
        return invalidInput(QStringLiteral("phone number has %1 digits; E.164 allows at most %2")
                                .arg(digits.size())
                                .arg(kMaxE164Digits));
    }
    const Region *region = regionByCountryCode(digits);
    if (!region) {
        if (digits.size() < kMinInternationalDigits) {
            return invalidInput(QStringLiteral("phone number is too short: %1 digits, an international "
                                               "number has at least %2")
                                    .arg(digits.size())
                                    .arg(kMinInternationalDigits));
        }
        return QString(u'+' + digits);
    }
    const QLatin1StringView countryCode = latin1(region->countryCode);
    QStringView nsn = digits.mid(countryCode.size());
    // "+44 (0)20 …" is a common way of writing numbers: the trunk 0 is not dialled from abroad.
    if (!region->trunkOptional && nsn.startsWith(QChar::fromLatin1(region->trunk)))
        nsn = nsn.mid(1);
    if (const QString problem = checkNsn(*region, nsn, u"after the country code"); !problem.isNull())
        return invalidInput(problem);
    return QString(u'+' + countryCode + nsn);
}

Result<QString> fromNational(QStringView digits, const Region &region)
{
    const QChar trunk = QChar::fromLatin1(region.trunk);
    QStringView nsn = digits;
    if (nsn.startsWith(trunk)) {
        nsn = nsn.mid(1);
    } else if (!region.trunkOptional) {
        return invalidInput(QStringLiteral("a national number in %1 starts with the trunk prefix %2; "
                                           "write other numbers with + or 00 and the country code")
                                .arg(latin1(region.code), QString(trunk)));
    }
    if (const QString problem = checkNsn(region, nsn, u"after the trunk prefix"); !problem.isNull())
        return invalidInput(problem);
    return QString(u'+' + latin1(region.countryCode) + nsn);
}

} // namespace

Result<QString> normalizePhoneNumber(QStringView input, QStringView defaultRegion)
{
    const Region *region = regionByCode(defaultRegion);
    if (!region) {
        return invalidInput(QStringLiteral("unknown default region \"%1\" (known: %2)")
                                .arg(defaultRegion.toString(), knownRegionList()));
    }

    const QStringView text = input.trimmed();
    if (text.isEmpty())
        return invalidInput(QStringLiteral("phone number is empty"));
    // Twilio hands us "client:alice" and "sip:bob@example.com" in the same fields as numbers.
    if (text.contains(u':') || text.contains(u'@'))
        return invalidInput(QStringLiteral("not a phone number (looks like a client: or sip: address)"));

    QString digits;
    digits.reserve(text.size());
    bool plus = false;
    for (const QChar c : text) {
        if (isAsciiDigit(c)) {
            digits.append(c);
        } else if (c == u'+') {
            if (plus || !digits.isEmpty())
                return invalidInput(QStringLiteral("a '+' may only appear once, at the start of a phone number"));
            plus = true;
        } else if (isSeparator(c)) {
            continue;
        } else if (c.isLetter()) {
            return invalidInput(QStringLiteral("phone number contains the letter %1; only digits, a leading +, "
                                               "spaces and - . ( ) / are allowed")
                                    .arg(describeChar(c)));
        } else {
            return invalidInput(QStringLiteral("phone number contains %1; only digits, a leading +, "
                                               "spaces and - . ( ) / are allowed")
                                    .arg(describeChar(c)));
        }
    }
    if (digits.isEmpty())
        return invalidInput(QStringLiteral("phone number has no digits"));

    const QStringView all(digits);
    if (plus)
        return fromInternational(all);
    if (all.startsWith(u"00"))
        return fromInternational(all.mid(2));
    if (isNanp(*region) && all.startsWith(u"011"))
        return fromInternational(all.mid(3));
    if (digits.size() > kMaxE164Digits)
        return invalidInput(QStringLiteral("phone number has %1 digits; E.164 allows at most %2")
                                .arg(digits.size())
                                .arg(kMaxE164Digits));
    return fromNational(all, *region);
}

bool isE164(QStringView text)
{
    if (text.size() < 3 || text.size() > kMaxE164Digits + 1 || text.front() != u'+')
        return false;
    if (text.at(1) < u'1' || text.at(1) > u'9')
        return false;
    for (const QChar c : text.mid(2)) {
        if (!isAsciiDigit(c))
            return false;
    }
    return true;
}

QString maskPhoneNumber(QStringView number)
{
    if (number.isEmpty())
        return {};
    if (isE164(number)) {
        // Long enough that head and tail leave at least 3 digits hidden.
        if (number.size() >= kMaskKeepHead + kMaskKeepTail + 3) {
            return number.left(kMaskKeepHead) + QString(number.size() - kMaskKeepHead - kMaskKeepTail, u'*')
                   + number.right(kMaskKeepTail);
        }
        return number.left(2) + QString(number.size() - 2, u'*');
    }
    // Keep a short lowercase scheme ("client:", "sip:") so the log still says what kind of party it was.
    const qsizetype colon = number.indexOf(u':');
    if (colon > 0 && colon <= 8) {
        const QStringView scheme = number.left(colon);
        bool letters = true;
        for (const QChar c : scheme)
            letters = letters && c >= u'a' && c <= u'z';
        if (letters)
            return scheme + QStringLiteral(":***");
    }
    return QStringLiteral("***");
}

} // namespace sb
