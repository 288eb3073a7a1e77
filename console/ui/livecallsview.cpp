#include "livecallsview.h"

#include "calldetail.h"
#include "calldetailview.h"
#include "livecallsfilter.h"
#include "livecallsmodel.h"
#include "liveclient.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSplitter>
#include <QTableView>

namespace sb {

LiveCallsView::LiveCallsView(LiveClient &client, QWidget *parent)
    : QWidget(parent)
    , m_model(new LiveCallsModel(this))
    , m_filter(new LiveCallsFilterModel(this))
    , m_detail(new CallDetail(client, this))
    , m_business(new QComboBox(this))
    , m_status(new QComboBox(this))
    , m_bucket(new QComboBox(this))
    , m_activeOnly(new QCheckBox(tr("Live only"), this))
    , m_search(new QLineEdit(this))
    , m_count(new QLabel(this))
    , m_table(new QTableView(this))
    , m_detailView(new CallDetailView(*m_detail, this))
{
    setObjectName(QStringLiteral("liveCalls"));
    m_filter->setSourceModel(m_model);

    m_business->setObjectName(QStringLiteral("businessFilter"));
    m_status->setObjectName(QStringLiteral("statusFilter"));
    m_status->addItem(tr("All statuses"));
    for (int i = 0; i <= int(CallStatus::Canceled); ++i)
        m_status->addItem(LiveCallsModel::statusText(CallStatus(i)), i);
    m_bucket->setObjectName(QStringLiteral("bucketFilter"));
    m_bucket->addItem(tr("All cost buckets"));
    for (CostBucket bucket : {CostBucket::Low, CostBucket::Med, CostBucket::High}) {
        m_bucket->addItem(toString(bucket), int(bucket));
        m_bucket->setItemData(m_bucket->count() - 1, LiveCallsModel::bucketColor(bucket), Qt::ForegroundRole);
    }
    m_activeOnly->setObjectName(QStringLiteral("activeOnly"));
    m_search->setObjectName(QStringLiteral("search"));
    m_search->setPlaceholderText(tr("Search CallSid, number, lead, business…"));
    m_search->setClearButtonEnabled(true);
    m_count->setObjectName(QStringLiteral("callCount"));
    fillBusinesses();

    m_table->setObjectName(QStringLiteral("callsTable"));
    m_table->setModel(m_filter);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(LiveCallsModel::Started, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    // Fixed row heights and no per-row measuring: a table of 10,000 calls stays cheap to lay out.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_business);
    filters->addWidget(m_status);
    filters->addWidget(m_bucket);
    filters->addWidget(m_activeOnly);
    filters->addWidget(m_search, 1);
    filters->addWidget(m_count);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_detailView);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(splitter, 1);

    connect(&client, &LiveClient::snapshotReceived, this, [this](const live::Snapshot &snapshot) {
        QHash<qint64, QString> names;
        for (auto it = snapshot.businesses.constBegin(); it != snapshot.businesses.constEnd(); ++it)
            names.insert(it.key().toLongLong(), it.value().toString());
        m_model->reset(snapshot.calls, names);
    });
    connect(&client, &LiveClient::callsChanged, m_model, &LiveCallsModel::apply);
    connect(&client, &LiveClient::businessNamed, m_model, &LiveCallsModel::setBusinessName);
    connect(m_model, &LiveCallsModel::businessesChanged, this, &LiveCallsView::fillBusinesses);

    connect(m_business, &QComboBox::currentIndexChanged, this, [this] {
        const QVariant id = m_business->currentData();
        m_filter->setBusiness(id.isValid() ? std::optional<qint64>(id.toLongLong()) : std::nullopt);
    });
    connect(m_status, &QComboBox::currentIndexChanged, this, [this] {
        const QVariant status = m_status->currentData();
        m_filter->setStatus(status.isValid() ? std::optional(CallStatus(status.toInt())) : std::nullopt);
    });
    connect(m_bucket, &QComboBox::currentIndexChanged, this, [this] {
        const QVariant bucket = m_bucket->currentData();
        m_filter->setCostBucket(bucket.isValid() ? std::optional(CostBucket(bucket.toInt())) : std::nullopt);
    });
    connect(m_activeOnly, &QCheckBox::toggled, m_filter, &LiveCallsFilterModel::setActiveOnly);
    connect(m_search, &QLineEdit::textChanged, m_filter, &LiveCallsFilterModel::setText);

    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_filter, signal, this, &LiveCallsView::updateCount);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &LiveCallsView::updateCount);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &LiveCallsView::updateCount);

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &current) {
        m_detail->show(current.isValid() ? current.data(LiveCallsModel::CallIdRole).toLongLong() : 0);
    });
    updateCount();
}

LiveCallsView::~LiveCallsView() = default;

void LiveCallsView::fillBusinesses()
{
    const QVariant selected = m_business->currentData();
    const QSignalBlocker blocker(m_business);
    m_business->clear();
    m_business->addItem(tr("All businesses"));
    for (qint64 id : m_model->businessIds())
        m_business->addItem(m_model->businessName(id), id);
    const int index = m_business->findData(selected);
    m_business->setCurrentIndex(index < 0 ? 0 : index);
}

void LiveCallsView::updateCount()
{
    m_count->setText(tr("%1 of %2 calls").arg(m_filter->rowCount()).arg(m_model->rowCount()));
}

} // namespace sb
