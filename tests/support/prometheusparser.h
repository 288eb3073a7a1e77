#pragma once

#include "shared/result.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace sb::test {

struct PrometheusSample
{
    QString name;
    QMap<QString, QString> labels; ///< values unescaped
    double value = 0;
};

struct PrometheusFamily
{
    QString type; ///< counter, gauge, histogram, summary, untyped
    QString help; ///< unescaped
};

/// A parsed exposition: the families by name and the samples in order.
struct PrometheusExposition
{
    QMap<QString, PrometheusFamily> families;
    QList<PrometheusSample> samples;

    /// The value of the sample @p name with exactly @p labels, if there is one.
    std::optional<double> value(const QString &name, const QMap<QString, QString> &labels = {}) const;
};

/**
 * A strict reader of the Prometheus text format 0.0.4, for tests: every line must be a `# HELP`,
 * a `# TYPE`, another comment, an empty line, or a sample `name{label="value",…} value
 * [timestamp]`, and the text must end with a line feed. Beyond the grammar it also requires what
 * the format says of groups: at most one HELP and one TYPE per family, the TYPE before the
 * family's first sample (so every family has one: the project's rule), a family's samples in
 * one block, no sample twice, and counters named `…_total`. The error names the line.
 */
Result<PrometheusExposition> parsePrometheusText(const QByteArray &text);

} // namespace sb::test
