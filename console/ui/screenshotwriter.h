#pragma once

#include "shared/result.h"

#include <QList>
#include <QPointer>
#include <QSize>
#include <QString>
#include <QStringList>
#include <QWidget>

namespace sb {

/**
 * @brief Saves named widgets as `DIR/<name>.png` (`switchboard-console --screenshot DIR`).
 *
 * A widget that is not on screen is laid out at its size (or @p size) before it is grabbed.
 */
class ScreenshotWriter
{
public:
    explicit ScreenshotWriter(QString directory);

    void add(const QString &name, QWidget *widget, QSize size = {});
    /// Writes every PNG (creating the directory); returns the files written, or the first failure.
    Result<QStringList> writeAll() const;

private:
    struct Shot
    {
        QString name;
        QPointer<QWidget> widget;
        QSize size;
    };
    QString m_directory;
    QList<Shot> m_shots;
};

} // namespace sb
