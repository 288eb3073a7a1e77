#pragma once

#include "shared/result.h"

#include <QString>
#include <QUrl>

#include <memory>

class QSettings;

namespace sb {

/// Where a console connects: the backend's base URL and the bearer token it presents.
struct ConnectionTarget
{
    QUrl backendUrl;
    QString token;
};

/**
 * @brief Remembers the last connection target with QSettings (the connect dialog's memory).
 *
 * The token is kept in the user's Switchboard settings file in plain text; storageLocation()
 * names that file so the dialog can say so.
 */
class ConnectionSettings
{
public:
    ConnectionSettings();
    explicit ConnectionSettings(QSettings *settings); ///< not owned; for tests

    /// Accepts http(s) URLs with a host; the error says what is wrong with the text.
    static Result<QUrl> parseBackendUrl(const QString &text);

    ConnectionTarget load() const;
    void save(const ConnectionTarget &target);
    QString storageLocation() const;

private:
    QSettings *m_settings;
    std::unique_ptr<QSettings> m_owned;
};

} // namespace sb
