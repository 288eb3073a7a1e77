#include "prometheustext.h"

#include <QLocale>

#include <cmath>

using namespace Qt::StringLiterals;

namespace sb {

void PrometheusText::family(const QString &name, Type type, const QString &help)
{
    Q_ASSERT(type != Type::Counter || name.endsWith(u"_total"));
    m_name = name;
    m_text += (u"# HELP "_s + name + u' ' + escapeHelp(help) + u"\n# TYPE "_s + name + u' '
               + (type == Type::Counter ? u"counter"_s : u"gauge"_s) + u'\n')
                  .toUtf8();
}

void PrometheusText::sample(double value, const Labels &labels)
{
    QString line = m_name;
    if (!labels.isEmpty()) {
        line += u'{';
        for (qsizetype i = 0; i < labels.size(); ++i) {
            if (i > 0)
                line += u',';
            line += labels[i].first + u"=\""_s + escapeLabelValue(labels[i].second) + u'"';
        }
        line += u'}';
    }
    line += u' ' + formatValue(value) + u'\n';
    m_text += line.toUtf8();
}

QString PrometheusText::escapeLabelValue(const QString &value)
{
    QString escaped;
    escaped.reserve(value.size());
    for (QChar c : value) {
        if (c == u'\\')
            escaped += u"\\\\"_s;
        else if (c == u'"')
            escaped += u"\\\""_s;
        else if (c == u'\n')
            escaped += u"\\n"_s;
        else
            escaped += c;
    }
    return escaped;
}

QString PrometheusText::escapeHelp(const QString &help)
{
    QString escaped = help;
    return escaped.replace(u'\\', u"\\\\"_s).replace(u'\n', u"\\n"_s);
}

QString PrometheusText::formatValue(double value)
{
    if (std::isnan(value))
        return u"NaN"_s;
    if (std::isinf(value))
        return value > 0 ? u"+Inf"_s : u"-Inf"_s;
    if (value == std::floor(value) && std::fabs(value) < 1e15)
        return QString::number(qint64(value));
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

} // namespace sb
