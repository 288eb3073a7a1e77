// Replays the committed fuzz corpora (tests/fuzz/corpus/<target>/) through the fuzz targets'
// logic, so every seed and every past finding runs in `make test`, with any compiler.

#include "fuzztargets.h"

#include <QDir>
#include <QFile>
#include <QTest>

class TestFuzzCorpus : public QObject
{
    Q_OBJECT

private slots:
    void replay_data()
    {
        QTest::addColumn<int>("target");
        QTest::addColumn<QString>("path");
        size_t count = 0;
        const sb::fuzz::Target *targets = sb::fuzz::targets(count);
        for (size_t i = 0; i < count; ++i) {
            const QDir dir(QStringLiteral(FUZZ_CORPUS_DIR "/") + QLatin1StringView(targets[i].name));
            const QStringList files = dir.entryList(QDir::Files, QDir::Name);
            QVERIFY2(files.size() >= 5, qPrintable(QStringLiteral("the corpus of %1 is missing").arg(targets[i].name)));
            for (const QString &file : files) {
                QTest::addRow("%s/%s", targets[i].name, qPrintable(file)) << int(i) << dir.filePath(file);
            }
        }
    }

    void replay()
    {
        QFETCH(int, target);
        QFETCH(QString, path);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        size_t count = 0;
        sb::fuzz::targets(count)[target].run(reinterpret_cast<const uint8_t *>(bytes.constData()), size_t(bytes.size()));
    }
};

QTEST_GUILESS_MAIN(TestFuzzCorpus)
#include "tst_fuzzcorpus.moc"
