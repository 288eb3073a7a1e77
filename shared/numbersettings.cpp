#include "numbersettings.h"

#include <cmath>

using namespace Qt::StringLiterals;

namespace sb {

Result<QList<std::pair<QString, double>>> parseNumberSettings(QStringView text, const QStringList &names)
{
    QList<std::pair<QString, double>> values;
    QStringList seen;
    const auto accepted = [&]() -> QString { return u" (accepted: "_s + names.join(u", "_s) + u')'; };
    for (QStringView part : text.split(u',', Qt::SkipEmptyParts)) {
        part = part.trimmed();
        if (part.isEmpty())
            continue;
        const qsizetype equals = part.indexOf(u'=');
        if (equals < 0)
            return invalidInput(u"\""_s + part.toString() + u"\" is not name=number"_s + accepted());
        const QString name = part.left(equals).trimmed().toString();
        if (!names.contains(name))
            return invalidInput(u"unknown name \""_s + name + u'"' + accepted());
        if (seen.contains(name))
            return invalidInput(u"\""_s + name + u"\" is given twice"_s);
        bool ok = false;
        const double value = part.mid(equals + 1).trimmed().toDouble(&ok);
        if (!ok || !std::isfinite(value) || value < 0)
            return invalidInput(u"\""_s + name + u"\" needs a number of 0 or more, not \""_s
                                + part.mid(equals + 1).trimmed().toString() + u'"');
        seen << name;
        values.append({name, value});
    }
    return values;
}

} // namespace sb
