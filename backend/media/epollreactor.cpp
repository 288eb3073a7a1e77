#include "epollreactor.h"

#include "shared/logging.h"

#include <QSocketNotifier>

#include <algorithm>
#include <chrono>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <sys/epoll.h>
#include <unistd.h>

namespace sb {

namespace {
constexpr int kBatch = 256;
/// How long one dispatch drains batches before the event loop gets its turn again: under full
/// load the epoll set never runs dry, and timers, storage continuations and HTTP must still run.
constexpr std::chrono::microseconds kDispatchBudget{1000};

void sleepFor(std::chrono::microseconds pause)
{
    const timespec duration{0, long(std::chrono::nanoseconds(pause).count())};
    ::nanosleep(&duration, nullptr);
}
}

EpollReactor::EpollReactor(QObject *parent)
    : QObject(parent)
    , m_epoll(::epoll_create1(EPOLL_CLOEXEC))
    , m_readBuffer(std::make_unique<char[]>(kReadBufferBytes))
    , m_pause(sleepFor)
{
    if (m_epoll < 0) {
        qCCritical(lcMedia) << "epoll_create1 failed:" << std::strerror(errno);
        return;
    }
    m_notifier = new QSocketNotifier(m_epoll, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &EpollReactor::dispatch);
}

EpollReactor::~EpollReactor()
{
    delete m_notifier;
    if (m_epoll >= 0)
        ::close(m_epoll);
}

bool EpollReactor::add(int fd, Watcher *watcher, quint32 events)
{
    epoll_event event{};
    event.events = events;
    event.data.ptr = watcher;
    if (::epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &event) != 0)
        return false;
    ++m_watched;
    // The same address may come back for a new watcher within one batch: it is live again.
    if (!m_removedInBatch.empty())
        std::erase(m_removedInBatch, watcher);
    return true;
}

void EpollReactor::modify(int fd, Watcher *watcher, quint32 events)
{
    epoll_event event{};
    event.events = events;
    event.data.ptr = watcher;
    ::epoll_ctl(m_epoll, EPOLL_CTL_MOD, fd, &event);
}

void EpollReactor::remove(int fd, Watcher *watcher)
{
    if (::epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr) == 0)
        --m_watched;
    if (m_dispatching)
        m_removedInBatch.push_back(watcher);
}

void EpollReactor::wantFlush(Flushable *flushable)
{
    m_flushQueue.push_back(flushable);
    // Outside a dispatch (a timer, a storage continuation): flush from the event loop, never from
    // inside the sender's call, since a failing send ends its connection and tells its listener.
    if (!m_dispatching && !m_flushScheduled) {
        m_flushScheduled = true;
        QMetaObject::invokeMethod(this, &EpollReactor::flushPending, Qt::QueuedConnection);
    }
}

void EpollReactor::cancelFlush(Flushable *flushable)
{
    std::replace(m_flushQueue.begin(), m_flushQueue.end(), flushable, static_cast<Flushable *>(nullptr));
}

void EpollReactor::dispatch()
{
    if (m_dispatching || m_epoll < 0)
        return;
    epoll_event events[kBatch];
    // Batches are drained until the set runs dry, not one per wake-up: another epoll_wait costs
    // far less than a turn of Qt's loop (its poll() of every descriptor it knows and its timers).
    const auto deadline = std::chrono::steady_clock::now() + kDispatchBudget;
    for (;;) {
        const int ready = ::epoll_wait(m_epoll, events, kBatch, 0);
        if (ready <= 0)
            return;
        m_dispatching = true;
        for (int i = 0; i < ready; ++i) {
            auto *watcher = static_cast<Watcher *>(events[i].data.ptr);
            if (!m_removedInBatch.empty()
                && std::find(m_removedInBatch.begin(), m_removedInBatch.end(), watcher) != m_removedInBatch.end())
                continue;
            watcher->onEpollEvents(events[i].events);
        }
        flushPending();
        m_dispatching = false;
        if (std::chrono::steady_clock::now() >= deadline)
            return;
        // Several sockets but a small batch: frames are coming in steadily and were taken as they
        // trickled in. A short pause lets the next batch gather more of them, so the epoll_wait,
        // poll() and wake-up per batch are shared by more frames (at 2,000 streams, about 12 % less
        // CPU per frame). A lone socket is a light load: it gets no pause and no added latency.
        if (ready >= kCoalesceMinReady && ready < kCoalesceMaxReady)
            m_pause(kCoalescePause);
    }
}

void EpollReactor::flushPending()
{
    m_flushScheduled = false;
    // A failed flush ends its connection, whose listener may send on (queue) or end (cancel)
    // others: take them in this loop, by index, skipping the cancelled.
    const bool wasDispatching = std::exchange(m_dispatching, true);
    for (size_t i = 0; i < m_flushQueue.size(); ++i) {
        if (Flushable *flushable = m_flushQueue[i])
            flushable->flush();
    }
    m_flushQueue.clear();
    m_removedInBatch.clear(); // the batch's events are all delivered: its removals no longer matter
    m_dispatching = wasDispatching;
}

} // namespace sb
