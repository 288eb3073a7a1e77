#include "apitokens.h"

#include <array>

namespace sb {

namespace {
constexpr std::array<std::pair<ApiRole, QLatin1StringView>, 4> kRoleNames{{
    {ApiRole::Viewer, QLatin1StringView("viewer")},
    {ApiRole::Supervisor, QLatin1StringView("supervisor")},
    {ApiRole::Admin, QLatin1StringView("admin")},
    {ApiRole::Dialer, QLatin1StringView("dialer")},
}};
} // namespace

QString roleName(ApiRole role)
{
    for (const auto &[candidate, name] : kRoleNames) {
        if (candidate == role)
            return name;
    }
    return {};
}

std::optional<ApiRole> roleFromName(QStringView name)
{
    for (const auto &[role, candidate] : kRoleNames) {
        if (name == candidate)
            return role;
    }
    return std::nullopt;
}

Result<ApiTokens> ApiTokens::parse(QStringView text)
{
    ApiTokens tokens;
    int position = 0;
    for (QStringView pair : text.split(u',', Qt::SkipEmptyParts)) {
        ++position;
        pair = pair.trimmed();
        const qsizetype colon = pair.indexOf(u':');
        if (colon <= 0)
            return invalidInput(QStringLiteral("entry %1 is not role:token").arg(position));
        const QStringView name = pair.left(colon).trimmed();
        const QString token = pair.mid(colon + 1).trimmed().toString();
        const auto role = roleFromName(name);
        if (!role) {
            return invalidInput(QStringLiteral("entry %1 has unknown role \"%2\" (expected viewer, "
                                               "supervisor, admin or dialer)")
                                    .arg(position)
                                    .arg(name));
        }
        if (token.isEmpty())
            return invalidInput(QStringLiteral("entry %1 has an empty token").arg(position));
        if (tokens.m_roles.contains(token))
            return invalidInput(QStringLiteral("entry %1 repeats a token given earlier").arg(position));
        tokens.m_roles.insert(token, *role);
    }
    return tokens;
}

std::optional<ApiRole> ApiTokens::roleOf(QStringView token) const
{
    const auto it = m_roles.constFind(token.toString());
    if (it == m_roles.constEnd())
        return std::nullopt;
    return *it;
}

namespace {
bool permits(ApiRole role, Access access)
{
    switch (access) {
    case Access::Read:
        return role != ApiRole::Dialer;
    case Access::Supervise:
        return role == ApiRole::Supervisor || role == ApiRole::Admin;
    case Access::Administer:
        return role == ApiRole::Admin;
    case Access::PlaceCalls:
        return role == ApiRole::Dialer || role == ApiRole::Admin;
    }
    return false;
}
} // namespace

Result<ApiRole> ApiTokens::authorize(QByteArrayView authorizationHeader, Access access) const
{
    const QByteArrayView header = authorizationHeader.trimmed();
    if (header.isEmpty())
        return Error{ErrorCode::Unauthorized, QStringLiteral("an Authorization: Bearer token is required")};
    if (!header.startsWith("Bearer ") && !header.startsWith("bearer "))
        return Error{ErrorCode::Unauthorized, QStringLiteral("the Authorization header must be \"Bearer <token>\"")};
    const auto role = roleOf(QString::fromUtf8(header.sliced(7).trimmed()));
    if (!role)
        return Error{ErrorCode::Unauthorized, QStringLiteral("the token is not valid")};
    if (!permits(*role, access))
        return Error{ErrorCode::Forbidden, QStringLiteral("the %1 role may not do this").arg(roleName(*role))};
    return *role;
}

} // namespace sb
