#pragma once

#include <QObject>

#include <chrono>
#include <functional>
#include <memory>
#include <vector>

class QSocketNotifier;

namespace sb {

/**
 * @brief A Linux epoll set served from the thread's Qt event loop through one QSocketNotifier.
 *
 * Qt's event loop polls every socket it knows on every iteration and pays per read through
 * QAbstractSocket; with thousands of Media Streams that is most of the cost. Sockets registered
 * here are invisible to Qt: Qt polls the one epoll descriptor, and when it is readable the
 * reactor drains the ready list with epoll_wait(…, 0) and calls each Watcher. Timers, queued
 * signals and whenReady() keep working because the thread still runs Qt's loop.
 *
 * Writes are batched: a Flushable queued with wantFlush() during a dispatch is flushed once after
 * the batch, so several frames for one socket (media + mark) leave in one send(). Outside a
 * dispatch the flush is queued to the event loop (session.update + buffered audio leave together).
 */
class EpollReactor : public QObject
{
    Q_OBJECT
public:
    class Watcher
    {
    public:
        /// @p events: EPOLLIN, EPOLLOUT, EPOLLERR, EPOLLHUP, EPOLLRDHUP as epoll reported them.
        virtual void onEpollEvents(quint32 events) = 0;

    protected:
        ~Watcher() = default;
    };

    class Flushable
    {
    public:
        virtual void flush() = 0;

    protected:
        ~Flushable() = default;
    };

    explicit EpollReactor(QObject *parent = nullptr);
    ~EpollReactor() override;

    /// Starts watching @p fd (level-triggered unless @p events has EPOLLET); false (errno set) if epoll refuses it.
    bool add(int fd, Watcher *watcher, quint32 events);
    void modify(int fd, Watcher *watcher, quint32 events);
    /// Stops watching @p fd; @p watcher gets no more calls, even from the batch under way.
    void remove(int fd, Watcher *watcher);

    /// Flushes @p flushable after the current batch (outside a dispatch: from the event loop).
    void wantFlush(Flushable *flushable);
    /// A Flushable going away before its flush.
    void cancelFlush(Flushable *flushable);

    int watched() const { return m_watched; }
    /// A scratch buffer for reads, shared by every socket of this reactor (one thread).
    char *readBuffer() { return m_readBuffer.get(); }
    static constexpr qsizetype kReadBufferBytes = 64 * 1024;

    /// Drains what is ready now (what the notifier does; tests call it too).
    void dispatch();

    /// Between batches of at least kCoalesceMinReady and fewer than kCoalesceMaxReady sockets,
    /// dispatch() pauses this long so the next batch gathers more frames (see dispatch()).
    static constexpr std::chrono::microseconds kCoalescePause{100};
    static constexpr int kCoalesceMinReady = 2;
    static constexpr int kCoalesceMaxReady = 16;
    /// How dispatch() pauses (a sleep); tests record the pauses instead.
    void setPauseForTesting(std::function<void(std::chrono::microseconds)> pause) { m_pause = std::move(pause); }

private:
    void flushPending();


    int m_epoll = -1;
    QSocketNotifier *m_notifier = nullptr;
    int m_watched = 0;
    bool m_dispatching = false;
    bool m_flushScheduled = false;
    std::vector<Watcher *> m_removedInBatch;
    std::vector<Flushable *> m_flushQueue;
    std::unique_ptr<char[]> m_readBuffer;
    std::function<void(std::chrono::microseconds)> m_pause;
};

} // namespace sb
