#include "translations.h"

#include "shared/logging.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QLocale>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace sb {

namespace {
const QString kLanguageKey = u"ui/language"_s;
} // namespace

Translations::Translations(QObject *parent)
    : QObject(parent)
    , m_owned(std::make_unique<QSettings>())
{
    m_settings = m_owned.get();
}

Translations::Translations(QSettings *settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
{
}

Translations::~Translations()
{
    if (m_translator)
        QCoreApplication::removeTranslator(m_translator.get());
}

QStringList Translations::availableLanguages()
{
    return {u"en"_s, u"he"_s};
}

QString Translations::nativeName(const QString &language)
{
    // Not through tr(): each language is listed under its own name whatever the current one is.
    if (language == u"en")
        return u"English"_s;
    if (language == u"he")
        return u"עברית"_s;
    return QLocale(language).nativeLanguageName();
}

QString Translations::catalogueDirectory()
{
    return u":/i18n"_s;
}

QString Translations::preferredLanguage() const
{
    const QString saved = m_settings->value(kLanguageKey).toString();
    if (availableLanguages().contains(saved))
        return saved;
    const QString system = QLocale::languageToCode(QLocale::system().language());
    return availableLanguages().contains(system) ? system : u"en"_s;
}

Result<void> Translations::applyPreferred()
{
    return setLanguage(preferredLanguage());
}

Result<void> Translations::setLanguage(const QString &language)
{
    if (!availableLanguages().contains(language))
        return invalidInput(tr("There is no translation for the language \"%1\".").arg(language));
    auto translator = std::make_unique<QTranslator>();
    if (!translator->load(u"switchboard_"_s + language, catalogueDirectory()))
        return Error{ErrorCode::NotFound,
                     tr("The catalogue %1 is missing.").arg(catalogueDirectory() + u"/switchboard_"_s + language + u".qm"_s)};
    if (m_translator)
        QCoreApplication::removeTranslator(m_translator.get());
    m_translator = std::move(translator);
    QCoreApplication::installTranslator(m_translator.get()); // sends QEvent::LanguageChange to every widget

    const QLocale locale(language);
    QLocale::setDefault(locale);
    QGuiApplication::setLayoutDirection(locale.textDirection());
    m_language = language;
    m_settings->setValue(kLanguageKey, language);
    qCDebug(lcConsoleUi) << "language" << language;
    emit languageChanged(language);
    return {};
}

} // namespace sb
