#pragma once

#include <QList>
#include <Qt>

#include <algorithm>

namespace sb {

/// @p items (first to last) laid out left to right so that they read in order for @p direction.
template <typename T>
QList<T> inReadingOrder(QList<T> items, Qt::LayoutDirection direction)
{
    if (direction == Qt::RightToLeft)
        std::reverse(items.begin(), items.end());
    return items;
}

} // namespace sb
