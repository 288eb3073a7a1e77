// The job as other parts see it (API, live console): its JSON keys, nulls and round trip.
#include "shared/job.h"

#include <QJsonDocument>
#include <QTest>

using namespace sb;

class TestJob : public QObject
{
    Q_OBJECT

private:
    static Job sample()
    {
        Job job;
        job.id = 7;
        job.callId = 3;
        job.callSid = u"CA0123456789abcdef0123456789abcdef"_qs;
        job.state = u"done"_qs;
        job.attempts = 2;
        job.maxAttempts = 5;
        job.runAt = QDateTime::fromMSecsSinceEpoch(1700000000123, Qt::UTC);
        job.lastError = u"transcription: HTTP 503"_qs;
        job.forced = true;
        job.requestedBy = u"admin"_qs;
        job.outcome = u"realtime"_qs;
        job.createdAt = QDateTime::fromMSecsSinceEpoch(1700000000000, Qt::UTC);
        job.updatedAt = QDateTime::fromMSecsSinceEpoch(1700000009999, Qt::UTC);
        return job;
    }

private slots:
    void jsonHasTheContractKeys()
    {
        const QJsonObject json = sample().toJson();
        const QStringList keys{u"id"_qs, u"call_id"_qs, u"call_sid"_qs, u"kind"_qs, u"state"_qs, u"attempts"_qs,
                               u"max_attempts"_qs, u"run_at"_qs, u"lease_owner"_qs, u"lease_expires_at"_qs,
                               u"last_error"_qs, u"forced"_qs, u"requested_by"_qs, u"outcome"_qs, u"created_at"_qs,
                               u"updated_at"_qs};
        QStringList actual = json.keys();
        QStringList expected = keys;
        actual.sort();
        expected.sort();
        QCOMPARE(actual, expected);
        QCOMPARE(json.value(u"kind"_qs).toString(), u"transcription"_qs);
        QCOMPARE(json.value(u"run_at"_qs).toString(), u"2023-11-14T22:13:20.123Z"_qs);
        QVERIFY(json.value(u"lease_owner"_qs).isNull());
        QVERIFY(json.value(u"lease_expires_at"_qs).isNull());
        QCOMPARE(json.value(u"forced"_qs).toBool(), true);
    }

    void roundTrip()
    {
        const Job job = sample();
        auto back = Job::fromJson(QJsonDocument::fromJson(QJsonDocument(job.toJson()).toJson()).object());
        QVERIFY2(back.ok(), back.ok() ? "" : qPrintable(back.error().message));
        QCOMPARE(back.value(), job);
    }

    void badInputIsRefused_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("state") << u"state"_qs << QJsonValue(u"failed"_qs) << u"state"_qs;
        QTest::newRow("outcome") << u"outcome"_qs << QJsonValue(u"maybe"_qs) << u"outcome"_qs;
        QTest::newRow("kind") << u"kind"_qs << QJsonValue(u"billing"_qs) << u"kind"_qs;
        QTest::newRow("time") << u"run_at"_qs << QJsonValue(u"yesterday"_qs) << u"run_at"_qs;
    }

    void badInputIsRefused()
    {
        QFETCH(QString, key);
        QFETCH(QJsonValue, value);
        QFETCH(QString, mentions);
        QJsonObject json = sample().toJson();
        json.insert(key, value);
        auto parsed = Job::fromJson(json);
        QVERIFY(!parsed.ok());
        QCOMPARE(int(parsed.error().code), int(ErrorCode::InvalidInput));
        QVERIFY2(parsed.error().message.contains(mentions), qPrintable(parsed.error().message));
    }
};

QTEST_APPLESS_MAIN(TestJob)
#include "tst_job.moc"
