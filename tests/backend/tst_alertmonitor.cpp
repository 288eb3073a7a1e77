// The alert monitor over a real database (SQLite or PostgreSQL, SWITCHBOARD_TEST_BACKEND): it
// follows the calls, tells listeners when the alerts change and logs a new alert once.
#include "storage/storagefixture.h"

#include "calls/alertmonitor.h"
#include "storage/recordings.h"

#include <QSignalSpy>

using namespace sb;
using namespace sb::test;
using namespace Qt::StringLiterals;

namespace {

/// Counts the "cost alert" warnings logged while it is installed.
class AlertLogCounter
{
public:
    AlertLogCounter() { s_previous = qInstallMessageHandler(&AlertLogCounter::handle); }
    ~AlertLogCounter() { qInstallMessageHandler(s_previous); }
    int lines() const { return s_lines; }

private:
    static void handle(QtMsgType type, const QMessageLogContext &context, const QString &message)
    {
        if (type == QtWarningMsg && QByteArrayView(context.category) == "switchboard.backend.costs"
            && message.startsWith(u"cost alert"_s))
            ++s_lines;
        s_previous(type, context, message);
    }
    static inline std::atomic<int> s_lines{0};
    static inline QtMessageHandler s_previous = nullptr;
};

constexpr qint64 kDayMs = 86'400'000;

} // namespace

class TestAlertMonitor final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        auto ok = m_fixture.init();
        QVERIFY2(ok.ok(), ok.ok() ? "" : qPrintable(ok.error().message));
    }

    void followsTheCallsAndTheWindow()
    {
        auto storage = m_fixture.open();
        QVERIFY(storage.ok());
        Storage &db = **storage;
        const auto recording = [&](const QString &callSid, const QString &recordingSid) {
            return db.runBlocking([=](StorageSession &s) {
                return Recordings(s).recordRecordingStatus(callSid, recordingSid, RecordingStatus::Completed, {});
            });
        };
        makeInbound(db, u"CA1"_s);
        QVERIFY(recording(u"CA1"_s, u"RE1"_s).ok());
        QVERIFY(recording(u"CA1"_s, u"RE2"_s).ok());

        const AlertLogCounter logged;
        AlertMonitorSettings settings;
        settings.minIntervalMs = 10;
        AlertMonitor monitor(db, settings);
        QSignalSpy changed(&monitor, &AlertMonitor::alertsChanged);

        // The first evaluation finds the duplicate recording: one alert, logged once.
        QTRY_COMPARE(changed.size(), 1);
        QList<Alert> alerts = changed.constLast().constFirst().value<QList<Alert>>();
        QCOMPARE(alerts.size(), 1);
        QCOMPARE(alerts.constFirst().key, u"duplicate_recordings"_s);
        QCOMPARE(alerts.constFirst().value, 1.0);
        QCOMPARE(monitor.alerts(), alerts);
        QCOMPARE(logged.lines(), 1);

        // A third recording: the same alert with a new value; told, not logged again.
        QVERIFY(recording(u"CA1"_s, u"RE3"_s).ok());
        QTRY_COMPARE(changed.size(), 2);
        QCOMPARE(changed.constLast().constFirst().value<QList<Alert>>().constFirst().value, 2.0);
        QCOMPARE(logged.lines(), 1);

        // Two days later the window (today) no longer holds that call: a new quiet call clears the alert.
        m_fixture.clock.advanceMs(2 * kDayMs);
        makeInbound(db, u"CA2"_s);
        QTRY_COMPARE(changed.size(), 3);
        QVERIFY(changed.constLast().constFirst().value<QList<Alert>>().isEmpty());
        QVERIFY(monitor.alerts().isEmpty());

        // Raised again: logged again, since it was cleared in between.
        QVERIFY(recording(u"CA2"_s, u"RE4"_s).ok());
        QVERIFY(recording(u"CA2"_s, u"RE5"_s).ok());
        QTRY_COMPARE(monitor.alerts().size(), 1);
        QCOMPARE(logged.lines(), 2);
    }

private:
    StorageFixture m_fixture;
};

QTEST_GUILESS_MAIN(TestAlertMonitor)
#include "tst_alertmonitor.moc"
