#pragma once

#include "twiliocallbacks.h"

#include "shared/result.h"

#include <QFuture>
#include <QList>
#include <QObject>
#include <QPromise>
#include <QSet>

#include <functional>
#include <memory>

namespace sb {

class Storage;
class StorageSession;
struct StatusOutcomeSummary;

/// One status webhook delivery waiting to be stored.
struct StatusDelivery
{
    StatusCallback callback;
    QString key; ///< its idempotency key
};

/**
 * @brief Group commit of status webhooks: the deliveries that arrive while earlier ones are being
 * stored are stored together, in one storage task (and on PostgreSQL in one statement, see
 * CallbackProcessor).
 *
 * Lives on the I/O thread and is used only there. At most maxInFlight batches are being stored
 * at once; a batch names each call once, and a call in a batch being stored waits for the next,
 * so the deliveries of one call are stored in the order they came and two batches never wait on
 * each other's rows. The storage task answers every delivery of its batch, each on its own.
 */
class StatusBatcher : public QObject
{
    Q_OBJECT
public:
    using StoreBatch = std::function<QList<Result<StatusOutcomeSummary>>(StorageSession &, const QList<StatusDelivery> &)>;

    static constexpr qsizetype kMaxBatch = 256; ///< deliveries in one batch at most

    StatusBatcher(Storage &storage, int maxInFlight, StoreBatch store, QObject *parent = nullptr);
    ~StatusBatcher() override;

    QFuture<Result<StatusOutcomeSummary>> submit(StatusDelivery delivery);

private:
    struct Waiting;

    void launch();

    Storage &m_storage;
    int m_maxInFlight;
    StoreBatch m_store;
    QList<std::shared_ptr<Waiting>> m_waiting;
    QSet<QString> m_storing; ///< calls in a batch being stored
    int m_inFlight = 0;
};

} // namespace sb
