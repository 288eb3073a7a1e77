#pragma once

#include <QDateTime>
#include <QJsonValue>

namespace sb {

/// A time as the API sends it: an ISO 8601 string or epoch milliseconds; invalid otherwise.
QDateTime timeFromJson(const QJsonValue &value);

} // namespace sb
