#include "screenshotwriter.h"

#include <QCoreApplication>
#include <QDir>
#include <QLayout>
#include <QPixmap>

using namespace Qt::StringLiterals;

namespace sb {

ScreenshotWriter::ScreenshotWriter(QString directory)
    : m_directory(std::move(directory))
{
}

void ScreenshotWriter::add(const QString &name, QWidget *widget, QSize size)
{
    m_shots.append({name, widget, size});
}

Result<QStringList> ScreenshotWriter::writeAll() const
{
    QDir directory(m_directory);
    if (!directory.mkpath(u"."_s))
        return Error{ErrorCode::InvalidInput, u"cannot create the screenshot directory %1"_s.arg(m_directory)};
    QStringList written;
    for (const Shot &shot : m_shots) {
        if (!shot.widget)
            return Error{ErrorCode::Internal, u"the widget for screenshot %1 no longer exists"_s.arg(shot.name)};
        QWidget *widget = shot.widget;
        if (shot.size.isValid())
            widget->resize(shot.size);
        else if (!widget->isVisible())
            widget->resize(widget->sizeHint().expandedTo(QSize(1000, 640)));
        if (QLayout *layout = widget->layout())
            layout->activate();
        QCoreApplication::sendPostedEvents(); // pending layout requests and chart updates
        const QPixmap pixmap = widget->grab();
        const QString path = directory.filePath(shot.name + u".png"_s);
        if (pixmap.isNull() || !pixmap.save(path, "PNG"))
            return Error{ErrorCode::Internal, u"cannot write %1"_s.arg(path)};
        written.append(path);
    }
    return written;
}

} // namespace sb
