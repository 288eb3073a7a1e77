#pragma once

#include "shared/result.h"

#include <QHash>
#include <QString>

#include <optional>

namespace sb {

/// API roles, ordered: viewer < supervisor < admin. `dialer` may only place calls.
enum class ApiRole { Viewer, Supervisor, Admin, Dialer };

QString roleName(ApiRole role);
std::optional<ApiRole> roleFromName(QStringView name);

/// What an endpoint needs: reading needs viewer or above; placing calls needs dialer or admin.
enum class Access { Read, Supervise, Administer, PlaceCalls };

/// The bearer tokens from SWITCHBOARD_API_TOKENS: `role:token` pairs separated by commas.
class ApiTokens
{
public:
    /// Empty text gives no tokens (the API is closed). Unknown roles, empty or duplicate
    /// tokens are errors; the message never contains a token.
    static Result<ApiTokens> parse(QStringView text);

    std::optional<ApiRole> roleOf(QStringView token) const;

    /// The caller's role from an `Authorization: Bearer <token>` header value: Unauthorized when
    /// the header is missing, malformed or names no token, Forbidden when the role may not have
    /// @p access. The message never repeats the token.
    Result<ApiRole> authorize(QByteArrayView authorizationHeader, Access access) const;
    bool isEmpty() const { return m_roles.isEmpty(); }
    qsizetype size() const { return m_roles.size(); }

private:
    QHash<QString, ApiRole> m_roles;
};

} // namespace sb
