#include "dedupview.h"

#include "apiclient.h"
#include "dedupmodels.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIntValidator>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QScopeGuard>
#include <QSplitter>
#include <QTableView>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace sb {

namespace {

QTableView *newTable(const QString &name, QWidget *parent)
{
    auto *table = new QTableView(parent);
    table->setObjectName(name);
    table->verticalHeader()->hide();
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    // Times, numbers and keys are short and must be read whole; the last column takes the rest.
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setStretchLastSection(true);
    table->setWordWrap(false);
    return table;
}

const QStringList kLayers = {QString(), u"memory"_s, u"database"_s, u"none"_s};
const QStringList kOutcomes = {QString(), u"placed"_s, u"duplicate"_s, u"failed_open"_s, u"failed_closed"_s, u"refused"_s, u"unknown"_s};

} // namespace

DedupView::DedupView(QWidget *parent)
    : QWidget(parent)
    , m_decisions(new DedupDecisionsModel(this))
    , m_filter(new DedupDecisionFilter(this))
    , m_cache(new DedupCacheModel(this))
    , m_decisionsTitle(new QLabel(this))
    , m_layerLabel(new QLabel(this))
    , m_layer(new QComboBox(this))
    , m_outcomeLabel(new QLabel(this))
    , m_outcome(new QComboBox(this))
    , m_business(new QLineEdit(this))
    , m_text(new QLineEdit(this))
    , m_refresh(new QPushButton(this))
    , m_decisionsTable(newTable(u"decisions"_s, this))
    , m_cacheTitle(new QLabel(this))
    , m_cacheTable(newTable(u"cache"_s, this))
    , m_counters(new QLabel(this))
    , m_status(new QLabel(this))
{
    setObjectName(u"dedupView"_s);
    m_filter->setSourceModel(m_decisions);
    m_decisionsTable->setModel(m_filter);
    m_cacheTable->setModel(m_cache);
    m_layer->setObjectName(u"layerFilter"_s);
    m_outcome->setObjectName(u"outcomeFilter"_s);
    // The item texts arrive with retranslateUi(), and change with the language.
    m_layer->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_outcome->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    for (const QString &layer : kLayers)
        m_layer->addItem(QString(), layer);
    for (const QString &outcome : kOutcomes)
        m_outcome->addItem(QString(), outcome);
    m_business->setObjectName(u"businessFilter"_s);
    m_business->setValidator(new QIntValidator(1, std::numeric_limits<int>::max(), m_business));
    m_business->setClearButtonEnabled(true);
    m_text->setObjectName(u"textFilter"_s);
    m_text->setClearButtonEnabled(true);
    m_refresh->setObjectName(u"refresh"_s);
    m_status->setObjectName(u"status"_s);
    m_counters->setObjectName(u"counters"_s);
    m_counters->setWordWrap(true);
    m_layerLabel->setBuddy(m_layer);
    m_outcomeLabel->setBuddy(m_outcome);
    QFont title = m_decisionsTitle->font();
    title.setBold(true);
    m_decisionsTitle->setFont(title);
    m_cacheTitle->setFont(title);

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_layerLabel);
    filters->addWidget(m_layer);
    filters->addWidget(m_outcomeLabel);
    filters->addWidget(m_outcome);
    filters->addWidget(m_business);
    filters->addWidget(m_text, 1);
    filters->addWidget(m_refresh);

    auto *decisionsPane = new QWidget(this);
    auto *decisionsLayout = new QVBoxLayout(decisionsPane);
    decisionsLayout->setContentsMargins(0, 0, 0, 0);
    decisionsLayout->addWidget(m_decisionsTitle);
    decisionsLayout->addLayout(filters);
    decisionsLayout->addWidget(m_decisionsTable);

    auto *cachePane = new QWidget(this);
    auto *cacheLayout = new QVBoxLayout(cachePane);
    cacheLayout->setContentsMargins(0, 0, 0, 0);
    cacheLayout->addWidget(m_cacheTitle);
    cacheLayout->addWidget(m_cacheTable);
    cacheLayout->addWidget(m_counters);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(decisionsPane);
    splitter->addWidget(cachePane);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_status);

    connect(m_layer, &QComboBox::currentIndexChanged, this, &DedupView::applyFilters);
    connect(m_outcome, &QComboBox::currentIndexChanged, this, &DedupView::applyFilters);
    connect(m_business, &QLineEdit::textChanged, this, &DedupView::applyFilters);
    connect(m_text, &QLineEdit::textChanged, this, &DedupView::applyFilters);
    connect(m_refresh, &QPushButton::clicked, this, &DedupView::refresh);
    connect(m_cache, &DedupCacheModel::countersChanged, this, &DedupView::showCounters);

    retranslateUi();
}

void DedupView::setApiClient(ApiClient *api)
{
    m_api = api;
}

QString DedupView::statusText() const
{
    return m_status->text();
}

void DedupView::refresh()
{
    if (!m_api)
        return showError(tr("Not connected to a backend."));
    m_status->clear();
    m_pendingRequests += 2;
    m_api->get(u"/api/dedup/recent"_s, QUrlQuery{{u"limit"_s, QString::number(m_decisions->maxRows())}}, this,
               [this](const Result<ApiReply> &reply) {
                   const auto answered = qScopeGuard([this] { requestAnswered(); });
                   if (!reply)
                       return showError(reply.error().message);
                   if (auto set = m_decisions->setDecisions(reply->json.value(u"decisions"_s).toArray()); !set)
                       showError(tr("The dedup decisions could not be read: %1").arg(set.error().message));
               });
    m_api->get(u"/api/dedup/cache"_s, {}, this, [this](const Result<ApiReply> &reply) {
        const auto answered = qScopeGuard([this] { requestAnswered(); });
        if (!reply)
            return showError(reply.error().message);
        if (auto set = m_cache->setCache(reply->json); !set)
            showError(tr("The dedup cache could not be read: %1").arg(set.error().message));
    });
}

void DedupView::requestAnswered()
{
    if (--m_pendingRequests == 0)
        emit refreshFinished();
}

void DedupView::applyDecision(const QJsonObject &decision)
{
    if (auto applied = m_decisions->applyDecision(decision); !applied)
        showError(tr("A live dedup decision could not be read: %1").arg(applied.error().message));
}

void DedupView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void DedupView::retranslateUi()
{
    m_decisionsTitle->setText(tr("Dedup decisions"));
    m_layerLabel->setText(tr("&Layer:"));
    m_outcomeLabel->setText(tr("&Outcome:"));
    for (int i = 0; i < m_layer->count(); ++i) {
        const QString layer = m_layer->itemData(i).toString();
        m_layer->setItemText(i, layer.isEmpty() ? tr("Any layer")
                                 : layer == u"none" ? tr("No layer (not a duplicate)")
                                                    : DedupDecisionsModel::layerLabel(layer));
    }
    for (int i = 0; i < m_outcome->count(); ++i) {
        const QString outcome = m_outcome->itemData(i).toString();
        m_outcome->setItemText(i, outcome.isEmpty() ? tr("Any outcome") : DedupDecisionsModel::outcomeLabel(outcome));
    }
    m_business->setPlaceholderText(tr("Business ID"));
    m_text->setPlaceholderText(tr("Number, key or call ID"));
    m_refresh->setText(tr("Re&fresh"));
    m_cacheTitle->setText(tr("Memory cache"));
    m_decisions->retranslate();
    m_cache->retranslate();
    showCounters();
}

void DedupView::applyFilters()
{
    m_filter->setLayer(m_layer->currentData().toString());
    m_filter->setOutcome(m_outcome->currentData().toString());
    bool ok = false;
    const qint64 business = m_business->text().toLongLong(&ok);
    m_filter->setBusinessId(ok ? std::optional<qint64>(business) : std::nullopt);
    m_filter->setText(m_text->text());
}

void DedupView::showCounters()
{
    const QJsonObject &counters = m_cache->counters();
    if (counters.isEmpty()) {
        m_counters->clear();
        return;
    }
    const auto count = [&](const QString &name) { return QLocale().toString(counters.value(name).toInteger()); };
    m_counters->setText(tr("Entries live %1 s. Since the backend started: %2 placed, %3 caught in memory, "
                           "%4 caught by the database, %5 placed with the database unreachable.")
                            .arg(QLocale().toString(m_cache->ttlMs() / 1000), count(u"placed"_s),
                                 count(u"memory_duplicates"_s), count(u"database_duplicates"_s),
                                 count(u"failed_open"_s)));
}

void DedupView::showError(const QString &message)
{
    m_status->setText(message);
    m_status->setStyleSheet(u"color: #b01c1c;"_s);
}

} // namespace sb
