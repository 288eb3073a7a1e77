// make bench: concurrent Twilio Media Streams through the real switchboard-backend (SQLite) and its
// Realtime bridge to a lean local fake AI (DESIGN.md section 9: ≥ 2,000 streams with p99 added
// latency < 5 ms). The backend runs pinned to core 0; the driver (N simulated Twilio streams at 50
// frames/s each) and the fake AI share one epoll loop in this process, pinned to core 1.
#include "benchsupport.h"
#include "loadgenerator.h"
#include "mediaload.h"

#include "twilio/signature.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QThread>

#include <arpa/inet.h>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <cstdlib>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sched.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>
#include <optional>
#include <vector>

using namespace sb;
using namespace sb::bench;

namespace {

struct CpuSnapshot
{
    qint64 backendNs = 0;
    qint64 backendSystemNs = 0;
    qint64 selfNs = 0;
    MachineCpu machine;
    qint64 atNs = 0;

    static CpuSnapshot take(qint64 backendPid)
    {
        CpuSnapshot snapshot;
        snapshot.backendNs = processCpuNs(backendPid, &snapshot.backendSystemNs);
        snapshot.selfNs = processCpuNs(::getpid());
        snapshot.machine = MachineCpu::read();
        timespec ts{};
        clock_gettime(CLOCK_MONOTONIC, &ts);
        snapshot.atNs = qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
        return snapshot;
    }
};

struct Row
{
    QString what;
    int streams = 0;
    int open = 0;
    MediaWindow window;
    double backendCpuPercent = 0;
    double cpuUsPerFrame = 0;
    double systemUsPerFrame = 0; ///< the kernel's part of cpuUsPerFrame
    double rssMiB = 0;
    double rssKiBPerStream = 0;
    double otherCpuPercent = 0;
    qint64 errors = 0;
    bool backendRow = true;

    double inP99Ms() const { return window.in.percentileNs(0.99) / 1e6; }
    double backP99Ms() const { return window.back.percentileNs(0.99) / 1e6; }
    qint64 lost() const
    {
        return (window.framesSent - window.appendsSeen) + (window.deltasSent - window.echoesSeen);
    }
    bool within(double budgetMs) const
    {
        return open == streams && errors == 0 && inP99Ms() < budgetMs && backP99Ms() < budgetMs;
    }
    bool withinPerSecond(double budgetMs) const
    {
        return open == streams && errors == 0 && window.in.medianOfPerSecondP99Ns() / 1e6 < budgetMs
               && window.back.medianOfPerSecondP99Ns() / 1e6 < budgetMs;
    }
};

Row makeRow(const QString &what, int streams, int open, MediaWindow window, const CpuSnapshot &start,
            const CpuSnapshot &end, qint64 rssBytes, qint64 baselineRssBytes, qint64 errors)
{
    Row row;
    row.what = what;
    row.streams = streams;
    row.open = open;
    row.window = std::move(window);
    const double elapsedNs = double(end.atNs - start.atNs);
    const qint64 backendNs = end.backendNs - start.backendNs;
    const qint64 selfNs = end.selfNs - start.selfNs;
    row.backendCpuPercent = 100.0 * double(backendNs) / elapsedNs;
    if (row.window.framesSent > 0) {
        row.cpuUsPerFrame = double(backendNs) / 1000.0 / double(row.window.framesSent);
        row.systemUsPerFrame = double(end.backendSystemNs - start.backendSystemNs) / 1000.0 / double(row.window.framesSent);
    }
    row.rssMiB = double(rssBytes) / (1024.0 * 1024.0);
    row.rssKiBPerStream = open > 0 ? double(rssBytes - baselineRssBytes) / 1024.0 / open : 0;
    const qint64 machineBusy = end.machine.busyNs - start.machine.busyNs;
    const qint64 softirq = end.machine.softirqNs - start.machine.softirqNs;
    row.otherCpuPercent = std::max(0.0, 100.0 * double(machineBusy - softirq - backendNs - selfNs) / elapsedNs);
    row.errors = errors;
    return row;
}

void printTable(const QList<Row> &rows)
{
    std::printf("\n");
    std::printf("| path | streams | open | frames/s in | in p50 ms | in p99 ms | in p99 ms, median of per-second "
                "| back p50 ms | back p99 ms | back p99 ms, median of per-second | round trip p99 ms "
                "| backend CPU %% | backend CPU µs/frame (user + kernel) | backend RSS MiB | RSS KiB/stream | driver+fake busy %% "
                "| other CPU %% | driver send lag p99 ms | lost | errors |\n");
    std::printf("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (const Row &row : rows) {
        const MediaWindow &w = row.window;
        std::printf("| %s | %d | %d | %.0f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %s | %s | %s | %s | "
                    "%.0f | %.0f | %.2f | %lld | %lld |\n",
                    qPrintable(row.what), row.streams, row.open, double(w.framesSent) / w.seconds,
                    w.in.percentileNs(0.50) / 1e6, w.in.percentileNs(0.99) / 1e6,
                    w.in.medianOfPerSecondP99Ns() / 1e6, w.back.percentileNs(0.50) / 1e6,
                    w.back.percentileNs(0.99) / 1e6, w.back.medianOfPerSecondP99Ns() / 1e6,
                    w.roundTrip.percentileNs(0.99) / 1e6,
                    row.backendRow ? qPrintable(QString::number(row.backendCpuPercent, 'f', 0)) : "–",
                    row.backendRow ? qPrintable(QStringLiteral("%1 (%2 + %3)")
                                                    .arg(row.cpuUsPerFrame, 0, 'f', 1)
                                                    .arg(row.cpuUsPerFrame - row.systemUsPerFrame, 0, 'f', 1)
                                                    .arg(row.systemUsPerFrame, 0, 'f', 1))
                                   : "–",
                    row.backendRow ? qPrintable(QString::number(row.rssMiB, 'f', 0)) : "–",
                    row.backendRow ? qPrintable(QString::number(row.rssKiBPerStream, 'f', 0)) : "–",
                    100.0 * double(w.busyNs) / (w.seconds * 1e9), row.otherCpuPercent, double(w.sendLagP99Ns) / 1e6,
                    row.lost(), row.errors);
    }
    std::fflush(stdout);
}

void raiseFileLimit(int streams)
{
    rlimit limit{};
    getrlimit(RLIMIT_NOFILE, &limit);
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
    getrlimit(RLIMIT_NOFILE, &limit);
    // This process holds two sockets per stream (its stream and the fake AI's side), so does the backend.
    if (limit.rlim_cur < rlim_t(2 * streams + 256))
        std::fprintf(stderr, "warning: RLIMIT_NOFILE is %llu, too low for %d streams\n",
                     static_cast<unsigned long long>(limit.rlim_cur), streams);
}

enum class Transport { Unix, Tcp };

QString transportName(Transport transport)
{
    return transport == Transport::Unix ? QStringLiteral("Unix sockets") : QStringLiteral("loopback TCP");
}

/**
 * The kernel's share, measured apart: CPU µs for one media-sized frame (330 bytes) across
 * @p transport, send + recv in this thread, 64 connections in turn (no wake-ups, no parsing).
 * Every frame through the bridge crosses twice (driver → backend → fake AI), and its echo path adds
 * more, so this bounds what the machine can carry whatever the user-space code costs. −1 on failure.
 */
double crossingCpuUs(Transport transport)
{
    constexpr int kPairs = 64;
    constexpr int kRounds = 300;
    std::vector<std::pair<int, int>> pairs;
    if (transport == Transport::Unix) {
        for (int i = 0; i < kPairs; ++i) {
            int pair[2];
            if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0)
                break;
            pairs.emplace_back(pair[0], pair[1]);
        }
    } else {
        const int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        if (listener < 0 || ::bind(listener, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0
            || ::listen(listener, kPairs) != 0
            || getsockname(listener, reinterpret_cast<sockaddr *>(&address), &length) != 0) {
            if (listener >= 0)
                ::close(listener);
            return -1;
        }
        for (int i = 0; i < kPairs; ++i) {
            const int client = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
            if (client < 0 || ::connect(client, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0)
                break;
            const int one = 1;
            setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            pairs.emplace_back(client, ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC));
        }
        ::close(listener);
    }
    const auto cpuNs = [] {
        timespec ts{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
    };
    char frame[330];
    std::memset(frame, 'x', sizeof frame);
    char in[4096];
    bool ok = int(pairs.size()) == kPairs;
    const qint64 start = cpuNs();
    for (int round = 0; ok && round < kRounds; ++round) {
        for (const auto &[client, server] : pairs)
            ok = ok && ::send(client, frame, sizeof frame, 0) == ssize_t(sizeof frame);
        for (const auto &[client, server] : pairs)
            ok = ok && ::recv(server, in, sizeof in, 0) == ssize_t(sizeof frame);
    }
    const qint64 spent = cpuNs() - start;
    for (const auto &[client, server] : pairs) {
        ::close(client);
        ::close(server);
    }
    return ok ? double(spent) / 1000.0 / (double(kPairs) * kRounds) : -1;
}

char gPreviousAutogroupNice[16] = "";

/// Async-signal-safe: only open, write and close.
void restoreAutogroupNice()
{
    if (gPreviousAutogroupNice[0] == 0)
        return;
    const int fd = ::open("/proc/self/autogroup", O_WRONLY);
    if (fd < 0)
        return;
    if (::write(fd, gPreviousAutogroupNice, std::strlen(gPreviousAutogroupNice)) < 0) {
        // nothing more to do on the way out
    }
    ::close(fd);
}

void onTerminatingSignal(int signal)
{
    restoreAutogroupNice();
    ::_exit(128 + signal); // the backend gets SIGTERM through PR_SET_PDEATHSIG
}

QString describeFailures(const MediaFailures &f)
{
    QStringList parts;
    const auto add = [&](qint64 n, const char *what) {
        if (n > 0)
            parts << QStringLiteral("%1 %2").arg(n).arg(QLatin1StringView(what));
    };
    add(f.handshakeRefused, "handshakes refused");
    add(f.connectFailed, "connects failed");
    add(f.closedByBackend, "streams closed by the backend");
    add(f.socketErrors, "socket errors");
    add(f.protocolErrors, "protocol errors");
    add(f.aiClosed, "AI sockets closed by the backend");
    for (const auto &[code, count] : f.closeCodes)
        parts << QStringLiteral("close code %1 ×%2").arg(code).arg(count);
    return parts.isEmpty() ? QStringLiteral("none") : parts.join(QStringLiteral(", "));
}

struct SweepSettings
{
    QList<int> steps;
    double seconds = 5;
    double warmup = 1;
    int echoEvery = 5;
    double stopAboveMs = 50;
    bool floor = true;
    QString backendProgram;
    QList<QByteArray> callSids;
};

/// One transport's measurements: a backend of its own, growing steps, then the generator's floor.
struct Sweep
{
    Transport transport = Transport::Unix;
    QList<Row> rows;
    QString stopReason;
    MediaFailures failures;
    bool backendSurvived = true;
    QString backendLog;
    double crossingUs = -1;
};

std::optional<Sweep> runSweep(const SweepSettings &settings, Transport transport)
{
    Sweep sweep;
    sweep.transport = transport;
    sweep.crossingUs = crossingCpuUs(transport);
    const bool unix = transport == Transport::Unix;
    QTemporaryDir directory; // the database and the Unix sockets
    const std::string aiSocket = directory.filePath(QStringLiteral("ai.sock")).toStdString();
    const QString streamSocket = directory.filePath(QStringLiteral("backend.sock"));

    PinnedServer *backendPtr = nullptr;
    MediaLoad load({0, {}, settings.callSids, settings.echoEvery, [&] {
                        QCoreApplication::processEvents();
                        if (backendPtr)
                            sweep.backendLog = backendPtr->log();
                    },
                    {}});
    const quint16 aiPort = unix ? 0 : load.listenAi();
    if (unix ? !load.listenAiOnUnixSocket(aiSocket) : aiPort == 0)
        return std::nullopt;

    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("SWITCHBOARD_LISTEN"), QStringLiteral("127.0.0.1:0"));
    environment.insert(QStringLiteral("SWITCHBOARD_DATABASE_URL"),
                       QStringLiteral("sqlite:") + directory.filePath(QStringLiteral("bench.db")));
    environment.insert(QStringLiteral("TWILIO_AUTH_TOKEN"), QString::fromLatin1(kAuthToken));
    // Each stream's start asks Twilio for its recording: a closed local port answers at once,
    // where the default api.twilio.com would cost a DNS lookup per stream on this offline machine.
    environment.insert(QStringLiteral("TWILIO_API_BASE_URL"), QStringLiteral("http://127.0.0.1:1"));
    environment.insert(QStringLiteral("OPENAI_API_KEY"), QStringLiteral("bench"));
    if (unix) {
        // The handshake still names OpenAI's host, as it would through a TLS proxy on the socket.
        environment.insert(QStringLiteral("OPENAI_BASE_URL"), QStringLiteral("https://api.openai.com/v1"));
        environment.insert(QStringLiteral("SWITCHBOARD_REALTIME_SOCKET"), QString::fromStdString(aiSocket));
        environment.insert(QStringLiteral("SWITCHBOARD_LISTEN_SOCKET"), streamSocket);
    } else {
        environment.insert(QStringLiteral("OPENAI_BASE_URL"), QStringLiteral("http://127.0.0.1:%1/v1").arg(aiPort));
        environment.remove(QStringLiteral("SWITCHBOARD_REALTIME_SOCKET"));
        environment.remove(QStringLiteral("SWITCHBOARD_LISTEN_SOCKET"));
    }
    environment.remove(QStringLiteral("SWITCHBOARD_PUBLIC_URL"));
    PinnedServer backend(settings.backendProgram, environment); // inherits --nice
    backendPtr = &backend;
    const quint16 port = backend.waitForPortOrReport();
    if (port == 0)
        return std::nullopt;
    const qint64 backendPid = backend.pid();

    const int maxStreams = settings.steps.last();
    std::fprintf(stderr, "[%s] creating %d calls through the voice webhook...\n", qPrintable(transportName(transport)),
                 maxStreams);
    const LoadResult setup = LoadGenerator(port, voiceRequests(port, maxStreams), 32).run(600);
    if (setup.errors > 0 || setup.requests != maxStreams) {
        std::fprintf(stderr, "creating %d calls failed: %lld answered, %lld errors\n", maxStreams, setup.requests, setup.errors);
        return std::nullopt;
    }
    // The signed URL is the public one (http://127.0.0.1:PORT as ws), whichever way the stream comes in.
    load.setStreamTarget(port, TwilioSignature::compute(kAuthToken, QStringLiteral("ws://127.0.0.1:%1/twilio/media").arg(port), {}),
                         unix ? streamSocket.toStdString() : std::string());
    const qint64 baselineRss = processRssBytes(backendPid);

    qint64 errorsBefore = 0;
    for (const int streams : settings.steps) {
        std::fprintf(stderr, "[%s] %d streams: opening...", qPrintable(transportName(transport)), streams);
        const int reached = load.growTo(streams, 30);
        std::fprintf(stderr, " %d reach the AI over %d AI sockets; measuring %g s...\n", reached, load.aiConnections(),
                     settings.seconds);
        CpuSnapshot start;
        CpuSnapshot end;
        qint64 rss = 0;
        MediaWindow window = load.measure(
            settings.warmup, settings.seconds, 0.5, [&] { start = CpuSnapshot::take(backendPid); },
            [&] {
                end = CpuSnapshot::take(backendPid);
                rss = processRssBytes(backendPid);
            });
        const qint64 errors = load.failures().total() - errorsBefore;
        errorsBefore = load.failures().total();
        Row row = makeRow(QStringLiteral("backend"), streams, load.openStreams(), std::move(window), start, end, rss,
                          baselineRss, errors);
        std::fprintf(stderr, "  in p99 %.2f ms, back p99 %.2f ms, backend CPU %.0f%%, %lld errors\n", row.inP99Ms(),
                     row.backP99Ms(), row.backendCpuPercent, row.errors);
        // A VM pause shows as one bad second among good ones; a backend at its limit as bad seconds throughout.
        std::fprintf(stderr, "  in p99 per second, ms:");
        for (const qint64 p99 : row.window.in.perSecondP99Ns())
            std::fprintf(stderr, " %.2f", double(p99) / 1e6);
        std::fprintf(stderr, "\n");
        sweep.rows << row;
        if (!backend.running()) {
            sweep.stopReason = QStringLiteral("the backend exited during the %1-stream step").arg(streams);
            break;
        }
        // On the per-second median: one VM pause (50–150 ms) alone can push a step's overall p99 over.
        if (row.window.in.medianOfPerSecondP99Ns() / 1e6 > settings.stopAboveMs
            || row.window.back.medianOfPerSecondP99Ns() / 1e6 > settings.stopAboveMs) {
            sweep.stopReason = QStringLiteral("the median of per-second p99s above %1 ms at %2 streams")
                                   .arg(settings.stopAboveMs)
                                   .arg(streams);
            break;
        }
        if (row.open < streams / 2) {
            sweep.stopReason = QStringLiteral("only %1 of %2 streams stayed open").arg(row.open).arg(streams);
            break;
        }
    }
    sweep.failures = load.failures();
    std::fprintf(stderr, "closing the streams...\n");
    load.closeAll(10);
    sweep.backendSurvived = backend.running();

    // The generator's own floor: the same driver straight to the same kind of fake AI, at the
    // largest N measured, with no backend in between.
    if (settings.floor && !sweep.rows.isEmpty()) {
        const int streams = sweep.rows.last().streams;
        std::fprintf(stderr, "[%s] floor: %d streams straight to the fake AI...\n", qPrintable(transportName(transport)),
                     streams);
        MediaLoad floor({0, {}, settings.callSids, settings.echoEvery, [] { QCoreApplication::processEvents(); }, {}});
        const std::string floorSocket = directory.filePath(QStringLiteral("floor.sock")).toStdString();
        const quint16 floorPort = unix ? 0 : floor.listenAi();
        if (unix ? floor.listenAiOnUnixSocket(floorSocket) : floorPort != 0) {
            floor.setStreamTarget(floorPort, "unused", unix ? floorSocket : std::string());
            floor.growTo(streams, 30);
            CpuSnapshot start;
            CpuSnapshot end;
            MediaWindow window = floor.measure(
                settings.warmup, settings.seconds, 0.5, [&] { start = CpuSnapshot::take(backendPid); },
                [&] { end = CpuSnapshot::take(backendPid); });
            Row row = makeRow(QStringLiteral("floor: driver → fake AI directly"), streams, floor.openStreams(),
                              std::move(window), start, end, 0, 0, floor.failures().total());
            row.backendRow = false;
            sweep.rows << row;
            floor.closeAll(5);
        }
    }
    QCoreApplication::processEvents();
    sweep.backendLog = backend.log();
    return sweep;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Media Streams through the Realtime bridge: latency, CPU and memory per stream"));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("steps"), QStringLiteral("Stream counts to measure, in order."), QStringLiteral("list"),
                      QStringLiteral("100,250,500,1000,1500,2000,2500,3000")});
    parser.addOption({QStringLiteral("seconds"), QStringLiteral("Seconds measured per step."), QStringLiteral("s"), QStringLiteral("5")});
    parser.addOption({QStringLiteral("warmup"), QStringLiteral("Seconds of load before each measurement."), QStringLiteral("s"), QStringLiteral("1")});
    parser.addOption({QStringLiteral("echo-every"), QStringLiteral("The fake AI answers every n-th append with audio (0: never)."),
                      QStringLiteral("n"), QStringLiteral("5")});
    parser.addOption({QStringLiteral("budget-ms"), QStringLiteral("The p99 budget."), QStringLiteral("ms"), QStringLiteral("5")});
    parser.addOption({QStringLiteral("stop-above-ms"), QStringLiteral("Stop after a step whose median of per-second p99s exceeds this."), QStringLiteral("ms"),
                      QStringLiteral("50")});
    parser.addOption({QStringLiteral("nice"),
                      QStringLiteral("Run the backend and the driver at this nice value (e.g. -10 on a shared machine; "
                                     "negative values need root)."),
                      QStringLiteral("n"), QStringLiteral("0")});
    parser.addOption({QStringLiteral("transport"),
                      QStringLiteral("How the streams reach the backend and the backend the fake AI: unix, tcp, or both "
                                     "(unix,tcp), each a sweep of its own."),
                      QStringLiteral("list"), QStringLiteral("unix,tcp")});
    parser.addOption({QStringLiteral("no-floor"), QStringLiteral("Skip the driver → fake AI row (the generator's own floor).")});
    parser.addOption({QStringLiteral("backend"),
                      QStringLiteral("Run this program as the backend instead of the one built with the benchmark (e.g. a "
                                     "script that execs it under valgrind --tool=callgrind)."),
                      QStringLiteral("program"), QStringLiteral(SWITCHBOARD_BACKEND_EXE)});
    parser.process(app);

    QList<int> steps;
    for (const QString &step : parser.value(QStringLiteral("steps")).split(u',', Qt::SkipEmptyParts))
        steps << step.trimmed().toInt();
    std::sort(steps.begin(), steps.end());
    if (steps.isEmpty() || steps.first() <= 0) {
        std::fprintf(stderr, "bench_media: --steps needs positive stream counts\n");
        return 2;
    }
    const double seconds = parser.value(QStringLiteral("seconds")).toDouble();
    const double warmup = parser.value(QStringLiteral("warmup")).toDouble();
    const int echoEvery = parser.value(QStringLiteral("echo-every")).toInt();
    const double budgetMs = parser.value(QStringLiteral("budget-ms")).toDouble();
    const double stopAboveMs = parser.value(QStringLiteral("stop-above-ms")).toDouble();
    const int maxStreams = steps.last();
    const int niceness = parser.value(QStringLiteral("nice")).toInt();
    if (niceness != 0) {
        if (setpriority(PRIO_PROCESS, 0, niceness) != 0) {
            std::perror("bench_media: --nice");
            return 2;
        }
        // With autogroups, nice only ranks threads inside their session's group; the group itself
        // (this process and the backend it starts) gets the same niceness against other sessions.
        // It outlives this process (the shell that ran it is in the group too): restored at exit,
        // also on Ctrl-C or SIGTERM.
        QFile autogroup(QStringLiteral("/proc/self/autogroup"));
        if (autogroup.open(QIODevice::ReadOnly)) {
            const QByteArray previous = autogroup.readAll().trimmed().split(' ').last(); // "/autogroup-1 nice 0"
            autogroup.close();
            if (!autogroup.open(QIODevice::WriteOnly) || autogroup.write(QByteArray::number(niceness)) < 0) {
                std::fprintf(stderr, "bench_media: could not set the autogroup's nice value\n");
            } else {
                autogroup.close();
                std::snprintf(gPreviousAutogroupNice, sizeof gPreviousAutogroupNice, "%s", previous.constData());
                std::atexit(restoreAutogroupNice);
                std::signal(SIGINT, onTerminatingSignal);
                std::signal(SIGTERM, onTerminatingSignal);
            }
        }
    }

    raiseFileLimit(maxStreams);
    prctl(PR_SET_TIMERSLACK, 1UL); // the driver's 20 ms schedule wants µs-accurate wake-ups
    cpu_set_t generatorCore;
    CPU_ZERO(&generatorCore);
    CPU_SET(1, &generatorCore);
    if (sched_setaffinity(0, sizeof(generatorCore), &generatorCore) != 0)
        std::fprintf(stderr, "could not pin the driver to core 1; numbers are less reliable\n");

    // Is anyone else using the machine? One quiet second before anything starts.
    const CpuSnapshot quietStart = CpuSnapshot::take(::getpid());
    QThread::msleep(1000);
    const CpuSnapshot quietEnd = CpuSnapshot::take(::getpid());
    const double idleLoadPercent =
        100.0 * double(quietEnd.machine.busyNs - quietStart.machine.busyNs) / double(quietEnd.atNs - quietStart.atNs);

    QList<QByteArray> sids;
    for (int i = 0; i < maxStreams; ++i)
        sids << callSid(i).toLatin1();

    QList<Transport> transports;
    for (const QString &name : parser.value(QStringLiteral("transport")).split(u',', Qt::SkipEmptyParts)) {
        if (name.trimmed() == u"unix")
            transports << Transport::Unix;
        else if (name.trimmed() == u"tcp")
            transports << Transport::Tcp;
        else {
            std::fprintf(stderr, "bench_media: --transport takes unix, tcp or both, not \"%s\"\n", qPrintable(name));
            return 2;
        }
    }
    const SweepSettings settings{steps,     seconds,    warmup, echoEvery, stopAboveMs, !parser.isSet(QStringLiteral("no-floor")),
                                 parser.value(QStringLiteral("backend")), sids};
    QList<Sweep> sweeps;
    for (const Transport transport : transports) {
        std::optional<Sweep> sweep = runSweep(settings, transport);
        if (!sweep)
            return 1;
        sweeps << *sweep;
    }

    std::printf("\n### Media Streams through the bridge (50 frames/s per stream; the fake AI answers every %d%s append "
                "with an audio delta)\n",
                echoEvery, echoEvery == 1 ? "st" : echoEvery == 2 ? "nd" : echoEvery == 3 ? "rd" : "th");
    for (const Sweep &sweep : sweeps) {
        std::printf("\n#### Over %s\n", qPrintable(transportName(sweep.transport)));
        printTable(sweep.rows);
        int largest = 0;
        int largestPerSecond = 0;
        for (const Row &row : sweep.rows) {
            if (!row.backendRow)
                continue;
            if (row.within(budgetMs))
                largest = std::max(largest, row.streams);
            if (row.withinPerSecond(budgetMs))
                largestPerSecond = std::max(largestPerSecond, row.streams);
        }
        std::printf("\nOver %s, the largest N with p99 < %g ms both ways and no errors: **%d** (with the median of "
                    "per-second p99s: %d; budget: 2000).\n",
                    qPrintable(transportName(sweep.transport)), budgetMs, largest, largestPerSecond);
        if (sweep.crossingUs > 0) {
            // Per frame: driver → backend and backend → fake AI; per echoed frame (every echoEvery-th):
            // delta → backend, media + mark → driver (one send), mark → backend.
            const double crossings = 2.0 + (echoEvery > 0 ? 3.0 / echoEvery : 0.0);
            const double floorUs = crossings * sweep.crossingUs;
            std::printf("- the kernel's floor: one 330-byte frame across %s (send + recv, one thread, no wake-ups) "
                        "costs %.1f µs of CPU; a bridged frame makes %.1f such crossings, so the machine spends at least "
                        "%.0f µs of kernel time per frame between the backend and the load, whatever the code does: "
                        "2 cores carry at most ≈ %.0f streams, before any parsing, scheduling or other load.\n",
                        qPrintable(transportName(sweep.transport)), sweep.crossingUs, crossings, floorUs,
                        2e6 / floorUs / 50.0);
        }
        if (!sweep.stopReason.isEmpty())
            std::printf("- stopped early: %s.\n", qPrintable(sweep.stopReason));
        std::printf("- failures over the run: %s.\n", qPrintable(describeFailures(sweep.failures)));
        if (!sweep.backendSurvived)
            std::printf("- **the backend exited** before the streams were closed.\n");
        // The driver spins when its next frame is due within 20 µs, so from about 1,000 streams its
        // CPU reads near 100% whatever it carries: the floor row says whether it keeps up.
        for (const Row &row : sweep.rows) {
            if (!row.backendRow && (row.inP99Ms() > budgetMs / 5 || row.backP99Ms() > budgetMs / 5)) {
                std::printf("- **the load generator is near its own ceiling**: alone, at %d streams, it adds p99 %.2f ms "
                            "in and %.2f ms back, so the backend rows include that much of its own delay.\n",
                            row.streams, row.inP99Ms(), row.backP99Ms());
                break;
            }
        }
        double maxOther = 0;
        for (const Row &row : sweep.rows)
            maxOther = std::max(maxOther, row.otherCpuPercent);
        if (idleLoadPercent > 10 || maxOther > 10)
            std::printf("- **shared machine**: other processes used %.0f%% of a core before the run and up to %.0f%% "
                        "during it; these numbers are pessimistic.\n",
                        idleLoadPercent, maxOther);
        static const QRegularExpression problem(QStringLiteral("^.*\\b(warning|critical|fatal)\\b.*$"),
                                                QRegularExpression::MultilineOption | QRegularExpression::CaseInsensitiveOption);
        QStringList problems;
        for (auto it = problem.globalMatch(sweep.backendLog); it.hasNext();)
            problems << it.next().captured(0);
        if (!problems.isEmpty()) {
            std::printf("- the backend logged %lld warning(s); the first:\n", qlonglong(problems.size()));
            for (const QString &line : problems.mid(0, 5))
                std::printf("  - `%s`\n", qPrintable(line.left(300)));
        }
    }
    std::printf("\n- in: driver send → fake AI receives the append; back: fake AI sends the delta → driver receives the "
                "media; round trip: driver send → driver receives the echo. One process, one CLOCK_MONOTONIC.\n");
    std::printf("- CPU µs/frame: backend CPU time over caller frames in, including the echo path (delta → media + mark, "
                "the mark echoed back). RSS per stream: growth over the backend's RSS before the first stream.\n");
    std::printf("- other CPU %%: machine-wide busy time (without softirq) not used by the backend or the driver; "
                "lost: frames or deltas of the window that had not arrived 0.5 s after it.\n");
    std::printf("- driver+fake busy %%: the share of the window this process's one loop spent sending frames and "
                "handling events (it spins between them, so its CPU time is always about 100 %%). Near 100 %%, the "
                "load itself delays what it measures.\n");
    std::printf("- Unix sockets: Twilio's side through the backend's SWITCHBOARD_LISTEN_SOCKET (as from a TLS proxy on "
                "the host), the AI's through SWITCHBOARD_REALTIME_SOCKET; loopback TCP: both over 127.0.0.1.\n");
    if (niceness != 0)
        std::printf("- the backend and the driver ran at nice %d.\n", niceness);
    std::fflush(stdout);
    return 0;
}
