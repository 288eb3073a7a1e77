#include "languagemenu.h"

#include "translations.h"

#include <QActionGroup>
#include <QEvent>
#include <QMessageBox>

using namespace Qt::StringLiterals;

namespace sb {

LanguageMenu::LanguageMenu(Translations *translations, QWidget *parent)
    : QMenu(parent)
    , m_translations(translations)
    , m_group(new QActionGroup(this))
{
    setObjectName(u"languageMenu"_s);
    for (const QString &language : Translations::availableLanguages()) {
        // Each language under its own name, so a user who cannot read the current one finds theirs.
        QAction *action = addAction(Translations::nativeName(language));
        action->setCheckable(true);
        action->setData(language);
        m_group->addAction(action);
        connect(action, &QAction::triggered, this, [this, language] {
            if (auto set = m_translations->setLanguage(language); !set) {
                QMessageBox::warning(parentWidget(), tr("Language"), set.error().message);
                check(m_translations->language());
            }
        });
    }
    connect(translations, &Translations::languageChanged, this, &LanguageMenu::check);
    check(translations->language());
    retranslateUi();
}

void LanguageMenu::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QMenu::changeEvent(event);
}

void LanguageMenu::retranslateUi()
{
    setTitle(tr("&Language"));
}

void LanguageMenu::check(const QString &language)
{
    for (QAction *action : m_group->actions())
        action->setChecked(action->data().toString() == language);
}

} // namespace sb
