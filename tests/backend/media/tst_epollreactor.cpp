// The media reactor on its own: watchers on eventfds (always readable until read), no sockets.

#include "media/epollreactor.h"

#include <QTest>
#include <QTimer>

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <memory>
#include <vector>

using namespace sb;

namespace {

/// An eventfd holding a count: readable (level-triggered) until drain() reads it.
class CountingWatcher final : public EpollReactor::Watcher
{
public:
    CountingWatcher() : fd(::eventfd(1, EFD_NONBLOCK | EFD_CLOEXEC)) { }
    ~CountingWatcher() { ::close(fd); }
    void onEpollEvents(quint32 events) override
    {
        ++calls;
        lastEvents = events;
        if (drainOnEvent)
            drain();
        if (onEvent)
            onEvent();
    }
    void drain()
    {
        eventfd_t value = 0;
        (void)::eventfd_read(fd, &value);
    }

    int fd;
    int calls = 0;
    quint32 lastEvents = 0;
    bool drainOnEvent = false;
    std::function<void()> onEvent;
};

using Watchers = std::vector<std::unique_ptr<CountingWatcher>>;

/// @p count watchers on @p reactor (check reactor.watched() for how many it took), each reading
/// its count when called if @p drain.
Watchers watch(EpollReactor &reactor, int count, bool drain)
{
    Watchers watchers;
    for (int i = 0; i < count; ++i) {
        auto watcher = std::make_unique<CountingWatcher>();
        watcher->drainOnEvent = drain;
        if (watcher->fd >= 0 && reactor.add(watcher->fd, watcher.get(), EPOLLIN))
            watchers.push_back(std::move(watcher));
    }
    return watchers;
}

void unwatch(EpollReactor &reactor, const Watchers &watchers)
{
    for (const auto &watcher : watchers)
        reactor.remove(watcher->fd, watcher.get());
}

} // namespace

class TestEpollReactor : public QObject
{
    Q_OBJECT

private slots:
    void deliversReadyWatchers()
    {
        EpollReactor reactor;
        CountingWatcher ready;
        ready.drainOnEvent = true;
        QVERIFY(reactor.add(ready.fd, &ready, EPOLLIN));
        QCOMPARE(reactor.watched(), 1);
        QTRY_COMPARE(ready.calls, 1);
        QVERIFY(ready.lastEvents & EPOLLIN);
        reactor.dispatch(); // drained: nothing more
        QCOMPARE(ready.calls, 1);
        reactor.remove(ready.fd, &ready);
        QCOMPARE(reactor.watched(), 0);
    }

    void eventLoopRunsUnderFullLoad()
    {
        // More watchers stay ready than one dispatch takes: the reactor must still hand the thread
        // back to the event loop (timers, storage continuations, HTTP) between its batches.
        EpollReactor reactor;
        const Watchers watchers = watch(reactor, 600, false);
        QCOMPARE(reactor.watched(), 600);
        bool timerRan = false;
        QTimer::singleShot(0, this, [&] { timerRan = true; });
        QTRY_VERIFY(timerRan);
        QVERIFY(watchers.front()->calls > 0);
        unwatch(reactor, watchers);
    }

    void pausesBetweenSmallBatches()
    {
        // A few sockets ready at a time: a steady load taken as it trickles in. The reactor pauses
        // after such a batch, and what became ready meanwhile comes in the same dispatch.
        EpollReactor reactor;
        const Watchers watchers = watch(reactor, 4, true);
        QCOMPARE(reactor.watched(), 4);
        std::vector<std::chrono::microseconds> pauses;
        reactor.setPauseForTesting([&](std::chrono::microseconds pause) {
            pauses.push_back(pause);
            if (pauses.size() == 1) { // frames arriving during the pause
                for (auto &watcher : watchers)
                    QCOMPARE(::eventfd_write(watcher->fd, 1), 0);
            }
        });
        reactor.dispatch();
        // In this dispatch; or, should the machine stall past its 1 ms budget, in the next one
        // (the event loop's).
        for (const auto &watcher : watchers)
            QTRY_COMPARE(watcher->calls, 2);
        QCOMPARE(pauses.size(), size_t(2)); // after each batch of 4; then the set is dry
        QCOMPARE(pauses.front(), EpollReactor::kCoalescePause);
        unwatch(reactor, watchers);
    }

    void noPauseForALoneSocketOrABacklog()
    {
        // One socket ready is a light load, and a full batch means the reactor is behind: neither
        // waits, so light load gets no added latency and a backlog drains at full speed.
        for (const int count : {1, EpollReactor::kCoalesceMaxReady}) {
            EpollReactor reactor;
            const Watchers watchers = watch(reactor, count, true);
            QCOMPARE(reactor.watched(), count);
            int pauses = 0;
            reactor.setPauseForTesting([&](std::chrono::microseconds) { ++pauses; });
            reactor.dispatch();
            for (const auto &watcher : watchers)
                QCOMPARE(watcher->calls, 1);
            QCOMPARE(pauses, 0);
            unwatch(reactor, watchers);
        }
    }

    void removedInBatchGetsNoMoreCalls()
    {
        // The first watcher called removes (and frees) every other one: none is called after that.
        EpollReactor reactor;
        Watchers watchers = watch(reactor, 8, false);
        QCOMPARE(reactor.watched(), 8);
        int calls = 0;
        for (auto &watcher : watchers) {
            CountingWatcher *self = watcher.get();
            watcher->onEvent = [&, self] {
                ++calls;
                for (auto &other : watchers) {
                    if (other && other.get() != self) {
                        reactor.remove(other->fd, other.get());
                        other.reset();
                    }
                }
                self->drain();
            };
        }
        reactor.dispatch();
        QCOMPARE(calls, 1);
        QCOMPARE(reactor.watched(), 1);
    }

    void flushesAfterTheBatch()
    {
        struct Flush final : EpollReactor::Flushable
        {
            int count = 0;
            void flush() override { ++count; }
        } flush;
        EpollReactor reactor;
        CountingWatcher a;
        CountingWatcher b;
        for (CountingWatcher *watcher : {&a, &b}) {
            watcher->onEvent = [&, watcher] {
                watcher->drain();
                reactor.wantFlush(&flush); // both queue it; nothing is flushed until the batch is done
                QCOMPARE(flush.count, 0);
            };
            QVERIFY(reactor.add(watcher->fd, watcher, EPOLLIN));
        }
        reactor.dispatch();
        QCOMPARE(a.calls + b.calls, 2);
        QCOMPARE(flush.count, 2); // each entry, after the batch (a connection queues itself once)
        // Outside a dispatch the flush comes from the event loop, not from inside the caller.
        reactor.wantFlush(&flush);
        QCOMPARE(flush.count, 2);
        QTRY_COMPARE(flush.count, 3);
        reactor.remove(a.fd, &a);
        reactor.remove(b.fd, &b);
    }
};

QTEST_GUILESS_MAIN(TestEpollReactor)
#include "tst_epollreactor.moc"
