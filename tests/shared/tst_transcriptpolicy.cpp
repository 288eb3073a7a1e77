// Invariants 3 and 4 as pure functions: which text a call's final transcript becomes, and when a
// call is skipped.
#include "shared/transcriptpolicy.h"

#include <QTest>

using namespace sb;

Q_DECLARE_METATYPE(std::optional<QString>)
Q_DECLARE_METATYPE(std::optional<sb::TranscriptSource>)

class TestTranscriptPolicy : public QObject
{
    Q_OBJECT

private slots:
    void decide_data()
    {
        QTest::addColumn<std::optional<QString>>("recording");
        QTest::addColumn<QString>("realtime");
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("text");

        const std::optional<QString> good = u"  shalom, I would like to book a table  "_qs;
        const std::optional<QString> shortText = u"ok  yes  thanks"_qs.left(9); // "ok  yes  ": 5 non-space
        const std::optional<QString> empty = QString();
        const std::optional<QString> error = std::nullopt;
        const QString realtime = u"caller: shalom\nagent: hello\n"_qs;

        QTest::newRow("good, realtime present") << good << realtime << u"recording"_qs << good->trimmed();
        QTest::newRow("good, realtime absent") << good << QString() << u"recording"_qs << good->trimmed();
        QTest::newRow("short, realtime present") << shortText << realtime << u"realtime"_qs << realtime.trimmed();
        QTest::newRow("short, realtime absent") << shortText << QString() << u"failed"_qs << QString();
        QTest::newRow("empty, realtime present") << empty << realtime << u"realtime"_qs << realtime.trimmed();
        QTest::newRow("empty, realtime absent") << empty << QString() << u"failed"_qs << QString();
        QTest::newRow("error, realtime present") << error << realtime << u"realtime"_qs << realtime.trimmed();
        QTest::newRow("error, realtime absent") << error << QString() << u"failed"_qs << QString();
        QTest::newRow("error, realtime only spaces") << error << u" \n\t "_qs << u"failed"_qs << QString();
        // The threshold: 10 non-space characters count, 9 do not; spaces never count.
        QTest::newRow("exactly 10") << std::optional<QString>(u"abcde fghij"_qs) << QString() << u"recording"_qs
                                    << u"abcde fghij"_qs;
        QTest::newRow("9 padded with spaces") << std::optional<QString>(u"  a b c d e f g h i    "_qs) << realtime
                                              << u"realtime"_qs << realtime.trimmed();
        QTest::newRow("Hebrew counts per character") << std::optional<QString>(u"שלום לכולם רבותי"_qs) << QString()
                                                      << u"recording"_qs << u"שלום לכולם רבותי"_qs;
    }

    void decide()
    {
        QFETCH(std::optional<QString>, recording);
        QFETCH(QString, realtime);
        QFETCH(QString, source);
        QFETCH(QString, text);
        const TranscriptDecision decision = decideTranscript(recording, realtime);
        QCOMPARE(toString(decision.source), source);
        QCOMPARE(decision.text, text);
    }

    void skipRule_data()
    {
        QTest::addColumn<std::optional<TranscriptSource>>("source");
        QTest::addColumn<QString>("transcript");
        QTest::addColumn<bool>("good");
        QTest::newRow("none yet") << std::optional<TranscriptSource>() << QString() << false;
        QTest::newRow("recording") << std::optional<TranscriptSource>(TranscriptSource::Recording) << u"text"_qs << true;
        QTest::newRow("realtime") << std::optional<TranscriptSource>(TranscriptSource::Realtime) << u"text"_qs << true;
        QTest::newRow("failed") << std::optional<TranscriptSource>(TranscriptSource::Failed) << QString() << false;
        QTest::newRow("source without text") << std::optional<TranscriptSource>(TranscriptSource::Recording) << u"  "_qs << false;
    }

    void skipRule()
    {
        QFETCH(std::optional<TranscriptSource>, source);
        QFETCH(QString, transcript);
        QFETCH(bool, good);
        QCOMPARE(hasGoodTranscript(source, transcript), good);
    }
};

QTEST_APPLESS_MAIN(TestTranscriptPolicy)
#include "tst_transcriptpolicy.moc"
