#include "form.h"

#include "hexdigit.h"

#include <QStringDecoder>
#include <QUrl>

namespace sb {

namespace {

Result<QString> decodeComponent(QByteArrayView raw, int fieldNumber)
{
    QByteArray bytes;
    bytes.reserve(raw.size());
    for (qsizetype i = 0; i < raw.size(); ++i) {
        const char c = raw[i];
        if (c == '+') {
            bytes += ' ';
        } else if (c == '%') {
            const int high = i + 1 < raw.size() ? hexDigitValue(raw[i + 1]) : -1;
            const int low = i + 2 < raw.size() ? hexDigitValue(raw[i + 2]) : -1;
            if (high < 0 || low < 0)
                return invalidInput(QStringLiteral("form field %1 has a broken %-escape").arg(fieldNumber));
            bytes += char(high * 16 + low);
            i += 2;
        } else {
            bytes += c;
        }
    }
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(bytes);
    if (decoder.hasError())
        return invalidInput(QStringLiteral("form field %1 is not valid UTF-8").arg(fieldNumber));
    return text;
}

} // namespace

Result<FormFields> parseForm(QByteArrayView body)
{
    FormFields fields;
    int fieldNumber = 0;
    qsizetype start = 0;
    while (start < body.size()) {
        qsizetype end = body.indexOf('&', start);
        if (end < 0)
            end = body.size();
        const QByteArrayView pair = body.sliced(start, end - start);
        start = end + 1;
        if (pair.isEmpty())
            continue;
        ++fieldNumber;
        const qsizetype equals = pair.indexOf('=');
        auto key = decodeComponent(equals < 0 ? pair : pair.first(equals), fieldNumber);
        if (!key)
            return key.error();
        if (key->isEmpty())
            return invalidInput(QStringLiteral("form field %1 has no name").arg(fieldNumber));
        auto value = decodeComponent(equals < 0 ? QByteArrayView() : pair.sliced(equals + 1), fieldNumber);
        if (!value)
            return value.error();
        fields.append({std::move(key).value(), std::move(value).value()});
    }
    return fields;
}

QByteArray encodeForm(const FormFields &fields)
{
    QByteArray body;
    for (const auto &[key, value] : fields) {
        if (!body.isEmpty())
            body += '&';
        body += QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value);
    }
    return body;
}

QString formValue(const FormFields &fields, QAnyStringView key)
{
    for (const auto &[name, value] : fields) {
        if (QAnyStringView::compare(name, key) == 0)
            return value;
    }
    return {};
}

} // namespace sb
