// make bench: status webhooks per second and their latency, signature checked and stored, against
// the real switchboard-backend on PostgreSQL (and SQLite), with a bare QHttpServer route measured
// the same way as the ceiling. The servers run pinned to core 0, this load generator to core 1.
#include "benchsupport.h"
#include "loadgenerator.h"
#include "postgrescluster.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTemporaryDir>

#include <cstdio>
#include <sched.h>

using namespace sb;
using namespace sb::bench;

namespace {

/// Six status callbacks per call, each ranking above the last, so every one is a real write.
QList<QByteArray> statusRequests(quint16 port, int calls, bool sign)
{
    static const char *const kStatuses[] = {"ringing", "in-progress", "in-progress", "in-progress", "in-progress", "completed"};
    QList<QByteArray> requests;
    for (int step = 0; step < 6; ++step) {
        for (int call = 0; call < calls; ++call) {
            FormFields fields{{QStringLiteral("AccountSid"), QStringLiteral("AC00000000000000000000000000000000")},
                              {QStringLiteral("CallSid"), callSid(call)},
                              {QStringLiteral("CallStatus"), QString::fromLatin1(kStatuses[step])},
                              {QStringLiteral("CallbackSource"), QStringLiteral("call-progress-events")},
                              {QStringLiteral("SequenceNumber"), QString::number(step + 1)}};
            if (step == 5)
                fields.append({QStringLiteral("CallDuration"), QStringLiteral("42")});
            requests << postRequest(port, QStringLiteral("/twilio/status"), fields, sign);
        }
    }
    return requests;
}

struct Row
{
    QString what;
    LoadResult result;
};

void printRows(const QList<Row> &rows, int connections)
{
    std::printf("\n| server | connections | requests | req/s | p50 ms | p99 ms | p99 ms, median of per-second | errors |\n");
    std::printf("|---|---|---|---|---|---|---|---|\n");
    for (const Row &row : rows) {
        std::printf("| %s | %d | %lld | %.0f | %.2f | %.2f | %.2f | %lld |\n", qPrintable(row.what), connections,
                    row.result.requests, row.result.perSecondRate(), row.result.percentileUs(0.50) / 1000.0,
                    row.result.percentileUs(0.99) / 1000.0, row.result.medianOfPerSecondP99Us() / 1000.0,
                    row.result.errors);
    }
    std::fflush(stdout);
}

/// Creates the calls through the voice webhook, then measures the status callbacks.
std::optional<LoadResult> measureBackend(const QString &databaseUrl, int calls, int connections, double seconds,
                                         int storageThreads)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("SWITCHBOARD_LISTEN"), QStringLiteral("127.0.0.1:0"));
    environment.insert(QStringLiteral("SWITCHBOARD_DATABASE_URL"), databaseUrl);
    environment.insert(QStringLiteral("SWITCHBOARD_STORAGE_THREADS"), QString::number(storageThreads));
    environment.insert(QStringLiteral("TWILIO_AUTH_TOKEN"), QString::fromLatin1(kAuthToken));
    // An answered call asks Twilio for its recording: a closed local port answers at once, where
    // the default api.twilio.com would cost a DNS lookup per call on this offline machine.
    environment.insert(QStringLiteral("TWILIO_API_BASE_URL"), QStringLiteral("http://127.0.0.1:1"));
    PinnedServer backend(QStringLiteral(SWITCHBOARD_BACKEND_EXE), environment);
    const quint16 port = backend.waitForPortOrReport();
    if (port == 0)
        return std::nullopt;

    const QList<QByteArray> voice = voiceRequests(port, calls);
    const LoadResult setup = LoadGenerator(port, voice, connections).run(600);
    if (setup.errors > 0 || setup.requests != calls) {
        std::fprintf(stderr, "creating %d calls failed: %lld answered, %lld errors\n", calls, setup.requests, setup.errors);
        return std::nullopt;
    }
    return LoadGenerator(port, statusRequests(port, calls, true), connections).run(seconds);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Status webhook throughput and latency"));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("seconds"), QStringLiteral("Seconds per measurement."), QStringLiteral("s"), QStringLiteral("10")});
    parser.addOption({QStringLiteral("connections"), QStringLiteral("Keep-alive connections."), QStringLiteral("n"), QStringLiteral("32")});
    parser.addOption({QStringLiteral("calls"), QStringLiteral("Calls created first."), QStringLiteral("n"), QStringLiteral("20000")});
    parser.addOption({QStringLiteral("storage-threads"), QStringLiteral("Backend storage threads."), QStringLiteral("n"), QStringLiteral("4")});
    parser.process(app);
    const double seconds = parser.value(QStringLiteral("seconds")).toDouble();
    const int connections = parser.value(QStringLiteral("connections")).toInt();
    const int calls = parser.value(QStringLiteral("calls")).toInt();
    const int storageThreads = parser.value(QStringLiteral("storage-threads")).toInt();

    cpu_set_t generatorCore;
    CPU_ZERO(&generatorCore);
    CPU_SET(1, &generatorCore);
    if (sched_setaffinity(0, sizeof(generatorCore), &generatorCore) != 0)
        std::fprintf(stderr, "could not pin the load generator to core 1; numbers are less reliable\n");

    QList<Row> rows;
    auto cluster = test::PostgresCluster::start();
    if (!cluster) {
        std::fprintf(stderr, "bench_webhooks: %s\n", qPrintable(cluster.error().message));
        return 1;
    }
    auto postgresUrl = (*cluster)->createDatabase(QStringLiteral("bench_webhooks"));
    if (!postgresUrl) {
        std::fprintf(stderr, "bench_webhooks: %s\n", qPrintable(postgresUrl.error().message));
        return 1;
    }
    std::fprintf(stderr, "PostgreSQL: creating %d calls, then %g s of status callbacks...\n", calls, seconds);
    if (auto result = measureBackend(*postgresUrl, calls, connections, seconds, storageThreads))
        rows << Row{QStringLiteral("switchboard-backend, PostgreSQL (signature + stored)"), *result};
    else
        return 1;

    QTemporaryDir sqliteDir;
    std::fprintf(stderr, "SQLite: creating %d calls, then %g s of status callbacks...\n", calls, seconds);
    if (auto result = measureBackend(QStringLiteral("sqlite:") + sqliteDir.filePath(QStringLiteral("bench.db")), calls,
                                     connections, seconds, storageThreads))
        rows << Row{QStringLiteral("switchboard-backend, SQLite (signature + stored)"), *result};
    else
        return 1;

    std::fprintf(stderr, "bare QHttpServer route: %g s...\n", seconds);
    PinnedServer bare(QStringLiteral(SWITCHBOARD_BARE_SERVER_EXE), QProcessEnvironment::systemEnvironment());
    const quint16 barePort = bare.waitForPortOrReport();
    if (barePort == 0)
        return 1;
    rows << Row{QStringLiteral("bare QHttpServer route (ceiling)"),
                LoadGenerator(barePort, statusRequests(barePort, calls, false), connections, true).run(seconds)};

    printRows(rows, connections);
    return 0;
}
