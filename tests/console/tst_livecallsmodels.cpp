// console_core's models under QAbstractItemModelTester: the live calls table (deltas, filters,
// sorting, 10,000 rows) and a call's timeline.

#include "livecallsfilter.h"
#include "livecallsmodel.h"
#include "timelinemodel.h"

#include <QAbstractItemModelTester>
#include <QColor>
#include <QSignalSpy>
#include <QTest>

using namespace sb;
using namespace Qt::StringLiterals;

namespace {

const QDateTime kNow = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000, Qt::UTC);

Call makeCall(qint64 id, CallStatus status = CallStatus::InProgress, qint64 business = 1,
              CostBucket bucket = CostBucket::Low)
{
    Call call;
    call.id = id;
    call.callSid = u"CA%1"_s.arg(id, 32, 10, QChar(u'0'));
    call.to = u"+9723555%1"_s.arg(id % 10000, 4, 10, QChar(u'0'));
    call.from = u"+972501234567"_s;
    call.businessId = business;
    call.status = status;
    call.estimatedCostBucket = bucket;
    call.createdAt = kNow.addSecs(-100 + id % 50);
    call.updatedAt = call.createdAt;
    return call;
}

QList<qint64> idsInOrder(const QAbstractItemModel &model)
{
    QList<qint64> ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids << model.index(row, 0).data(LiveCallsModel::CallIdRole).toLongLong();
    return ids;
}

using Delta = QList<Call>;

} // namespace

class TestLiveCallsModels : public QObject
{
    Q_OBJECT

private slots:
    void deltasUpdateInPlaceAndAppend_data()
    {
        QTest::addColumn<QList<Delta>>("deltas");
        QTest::addColumn<QList<qint64>>("rows");          // ids in source order after every delta
        QTest::addColumn<QStringList>("statuses");        // status texts in that order
        QTest::newRow("one new call") << QList<Delta>{{makeCall(4)}} << QList<qint64>{1, 2, 3, 4}
                                      << QStringList{u"in progress"_s, u"in progress"_s, u"in progress"_s, u"in progress"_s};
        QTest::newRow("an update in place")
            << QList<Delta>{{makeCall(2, CallStatus::Completed)}} << QList<qint64>{1, 2, 3}
            << QStringList{u"in progress"_s, u"completed"_s, u"in progress"_s};
        QTest::newRow("updates and new calls in one batch")
            << QList<Delta>{{makeCall(3, CallStatus::Busy), makeCall(5), makeCall(1, CallStatus::Failed), makeCall(6)}}
            << QList<qint64>{1, 2, 3, 5, 6}
            << QStringList{u"failed"_s, u"in progress"_s, u"busy"_s, u"in progress"_s, u"in progress"_s};
        QTest::newRow("several batches")
            << QList<Delta>{{makeCall(7)}, {makeCall(7, CallStatus::Completed)}, {makeCall(2, CallStatus::NoAnswer)}}
            << QList<qint64>{1, 2, 3, 7}
            << QStringList{u"in progress"_s, u"no answer"_s, u"in progress"_s, u"completed"_s};
    }

    void deltasUpdateInPlaceAndAppend()
    {
        QFETCH(QList<Delta>, deltas);
        QFETCH(QList<qint64>, rows);
        QFETCH(QStringList, statuses);
        LiveCallsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.reset({makeCall(1), makeCall(2), makeCall(3)}, {{1, u"Acme"_s}});
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        for (const Delta &delta : deltas)
            model.apply(delta);
        QCOMPARE(resets.size(), 0); // deltas never reset the model
        QCOMPARE(idsInOrder(model), rows);
        QStringList shown;
        for (int row = 0; row < model.rowCount(); ++row)
            shown << model.index(row, LiveCallsModel::Status).data().toString();
        QCOMPARE(shown, statuses);
    }

    void showsWhatASupervisorNeeds()
    {
        LiveCallsModel model;
        model.setClock([] { return kNow; });
        Call call = makeCall(1, CallStatus::InProgress, 1, CostBucket::High);
        call.createdAt = kNow.addSecs(-75);
        call.streamConnectCount = 2;
        call.streamStartedAt = kNow.addSecs(-70);
        call.recordingMode = RecordingMode::RecordingApi;
        call.costIndicators = {u"stream_reconnects"_s, u"error_11205"_s};
        model.reset({call}, {{1, u"Acme"_s}});
        const auto cell = [&](int column, int role = Qt::DisplayRole) { return model.index(0, column).data(role); };
        QCOMPARE(cell(LiveCallsModel::Business).toString(), u"Acme"_s);
        QCOMPARE(cell(LiveCallsModel::From).toString(), u"+97250*****67"_s); // masked
        QVERIFY(!cell(LiveCallsModel::To).toString().contains(call.to));
        QCOMPARE(cell(LiveCallsModel::Duration).toString(), u"1:15"_s);
        QCOMPARE(cell(LiveCallsModel::Stream).toString(), u"streaming (2 connects)"_s);
        QCOMPARE(cell(LiveCallsModel::Recording).toString(), u"recording API"_s);
        QCOMPARE(cell(LiveCallsModel::Transcript).toString(), u"live"_s);
        QCOMPARE(cell(LiveCallsModel::Cost).toString(), u"HIGH"_s);
        QCOMPARE(cell(LiveCallsModel::Cost, Qt::ForegroundRole).value<QColor>(), LiveCallsModel::bucketColor(CostBucket::High));
        QVERIFY(cell(LiveCallsModel::Cost, Qt::ToolTipRole).toString().contains(u"error_11205"_s));

        // The duration ticks for a call still going, and stops at the stored one once it ended.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setClock([] { return kNow.addSecs(10); });
        model.tick();
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().at(0).value<QModelIndex>().column(), int(LiveCallsModel::Duration));
        QCOMPARE(cell(LiveCallsModel::Duration).toString(), u"1:25"_s);
        call.status = CallStatus::Completed;
        call.durationSec = 81;
        model.apply({call});
        changed.clear();
        model.tick();
        QCOMPARE(changed.size(), 0);
        QCOMPARE(cell(LiveCallsModel::Duration).toString(), u"1:21"_s);
        QCOMPARE(cell(LiveCallsModel::Stream).toString(), u"ended (2 connects)"_s);
        QCOMPARE(cell(LiveCallsModel::Transcript).toString(), u"pending"_s);

        // An unknown business is shown by id until its name arrives.
        model.apply({makeCall(2, CallStatus::Ringing, 9)});
        QCOMPARE(model.index(1, LiveCallsModel::Business).data().toString(), u"Business 9"_s);
        model.setBusinessName(9, u"Globex"_s);
        QCOMPARE(model.index(1, LiveCallsModel::Business).data().toString(), u"Globex"_s);
    }

    void filters_data()
    {
        QTest::addColumn<int>("business");   // -1: any
        QTest::addColumn<int>("status");     // -1: any
        QTest::addColumn<int>("bucket");     // -1: any
        QTest::addColumn<bool>("activeOnly");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QList<qint64>>("expected");
        QTest::newRow("none") << -1 << -1 << -1 << false << QString() << QList<qint64>{1, 2, 3, 4, 5};
        QTest::newRow("business 2") << 2 << -1 << -1 << false << QString() << QList<qint64>{3, 4};
        QTest::newRow("completed") << -1 << int(CallStatus::Completed) << -1 << false << QString() << QList<qint64>{2, 4};
        QTest::newRow("HIGH") << -1 << -1 << int(CostBucket::High) << false << QString() << QList<qint64>{4, 5};
        QTest::newRow("business 2, HIGH, completed") << 2 << int(CostBucket::High) * 0 + int(CallStatus::Completed)
                                                     << int(CostBucket::High) << false << QString() << QList<qint64>{4};
        QTest::newRow("live only") << -1 << -1 << -1 << true << QString() << QList<qint64>{1, 3, 5};
        QTest::newRow("text: number digits") << -1 << -1 << -1 << false << u"35550003"_s << QList<qint64>{3};
        QTest::newRow("text: business name, any case") << -1 << -1 << -1 << false << u"GLOBEX"_s << QList<qint64>{3, 4};
        QTest::newRow("text: CallSid") << -1 << -1 << -1 << false << u"ca0000"_s << QList<qint64>{1, 2, 3, 4, 5};
        QTest::newRow("text: nothing matches") << -1 << -1 << -1 << false << u"zzz"_s << QList<qint64>{};
    }

    void filters()
    {
        QFETCH(int, business);
        QFETCH(int, status);
        QFETCH(int, bucket);
        QFETCH(bool, activeOnly);
        QFETCH(QString, text);
        QFETCH(QList<qint64>, expected);
        LiveCallsModel model;
        LiveCallsFilterModel filter;
        filter.setSourceModel(&model);
        QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.reset({makeCall(1, CallStatus::InProgress, 1, CostBucket::Low),
                     makeCall(2, CallStatus::Completed, 1, CostBucket::Med),
                     makeCall(3, CallStatus::Ringing, 2, CostBucket::Low),
                     makeCall(4, CallStatus::Completed, 2, CostBucket::High),
                     makeCall(5, CallStatus::InProgress, 3, CostBucket::High)},
                    {{1, u"Acme"_s}, {2, u"Globex"_s}, {3, u"Initech"_s}});
        filter.setBusiness(business < 0 ? std::nullopt : std::optional<qint64>(business));
        filter.setStatus(status < 0 ? std::nullopt : std::optional(CallStatus(status)));
        filter.setCostBucket(bucket < 0 ? std::nullopt : std::optional(CostBucket(bucket)));
        filter.setActiveOnly(activeOnly);
        filter.setText(text);
        filter.sort(LiveCallsModel::Started, Qt::AscendingOrder);
        QList<qint64> ids = idsInOrder(filter);
        std::sort(ids.begin(), ids.end());
        QCOMPARE(ids, expected);

        // A delta that moves a call into or out of the filter updates the view without a reset.
        model.apply({makeCall(1, CallStatus::Completed, 2, CostBucket::High)});
        const bool nowMatches = (business < 0 || business == 2) && (status < 0 || status == int(CallStatus::Completed))
                                && (bucket < 0 || bucket == int(CostBucket::High)) && !activeOnly
                                && (text.isEmpty() || u"ca00000000000000000000000000000001 +97235550001 +972501234567  globex"_s.contains(text.toLower()));
        QCOMPARE(idsInOrder(filter).contains(1), nowMatches);
    }

    void sorts_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<int>("order");
        QTest::addColumn<QList<qint64>>("expected");
        QTest::newRow("status ascending") << int(LiveCallsModel::Status) << int(Qt::AscendingOrder) << QList<qint64>{3, 1, 2};
        QTest::newRow("status descending") << int(LiveCallsModel::Status) << int(Qt::DescendingOrder) << QList<qint64>{2, 1, 3};
        QTest::newRow("cost bucket descending") << int(LiveCallsModel::Cost) << int(Qt::DescendingOrder) << QList<qint64>{2, 3, 1};
        QTest::newRow("duration ascending") << int(LiveCallsModel::Duration) << int(Qt::AscendingOrder) << QList<qint64>{2, 3, 1};
        QTest::newRow("started descending") << int(LiveCallsModel::Started) << int(Qt::DescendingOrder) << QList<qint64>{3, 2, 1};
    }

    void sorts()
    {
        QFETCH(int, column);
        QFETCH(int, order);
        QFETCH(QList<qint64>, expected);
        LiveCallsModel model;
        model.setClock([] { return kNow; });
        LiveCallsFilterModel filter;
        filter.setSourceModel(&model);
        QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        Call one = makeCall(1, CallStatus::InProgress, 1, CostBucket::Low);
        one.createdAt = kNow.addSecs(-300);
        Call two = makeCall(2, CallStatus::Completed, 1, CostBucket::High);
        two.createdAt = kNow.addSecs(-200);
        two.durationSec = 5;
        Call three = makeCall(3, CallStatus::Ringing, 1, CostBucket::Med);
        three.createdAt = kNow.addSecs(-100);
        model.reset({one, two, three}, {});
        filter.sort(column, Qt::SortOrder(order));
        QCOMPARE(idsInOrder(filter), expected);
    }

    void tenThousandCallsWithDeltas()
    {
        // The tester walks the whole model after every change signal: batches that arrive as one
        // run of rows cost one walk, so it can watch 10,000 rows here.
        LiveCallsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QList<Call> calls;
        for (int id = 1; id <= 10'000; ++id)
            calls.append(makeCall(id, id % 3 ? CallStatus::InProgress : CallStatus::Completed, 1 + id % 5));
        model.reset(calls, {});
        QCOMPARE(model.rowCount(), 10'000);

        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QList<Call> batch;
        for (int id = 2000; id < 2500; ++id)
            batch.append(makeCall(id, CallStatus::Completed));
        for (int id = 10'001; id <= 10'100; ++id)
            batch.append(makeCall(id, CallStatus::Ringing));
        model.apply(batch);
        QCOMPARE(resets.size(), 0);
        QCOMPARE(changed.size(), 1);  // adjacent rows: one signal
        QCOMPARE(inserted.size(), 1); // one insertion for the whole batch
        QCOMPARE(model.rowCount(), 10'100);
        QCOMPARE(model.index(model.rowOf(2100), LiveCallsModel::Status).data().toString(), u"completed"_s);
    }

    void tenThousandCallsSortedThroughTheFilter()
    {
        LiveCallsModel model;
        LiveCallsFilterModel filter;
        filter.setSourceModel(&model);
        filter.sort(LiveCallsModel::Status, Qt::AscendingOrder);
        QList<Call> calls;
        for (int id = 1; id <= 10'000; ++id)
            calls.append(makeCall(id, id % 3 ? CallStatus::InProgress : CallStatus::Completed, 1 + id % 5));
        model.reset(calls, {});
        QSignalSpy resets(&filter, &QAbstractItemModel::modelReset);
        QList<Call> batch;
        for (int i = 0; i < 500; ++i)
            batch.append(makeCall(1 + (i * 37) % 10'000, i % 2 ? CallStatus::Completed : CallStatus::Ringing, 1 + i % 5));
        for (int id = 10'001; id <= 10'100; ++id)
            batch.append(makeCall(id, CallStatus::Ringing));
        model.apply(batch);
        QCOMPARE(resets.size(), 0);
        QCOMPARE(filter.rowCount(), 10'100);
        int previous = -1;
        for (int row = 0; row < filter.rowCount(); ++row) {
            const int status = filter.index(row, LiveCallsModel::Status).data(LiveCallsModel::SortRole).toInt();
            QVERIFY2(status >= previous, qPrintable(u"row %1 out of order"_s.arg(row)));
            previous = status;
        }
        filter.setStatus(CallStatus::Ringing);
        QCOMPARE(filter.rowCount(), 100 + 250);
    }

    void timelineMergesByEventId_data()
    {
        QTest::addColumn<QList<QList<qint64>>>("batches");
        QTest::addColumn<QList<qint64>>("expected");
        QTest::newRow("history then live") << QList<QList<qint64>>{{1, 2, 3}, {4}, {5}} << QList<qint64>{1, 2, 3, 4, 5};
        QTest::newRow("live before history") << QList<QList<qint64>>{{5}, {1, 2, 3, 4, 5}} << QList<qint64>{1, 2, 3, 4, 5};
        QTest::newRow("overlap and out of order") << QList<QList<qint64>>{{3, 1, 2}, {2, 6, 4}, {5, 6}}
                                                  << QList<qint64>{1, 2, 3, 4, 5, 6};
        QTest::newRow("nothing") << QList<QList<qint64>>{{}} << QList<qint64>{};
    }

    void timelineMergesByEventId()
    {
        QFETCH(QList<QList<qint64>>, batches);
        QFETCH(QList<qint64>, expected);
        TimelineModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        for (const QList<qint64> &batch : batches) {
            QList<CallEvent> events;
            for (qint64 id : batch) {
                CallEvent event;
                event.id = id;
                event.callId = 1;
                event.kind = id % 2 ? u"status_changed"_s : u"cost_bucket_changed"_s;
                event.source = u"lifecycle"_s;
                event.at = kNow.addSecs(id);
                event.detail = {{u"status"_s, u"ringing"_s}, {u"to"_s, u"+972501234567"_s}};
                events.append(event);
            }
            model.merge(events);
        }
        QList<qint64> ids;
        for (const CallEvent &event : model.events())
            ids << event.id;
        QCOMPARE(ids, expected);
        if (!expected.isEmpty()) {
            QCOMPARE(model.index(0, TimelineModel::What).data().toString(), u"status changed"_s);
            const QString detail = model.index(0, TimelineModel::Detail).data().toString();
            QVERIFY2(detail.contains(u"+97250*****67"_s) && !detail.contains(u"+972501234567"_s), qPrintable(detail));
        }
    }
};

QTEST_MAIN(TestLiveCallsModels)
#include "tst_livecallsmodels.moc"
