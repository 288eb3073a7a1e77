// make bench: the console with 10,000 calls and 500 updates/s (DESIGN.md section 9: the event
// loop stays responsive, lag p99 < 16 ms).
//
// The console under test is the real one: LiveClient, the live calls model, its sorting filter
// and the main window, shown on the offscreen platform (it paints). A feeder thread plays the
// backend's hub on a loopback WebSocket: a snapshot of N calls, then call deltas at the given
// rate (mostly updates of random calls, some new calls), all encoded with shared/livemessages
// beforehand so the feeder stays cheap. A detail pane follows one call.
//
// Event-loop lag: a 5 ms timer on the console's thread; each sample is how late it fired. Memory
// is the process's resident set (console and feeder together; the feeder's share is its
// pre-encoded messages).
#include "benchsupport.h"

#include "calldetail.h"
#include "livecallsmodel.h"
#include "liveclient.h"
#include "ui/livecallsview.h"
#include "ui/mainwindow.h"

#include "shared/livemessages.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTableView>
#include <QThread>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>

#include <algorithm>
#include <cstdio>

using namespace sb;
using namespace Qt::StringLiterals;

namespace {

Call benchCall(qint64 id, QRandomGenerator &random)
{
    Call call;
    call.id = id;
    call.callSid = u"CA%1"_s.arg(id, 32, 16, QChar(u'0'));
    call.to = u"+9723555%1"_s.arg(id % 10000, 4, 10, QChar(u'0'));
    call.from = u"+97250%1"_s.arg(random.bounded(10'000'000), 7, 10, QChar(u'0'));
    call.businessId = 1 + random.bounded(8);
    call.direction = random.bounded(2) ? Direction::Inbound : Direction::OutboundApi;
    call.status = random.bounded(10) < 3 ? CallStatus::InProgress : CallStatus::Completed;
    call.recordingMode = RecordingMode::RecordingApi;
    call.streamConnectCount = 1 + random.bounded(2);
    call.estimatedCostBucket = CostBucket(random.bounded(3));
    call.createdAt = QDateTime::currentDateTimeUtc().addSecs(-random.bounded(36'000));
    call.updatedAt = call.createdAt;
    if (call.status == CallStatus::Completed)
        call.durationSec = random.bounded(600);
    return call;
}

/// Plays the hub: a snapshot, then deltas at a fixed rate, on its own thread.
class Feeder : public QObject
{
public:
    Feeder(int calls, int rate, int seconds)
        : m_server(u"bench-hub"_s, QWebSocketServer::NonSecureMode)
        , m_rate(rate)
    {
        QRandomGenerator random(42);
        live::Snapshot snapshot;
        snapshot.revision = 1;
        snapshot.role = u"viewer"_s;
        for (qint64 id = 1; id <= calls; ++id)
            snapshot.calls.append(benchCall(id, random));
        for (int b = 1; b <= 8; ++b)
            snapshot.businesses.insert(QString::number(b), u"Business %1"_s.arg(b));
        m_snapshot = QString::fromUtf8(live::encode(snapshot));
        // Every delta in advance: 95% updates of existing calls, 5% new calls.
        qint64 nextId = calls + 1;
        const int total = rate * seconds;
        m_deltas.reserve(total);
        for (int i = 0; i < total; ++i) {
            Call call;
            if (random.bounded(100) < 5) {
                call = benchCall(nextId++, random);
                call.status = CallStatus::Ringing;
                call.durationSec.reset();
            } else {
                call = snapshot.calls.at(random.bounded(calls));
                call.status = CallStatus(random.bounded(int(CallStatus::Canceled) + 1));
                call.streamConnectCount += random.bounded(2);
                call.estimatedCostBucket = CostBucket(random.bounded(3));
            }
            m_deltas.append(QString::fromUtf8(live::encode(live::CallChanged{2 + i, call, {}})));
        }
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QWebSocketServer::newConnection, this, &Feeder::accept);
    }

    quint16 port() const { return m_server.serverPort(); }
    qsizetype snapshotBytes() const { return m_snapshot.size(); }

    void startDeltas()
    {
        // A tick every 10 ms sends what the rate owes by now.
        m_clock.start();
        auto *timer = new QTimer(this);
        timer->setTimerType(Qt::PreciseTimer);
        connect(timer, &QTimer::timeout, this, [this, timer] {
            const qint64 due = qMin<qint64>(m_deltas.size(), m_clock.elapsed() * m_rate / 1000);
            while (m_sent < due && m_socket)
                m_socket->sendTextMessage(m_deltas.at(m_sent++));
            if (m_sent >= m_deltas.size())
                timer->stop();
        });
        timer->start(10);
    }
    qint64 sent() const { return m_sent; }

private:
    void accept()
    {
        m_socket = m_server.nextPendingConnection();
        m_socket->setParent(this);
        m_socket->sendTextMessage(m_snapshot);
    }

    QWebSocketServer m_server;
    QWebSocket *m_socket = nullptr;
    QString m_snapshot;
    QList<QString> m_deltas;
    int m_rate;
    qint64 m_sent = 0;
    QElapsedTimer m_clock;
};

/// How late a 5 ms timer fires on the thread it lives on.
class LagProbe : public QObject
{
public:
    static constexpr int kIntervalMs = 5;
    LagProbe()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            if (m_last > 0)
                m_samples.append(double(now - m_last) / 1e6 - kIntervalMs);
            m_last = now;
        });
    }
    void start()
    {
        m_samples.clear();
        m_last = 0;
        m_clock.start();
        m_timer.start(kIntervalMs);
    }
    QList<double> take()
    {
        m_timer.stop();
        return std::exchange(m_samples, {});
    }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    QList<double> m_samples;
};

double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    return values.at(qMin(values.size() - 1, qsizetype(p * double(values.size()))));
}

void waitFor(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!done() && clock.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"The console with N calls and R call updates per second."_s);
    parser.addHelpOption();
    const QCommandLineOption callsOption(u"calls"_s, u"Calls in the snapshot (default 10000)."_s, u"N"_s, u"10000"_s);
    const QCommandLineOption rateOption(u"rate"_s, u"Call updates per second (default 500)."_s, u"R"_s, u"500"_s);
    const QCommandLineOption secondsOption(u"seconds"_s, u"How long updates flow (default 30)."_s, u"S"_s, u"30"_s);
    parser.addOptions({callsOption, rateOption, secondsOption});
    parser.process(app);
    const int calls = parser.value(callsOption).toInt();
    const int rate = parser.value(rateOption).toInt();
    const int seconds = parser.value(secondsOption).toInt();

    const qint64 rssStart = bench::processRssBytes(QCoreApplication::applicationPid());
    QThread feederThread;
    feederThread.start();
    // Built on its thread, so its server and sockets live there.
    QObject feederContext;
    feederContext.moveToThread(&feederThread);
    Feeder *feeder = nullptr;
    QMetaObject::invokeMethod(
        &feederContext, [&] { feeder = new Feeder(calls, rate, seconds); }, Qt::BlockingQueuedConnection);
    const qint64 rssFeeder = bench::processRssBytes(QCoreApplication::applicationPid());

    LiveClient client;
    MainWindow window(client);
    window.resize(1400, 900);
    window.show();
    LagProbe probe;

    // Phase 1: the snapshot.
    QElapsedTimer clock;
    clock.start();
    probe.start();
    client.connectTo({QUrl(u"http://127.0.0.1:%1"_s.arg(feeder->port())), u"bench"_s});
    LiveCallsModel *model = window.liveCalls()->model();
    waitFor([&] { return model->rowCount() == calls; }, 60'000);
    const qint64 snapshotMs = clock.elapsed();
    waitFor([] { return false; }, 1000); // let the first paints settle
    const QList<double> snapshotLag = probe.take();
    const qint64 rssLoaded = bench::processRssBytes(QCoreApplication::applicationPid());
    if (model->rowCount() != calls) {
        std::fprintf(stderr, "bench_console: the snapshot did not arrive (%d of %d rows)\n", model->rowCount(), calls);
        return 1;
    }
    // A supervisor looking at one call while the table moves.
    window.liveCalls()->table()->selectRow(0);

    // Phase 2: updates at the rate.
    probe.start();
    QMetaObject::invokeMethod(feeder, [feeder] { feeder->startDeltas(); });
    QList<double> perSecondP99;
    QList<double> all;
    for (int s = 0; s < seconds; ++s) {
        waitFor([] { return false; }, 1000);
        const QList<double> second = probe.take();
        perSecondP99.append(percentile(second, 0.99));
        all.append(second);
        probe.start();
    }
    waitFor([&] { return feeder->sent() >= qint64(rate) * seconds; }, 5000);
    waitFor([] { return false; }, 500);
    const qint64 rssEnd = bench::processRssBytes(QCoreApplication::applicationPid());
    const int rows = model->rowCount();

    std::printf("\nbench_console: %d calls, %d call updates/s for %d s (offscreen main window, sorted table, "
                "detail pane)\n\n",
                calls, rate, seconds);
    std::printf("| phase | lag p50 | lag p99 | lag max | per-second p99 (median) | notes |\n");
    std::printf("|---|---|---|---|---|---|\n");
    std::printf("| snapshot (%.1f MB) | %.2f ms | %.2f ms | %.1f ms | – | %lld ms until %d rows |\n",
                double(feeder->snapshotBytes()) / 1e6, percentile(snapshotLag, 0.5), percentile(snapshotLag, 0.99),
                percentile(snapshotLag, 1.0), snapshotMs, calls);
    std::printf("| %d updates/s | %.2f ms | %.2f ms | %.1f ms | %.2f ms | %lld updates sent, %d rows at the end |\n", rate,
                percentile(all, 0.5), percentile(all, 0.99), percentile(all, 1.0), percentile(perSecondP99, 0.5),
                feeder->sent(), rows);
    std::printf("\nmemory (resident): %.0f MB at start, %.0f MB with the feeder's messages encoded, "
                "%.0f MB with %d calls loaded, %.0f MB at the end\n",
                double(rssStart) / 1e6, double(rssFeeder) / 1e6, double(rssLoaded) / 1e6, calls, double(rssEnd) / 1e6);
    std::printf("budget (DESIGN.md section 9): event-loop lag p99 < 16 ms: %s\n",
                percentile(all, 0.99) < 16 ? "met" : "NOT met");

    QMetaObject::invokeMethod(feeder, [feeder] { delete feeder; }, Qt::BlockingQueuedConnection);
    QMetaObject::invokeMethod(&feederContext, [&] { feederContext.moveToThread(app.thread()); },
                              Qt::BlockingQueuedConnection);
    feederThread.quit();
    feederThread.wait();
    return 0;
}
