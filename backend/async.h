#pragma once

#include <QCoreApplication>
#include <QFuture>
#include <QFutureWatcher>
#include <QPointer>
#include <QThread>

#include <memory>

namespace sb {

/**
 * @brief Runs @p handler(result) on @p context's thread once @p future finishes; skipped if
 * @p context is gone by then. Call it on @p context's thread.
 *
 * The one way backend code continues after a storage or network future. It avoids
 * QFuture::then(context, ...), whose Qt 6.4 implementation is fragile when the future finishes
 * on another thread (it posts to the context, which that thread may be deleting). For the I/O
 * (main) thread the storage thread only posts an event to the application object; for another
 * thread (the Media Streams') a QFutureWatcher of that thread is told, which Qt makes safe.
 */
template <typename T, typename F>
void whenReady(QFuture<T> future, QObject *context, F &&handler)
{
    Q_ASSERT(context && context->thread() == QThread::currentThread());
    // std::function (which stores continuations) needs copyable callables; share the handler.
    auto shared = std::make_shared<std::decay_t<F>>(std::forward<F>(handler));
    QPointer<QObject> guard(context);
    if (context->thread() != QCoreApplication::instance()->thread()) {
        auto *watcher = new QFutureWatcher<T>; // no parent: never deleted inside its own signal
        QObject::connect(context, &QObject::destroyed, watcher, &QObject::deleteLater);
        QObject::connect(watcher, &QFutureWatcherBase::finished, watcher, [watcher, shared, guard] {
            watcher->deleteLater();
            if (guard && watcher->future().resultCount() > 0) // a cancelled future has no result
                (*shared)(watcher->result());
        });
        watcher->setFuture(future);
        return;
    }
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
