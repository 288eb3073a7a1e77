#pragma once

#include "shared/result.h"
#include "storagesession.h"

#include <QDateTime>
#include <QList>

namespace sb {

/// A business an agent speaks for; id 1 is the default business created by the first migration.
struct Business
{
    qint64 id = 0;
    QString name;
    QString callerNumber;
    QString prompt;
    QDateTime createdAt;
};

/// @brief Reads and creates businesses.
class Businesses
{
public:
    explicit Businesses(StorageSession &session) : m_session(session) { }

    /// NotFound if no business has @p id.
    Result<Business> find(qint64 id);
    /// The business whose caller number is @p number (inbound calls are routed by `To`);
    /// NotFound when none is, and the lowest id when several share it.
    Result<Business> findByCallerNumber(const QString &number);
    /// All businesses by id.
    Result<QList<Business>> list();
    /// A new business; an empty name is InvalidInput.
    Result<Business> create(const QString &name, const QString &callerNumber = {}, const QString &prompt = {});

private:
    StorageSession &m_session;
};

} // namespace sb
