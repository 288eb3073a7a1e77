#pragma once

#include <QCoreApplication>
#include <QFuture>
#include <QPointer>
#include <QThread>

#include <memory>

namespace sb {

/**
 * @brief Runs @p handler(result) on the I/O (main) thread once @p future finishes; skipped if
 * @p context (an object of the I/O thread) is gone by then.
 *
 * The one way backend code continues after a storage or network future. It avoids
 * QFuture::then(context, ...), whose Qt 6.4 implementation is fragile when the future finishes
 * on another thread; here the storage thread only posts an event to the application object.
 */
template <typename T, typename F>
void whenReady(QFuture<T> future, QObject *context, F &&handler)
{
    Q_ASSERT(context && context->thread() == QCoreApplication::instance()->thread());
    // std::function (which stores continuations) needs copyable callables; share the handler.
    auto shared = std::make_shared<std::decay_t<F>>(std::forward<F>(handler));
    QPointer<QObject> guard(context);
    future.then(QtFuture::Launch::Sync, [shared, guard](T result) {
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [shared, guard, result = std::move(result)]() mutable {
                if (guard)
                    (*shared)(std::move(result));
            },
            Qt::QueuedConnection);
    });
}

} // namespace sb
