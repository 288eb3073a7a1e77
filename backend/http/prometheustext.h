#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace sb {

/**
 * @brief Writes the Prometheus text exposition format, version 0.0.4.
 *
 * One family at a time: family() writes its `# HELP` and `# TYPE` lines, then sample() writes
 * `name{label="value",…} number` lines of that family. Label values and help texts are escaped
 * as the format asks (backslash, double quote in label values, line feed).
 */
class PrometheusText
{
public:
    enum class Type { Counter, Gauge };
    using Labels = QList<QPair<QString, QString>>;

    static constexpr const char *kContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// Starts a family; @p name must match `[a-zA-Z_:][a-zA-Z0-9_:]*` (counters end in `_total`).
    void family(const QString &name, Type type, const QString &help);
    /// A sample of the current family.
    void sample(double value, const Labels &labels = {});

    QByteArray text() const { return m_text; }

    /// `\` → `\\`, `"` → `\"`, line feed → `\n`.
    static QString escapeLabelValue(const QString &value);
    /// `\` → `\\`, line feed → `\n`.
    static QString escapeHelp(const QString &help);
    /// Whole numbers without a fraction, others as the shortest exact decimal; `+Inf`, `-Inf`, `NaN`.
    static QString formatValue(double value);

private:
    QString m_name;
    QByteArray m_text;
};

} // namespace sb
