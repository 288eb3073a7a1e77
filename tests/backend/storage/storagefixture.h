#pragma once

// Shared by the dual-backend storage tests: opens a fresh database of the backend chosen by
// SWITCHBOARD_TEST_BACKEND, with a ManualClock.

#include "testdatabase.h"

#include "shared/clock.h"
#include "storage/callcreation.h"
#include "storage/storage.h"

#include <QTest>

namespace sb::test {

class StorageFixture
{
public:
    /// Starts the backend (a PostgreSQL cluster when asked); the error text says why it failed.
    Result<void> init()
    {
        auto database = TestDatabase::fromEnvironment();
        if (!database)
            return database.error();
        m_database = std::move(database).value();
        return {};
    }

    TestDatabase &database() { return *m_database; }

    /// A Storage on a new, empty database; @p costs is what its cost recompute runs with.
    Result<std::unique_ptr<Storage>> open(int threads = 2, const CostSettings &costs = {})
    {
        auto url = m_database->fresh();
        if (!url)
            return url.error();
        auto parsed = DatabaseUrl::parse(url.value());
        if (!parsed)
            return parsed.error();
        m_lastUrl = parsed.value();
        StorageOptions options;
        options.threads = threads;
        options.clock = &clock;
        options.costs = costs;
        return Storage::open(parsed.value(), options);
    }

    /// A second Storage on the database the last open() created.
    Result<std::unique_ptr<Storage>> reopen(int threads = 2)
    {
        StorageOptions options;
        options.threads = threads;
        options.clock = &clock;
        return Storage::open(m_lastUrl, options);
    }

    /// The URL the last open() created.
    const DatabaseUrl &lastUrl() const { return m_lastUrl; }

    ManualClock clock;

private:
    std::unique_ptr<TestDatabase> m_database;
    DatabaseUrl m_lastUrl;
};

/// An inbound call with @p sid in `ringing`, for tests that need one to exist.
inline Call makeInbound(Storage &storage, const QString &sid)
{
    auto created = storage.runBlocking([sid](StorageSession &session) {
        return CallCreation(session).createInbound({sid, QStringLiteral("+15550001111"), QStringLiteral("+15550002222")});
    });
    if (!created)
        qFatal("createInbound failed: %s", qPrintable(created.error().message));
    return created.value().call;
}

} // namespace sb::test

#define SB_VERIFY_OK(result) QVERIFY2((result).ok(), (result).ok() ? "" : qPrintable((result).error().message))
