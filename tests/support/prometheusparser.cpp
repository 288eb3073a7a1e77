#include "prometheusparser.h"

#include <QRegularExpression>
#include <QSet>

using namespace Qt::StringLiterals;

namespace sb::test {

namespace {

const QRegularExpression &metricName()
{
    static const QRegularExpression pattern(u"^[a-zA-Z_:][a-zA-Z0-9_:]*$"_s);
    return pattern;
}

const QRegularExpression &labelName()
{
    static const QRegularExpression pattern(u"^[a-zA-Z_][a-zA-Z0-9_]*$"_s);
    return pattern;
}

/// Undoes the escapes @p allowed (a subset of `\\`, `"`, `n`); any other escape is an error.
std::optional<QString> unescape(QStringView text, QStringView allowed)
{
    QString out;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] != u'\\') {
            out += text[i];
            continue;
        }
        if (++i == text.size() || !allowed.contains(text[i]))
            return std::nullopt;
        out += text[i] == u'n' ? u'\n' : text[i];
    }
    return out;
}

std::optional<double> parseValue(QStringView text)
{
    if (text == u"+Inf" || text == u"Inf")
        return std::numeric_limits<double>::infinity();
    if (text == u"-Inf")
        return -std::numeric_limits<double>::infinity();
    if (text == u"NaN")
        return std::numeric_limits<double>::quiet_NaN();
    static const QRegularExpression number(u"^[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?$"_s);
    if (!number.match(text).hasMatch())
        return std::nullopt;
    return text.toDouble();
}

/// Reads `{name="value",…}` starting at @p pos (at the `{`); moves @p pos past the `}`.
std::optional<QMap<QString, QString>> parseLabels(QStringView line, qsizetype &pos)
{
    QMap<QString, QString> labels;
    ++pos; // {
    for (;;) {
        if (pos >= line.size())
            return std::nullopt;
        if (line[pos] == u'}') {
            ++pos;
            return labels;
        }
        const qsizetype equals = line.indexOf(u'=', pos);
        if (equals < 0)
            return std::nullopt;
        const QString name = line.mid(pos, equals - pos).toString();
        if (!labelName().match(name).hasMatch() || labels.contains(name) || equals + 1 >= line.size()
            || line[equals + 1] != u'"') {
            return std::nullopt;
        }
        qsizetype end = equals + 2;
        while (end < line.size() && line[end] != u'"')
            end += line[end] == u'\\' ? 2 : 1;
        if (end >= line.size())
            return std::nullopt;
        const auto value = unescape(line.mid(equals + 2, end - equals - 2), u"\\\"n");
        if (!value)
            return std::nullopt;
        labels.insert(name, *value);
        pos = end + 1;
        if (pos < line.size() && line[pos] == u',')
            ++pos;
        else if (pos >= line.size() || line[pos] != u'}')
            return std::nullopt;
    }
}

QString familyOf(const QString &sampleName, const QMap<QString, PrometheusFamily> &families)
{
    for (const char *suffix : {"_bucket", "_sum", "_count"}) {
        const QLatin1StringView end(suffix);
        if (sampleName.endsWith(end)) {
            const QString base = sampleName.chopped(end.size());
            const QString type = families.value(base).type;
            if (type == u"histogram" || type == u"summary")
                return base;
        }
    }
    return sampleName;
}

} // namespace

std::optional<double> PrometheusExposition::value(const QString &name, const QMap<QString, QString> &labels) const
{
    for (const PrometheusSample &sample : samples) {
        if (sample.name == name && sample.labels == labels)
            return sample.value;
    }
    return std::nullopt;
}

Result<PrometheusExposition> parsePrometheusText(const QByteArray &text)
{
    if (!text.isEmpty() && !text.endsWith('\n'))
        return invalidInput(u"the last line does not end with a line feed"_s);
    const QString decoded = QString::fromUtf8(text);
    if (decoded.toUtf8() != text)
        return invalidInput(u"the text is not UTF-8"_s);
    QStringList lines = decoded.split(u'\n');
    lines.removeLast(); // after the final line feed

    PrometheusExposition exposition;
    QSet<QString> helped;
    QSet<QString> closedFamilies; ///< families whose block of samples has ended
    QSet<QString> seenSamples;
    QString currentFamily;
    for (qsizetype index = 0; index < lines.size(); ++index) {
        const QString &line = lines[index];
        const auto bad = [&](const QString &why) {
            return invalidInput(u"line %1 (\"%2\"): %3"_s.arg(index + 1).arg(line.left(120), why));
        };
        if (line.isEmpty())
            continue;
        if (line.startsWith(u'#')) {
            const QStringList words = line.mid(1).trimmed().split(u' ');
            if (words.size() < 2 || (words[0] != u"HELP" && words[0] != u"TYPE"))
                continue; // a plain comment
            const QString &name = words[1];
            if (!metricName().match(name).hasMatch())
                return bad(u"not a metric name: "_s + name);
            if (words[0] == u"HELP") {
                if (!line.startsWith(u"# HELP "_s + name + u' '))
                    return bad(u"a HELP line is \"# HELP name text\""_s);
                if (helped.contains(name))
                    return bad(u"a second HELP for "_s + name);
                const auto help = unescape(QStringView(line).mid(8 + name.size()), u"\\n");
                if (!help)
                    return bad(u"HELP text with an escape other than \\\\ or \\n"_s);
                helped.insert(name);
                exposition.families[name].help = *help;
                continue;
            }
            if (words.size() != 3 || !line.startsWith(u"# TYPE "_s + name + u' '))
                return bad(u"a TYPE line is \"# TYPE name type\""_s);
            static const QStringList types{u"counter"_s, u"gauge"_s, u"histogram"_s, u"summary"_s, u"untyped"_s};
            if (!types.contains(words[2]))
                return bad(u"unknown type "_s + words[2]);
            if (!exposition.families.value(name).type.isEmpty())
                return bad(u"a second TYPE for "_s + name);
            if (words[2] == u"counter" && !name.endsWith(u"_total"))
                return bad(u"a counter's name must end in _total"_s);
            exposition.families[name].type = words[2];
            continue;
        }

        // A sample: name, optional labels, a space, the value, optionally a space and a timestamp.
        qsizetype pos = 0;
        while (pos < line.size() && line[pos] != u'{' && line[pos] != u' ')
            ++pos;
        PrometheusSample sample;
        sample.name = line.left(pos);
        if (!metricName().match(sample.name).hasMatch())
            return bad(u"not a metric name"_s);
        if (pos < line.size() && line[pos] == u'{') {
            const auto labels = parseLabels(line, pos);
            if (!labels)
                return bad(u"malformed labels"_s);
            sample.labels = *labels;
        }
        if (pos >= line.size() || line[pos] != u' ')
            return bad(u"no space before the value"_s);
        const QStringList rest = line.mid(pos + 1).split(u' ');
        if (rest.isEmpty() || rest.size() > 2)
            return bad(u"expected a value and at most a timestamp"_s);
        const auto value = parseValue(rest[0]);
        if (!value)
            return bad(u"not a number: "_s + rest[0]);
        if (rest.size() == 2) {
            bool ok = false;
            rest[1].toLongLong(&ok);
            if (!ok)
                return bad(u"not a timestamp: "_s + rest[1]);
        }
        sample.value = *value;

        const QString family = familyOf(sample.name, exposition.families);
        if (exposition.families.value(family).type.isEmpty())
            return bad(u"no TYPE line before the samples of "_s + family);
        if (family != currentFamily) {
            if (closedFamilies.contains(family))
                return bad(u"the samples of "_s + family + u" are not in one block"_s);
            if (!currentFamily.isEmpty())
                closedFamilies.insert(currentFamily);
            currentFamily = family;
        }
        QString key = sample.name;
        for (auto it = sample.labels.begin(); it != sample.labels.end(); ++it)
            key += u'\x1f' + it.key() + u'=' + it.value();
        if (seenSamples.contains(key))
            return bad(u"the same sample twice"_s);
        seenSamples.insert(key);
        exposition.samples.append(sample);
    }
    return exposition;
}

} // namespace sb::test
