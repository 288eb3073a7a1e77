// Replays the committed fuzz corpora (tests/fuzz/corpus/<target>/) through the fuzz targets'
// logic, so every seed and every past finding runs in `make test`, with any compiler.

#include "fuzzwebsocketframes.h"

#include <QDir>
#include <QFile>
#include <QTest>

class TestFuzzCorpus : public QObject
{
    Q_OBJECT

private slots:
    void websocketFrames_data()
    {
        QTest::addColumn<QString>("path");
        const QDir dir(QStringLiteral(FUZZ_CORPUS_DIR "/websocketframes"));
        const QStringList files = dir.entryList(QDir::Files, QDir::Name);
        QVERIFY2(files.size() >= 10, "the corpus is missing");
        for (const QString &file : files)
            QTest::newRow(qPrintable(file)) << dir.filePath(file);
    }

    void websocketFrames()
    {
        QFETCH(QString, path);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        sb::fuzz::websocketFrames(reinterpret_cast<const uint8_t *>(bytes.constData()), size_t(bytes.size()));
    }
};

QTEST_GUILESS_MAIN(TestFuzzCorpus)
#include "tst_fuzzcorpus.moc"
