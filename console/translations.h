#pragma once

#include "shared/result.h"

#include <QObject>
#include <QStringList>
#include <QTranslator>

#include <memory>

class QSettings;

namespace sb {

/**
 * @brief The console's language: loads `switchboard_<lang>.qm`, remembers the choice in QSettings.
 *
 * setLanguage() swaps the installed translator at runtime, so every widget gets
 * QEvent::LanguageChange and retranslates itself; it also sets the default QLocale (numbers,
 * dates) and the application's layout direction (right to left for Hebrew).
 */
class Translations : public QObject
{
    Q_OBJECT
public:
    explicit Translations(QObject *parent = nullptr);
    Translations(QSettings *settings, QObject *parent); ///< settings not owned; for tests
    ~Translations() override;

    /// Language codes with a catalogue: `en`, `he`.
    static QStringList availableLanguages();
    /// The language's own name for itself ("English", "עברית").
    static QString nativeName(const QString &language);
    /// Where the catalogues are looked for (the build embeds them at `:/i18n`).
    static QString catalogueDirectory();

    /// The saved language, else the system's if there is a catalogue for it, else English.
    QString preferredLanguage() const;
    /// Applies preferredLanguage(); call once after QApplication exists.
    Result<void> applyPreferred();
    /// Installs @p language's catalogue and saves the choice; an unknown code is an error.
    Result<void> setLanguage(const QString &language);
    QString language() const { return m_language; }

signals:
    void languageChanged(const QString &language);

private:
    QSettings *m_settings;
    std::unique_ptr<QSettings> m_owned;
    std::unique_ptr<QTranslator> m_translator;
    QString m_language;
};

} // namespace sb
