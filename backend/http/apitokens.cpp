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

} // namespace sb
