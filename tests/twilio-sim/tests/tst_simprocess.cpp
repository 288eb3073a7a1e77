// The switchboard-twilio-sim executable: starts on port 0, says where, serves, refuses bad flags.
#include "fakebackend.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

class TestSimProcess : public QObject
{
    Q_OBJECT

private slots:
    void announcesPortAndServes()
    {
        QProcess sim;
        sim.start(QStringLiteral(TWILIO_SIM_EXE), {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")});
        QVERIFY(sim.waitForStarted());
        QByteArray stderrText;
        const QRegularExpression line(QStringLiteral("listening on 127\\.0\\.0\\.1:(\\d+)"));
        QRegularExpressionMatch match;
        QTRY_VERIFY((stderrText += sim.readAllStandardError(), match = line.match(QString::fromUtf8(stderrText))).hasMatch());
        const int port = match.captured(1).toInt();
        QVERIFY(port > 0);

        QNetworkAccessManager network;
        std::unique_ptr<QNetworkReply> reply(network.get(QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1/sim/stats").arg(port)))));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        QVERIFY(finished.wait(5000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QVERIFY(QJsonDocument::fromJson(reply->readAll()).object().contains(QStringLiteral("rest")));
        sim.terminate();
        QVERIFY(sim.waitForFinished(5000));
    }

    void inboundDemoMode()
    {
        // The demo's mode: N inbound calls into a backend, then exit.
        sb::sim::test::FakeBackend backend(QByteArrayLiteral("demo-token"));
        QProcess sim;
        sim.start(QStringLiteral(TWILIO_SIM_EXE),
                  {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--auth-token"), QStringLiteral("demo-token"),
                   QStringLiteral("--voice-url"), backend.url(QStringLiteral("/voice")).toString(),
                   QStringLiteral("--status-callback"), backend.url(QStringLiteral("/status")).toString(),
                   QStringLiteral("--inbound"), QStringLiteral("2"), QStringLiteral("--rate"), QStringLiteral("20"),
                   QStringLiteral("--concurrency"), QStringLiteral("1"), QStringLiteral("--stream-seconds"), QStringLiteral("1"),
                   QStringLiteral("--pacing-ms"), QStringLiteral("0"), QStringLiteral("--exit-when-done")});
        QVERIFY(sim.waitForStarted());
        // The backend lives in this process, so the event loop must run while the simulator works.
        QTRY_COMPARE_WITH_TIMEOUT(sim.state(), QProcess::NotRunning, 15000);
        QCOMPARE(sim.exitCode(), 0);
        QCOMPARE(backend.webhooks(QStringLiteral("/voice")).size(), 2);
        QCOMPARE(backend.streams.size(), 2);
        QCOMPARE(backend.webhooks(QStringLiteral("/status")).size(), 4); // in-progress and completed per call
        for (const auto &webhook : std::as_const(backend.received))
            QVERIFY(webhook.signatureOk);
        for (const auto &stream : std::as_const(backend.streams)) {
            QVERIFY(stream.signatureOk);
            QCOMPARE(stream.events().last(), QStringLiteral("stop"));
        }
    }

    void refusesBadFlags_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("bad listen") << QStringList{QStringLiteral("--listen"), QStringLiteral("nowhere")};
        QTest::newRow("bad account") << QStringList{QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--account-sid"), QStringLiteral("XX1")};
        QTest::newRow("inbound without voice url") << QStringList{QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--inbound"), QStringLiteral("1")};
        QTest::newRow("unknown fault") << QStringList{QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--inbound"), QStringLiteral("1"),
                                                      QStringLiteral("--voice-url"), QStringLiteral("http://127.0.0.1:9/v"), QStringLiteral("--faults"), QStringLiteral("gremlins")};
    }

    void refusesBadFlags()
    {
        QFETCH(QStringList, arguments);
        QProcess sim;
        sim.start(QStringLiteral(TWILIO_SIM_EXE), arguments);
        QVERIFY(sim.waitForFinished(5000));
        QCOMPARE(sim.exitCode(), 2);
        QVERIFY(sim.readAllStandardError().contains("switchboard-twilio-sim:"));
    }
};

QTEST_GUILESS_MAIN(TestSimProcess)
#include "tst_simprocess.moc"
