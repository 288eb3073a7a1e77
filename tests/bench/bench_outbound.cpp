// make bench: the outbound dedup decision (DESIGN.md section 9: p99 < 2 ms on the memory layer,
// < 20 ms on the database layer) and outbound requests per second, against two real
// switchboard-backend processes on one PostgreSQL database, with the in-process Twilio simulator
// as Twilio and pacing off.
//
// What is timed: the HTTP round trip of `POST /api/outbound/call` on a keep-alive loopback
// connection, from the request's first byte written to its answer's last byte read, one request
// at a time (one connection, closed loop). For a duplicate that is the HTTP parse and answer plus
// the decision alone, since no Twilio request is made:
//  - memory layer: the same request again within the minute, answered from DedupCache;
//  - database layer: instance A places N calls (they ring for minutes, so they stay active);
//    instance B, whose memory has never seen those numbers, is then asked for each of them once,
//    so every decision is a storage-thread round trip: BEGIN, pg_advisory_xact_lock, the
//    business, the active-call lookup, COMMIT.
// The layer every decision took is read back from each instance's /api/dedup/cache counters.
#include "benchsupport.h"
#include "loadgenerator.h"
#include "postgrescluster.h"

#include "simulator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

#include <cstdio>
#include <sched.h>

using namespace sb;
using namespace sb::bench;

namespace {

const QString kAccount = QStringLiteral("AC0123456789abcdef0123456789abcdef");
const QByteArray kDialerToken = QByteArrayLiteral("bench-dialer-token");
const QByteArray kViewerToken = QByteArrayLiteral("bench-viewer-token");

QString number(int index)
{
    return QStringLiteral("+97254%1").arg(index, 7, 10, QLatin1Char('0'));
}

QByteArray outboundRequest(quint16 port, const QString &to)
{
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("business_id"), 1},
                                                      {QStringLiteral("to"), to},
                                                      {QStringLiteral("from"), QStringLiteral("+97231234567")}})
                                .toJson(QJsonDocument::Compact);
    return "POST /api/outbound/call HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port)
           + "\r\nContent-Type: application/json\r\nAuthorization: Bearer " + kDialerToken
           + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

QList<QByteArray> outboundRequests(quint16 port, int first, int count)
{
    QList<QByteArray> requests;
    requests.reserve(count);
    for (int i = first; i < first + count; ++i)
        requests << outboundRequest(port, number(i));
    return requests;
}

/// The outbound counters of the backend on @p port.
QJsonObject counters(quint16 port)
{
    QNetworkAccessManager network;
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/api/dedup/cache").arg(port)));
    request.setRawHeader("Authorization", "Bearer " + kViewerToken);
    std::unique_ptr<QNetworkReply> reply(network.get(request));
    QEventLoop loop;
    QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    loop.exec();
    return QJsonDocument::fromJson(reply->readAll()).object().value(QStringLiteral("counters")).toObject();
}

qint64 delta(const QJsonObject &before, const QJsonObject &after, const char *name)
{
    const QString key = QString::fromLatin1(name);
    return after.value(key).toInteger() - before.value(key).toInteger();
}

struct Row
{
    QString what;
    int connections = 1;
    LoadResult result;
    QString layers;
    QString budget;
};

QString layersText(const QJsonObject &before, const QJsonObject &after)
{
    return QStringLiteral("placed %1, memory %2, database %3, failed open %4")
        .arg(delta(before, after, "placed"))
        .arg(delta(before, after, "memory_duplicates"))
        .arg(delta(before, after, "database_duplicates"))
        .arg(delta(before, after, "failed_open"));
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Outbound dedup decision latency and outbound calls per second"));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("calls"), QStringLiteral("Distinct numbers placed in the burst."), QStringLiteral("n"), QStringLiteral("2000")});
    parser.addOption({QStringLiteral("connections"), QStringLiteral("Keep-alive connections for the burst."), QStringLiteral("n"), QStringLiteral("32")});
    parser.addOption({QStringLiteral("repeats"), QStringLiteral("Identical requests for the memory layer."), QStringLiteral("n"), QStringLiteral("5000")});
    parser.process(app);
    const int calls = parser.value(QStringLiteral("calls")).toInt();
    const int connections = parser.value(QStringLiteral("connections")).toInt();
    const int repeats = parser.value(QStringLiteral("repeats")).toInt();

    cpu_set_t generatorCore;
    CPU_ZERO(&generatorCore);
    CPU_SET(1, &generatorCore);
    if (sched_setaffinity(0, sizeof(generatorCore), &generatorCore) != 0)
        std::fprintf(stderr, "could not pin the load generator to core 1; numbers are less reliable\n");

    auto cluster = test::PostgresCluster::start();
    if (!cluster) {
        std::fprintf(stderr, "bench_outbound: %s\n", qPrintable(cluster.error().message));
        return 1;
    }
    auto databaseUrl = (*cluster)->createDatabase(QStringLiteral("bench_outbound"));
    if (!databaseUrl) {
        std::fprintf(stderr, "bench_outbound: %s\n", qPrintable(databaseUrl.error().message));
        return 1;
    }

    // Twilio: calls ring for ten minutes, so every call placed stays active for the whole run.
    sim::SimOptions options;
    options.accountSid = kAccount;
    options.authToken = kAuthToken;
    options.answerDelayMs = 600'000;
    sim::Simulator simulator(options);
    if (!simulator.listen(QHostAddress::LocalHost, 0)) {
        std::fprintf(stderr, "bench_outbound: the simulator could not listen\n");
        return 1;
    }

    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("SWITCHBOARD_LISTEN"), QStringLiteral("127.0.0.1:0"));
    environment.insert(QStringLiteral("SWITCHBOARD_DATABASE_URL"), *databaseUrl);
    environment.insert(QStringLiteral("TWILIO_AUTH_TOKEN"), QString::fromLatin1(kAuthToken));
    environment.insert(QStringLiteral("TWILIO_ACCOUNT_SID"), kAccount);
    environment.insert(QStringLiteral("TWILIO_API_BASE_URL"), simulator.options().publicUrl.toString());
    environment.insert(QStringLiteral("SWITCHBOARD_API_TOKENS"), QStringLiteral("viewer:%1,dialer:%2")
                                                                     .arg(QString::fromLatin1(kViewerToken), QString::fromLatin1(kDialerToken)));
    environment.insert(QStringLiteral("SWITCHBOARD_OUTBOUND_CALLS_PER_SECOND"), QStringLiteral("0"));
    PinnedServer first(QStringLiteral(SWITCHBOARD_BACKEND_EXE), environment);
    const quint16 portA = first.waitForPortOrReport();
    if (portA == 0)
        return 1;
    PinnedServer second(QStringLiteral(SWITCHBOARD_BACKEND_EXE), environment);
    const quint16 portB = second.waitForPortOrReport();
    if (portB == 0)
        return 1;

    QList<Row> rows;
    std::fprintf(stderr, "burst: %d distinct numbers over %d connections to instance A...\n", calls, connections);
    QJsonObject before = counters(portA);
    LoadResult burst = LoadGenerator(portA, outboundRequests(portA, 0, calls), connections).run(600);
    rows << Row{QStringLiteral("burst of distinct numbers, placed (A)"), connections, burst, layersText(before, counters(portA)),
                QStringLiteral("-")};
    const int created = simulator.stats().rest(QStringLiteral("POST Calls.json"));

    std::fprintf(stderr, "database layer: the same %d numbers, one at a time, to instance B...\n", calls);
    before = counters(portB);
    LoadResult database = LoadGenerator(portB, outboundRequests(portB, 0, calls), 1).run(600);
    rows << Row{QStringLiteral("duplicate, database layer (B, numbers A placed)"), 1, database,
                layersText(before, counters(portB)), QStringLiteral("p99 < 20 ms")};

    std::fprintf(stderr, "memory layer: one request %d times to instance B...\n", repeats);
    // Warm: B decides this intent once (from the database), then answers it from memory.
    LoadGenerator(portB, {outboundRequest(portB, number(0))}, 1).run(10);
    before = counters(portB);
    LoadResult memory = LoadGenerator(portB, QList<QByteArray>(repeats, outboundRequest(portB, number(0))), 1).run(600);
    rows << Row{QStringLiteral("duplicate, memory layer (B, identical request)"), 1, memory, layersText(before, counters(portB)),
                QStringLiteral("p99 < 2 ms")};
    const int createdAfter = simulator.stats().rest(QStringLiteral("POST Calls.json"));

    std::printf("\n| measurement | connections | requests | req/s | p50 ms | p99 ms | errors | decisions | budget |\n");
    std::printf("|---|---|---|---|---|---|---|---|---|\n");
    for (const Row &row : std::as_const(rows)) {
        std::printf("| %s | %d | %lld | %.0f | %.2f | %.2f | %lld | %s | %s |\n", qPrintable(row.what), row.connections,
                    row.result.requests, row.result.perSecondRate(), row.result.percentileUs(0.50) / 1000.0,
                    row.result.percentileUs(0.99) / 1000.0, row.result.errors, qPrintable(row.layers), qPrintable(row.budget));
    }
    std::printf("\nCalls.json at the simulator: %d after the burst, %d at the end (duplicates must add none).\n", created,
                createdAfter);
    std::fflush(stdout);
    return (burst.errors == 0 && database.errors == 0 && memory.errors == 0 && created == calls && createdAfter == calls) ? 0 : 1;
}
