#pragma once

#include "shared/callevent.h"
#include "shared/clock.h"
#include "databaseurl.h"
#include "shared/result.h"
#include "storagesession.h"

#include <QFuture>
#include <QList>
#include <QObject>
#include <QPromise>

#include <memory>
#include <type_traits>
#include <utility>

namespace sb {

/// How Storage::open() sets up the storage threads.
struct StorageOptions
{
    int threads = 2;           ///< storage threads, each with its own connection (at least 1)
    Clock *clock = nullptr;    ///< time source of every stored time; nullptr means Clock::system()
    int sqliteBusyTimeoutMs = 10'000; ///< how long a SQLite writer waits for the write lock
    CostSettings costs;        ///< what the cost recompute of every write runs with
};

/**
 * @brief The database: N storage threads pulling tasks from one queue, migrations applied.
 *
 * Each thread opens its own named QSqlDatabase connection in that thread and closes it there at
 * shutdown. Callers on the I/O thread never wait: run() returns a QFuture to continue with
 * whenReady() (backend/async.h) or, for an HTTP answer, HttpResponder::sendWhenReady(). Destroying the Storage runs the tasks already queued, then stops.
 */
class Storage : public QObject
{
    Q_OBJECT

public:
    /**
     * Connects every thread and applies the migrations before returning. On failure the error
     * message is one line naming the masked URL and the reason, fit to print before exiting.
     */
    static Result<std::unique_ptr<Storage>> open(const DatabaseUrl &url, const StorageOptions &options = {});

    ~Storage() override;

    /**
     * Runs the tasks already queued, then stops the threads; the object stays, so its signal can
     * still be emitted (the recording workers' storage publishes through it). A task queued
     * after this never runs: its future is cancelled when the Storage is destroyed.
     */
    void stop();

    const DatabaseUrl &url() const { return m_url; }
    SqlDialect dialect() const { return m_url.dialect(); }
    int threadCount() const;
    const Clock &clock() const { return *m_clock; }

    /**
     * Runs @p fn(StorageSession &) on a storage thread and returns its result as a future.
     * @p fn must not throw. Timeline events of transactions it committed are published through
     * eventsAppended() before the future finishes.
     */
    template <typename F>
    auto run(F &&fn) -> QFuture<std::invoke_result_t<F, StorageSession &>>;

    /**
     * run() and wait for the result. For startup, tools and tests only: never call it on the
     * I/O thread, and never from inside a storage task (that would deadlock a single thread).
     */
    template <typename F>
    auto runBlocking(F &&fn) -> std::invoke_result_t<F, StorageSession &>;

    /**
     * Opens one more connection named @p name in the calling thread, set up like the storage
     * threads' own, for a thread that needs its own (the PostgreSQL LISTEN of the live hub).
     * The caller closes it and calls QSqlDatabase::removeDatabase(@p name).
     */
    Result<void> openExtraConnection(const QString &name) const;

signals:
    /// After each committed write that appended timeline events; emitted from a storage thread.
    void eventsAppended(const QList<sb::CallEvent> &events);

private:
    /// A queued unit of work; type-erased so move-only callables and promises fit.
    struct Task
    {
        virtual ~Task() = default;
        virtual void run(StorageSession &session) = 0;
    };

    template <typename F, typename R>
    struct TaskImpl final : Task
    {
        TaskImpl(F &&f) : fn(std::forward<F>(f)) { promise.start(); }
        void run(StorageSession &session) override
        {
            if constexpr (std::is_void_v<R>) {
                fn(session);
                session.publishCommitted();
            } else {
                R result = fn(session);
                session.publishCommitted();
                promise.addResult(std::move(result));
            }
            promise.finish();
        }
        std::decay_t<F> fn;
        QPromise<R> promise;
    };

    struct Private;

    explicit Storage(const DatabaseUrl &url, const StorageOptions &options);
    Result<void> start();
    void enqueue(std::unique_ptr<Task> task);
    void threadMain(int index);

    DatabaseUrl m_url;
    StorageOptions m_options;
    const Clock *m_clock;
    std::unique_ptr<Private> d;
};

template <typename F>
auto Storage::run(F &&fn) -> QFuture<std::invoke_result_t<F, StorageSession &>>
{
    using R = std::invoke_result_t<F, StorageSession &>;
    auto task = std::make_unique<TaskImpl<F, R>>(std::forward<F>(fn));
    QFuture<R> future = task->promise.future();
    enqueue(std::move(task));
    return future;
}

template <typename F>
auto Storage::runBlocking(F &&fn) -> std::invoke_result_t<F, StorageSession &>
{
    using R = std::invoke_result_t<F, StorageSession &>;
    QFuture<R> future = run(std::forward<F>(fn));
    future.waitForFinished();
    if constexpr (!std::is_void_v<R>)
        return future.takeResult();
}

} // namespace sb
