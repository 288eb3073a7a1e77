#include "translations.h"
#include "costmodels.h"
#include "ui/costsview.h"
#include "ui/dedupview.h"
#include "ui/languagemenu.h"
#include "ui/reprocessview.h"

#include <QApplication>
#include <QBarCategoryAxis>
#include <QChart>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include "consoletestdata.h"

using namespace sb;

namespace {

QStringList bucketCategories(CostsView &view)
{
    const QList<QAbstractAxis *> axes = view.bucketChart()->axes(Qt::Horizontal);
    for (QAbstractAxis *axis : axes) {
        if (auto *categories = qobject_cast<QBarCategoryAxis *>(axis))
            return categories->categories();
    }
    return {};
}

/// Every message of a .ts file whose translation is missing, unfinished or obsolete.
QStringList untranslated(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {QStringLiteral("cannot open ") + path};
    QStringList problems;
    QXmlStreamReader xml(&file);
    QString context;
    QString source;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == u"name") {
            context = xml.readElementText();
        } else if (xml.name() == u"source") {
            source = xml.readElementText();
        } else if (xml.name() == u"translation") {
            const QString type = xml.attributes().value(QStringLiteral("type")).toString();
            if (!type.isEmpty())
                problems.append(context + u": " + source + u" (" + type + u')');
            const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            if (text.trimmed().isEmpty())
                problems.append(context + u": " + source + u" (empty)");
        }
    }
    if (xml.hasError())
        problems.append(xml.errorString());
    return problems;
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_settings;

private slots:
    void init()
    {
        m_settings = std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("console.ini")), QSettings::IniFormat);
        m_settings->clear();
    }

    void hebrewCatalogueIsComplete()
    {
        const QString path = QStringLiteral(SWITCHBOARD_TRANSLATIONS_DIR "/switchboard_he.ts");
        const QStringList problems = untranslated(path);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }

    void hebrewLoadsRightToLeft()
    {
        Translations translations(m_settings.get(), nullptr);
        QSignalSpy changed(&translations, &Translations::languageChanged);
        const auto set = translations.setLanguage(QStringLiteral("he"));
        QVERIFY2(set.ok(), set.ok() ? "" : qPrintable(set.error().message));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(translations.language(), QStringLiteral("he"));
        QCOMPARE(QGuiApplication::layoutDirection(), Qt::RightToLeft);
        QCOMPARE(QLocale().language(), QLocale::Hebrew);
        QCOMPARE(CostSummaryModel::bucketLabel(QStringLiteral("HIGH")), QStringLiteral("גבוהה"));
        QCOMPARE(CostSummaryModel::formatCost(3.5), QStringLiteral("3.50 $"));
        QCOMPARE(m_settings->value(QStringLiteral("ui/language")).toString(), QStringLiteral("he"));

        QVERIFY(translations.setLanguage(QStringLiteral("en")).ok());
        QCOMPARE(QGuiApplication::layoutDirection(), Qt::LeftToRight);
        QCOMPARE(CostSummaryModel::bucketLabel(QStringLiteral("HIGH")), QStringLiteral("High"));
        // The English catalogue carries the plural forms.
        QCOMPARE(QCoreApplication::translate("sb::CostsView", "Last %n day(s)", nullptr, 1), QStringLiteral("Last day"));
        QCOMPARE(QCoreApplication::translate("sb::CostsView", "Last %n day(s)", nullptr, 7), QStringLiteral("Last 7 days"));
    }

    void unknownLanguageIsRefused_data()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("not translated") << "fr";
        QTest::newRow("empty") << "";
        QTest::newRow("path") << "../he";
    }

    void unknownLanguageIsRefused()
    {
        QFETCH(QString, language);
        Translations translations(m_settings.get(), nullptr);
        QVERIFY(translations.setLanguage(QStringLiteral("en")).ok());
        const auto set = translations.setLanguage(language);
        QVERIFY(!set.ok());
        QCOMPARE(set.error().code, ErrorCode::InvalidInput);
        QCOMPARE(translations.language(), QStringLiteral("en"));
        QCOMPARE(m_settings->value(QStringLiteral("ui/language")).toString(), QStringLiteral("en"));
    }

    void savedLanguageWins_data()
    {
        QTest::addColumn<QString>("saved");
        QTest::addColumn<QString>("preferred");
        QTest::newRow("nothing saved, C locale") << "" << "en";
        QTest::newRow("hebrew saved") << "he" << "he";
        QTest::newRow("unknown saved") << "xx" << "en";
    }

    void savedLanguageWins()
    {
        QFETCH(QString, saved);
        QFETCH(QString, preferred);
        if (!saved.isEmpty())
            m_settings->setValue(QStringLiteral("ui/language"), saved);
        Translations translations(m_settings.get(), nullptr);
        QCOMPARE(translations.preferredLanguage(), preferred);
        QVERIFY(translations.applyPreferred().ok());
        QCOMPARE(translations.language(), preferred);
        QVERIFY(translations.setLanguage(QStringLiteral("en")).ok());
    }

    void viewsRetranslateAtRuntime()
    {
        Translations translations(m_settings.get(), nullptr);
        QVERIFY(translations.setLanguage(QStringLiteral("en")).ok());
        CostsView costs;
        QVERIFY(costs.model()->setSummaryJson(sampleSummaryJson()).ok());
        ReprocessView reprocess;
        reprocess.setRole(QStringLiteral("viewer"));
        DedupView dedup;
        LanguageMenu menu(&translations);
        costs.show();
        QVERIFY(QTest::qWaitForWindowExposed(&costs));
        QCOMPARE(bucketCategories(costs), (QStringList{"Low", "Medium", "High"}));
        auto *reprocessButton = reprocess.findChild<QPushButton *>(QStringLiteral("reprocess"));
        QCOMPARE(reprocessButton->text(), QStringLiteral("&Reprocess"));

        QVERIFY(translations.setLanguage(QStringLiteral("he")).ok());
        QCoreApplication::processEvents(); // LanguageChange and LayoutDirectionChange are delivered
        QCOMPARE(costs.layoutDirection(), Qt::RightToLeft);
        // Hebrew labels, and the first bucket at the right, where a Hebrew reader starts.
        QCOMPARE(bucketCategories(costs), (QStringList{"גבוהה", "בינונית", "נמוכה"}));
        QCOMPARE(reprocessButton->text(), QStringLiteral("&עיבוד מחדש"));
        QCOMPARE(reprocess.findChild<QLabel *>(QStringLiteral("reason"))->text(),
                 QStringLiteral("עיבוד מחדש מותר למנהלים בלבד; לאסימון שלך יש התפקיד \"viewer\"."));
        QCOMPARE(dedup.findChild<QPushButton *>(QStringLiteral("refresh"))->text(), QStringLiteral("&רענון"));
        QCOMPARE(menu.title(), QStringLiteral("&שפה"));
        QCOMPARE(costs.model()->headerData(0, Qt::Horizontal).toString(), QStringLiteral("נתון"));
        const QList<QAction *> entries = menu.actions();
        QCOMPARE(entries.size(), 2);
        QVERIFY(entries.at(1)->isChecked());

        // Back to English from the menu.
        entries.at(0)->trigger();
        QCoreApplication::processEvents();
        QCOMPARE(translations.language(), QStringLiteral("en"));
        QCOMPARE(reprocessButton->text(), QStringLiteral("&Reprocess"));
        QCOMPARE(bucketCategories(costs), (QStringList{"Low", "Medium", "High"}));
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
