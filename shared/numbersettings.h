#pragma once

#include "result.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <utility>

namespace sb {

/**
 * Parses a setting written as `name=number` pairs separated by commas, e.g.
 * `voice_inbound=0.0085, recording=0.0025`. Every name must be one of @p names and appear once;
 * every number must be finite and not negative. The error names the bad part and the accepted
 * names. An empty text gives an empty list (nothing overridden).
 */
Result<QList<std::pair<QString, double>>> parseNumberSettings(QStringView text, const QStringList &names);

} // namespace sb
