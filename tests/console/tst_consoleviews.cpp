#include "alertsmodel.h"
#include "apiclient.h"
#include "costmodels.h"
#include "dedupmodels.h"
#include "jobsmodel.h"
#include "reprocessmodel.h"
#include "ui/alertsview.h"
#include "ui/costsview.h"
#include "ui/dedupview.h"
#include "ui/reprocessview.h"
#include "ui/screenshotwriter.h"

#include "consoletestdata.h"
#include "fakeapi.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QCheckBox>
#include <QComboBox>
#include <QHorizontalBarSeries>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QValueAxis>

using namespace sb;
using Method = HttpServer::Method;

namespace {

QStringList categoriesOf(QChart *chart, Qt::Orientation orientation = Qt::Horizontal)
{
    const QList<QAbstractAxis *> axes = chart->axes(orientation);
    for (QAbstractAxis *axis : axes) {
        if (auto *categories = qobject_cast<QBarCategoryAxis *>(axis))
            return categories->categories();
    }
    return {};
}

template <typename Series>
Series *seriesOf(QChart *chart, int skip = 0)
{
    for (QAbstractSeries *series : chart->series()) {
        if (auto *typed = qobject_cast<Series *>(series); typed && skip-- == 0)
            return typed;
    }
    return nullptr;
}

QList<qreal> valuesOf(QBarSet *set)
{
    QList<qreal> values;
    for (int i = 0; i < set->count(); ++i)
        values.append(set->at(i));
    return values;
}

QList<qreal> yOf(QLineSeries *line)
{
    QList<qreal> values;
    for (const QPointF &point : line->points())
        values.append(point.y());
    return values;
}

QJsonObject decision(qint64 id, const QString &layer, const QString &outcome)
{
    return {{QStringLiteral("id"), id}, {QStringLiteral("at"), QStringLiteral("2026-11-21T08:00:00.000Z")},
            {QStringLiteral("business_id"), 1}, {QStringLiteral("number"), QStringLiteral("+15550100")},
            {QStringLiteral("dedup_key"), QStringLiteral("1:+15550100:29000000")},
            {QStringLiteral("layer"), layer.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(layer)},
            {QStringLiteral("outcome"), outcome}, {QStringLiteral("call_id"), id}};
}

} // namespace

class TestConsoleViews : public QObject
{
    Q_OBJECT

private slots:
    void costsViewDrawsTheSummary()
    {
        CostsView view;
        QVERIFY(view.model()->setSummaryJson(sampleSummaryJson()).ok());
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));

        QChart *buckets = view.bucketChart();
        QCOMPARE(categoriesOf(buckets), (QStringList{"Low", "Medium", "High"}));
        QCOMPARE(valuesOf(seriesOf<QBarSeries>(buckets)->barSets().first()), (QList<qreal>{18, 4, 8}));
        // The high-cost alert threshold: 25 % of 30 calls.
        QLineSeries *limit = seriesOf<QLineSeries>(buckets);
        QVERIFY(limit);
        QCOMPARE(yOf(limit), (QList<qreal>{7.5, 7.5}));

        QChart *daily = view.dailyChart();
        QCOMPARE(categoriesOf(daily), (QStringList{"19/11", "20/11", "21/11"}));
        QCOMPARE(valuesOf(seriesOf<QBarSeries>(daily)->barSets().first()), (QList<qreal>{1, 4, 3}));
        QCOMPARE(yOf(seriesOf<QLineSeries>(daily)), (QList<qreal>{3.0, 5.5, 4.0}));
        QCOMPARE(yOf(seriesOf<QLineSeries>(daily, 1)), (QList<qreal>{2.5, 3.0, 2.0})); // each day's limit
        QCOMPARE(daily->axes(Qt::Vertical).size(), 2); // calls and USD

        QChart *indicators = view.indicatorChart();
        QCOMPARE(categoriesOf(indicators, Qt::Vertical),
                 (QStringList{"Duplicate recording", "Webhook retries", "Stream reconnects"})); // most on top
        QCOMPARE(valuesOf(seriesOf<QHorizontalBarSeries>(indicators)->barSets().first()), (QList<qreal>{2, 3, 5}));

        QCOMPARE(view.findChild<QTableView *>(QStringLiteral("figures"))->model()->rowCount(), int(CostSummaryModel::RowCount));
        QVERIFY(view.findChild<QLabel *>(QStringLiteral("thresholds"))->text().contains(QStringLiteral("high-cost calls above 25 %")));
    }

    void costsChartsReadRightToLeft()
    {
        CostsView view;
        view.setLayoutDirection(Qt::RightToLeft);
        QVERIFY(view.model()->setSummaryJson(sampleSummaryJson()).ok());
        QCOMPARE(categoriesOf(view.bucketChart()), (QStringList{"High", "Medium", "Low"}));
        QCOMPARE(valuesOf(seriesOf<QBarSeries>(view.bucketChart())->barSets().first()), (QList<qreal>{8, 4, 18}));
        QCOMPARE(categoriesOf(view.dailyChart()), (QStringList{"21/11", "20/11", "19/11"}));
        QCOMPARE(yOf(seriesOf<QLineSeries>(view.dailyChart())), (QList<qreal>{4.0, 5.5, 3.0}));
        QCOMPARE(view.dailyChart()->axes(Qt::Vertical).first()->alignment(), Qt::AlignRight);
        // And back, when the direction changes at runtime.
        view.setLayoutDirection(Qt::LeftToRight);
        QCOMPARE(categoriesOf(view.bucketChart()), (QStringList{"Low", "Medium", "High"}));
    }

    void costsViewRefreshesWithItsFilters()
    {
        FakeApi fake;
        fake.answerJson(Method::Get, QStringLiteral("/api/costs/summary"), sampleSummaryJson());
        ApiClient api;
        api.setBaseUrl(fake.url());
        CostsView view;
        view.setApiClient(&api);
        view.findChild<QLineEdit *>(QStringLiteral("businessFilter"))->setText(QStringLiteral("4"));
        view.setDays(30);
        QTest::mouseClick(view.findChild<QPushButton *>(QStringLiteral("refresh")), Qt::LeftButton);
        QTRY_VERIFY(view.model()->hasSummary());
        QCOMPARE(fake.received.first().query, QStringLiteral("business_id=4&days=30"));
        QCOMPARE(valuesOf(seriesOf<QBarSeries>(view.bucketChart())->barSets().first()), (QList<qreal>{18, 4, 8}));
    }

    void costsViewShowsWhyARefreshFailed()
    {
        FakeApi fake;
        fake.answer(Method::Get, QStringLiteral("/api/costs/summary"), [](const HttpRequest &) {
            return HttpResponse::error(invalidInput(QStringLiteral("days must be from 1 to 365")));
        });
        ApiClient api;
        api.setBaseUrl(fake.url());
        CostsView view;
        view.refresh();
        QCOMPARE(view.statusText(), QStringLiteral("Not connected to a backend."));
        view.setApiClient(&api);
        view.refresh();
        QTRY_COMPARE(view.statusText(), QStringLiteral("days must be from 1 to 365"));
    }

    void reprocessGatedByRole_data()
    {
        QTest::addColumn<QString>("role");
        QTest::addColumn<QStringList>("calls");
        QTest::addColumn<bool>("enabled");
        QTest::addColumn<QString>("reasonPart");
        QTest::newRow("role not known yet") << "" << QStringList{"CA1"} << false << "does not know your role yet";
        QTest::newRow("viewer") << "viewer" << QStringList{"CA1"} << false << "your token has the role \"viewer\"";
        QTest::newRow("supervisor") << "supervisor" << QStringList{"CA1"} << false << "your token has the role \"supervisor\"";
        QTest::newRow("admin without calls") << "admin" << QStringList{} << false << "Select one or more calls";
        QTest::newRow("admin with calls") << "admin" << QStringList{"CA1", "CA2"} << true << "";
    }

    void reprocessGatedByRole()
    {
        QFETCH(QString, role);
        QFETCH(QStringList, calls);
        QFETCH(bool, enabled);
        QFETCH(QString, reasonPart);
        ApiClient api;
        ReprocessView view;
        view.setApiClient(&api);
        view.setRole(role);
        view.setSelectedCalls(calls);
        auto *button = view.findChild<QPushButton *>(QStringLiteral("reprocess"));
        QCOMPARE(button->isEnabled(), enabled);
        QCOMPARE(view.canReprocess(), enabled);
        const QString reason = view.findChild<QLabel *>(QStringLiteral("reason"))->text();
        QCOMPARE(reason.isEmpty(), enabled);
        QVERIFY2(reason.contains(reasonPart), qPrintable(reason));
        QCOMPARE(button->toolTip(), reason);
        // A call to reprocess() while disabled sends nothing.
        view.reprocess();
        QCOMPARE(view.requests()->rowCount(), enabled ? int(calls.size()) : 0);
    }

    void reprocessSendsForceAsChosen_data()
    {
        QTest::addColumn<bool>("force");
        QTest::addColumn<QString>("request");
        QTest::newRow("without force") << false << "Queued";
        QTest::newRow("with force") << true << "Queued, forced";
    }

    void reprocessSendsForceAsChosen()
    {
        QFETCH(bool, force);
        QFETCH(QString, request);
        FakeApi fake;
        fake.answer(Method::Post, QStringLiteral("/api/calls/{sid}/reprocess"), [](const HttpRequest &r) {
            const QString sid = r.pathParameter(QStringLiteral("sid"));
            return HttpResponse::json(QJsonObject{{QStringLiteral("job"), sampleJobJson(sid.mid(2).toInt(), sid, QStringLiteral("pending"))},
                                                  {QStringLiteral("created"), true}}, 202);
        });
        ApiClient api;
        api.setBaseUrl(fake.url());
        api.setToken(QStringLiteral("admin-token"));
        ReprocessView view;
        view.setApiClient(&api);
        view.setRole(QStringLiteral("admin"));
        view.setSelectedCalls({QStringLiteral("CA1"), QStringLiteral("CA2")});
        view.findChild<QCheckBox *>(QStringLiteral("force"))->setChecked(force);
        QTest::mouseClick(view.findChild<QPushButton *>(QStringLiteral("reprocess")), Qt::LeftButton);
        QTRY_COMPARE(view.requests()->pendingRequests(), 0);
        QCOMPARE(fake.received.size(), 2);
        QStringList paths;
        for (const FakeApi::Received &received : std::as_const(fake.received)) {
            paths.append(received.path);
            QCOMPARE(received.body, (QJsonObject{{QStringLiteral("force"), force}}));
            QCOMPARE(received.authorization, QByteArray("Bearer admin-token"));
        }
        paths.sort();
        QCOMPARE(paths, (QStringList{"/api/calls/CA1/reprocess", "/api/calls/CA2/reprocess"}));
        QCOMPARE(view.requests()->index(0, ReprocessModel::Request).data().toString(), request);

        // Progress arrives live and shows in the table.
        view.applyJob(sampleJobJson(2, QStringLiteral("CA2"), QStringLiteral("dead")));
        QCOMPARE(view.requests()->index(1, ReprocessModel::JobState).data().toString(), QStringLiteral("Gave up"));
    }

    void reprocessShowsTheBackendsRefusal()
    {
        // The console believes it is an admin; the backend knows better.
        FakeApi fake;
        fake.answer(Method::Post, QStringLiteral("/api/calls/{sid}/reprocess"), [](const HttpRequest &) {
            return HttpResponse::error(Error{ErrorCode::Forbidden, QStringLiteral("this needs the admin role")});
        });
        ApiClient api;
        api.setBaseUrl(fake.url());
        ReprocessView view;
        view.setApiClient(&api);
        view.setRole(QStringLiteral("admin"));
        view.setSelectedCalls({QStringLiteral("CA1")});
        view.reprocess();
        QTRY_COMPARE(view.requests()->pendingRequests(), 0);
        QCOMPARE(view.requests()->index(0, ReprocessModel::Request).data().toString(),
                 QStringLiteral("Refused: Not allowed for your role: this needs the admin role"));
        QCOMPARE(view.jobs()->rowCount(), 0);
    }

    void dedupViewLoadsFiltersAndGrowsLive()
    {
        FakeApi fake;
        fake.answerJson(Method::Get, QStringLiteral("/api/dedup/recent"),
                        QJsonObject{{QStringLiteral("decisions"), QJsonArray{decision(2, QStringLiteral("memory"), QStringLiteral("duplicate")),
                                                                             decision(1, {}, QStringLiteral("placed"))}}});
        fake.answerJson(Method::Get, QStringLiteral("/api/dedup/cache"),
                        QJsonObject{{QStringLiteral("ttl_ms"), 60000},
                                    {QStringLiteral("entries"), QJsonArray{QJsonObject{{QStringLiteral("key"), QStringLiteral("1:+15550100:29000000")},
                                                                                       {QStringLiteral("business_id"), 1},
                                                                                       {QStringLiteral("ttl_left_ms"), 30000}}}},
                                    {QStringLiteral("counters"), QJsonObject{{QStringLiteral("placed"), 1}, {QStringLiteral("memory_duplicates"), 1}}}});
        ApiClient api;
        api.setBaseUrl(fake.url());
        DedupView view;
        view.setApiClient(&api);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.refresh();
        auto *decisions = view.findChild<QTableView *>(QStringLiteral("decisions"));
        auto *cache = view.findChild<QTableView *>(QStringLiteral("cache"));
        QTRY_COMPARE(decisions->model()->rowCount(), 2);
        QTRY_COMPARE(cache->model()->rowCount(), 1);
        QCOMPARE(fake.received.first().query, QStringLiteral("limit=2000"));
        QVERIFY(view.findChild<QLabel *>(QStringLiteral("counters"))->text().contains(QStringLiteral("1 caught in memory")));

        auto *layer = view.findChild<QComboBox *>(QStringLiteral("layerFilter"));
        layer->setCurrentIndex(layer->findData(QStringLiteral("memory")));
        QCOMPARE(decisions->model()->rowCount(), 1);
        view.applyDecision(decision(3, QStringLiteral("memory"), QStringLiteral("duplicate")));
        view.applyDecision(decision(4, QStringLiteral("database"), QStringLiteral("duplicate")));
        QCOMPARE(decisions->model()->rowCount(), 2);
        QCOMPARE(view.decisions()->rowCount(), 4);
        layer->setCurrentIndex(0);
        view.findChild<QLineEdit *>(QStringLiteral("textFilter"))->setText(QStringLiteral("4"));
        QCOMPARE(decisions->model()->rowCount(), 1);

        view.applyDecision(QJsonObject{{QStringLiteral("id"), QStringLiteral("x")}});
        QVERIFY(view.statusText().contains(QStringLiteral("could not be read")));
    }

    void alertsViewSaysWhatToDo()
    {
        AlertsView view;
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(view.headline().startsWith(QStringLiteral("No active alerts")));
        const QJsonArray alerts = sampleSummaryJson().value(QStringLiteral("alerts")).toArray();
        view.setAlerts(alerts);
        QCOMPARE(view.headline(), QStringLiteral("1 active alert(s), 1 critical. Newest: 27 % of calls are high cost"));
        auto *table = view.findChild<QTableView *>(QStringLiteral("alerts"));
        QCOMPARE(table->model()->index(0, AlertsModel::Action).data().toString(), QStringLiteral("Look at the reconnecting streams"));
        QVERIFY(!view.findChild<QLabel *>(QStringLiteral("problem"))->isVisible());

        view.setAlerts(QJsonArray{QJsonObject{{QStringLiteral("key"), QStringLiteral("x")}}});
        QVERIFY(view.findChild<QLabel *>(QStringLiteral("problem"))->isVisible());
        QVERIFY(view.headline().startsWith(QStringLiteral("No active alerts")));
    }

    void screenshotsOfEveryView()
    {
        QTemporaryDir directory;
        CostsView costs;
        QVERIFY(costs.model()->setSummaryJson(sampleSummaryJson()).ok());
        DedupView dedup;
        AlertsView alerts;
        ReprocessView reprocess;
        ScreenshotWriter writer(directory.filePath(QStringLiteral("shots")));
        writer.add(QStringLiteral("costs"), &costs, QSize(1200, 760));
        writer.add(QStringLiteral("dedup"), &dedup);
        writer.add(QStringLiteral("alerts"), &alerts);
        writer.add(QStringLiteral("reprocess"), &reprocess);
        const auto written = writer.writeAll();
        QVERIFY2(written.ok(), written.ok() ? "" : qPrintable(written.error().message));
        QCOMPARE(written->size(), 4);
        const QImage image(directory.filePath(QStringLiteral("shots/costs.png")));
        QCOMPARE(image.size(), QSize(1200, 760));
        QVERIFY(!QImage(directory.filePath(QStringLiteral("shots/reprocess.png"))).isNull());
    }

    void screenshotOfAGoneWidgetFails()
    {
        QTemporaryDir directory;
        ScreenshotWriter writer(directory.path());
        auto alerts = std::make_unique<AlertsView>();
        writer.add(QStringLiteral("alerts"), alerts.get());
        alerts.reset();
        const auto written = writer.writeAll();
        QVERIFY(!written.ok());
        QVERIFY(written.error().message.contains(QStringLiteral("alerts")));
    }
};

QTEST_MAIN(TestConsoleViews)
#include "tst_consoleviews.moc"
