#include "simtypes.h"

#include <QRandomGenerator>

namespace sb::sim {

QString newSid(QStringView prefix)
{
    QByteArray bytes(16, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), 4);
    return prefix.toString() + QString::fromLatin1(bytes.toHex());
}

bool isSid(QStringView text, QStringView prefix)
{
    if (text.size() != prefix.size() + 32 || !text.startsWith(prefix))
        return false;
    for (QChar c : text.sliced(prefix.size())) {
        if (!c.isDigit() && !(c >= u'a' && c <= u'f') && !(c >= u'A' && c <= u'F'))
            return false;
    }
    return true;
}

QString rfc2822(const QDateTime &time)
{
    // Formatted by hand: QDateTime's day and month names follow the locale, Twilio's never do.
    static const char *const days[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const QDateTime utc = time.toUTC();
    const QDate date = utc.date();
    return QStringLiteral("%1, %2 %3 %4 %5 +0000")
        .arg(QLatin1String(days[date.dayOfWeek() - 1]))
        .arg(date.day(), 2, 10, QLatin1Char('0'))
        .arg(QLatin1String(months[date.month() - 1]))
        .arg(date.year())
        .arg(utc.time().toString(QStringLiteral("HH:mm:ss")));
}

QString iso8601(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODate);
}

} // namespace sb::sim
