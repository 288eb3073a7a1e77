#include "connectdialog.h"

#include <QDialogButtonBox>
#include <QPushButton>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace sb {

ConnectDialog::ConnectDialog(ConnectionSettings &settings, QWidget *parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_url(new QLineEdit(this))
    , m_token(new QLineEdit(this))
    , m_error(new QLabel(this))
{
    setWindowTitle(tr("Connect to a Switchboard backend"));
    setObjectName(QStringLiteral("connectDialog"));
    const ConnectionTarget saved = m_settings.load();
    m_url->setObjectName(QStringLiteral("url"));
    m_url->setPlaceholderText(QStringLiteral("http://127.0.0.1:8080"));
    m_url->setText(saved.backendUrl.toString());
    m_token->setObjectName(QStringLiteral("token"));
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setText(saved.token);

    auto *form = new QFormLayout;
    form->addRow(tr("Backend URL:"), m_url);
    form->addRow(tr("API token:"), m_token);

    auto *where = new QLabel(tr("The URL and the token are remembered in plain text in %1.").arg(m_settings.storageLocation()), this);
    where->setObjectName(QStringLiteral("storageNote"));
    where->setWordWrap(true);
    m_error->setObjectName(QStringLiteral("error"));
    m_error->setStyleSheet(QStringLiteral("color: #c62828"));
    m_error->setWordWrap(true);
    m_error->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Connect"));
    connect(buttons, &QDialogButtonBox::accepted, this, &ConnectDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ConnectDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(where);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
}

void ConnectDialog::accept()
{
    const auto url = ConnectionSettings::parseBackendUrl(m_url->text().trimmed());
    if (!url) {
        m_error->setText(url.error().message);
        m_error->show();
        return;
    }
    if (m_token->text().trimmed().isEmpty()) {
        m_error->setText(tr("Enter the API token the backend gave you (SWITCHBOARD_API_TOKENS)."));
        m_error->show();
        return;
    }
    m_target = {*url, m_token->text().trimmed()};
    m_settings.save(m_target);
    QDialog::accept();
}

} // namespace sb
