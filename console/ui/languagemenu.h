#pragma once

#include <QMenu>

class QActionGroup;

namespace sb {

class Translations;

/// The settings menu's language choice: one checkable entry per catalogue, applied at once.
class LanguageMenu : public QMenu
{
    Q_OBJECT
public:
    LanguageMenu(Translations *translations, QWidget *parent = nullptr);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void check(const QString &language);

    Translations *m_translations;
    QActionGroup *m_group;
};

} // namespace sb
