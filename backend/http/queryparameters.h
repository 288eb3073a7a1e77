#pragma once

#include "shared/result.h"

#include <QUrlQuery>

namespace sb {

/// The whole number @p name of @p query, @p fallback when absent; InvalidInput naming the
/// parameter and its range when it is not a number from @p minimum to @p maximum.
Result<int> integerParameter(const QUrlQuery &query, const QString &name, int fallback, int minimum, int maximum);

} // namespace sb
