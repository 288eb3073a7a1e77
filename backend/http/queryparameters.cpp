#include "queryparameters.h"

namespace sb {

Result<int> integerParameter(const QUrlQuery &query, const QString &name, int fallback, int minimum, int maximum)
{
    if (!query.hasQueryItem(name))
        return fallback;
    const QString text = query.queryItemValue(name);
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value < minimum || value > maximum)
        return invalidInput(QStringLiteral("%1 must be a whole number from %2 to %3, not \"%4\"")
                                .arg(name).arg(minimum).arg(maximum).arg(text.left(40)));
    return value;
}

} // namespace sb
