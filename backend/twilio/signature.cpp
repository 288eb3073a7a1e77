#include "signature.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QUrlQuery>

#include <algorithm>
#include <map>
#include <set>

namespace sb {

namespace {

/// Where the authority's port sits in a URL string: [colon, end) or an empty range.
struct Authority
{
    qsizetype hostEnd = -1; ///< index just past the host (where ":port" would start)
    qsizetype end = -1;     ///< index just past the authority
    bool hasPort = false;
};

Authority findAuthority(QStringView url)
{
    Authority authority;
    const qsizetype schemeEnd = url.indexOf(u"://");
    if (schemeEnd < 0)
        return authority;
    const qsizetype start = schemeEnd + 3;
    qsizetype end = start;
    while (end < url.size() && url[end] != u'/' && url[end] != u'?' && url[end] != u'#')
        ++end;
    const QStringView hostPort = url.sliced(start, end - start);
    const qsizetype at = hostPort.lastIndexOf(u'@');
    const qsizetype hostStart = at < 0 ? 0 : at + 1;
    const qsizetype bracket = hostPort.lastIndexOf(u']'); // IPv6 literal: the port follows the bracket
    const qsizetype colon = hostPort.lastIndexOf(u':');
    authority.end = end;
    if (colon > hostStart && colon > bracket) {
        authority.hostEnd = start + colon;
        authority.hasPort = true;
    } else {
        authority.hostEnd = end;
    }
    return authority;
}

bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= static_cast<unsigned char>(a[i] ^ b[i]);
    return difference == 0;
}

} // namespace

QByteArray TwilioSignature::signedString(QStringView url, const FormFields &fields)
{
    // Ordinal byte order of the UTF-8 keys and values, each distinct value once.
    std::map<QByteArray, std::set<QByteArray>> sorted;
    for (const auto &[key, value] : fields)
        sorted[key.toUtf8()].insert(value.toUtf8());
    QByteArray data = url.toUtf8();
    for (const auto &[key, values] : sorted) {
        for (const QByteArray &value : values)
            data += key + value;
    }
    return data;
}

QByteArray TwilioSignature::compute(QByteArrayView authToken, QStringView url, const FormFields &fields)
{
    return QMessageAuthenticationCode::hash(signedString(url, fields), authToken.toByteArray(),
                                           QCryptographicHash::Sha1)
        .toBase64();
}

QStringList TwilioSignature::portVariants(QStringView url)
{
    QStringList variants{url.toString()};
    const Authority authority = findAuthority(url);
    if (authority.end < 0)
        return variants;
    if (authority.hasPort) {
        variants << url.first(authority.hostEnd).toString() + url.sliced(authority.end);
    } else {
        const bool https = url.startsWith(u"https:", Qt::CaseInsensitive) || url.startsWith(u"wss:", Qt::CaseInsensitive);
        variants << url.first(authority.end).toString() + (https ? u":443" : u":80") + url.sliced(authority.end);
    }
    return variants;
}

TwilioSignatureValidator::TwilioSignatureValidator(QByteArray authToken)
    : m_authToken(std::move(authToken))
{
}

bool TwilioSignatureValidator::matchesAnyVariant(QStringView url, const FormFields &fields, QByteArrayView signature) const
{
    if (m_authToken.isEmpty() || signature.isEmpty())
        return false;
    bool matched = false;
    for (const QString &variant : TwilioSignature::portVariants(url)) // no early exit: same work either way
        matched |= constantTimeEquals(TwilioSignature::compute(m_authToken, variant, fields), signature);
    return matched;
}

bool TwilioSignatureValidator::validateForm(QStringView url, const FormFields &fields, QByteArrayView signature) const
{
    return matchesAnyVariant(url, fields, signature);
}

bool TwilioSignatureValidator::validateJsonBody(QStringView url, QByteArrayView body, QByteArrayView signature) const
{
    const qsizetype queryStart = url.indexOf(u'?');
    if (queryStart < 0)
        return false;
    const QUrlQuery query(url.sliced(queryStart + 1).toString());
    const QString expectedHash = query.queryItemValue(QStringLiteral("bodySHA256"));
    if (expectedHash.isEmpty())
        return false;
    const QByteArray actualHash = QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex();
    const bool signatureOk = matchesAnyVariant(url, {}, signature);
    return signatureOk && constantTimeEquals(actualHash, expectedHash.toLatin1());
}

bool TwilioSignatureValidator::validateWebSocket(QStringView url, QByteArrayView signature) const
{
    return matchesAnyVariant(url, {}, signature) || matchesAnyVariant(QString(url.toString() + u'/'), {}, signature);
}

} // namespace sb
