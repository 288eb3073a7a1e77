#include "costsview.h"

#include "apiclient.h"
#include "costmodels.h"
#include "readingorder.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHorizontalBarSeries>
#include <QIntValidator>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QTableView>
#include <QValueAxis>

using namespace Qt::StringLiterals;

namespace sb {

namespace {

const QList<int> kDayChoices = {1, 7, 14, 30, 90};

QChartView *newChartView(const QString &name, QWidget *parent)
{
    auto *view = new QChartView(new QChart, parent);
    view->setObjectName(name);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumSize(320, 220);
    return view;
}

/// Replaces @p view's chart, deleting the old one (QChartView only releases it).
void replaceChart(QChartView *view, QChart *chart)
{
    QChart *old = view->chart();
    chart->setLocalizeNumbers(true);
    chart->setLocale(QLocale());
    chart->legend()->setAlignment(Qt::AlignBottom);
    view->setChart(chart);
    delete old;
}

QValueAxis *countAxis(double maxValue)
{
    auto *axis = new QValueAxis;
    axis->setLabelFormat(u"%.0f"_s); // "%d" prints nothing for the axis's qreal values
    axis->setRange(0, std::max(1.0, std::ceil(maxValue * 1.15)));
    axis->applyNiceNumbers();
    return axis;
}

QLineSeries *thresholdSeries(const QString &name)
{
    auto *line = new QLineSeries;
    line->setName(name);
    QPen pen(QColor(0xb0, 0x1c, 0x1c));
    pen.setStyle(Qt::DashLine);
    pen.setWidth(2);
    line->setPen(pen);
    return line;
}

} // namespace

CostsView::CostsView(QWidget *parent)
    : QWidget(parent)
    , m_model(new CostSummaryModel(this))
    , m_businessLabel(new QLabel(this))
    , m_business(new QLineEdit(this))
    , m_daysLabel(new QLabel(this))
    , m_days(new QComboBox(this))
    , m_refresh(new QPushButton(this))
    , m_status(new QLabel(this))
    , m_figures(new QTableView(this))
    , m_bucketView(newChartView(u"bucketChart"_s, this))
    , m_dailyView(newChartView(u"dailyChart"_s, this))
    , m_indicatorView(newChartView(u"indicatorChart"_s, this))
    , m_recommendationsTitle(new QLabel(this))
    , m_recommendations(new QListWidget(this))
    , m_thresholds(new QLabel(this))
{
    setObjectName(u"costsView"_s);
    m_business->setObjectName(u"businessFilter"_s);
    m_business->setValidator(new QIntValidator(1, std::numeric_limits<int>::max(), m_business));
    m_business->setClearButtonEnabled(true);
    m_days->setObjectName(u"daysFilter"_s);
    m_days->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    for (int days : kDayChoices)
        m_days->addItem(QString(), days);
    m_days->setCurrentIndex(int(kDayChoices.indexOf(7)));
    m_refresh->setObjectName(u"refresh"_s);
    m_status->setObjectName(u"status"_s);
    m_businessLabel->setBuddy(m_business);
    m_daysLabel->setBuddy(m_days);

    m_figures->setObjectName(u"figures"_s);
    m_figures->setModel(m_model);
    m_figures->verticalHeader()->hide();
    m_figures->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_figures->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_figures->setSelectionMode(QAbstractItemView::NoSelection);
    m_figures->verticalHeader()->setDefaultSectionSize(m_figures->fontMetrics().height() + 6);
    m_recommendations->setObjectName(u"recommendations"_s);
    m_recommendations->setWordWrap(true);
    m_thresholds->setObjectName(u"thresholds"_s);
    m_thresholds->setWordWrap(true);

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_businessLabel);
    filters->addWidget(m_business);
    filters->addWidget(m_daysLabel);
    filters->addWidget(m_days);
    filters->addWidget(m_refresh);
    filters->addWidget(m_status, 1);

    auto *grid = new QGridLayout;
    grid->addWidget(m_figures, 0, 0);
    grid->addWidget(m_bucketView, 0, 1);
    grid->addWidget(m_dailyView, 1, 0);
    grid->addWidget(m_indicatorView, 1, 1);
    grid->setRowStretch(0, 1);
    grid->setRowStretch(1, 1);

    auto *bottom = new QVBoxLayout;
    bottom->addWidget(m_recommendationsTitle);
    bottom->addWidget(m_recommendations);
    bottom->addWidget(m_thresholds);
    m_recommendations->setMaximumHeight(80);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addLayout(grid, 1);
    layout->addLayout(bottom);

    connect(m_refresh, &QPushButton::clicked, this, &CostsView::refresh);
    connect(m_business, &QLineEdit::returnPressed, this, &CostsView::refresh);
    connect(m_days, &QComboBox::activated, this, &CostsView::refresh);
    connect(m_model, &CostSummaryModel::summaryChanged, this, [this] {
        m_lastError.clear();
        setStatus(QString(), false);
        rebuildCharts();
        showSummaryText();
    });
    connect(m_model, &CostSummaryModel::loadingChanged, this, [this](bool loading) {
        m_refresh->setEnabled(!loading);
        if (loading)
            setStatus(tr("Loading…"), false);
    });
    connect(m_model, &CostSummaryModel::failed, this, [this](const QString &message) {
        m_lastError = message;
        setStatus(message, true);
    });

    retranslateUi();
    rebuildCharts();
}

void CostsView::setApiClient(ApiClient *api)
{
    m_api = api;
}

std::optional<qint64> CostsView::businessId() const
{
    bool ok = false;
    const qint64 id = m_business->text().toLongLong(&ok);
    return ok && id > 0 ? std::optional<qint64>(id) : std::nullopt;
}

int CostsView::days() const
{
    return m_days->currentData().toInt();
}

void CostsView::setDays(int days)
{
    const int index = m_days->findData(days);
    if (index < 0) {
        m_days->addItem(tr("Last %n day(s)", nullptr, days), days);
        m_days->setCurrentIndex(m_days->count() - 1);
    } else {
        m_days->setCurrentIndex(index);
    }
}

QChart *CostsView::bucketChart() const
{
    return m_bucketView->chart();
}

QChart *CostsView::dailyChart() const
{
    return m_dailyView->chart();
}

QChart *CostsView::indicatorChart() const
{
    return m_indicatorView->chart();
}

QString CostsView::statusText() const
{
    return m_status->text();
}

void CostsView::refresh()
{
    if (!m_api) {
        setStatus(tr("Not connected to a backend."), true);
        return;
    }
    m_model->refresh(m_api, businessId(), days());
}

void CostsView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    else if (event->type() == QEvent::LayoutDirectionChange)
        rebuildCharts();
    QWidget::changeEvent(event);
}

void CostsView::retranslateUi()
{
    m_businessLabel->setText(tr("&Business:"));
    m_business->setPlaceholderText(tr("All businesses"));
    m_business->setToolTip(tr("A business ID; empty for all businesses"));
    m_daysLabel->setText(tr("&Range:"));
    for (int i = 0; i < m_days->count(); ++i)
        m_days->setItemText(i, tr("Last %n day(s)", nullptr, m_days->itemData(i).toInt()));
    m_refresh->setText(tr("Re&fresh"));
    m_recommendationsTitle->setText(tr("Recommendations"));
    if (!m_lastError.isEmpty())
        setStatus(m_lastError, true);
    else if (m_model->isLoading())
        setStatus(tr("Loading…"), false);
    m_model->retranslate();
    rebuildCharts();
    showSummaryText();
}

void CostsView::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? u"color: #b01c1c;"_s : QString());
}

void CostsView::rebuildCharts()
{
    buildBucketChart();
    buildDailyChart();
    buildIndicatorChart();
}

void CostsView::buildBucketChart()
{
    const CostSummary &summary = m_model->summary();
    auto *chart = new QChart;
    chart->setTitle(tr("Calls by cost bucket"));
    auto *calls = new QBarSet(tr("Calls"));
    QStringList categories;
    qint64 most = 0;
    for (const QString &bucket : inReadingOrder(kCostBuckets, layoutDirection())) {
        const qint64 count = CostSummaryModel::bucketCount(summary.bucketCounts, bucket);
        *calls << count;
        categories << CostSummaryModel::bucketLabel(bucket);
        most = std::max(most, count);
    }
    auto *bars = new QBarSeries;
    bars->append(calls);
    chart->addSeries(bars);
    auto *x = new QBarCategoryAxis;
    x->append(categories);
    chart->addAxis(x, Qt::AlignBottom);
    bars->attachAxis(x);

    double top = double(most);
    if (summary.totalCalls > 0) {
        // The HIGH bar crosses the alert when it is above this many calls.
        const double share = summary.thresholds.highCostRatio;
        const double limit = share * double(summary.totalCalls);
        auto *line = thresholdSeries(tr("Alert above %1 % high-cost calls").arg(QLocale().toString(share * 100, 'g', 3)));
        line->append(-0.5, limit);
        line->append(categories.size() - 0.5, limit);
        chart->addSeries(line);
        line->attachAxis(x);
        top = std::max(top, limit);
    }
    QValueAxis *y = countAxis(top);
    chart->addAxis(y, layoutDirection() == Qt::RightToLeft ? Qt::AlignRight : Qt::AlignLeft);
    for (QAbstractSeries *series : chart->series())
        series->attachAxis(y);
    replaceChart(m_bucketView, chart);
}

void CostsView::buildDailyChart()
{
    const CostSummary &summary = m_model->summary();
    const bool rtl = layoutDirection() == Qt::RightToLeft;
    const QList<CostDailyPoint> days = inReadingOrder(summary.daily, layoutDirection());
    auto *chart = new QChart;
    chart->setTitle(tr("High-cost calls and estimated cost per day"));

    auto *highCost = new QBarSet(tr("High-cost calls"));
    QStringList categories;
    auto *cost = new QLineSeries;
    cost->setName(tr("Estimated cost (USD)"));
    double mostCalls = 0;
    double mostCost = 0;
    for (int i = 0; i < days.size(); ++i) {
        const CostDailyPoint &day = days.at(i);
        *highCost << day.highCostCalls;
        categories << QLocale().toString(day.date, u"dd/MM"_s);
        cost->append(i, day.estimatedCost);
        mostCalls = std::max(mostCalls, double(day.highCostCalls));
        mostCost = std::max(mostCost, day.estimatedCost);
    }
    auto *bars = new QBarSeries;
    bars->append(highCost);
    chart->addSeries(bars);
    chart->addSeries(cost);
    auto *x = new QBarCategoryAxis;
    x->append(categories);
    chart->addAxis(x, Qt::AlignBottom);
    bars->attachAxis(x);
    cost->attachAxis(x);

    QLineSeries *limit = nullptr;
    if (!days.isEmpty()) {
        // Each day's own limit: the share of that day's calls above which the alert fires.
        const double share = summary.thresholds.highCostRatio;
        limit = thresholdSeries(tr("Alert at %1 % of the day's calls").arg(QLocale().toString(share * 100, 'g', 3)));
        for (int i = 0; i < days.size(); ++i) {
            const double value = share * double(days.at(i).totalCalls);
            limit->append(i, value);
            mostCalls = std::max(mostCalls, value);
        }
        chart->addSeries(limit);
        limit->attachAxis(x);
    }
    QValueAxis *callsAxis = countAxis(mostCalls);
    callsAxis->setTitleText(tr("Calls"));
    chart->addAxis(callsAxis, rtl ? Qt::AlignRight : Qt::AlignLeft);
    bars->attachAxis(callsAxis);
    if (limit)
        limit->attachAxis(callsAxis);

    auto *costAxis = new QValueAxis;
    costAxis->setTitleText(tr("USD"));
    costAxis->setLabelFormat(u"%.2f"_s);
    costAxis->setRange(0, mostCost > 0 ? mostCost * 1.15 : 1);
    costAxis->applyNiceNumbers();
    chart->addAxis(costAxis, rtl ? Qt::AlignLeft : Qt::AlignRight);
    cost->attachAxis(costAxis);
    replaceChart(m_dailyView, chart);
}

void CostsView::buildIndicatorChart()
{
    const IndicatorModel *indicators = m_model->indicatorModel();
    auto *chart = new QChart;
    chart->setTitle(tr("What made calls expensive"));
    auto *calls = new QBarSet(tr("Calls where it fired"));
    QStringList categories;
    qint64 most = 0;
    // Horizontal bars stack from the bottom: add the least frequent first so the most is on top.
    for (int row = indicators->rowCount() - 1; row >= 0; --row) {
        const qint64 count = indicators->index(row, IndicatorModel::Calls).data(IndicatorModel::ValueRole).toLongLong();
        *calls << count;
        categories << indicators->index(row, IndicatorModel::Indicator).data().toString();
        most = std::max(most, count);
    }
    auto *bars = new QHorizontalBarSeries;
    bars->append(calls);
    chart->addSeries(bars);
    auto *y = new QBarCategoryAxis;
    y->append(categories);
    const bool rtl = layoutDirection() == Qt::RightToLeft;
    chart->addAxis(y, rtl ? Qt::AlignRight : Qt::AlignLeft);
    bars->attachAxis(y);
    QValueAxis *x = countAxis(double(most));
    x->setReverse(rtl); // bars grow from the side the text starts on
    chart->addAxis(x, Qt::AlignBottom);
    bars->attachAxis(x);
    replaceChart(m_indicatorView, chart);
}

void CostsView::showSummaryText()
{
    const CostSummary &summary = m_model->summary();
    m_recommendations->clear();
    m_recommendations->addItems(summary.recommendations);
    if (m_model->hasSummary() && summary.recommendations.isEmpty())
        m_recommendations->addItem(tr("Nothing to do: no cost problem stands out."));
    const AlertThresholds &limits = summary.thresholds;
    const auto percent = [](double ratio) { return QLocale().toString(ratio * 100, 'g', 3); };
    m_thresholds->setText(!m_model->hasSummary() ? QString()
                          : tr("Alerts when duplicate recordings are above %1, high-cost calls above %2 % "
                               "or calls with stream reconnects above %3 % of all calls.")
                                .arg(QLocale().toString(limits.duplicateRecordings, 'g', 6), percent(limits.highCostRatio),
                                     percent(limits.reconnectRatio)));
}

} // namespace sb
