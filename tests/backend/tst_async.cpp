#include "async.h"

#include <QTest>
#include <QtConcurrent>

#include <atomic>
#include <thread>

using namespace sb;

class TestAsync : public QObject
{
    Q_OBJECT

private slots:
    void resultArrivesOnTheMainThread()
    {
        QObject context;
        QThread *seenOn = nullptr;
        int seen = 0;
        whenReady(QtConcurrent::run([] { return 42; }), &context, [&](int value) {
            seenOn = QThread::currentThread();
            seen = value;
        });
        QTRY_COMPARE(seen, 42);
        QCOMPARE(seenOn, QCoreApplication::instance()->thread());
    }

    void skippedWhenTheContextIsGone()
    {
        auto context = std::make_unique<QObject>();
        QPromise<int> promise;
        bool called = false;
        whenReady(promise.future(), context.get(), [&](int) { called = true; });
        context.reset();
        std::thread([&] {
            promise.start();
            promise.addResult(1);
            promise.finish();
        }).join();
        QCoreApplication::processEvents();
        QVERIFY(!called);
    }

    void resultArrivesOnTheContextsThread()
    {
        // A context of another thread (the Media Streams' own) is continued on that thread.
        QThread worker;
        worker.start();
        QObject context;
        context.moveToThread(&worker);
        std::atomic<QThread *> seenOn = nullptr;
        std::atomic<int> seen = 0;
        QMetaObject::invokeMethod(&context, [&] {
            whenReady(QtConcurrent::run([] { return 42; }), &context, [&](int value) {
                seenOn = QThread::currentThread();
                seen = value;
            });
        }, Qt::BlockingQueuedConnection);
        QTRY_COMPARE(seen.load(), 42);
        QCOMPARE(seenOn.load(), &worker);
        QMetaObject::invokeMethod(&context, [&] { context.moveToThread(QCoreApplication::instance()->thread()); },
                                  Qt::BlockingQueuedConnection);
        worker.quit();
        worker.wait();
    }

    void skippedWhenAContextOfAnotherThreadIsGone()
    {
        QThread worker;
        worker.start();
        QObject anchor; // runs the steps on the worker thread
        anchor.moveToThread(&worker);
        QPromise<int> promise;
        std::atomic<bool> called = false;
        QMetaObject::invokeMethod(&anchor, [&] {
            auto *context = new QObject;
            whenReady(promise.future(), context, [&](int) { called = true; });
            delete context;
        }, Qt::BlockingQueuedConnection);
        promise.start();
        promise.addResult(1);
        promise.finish();
        // Whatever the finished future posted to the worker thread is handled before these return.
        for (int i = 0; i < 3; ++i)
            QMetaObject::invokeMethod(&anchor, [] { QCoreApplication::sendPostedEvents(); }, Qt::BlockingQueuedConnection);
        QVERIFY(!called);
        QMetaObject::invokeMethod(&anchor, [&] { anchor.moveToThread(QCoreApplication::instance()->thread()); },
                                  Qt::BlockingQueuedConnection);
        worker.quit();
        worker.wait();
    }

    void moveOnlyCapturesAreFine()
    {
        QObject context;
        auto owned = std::make_unique<int>(7);
        int seen = 0;
        whenReady(QtConcurrent::run([] { return 1; }), &context, [&seen, owned = std::move(owned)](int value) { seen = value + *owned; });
        QTRY_COMPARE(seen, 8);
    }
};

QTEST_GUILESS_MAIN(TestAsync)
#include "tst_async.moc"
