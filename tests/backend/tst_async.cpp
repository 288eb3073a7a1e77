#include "async.h"

#include <QTest>
#include <QtConcurrent>

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
