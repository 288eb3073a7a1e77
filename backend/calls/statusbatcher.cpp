#include "statusbatcher.h"

#include "callbackprocessor.h"

#include "async.h"
#include "storage/storage.h"

using namespace Qt::StringLiterals;

namespace sb {

struct StatusBatcher::Waiting
{
    StatusDelivery delivery;
    QPromise<Result<StatusOutcomeSummary>> promise;
};

StatusBatcher::StatusBatcher(Storage &storage, int maxInFlight, StoreBatch store, QObject *parent)
    : QObject(parent)
    , m_storage(storage)
    , m_maxInFlight(qMax(1, maxInFlight))
    , m_store(std::move(store))
{
}

StatusBatcher::~StatusBatcher()
{
    // Deliveries not handed to storage yet get an answer (the server is going away).
    for (const auto &waiting : std::as_const(m_waiting)) {
        waiting->promise.addResult(Error{ErrorCode::Unavailable, u"shutting down"_s});
        waiting->promise.finish();
    }
}

QFuture<Result<StatusOutcomeSummary>> StatusBatcher::submit(StatusDelivery delivery)
{
    auto waiting = std::make_shared<Waiting>();
    waiting->delivery = std::move(delivery);
    waiting->promise.start();
    QFuture<Result<StatusOutcomeSummary>> future = waiting->promise.future();
    m_waiting.append(std::move(waiting));
    launch();
    return future;
}

void StatusBatcher::launch()
{
    while (m_inFlight < m_maxInFlight && !m_waiting.isEmpty()) {
        QList<std::shared_ptr<Waiting>> batch;
        QSet<QString> calls;
        QSet<QString> keys;
        for (auto it = m_waiting.begin(); it != m_waiting.end() && batch.size() < kMaxBatch;) {
            const StatusDelivery &delivery = (*it)->delivery;
            if (m_storing.contains(delivery.callback.callSid) || calls.contains(delivery.callback.callSid)
                || keys.contains(delivery.key)) {
                ++it; // waits for the next batch, behind the delivery of its call taken now
                continue;
            }
            calls.insert(delivery.callback.callSid);
            keys.insert(delivery.key);
            batch.append(std::move(*it));
            it = m_waiting.erase(it);
        }
        if (batch.isEmpty())
            return; // every waiting call is being stored: the batch that finishes launches again
        ++m_inFlight;
        m_storing.unite(calls);
        QList<StatusDelivery> deliveries;
        deliveries.reserve(batch.size());
        for (const auto &waiting : std::as_const(batch))
            deliveries.append(waiting->delivery);
        auto stored = m_storage.run([store = m_store, deliveries](StorageSession &session) { return store(session, deliveries); });
        whenReady(stored, this, [this, batch, calls](const QList<Result<StatusOutcomeSummary>> &results) {
            --m_inFlight;
            m_storing.subtract(calls);
            for (qsizetype i = 0; i < batch.size(); ++i) {
                batch.at(i)->promise.addResult(i < results.size() ? results.at(i)
                                                                  : Result<StatusOutcomeSummary>(Error{
                                                                        ErrorCode::Internal, u"a status batch lost a delivery"_s}));
                batch.at(i)->promise.finish();
            }
            launch();
        });
    }
}

} // namespace sb
