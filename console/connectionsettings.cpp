#include "connectionsettings.h"

#include <QSettings>

namespace sb {

namespace {
const QString kUrlKey = QStringLiteral("connection/url");
const QString kTokenKey = QStringLiteral("connection/token");
} // namespace

ConnectionSettings::ConnectionSettings()
    : m_owned(std::make_unique<QSettings>())
{
    m_settings = m_owned.get();
}

ConnectionSettings::ConnectionSettings(QSettings *settings)
    : m_settings(settings)
{
}

Result<QUrl> ConnectionSettings::parseBackendUrl(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return invalidInput(QStringLiteral("the backend URL is empty"));
    if (!trimmed.startsWith(u"http://") && !trimmed.startsWith(u"https://"))
        return invalidInput(QStringLiteral("the backend URL must start with http:// or https://"));
    const QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid())
        return invalidInput(QStringLiteral("\"%1\" is not a valid URL").arg(trimmed));
    if (url.host().isEmpty())
        return invalidInput(QStringLiteral("the backend URL has no host"));
    return url;
}

ConnectionTarget ConnectionSettings::load() const
{
    return {QUrl(m_settings->value(kUrlKey).toString()), m_settings->value(kTokenKey).toString()};
}

void ConnectionSettings::save(const ConnectionTarget &target)
{
    m_settings->setValue(kUrlKey, target.backendUrl.toString());
    m_settings->setValue(kTokenKey, target.token);
    m_settings->sync();
}

QString ConnectionSettings::storageLocation() const
{
    return m_settings->fileName();
}

} // namespace sb
