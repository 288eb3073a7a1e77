#include "jsontime.h"

namespace sb {

QDateTime timeFromJson(const QJsonValue &value)
{
    if (value.isDouble())
        return QDateTime::fromMSecsSinceEpoch(value.toInteger(), Qt::UTC);
    if (value.isString())
        return QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    return {};
}

} // namespace sb
