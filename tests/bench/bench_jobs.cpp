// The job queue's own overhead (DESIGN.md section 9: at least 200 jobs/s with an instant
// transcriber): N transcription jobs are enqueued, then worker pools drain them through the
// database queue (claim with a lease, then the transcript and the job's end in one transaction,
// each with its job_changed event) while the transcriber answers at once. Each pool has its own
// Storage, so its own connections and lease owner names, as one backend instance would: one pool
// on SQLite, one and three on PostgreSQL. Prints one table row per setup.
#include "postgrescluster.h"

#include "recording/transcriber.h"
#include "recording/transcriptionworkers.h"
#include "storage/callcreation.h"
#include "storage/jobs.h"
#include "storage/storage.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QSet>
#include <QTimer>

#include <cstdio>

using namespace sb;

namespace {

/// Answers every call at once with a good transcript: what is left is the queue's own cost.
class InstantTranscriber final : public Transcriber
{
public:
    void transcribe(const Call &, Done done) override
    {
        done(TranscriptionAttempt::success(QStringLiteral("an instant transcript of this call")));
    }
};

struct Row
{
    QString database;
    int instances = 0;
    int workers = 0;
    int jobs = 0;
    double seconds = 0;
    int doneTwice = 0;
    int notDone = 0;
};

Result<std::unique_ptr<Storage>> openStorage(const QString &url, int threads)
{
    auto parsed = DatabaseUrl::parse(url);
    if (!parsed)
        return parsed.error();
    StorageOptions options;
    options.threads = threads;
    return Storage::open(*parsed, options);
}

/// Creates @p count calls, each with a pending transcription job, in one transaction.
Result<void> enqueueJobs(Storage &storage, int count)
{
    return storage.runBlocking([count](StorageSession &session) -> Result<void> {
        auto transaction = Transaction::begin(session);
        if (!transaction)
            return transaction.error();
        for (int i = 0; i < count; ++i) {
            const QString sid = QStringLiteral("CA%1").arg(i, 32, 10, QLatin1Char('0'));
            auto call = CallCreation(session).createInbound({sid, QStringLiteral("+15005550006"), QStringLiteral("+15005550001")});
            if (!call)
                return call.error();
            auto job = Jobs(session).enqueueTranscription(call->call.id, false, QStringLiteral("bench"));
            if (!job)
                return job.error();
        }
        return transaction.value().commit();
    });
}

Result<Row> run(const QString &name, const QString &url, int instances, int workers, int jobs)
{
    {
        auto setup = openStorage(url, 1);
        if (!setup)
            return setup.error();
        if (auto enqueued = enqueueJobs(**setup, jobs); !enqueued)
            return enqueued.error();
    }
    InstantTranscriber transcriber;
    std::vector<std::unique_ptr<Storage>> storages;
    std::vector<std::unique_ptr<TranscriptionWorkers>> pools;
    QSet<qint64> done;
    Row row{name, instances, workers, jobs};
    QEventLoop loop;
    for (int i = 0; i < instances; ++i) {
        auto storage = openStorage(url, workers);
        if (!storage)
            return storage.error();
        storages.push_back(std::move(storage).value());
        WorkerSettings settings;
        settings.workers = workers;
        settings.ownerPrefix = QStringLiteral("bench-instance-%1").arg(i + 1);
        pools.push_back(std::make_unique<TranscriptionWorkers>(*storages.back(), transcriber, settings));
        QObject::connect(pools.back().get(), &TranscriptionWorkers::jobSettled, &loop, [&](const Job &job) {
            if (job.state != u"done")
                return;
            if (done.contains(job.id))
                ++row.doneTwice;
            done.insert(job.id);
            if (done.size() == jobs)
                loop.quit();
        });
    }
    QTimer::singleShot(120000, &loop, &QEventLoop::quit); // a stuck run still prints its row
    QElapsedTimer timer;
    timer.start();
    for (auto &pool : pools)
        pool->start();
    loop.exec();
    row.seconds = timer.nsecsElapsed() / 1e9;
    row.notDone = jobs - int(done.size());
    pools.clear();
    storages.clear();
    return row;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Transcription jobs per second through the database queue"));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("jobs"), QStringLiteral("Jobs per run (default 2000)."), QStringLiteral("n"), QStringLiteral("2000")});
    parser.addOption({QStringLiteral("workers"), QStringLiteral("Workers per instance (default 2, the backend's default)."),
                      QStringLiteral("n"), QStringLiteral("2")});
    parser.process(app);
    const int jobs = std::max(1, parser.value(QStringLiteral("jobs")).toInt());
    const int workers = std::clamp(parser.value(QStringLiteral("workers")).toInt(), 1, 32);

    std::printf("Job queue with an instant transcriber: %d jobs per run, %d workers per instance\n\n", jobs, workers);
    std::printf("| database | instances | workers each | jobs | seconds | jobs/s | done twice | not done |\n");
    std::printf("|---|---|---|---|---|---|---|---|\n");
    std::fflush(stdout);
    const auto print = [](const Result<Row> &row) {
        if (!row) {
            std::fprintf(stderr, "run failed: %s\n", qPrintable(row.error().message));
            return false;
        }
        std::printf("| %s | %d | %d | %d | %.2f | %.0f | %d | %d |\n", qPrintable(row->database), row->instances,
                    row->workers, row->jobs, row->seconds, row->jobs / row->seconds, row->doneTwice, row->notDone);
        std::fflush(stdout);
        return true;
    };

    bool ok = true;
    {
        test::TemporarySqlite sqlite;
        ok &= print(run(QStringLiteral("SQLite"), sqlite.url(), 1, workers, jobs));
    }
    auto cluster = test::PostgresCluster::start();
    if (!cluster) {
        std::fprintf(stderr, "PostgreSQL: %s\n", qPrintable(cluster.error().message));
        return 1;
    }
    for (int instances : {1, 3}) {
        auto url = cluster.value()->createDatabase(QStringLiteral("bench_jobs_%1").arg(instances));
        if (!url) {
            std::fprintf(stderr, "PostgreSQL: %s\n", qPrintable(url.error().message));
            return 1;
        }
        ok &= print(run(QStringLiteral("PostgreSQL"), *url, instances, workers, jobs));
    }
    return ok ? 0 : 1;
}
