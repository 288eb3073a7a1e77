#include "databaseurl.h"

#include <QByteArray>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace sb {

namespace {

const QStringList kOptionKeys{u"sslmode"_s, u"connect_timeout"_s, u"application_name"_s,
                              u"sslrootcert"_s, u"sslcert"_s, u"sslkey"_s, u"host"_s};
const QStringList kSslModes{u"disable"_s, u"allow"_s, u"prefer"_s, u"require"_s, u"verify-ca"_s, u"verify-full"_s};

/// Percent-decodes @p text; a malformed escape (`%zz`, a lone `%`) is an error, not kept as is.
Result<QString> percentDecode(QStringView text, QStringView what)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] != u'%')
            continue;
        const auto hex = [](QChar c) { return c.isDigit() || (c.toLower() >= u'a' && c.toLower() <= u'f'); };
        const bool ok = i + 2 < text.size() && hex(text[i + 1]) && hex(text[i + 2]);
        if (!ok)
            return invalidInput(u"bad percent escape in the "_s + what);
        i += 2;
    }
    return QUrl::fromPercentEncoding(text.toUtf8());
}

QString percentEncode(const QString &text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

/// Error text never contains the raw input (it may hold a password); it names the part at fault.
Error urlError(const QString &reason)
{
    return invalidInput(u"invalid database URL: "_s + reason);
}

Result<DatabaseUrl> fail(const QString &reason)
{
    return urlError(reason);
}

} // namespace

Result<DatabaseUrl> DatabaseUrl::parse(QStringView text)
{
    text = text.trimmed();
    DatabaseUrl url;
    if (text.startsWith(u"sqlite:")) {
        QStringView path = text.mid(7);
        if (path.startsWith(u"//"))
            path = path.mid(2);
        if (path == u":memory:" || path == u"memory:")
            return fail(u"sqlite::memory: is not supported (each storage thread has its own connection); use a file"_s);
        if (path.isEmpty())
            return fail(u"sqlite: needs a file path, e.g. sqlite:./switchboard.db"_s);
        url.m_dialect = SqlDialect::SQLite;
        url.m_path = path.toString();
        return url;
    }

    QStringView rest;
    if (text.startsWith(u"postgresql://"))
        rest = text.mid(13);
    else if (text.startsWith(u"postgres://"))
        rest = text.mid(11);
    else {
        const qsizetype colon = text.indexOf(u':');
        const QString scheme = colon > 0 ? text.left(colon).toString() : QString();
        return fail(scheme.isEmpty() ? u"no scheme (expected sqlite:PATH or postgresql://user:pass@host:port/db)"_s
                                     : u"unknown scheme \""_s + scheme
                                           + u"\" (expected sqlite: or postgresql://)"_s);
    }
    url.m_dialect = SqlDialect::PostgreSQL;

    QStringView query;
    if (const qsizetype q = rest.indexOf(u'?'); q >= 0) {
        query = rest.mid(q + 1);
        rest = rest.left(q);
    }
    const qsizetype slash = rest.indexOf(u'/');
    if (slash < 0)
        return fail(u"missing database name (postgresql://user:pass@host:port/DBNAME)"_s);
    QStringView authority = rest.left(slash);
    const QStringView dbPart = rest.mid(slash + 1);
    if (dbPart.isEmpty())
        return fail(u"missing database name (postgresql://user:pass@host:port/DBNAME)"_s);
    if (dbPart.contains(u'/'))
        return fail(u"the database name must not contain '/'"_s);
    auto db = percentDecode(dbPart, u"database name");
    if (!db)
        return urlError(db.error().message);
    url.m_databaseName = *db;

    if (const qsizetype at = authority.lastIndexOf(u'@'); at >= 0) {
        const QStringView userInfo = authority.left(at);
        authority = authority.mid(at + 1);
        const qsizetype colon = userInfo.indexOf(u':');
        auto user = percentDecode(colon >= 0 ? userInfo.left(colon) : userInfo, u"user name");
        if (!user)
            return urlError(user.error().message);
        url.m_user = *user;
        if (colon >= 0) {
            auto password = percentDecode(userInfo.mid(colon + 1), u"password");
            if (!password)
                return urlError(password.error().message);
            url.m_password = *password;
        }
        if (url.m_user.isEmpty())
            return fail(u"empty user name before '@'"_s);
    }

    QStringView portText;
    if (authority.startsWith(u'[')) {
        const qsizetype close = authority.indexOf(u']');
        if (close < 0)
            return fail(u"unterminated IPv6 address (missing ']')"_s);
        url.m_host = authority.mid(1, close - 1).toString();
        const QStringView after = authority.mid(close + 1);
        if (!after.isEmpty()) {
            if (!after.startsWith(u':'))
                return fail(u"unexpected text after the IPv6 address"_s);
            portText = after.mid(1);
            if (portText.isEmpty())
                return fail(u"empty port after ':'"_s);
        }
    } else if (const qsizetype colon = authority.lastIndexOf(u':'); colon >= 0) {
        url.m_host = authority.left(colon).toString();
        portText = authority.mid(colon + 1);
        if (portText.isEmpty())
            return fail(u"empty port after ':'"_s);
    } else {
        url.m_host = authority.toString();
    }
    // Outside brackets a ':' would be ambiguous and a bracket stray (masked() would not read back).
    if (!authority.startsWith(u'[') && (url.m_host.contains(u':') || url.m_host.contains(u'[') || url.m_host.contains(u']')))
        return fail(u"the host has ':', '[' or ']' outside brackets (write an IPv6 address as [::1]:5432)"_s);
    if (!portText.isEmpty()) {
        bool ok = false;
        const int port = portText.toInt(&ok);
        bool digitsOnly = true;
        for (QChar c : portText)
            digitsOnly = digitsOnly && c.isDigit();
        // The port is never echoed: `postgresql://user:secret/db` (no '@') puts the password here.
        if (!digitsOnly)
            return fail(u"bad port: not a number (a password needs a user name, '@' and a host after it)"_s);
        if (!ok || port < 1 || port > 65535)
            return fail(u"bad port: expected 1-65535"_s);
        url.m_port = port;
    }

    if (!query.isEmpty()) {
        for (QStringView pair : query.split(u'&', Qt::SkipEmptyParts)) {
            const qsizetype eq = pair.indexOf(u'=');
            if (eq <= 0)
                return fail(u"bad query option \""_s + pair.toString() + u"\" (expected key=value)"_s);
            const QString key = pair.left(eq).toString();
            auto value = percentDecode(pair.mid(eq + 1), QString(u"query option "_s + key));
            if (!value)
                return urlError(value.error().message);
            if (!kOptionKeys.contains(key))
                return fail(u"unknown query option \""_s + key + u"\" (accepted: "_s + kOptionKeys.join(u", "_s) + u")"_s);
            if (key == u"sslmode" && !kSslModes.contains(*value))
                return fail(u"bad sslmode \""_s + *value + u"\" (accepted: "_s + kSslModes.join(u", "_s) + u")"_s);
            if (key == u"connect_timeout") {
                bool ok = false;
                const int seconds = value->toInt(&ok);
                if (!ok || seconds < 0)
                    return fail(u"bad connect_timeout \""_s + *value + u"\" (expected seconds >= 0)"_s);
            }
            if (key == u"host") {
                if (value->isEmpty())
                    return fail(u"empty host= option"_s);
                url.m_host = *value;
                url.m_hostFromQuery = true;
                continue;
            }
            url.m_options.append(qMakePair(key, *value));
        }
    }
    if (url.m_host.isEmpty())
        return fail(u"missing host (postgresql://user:pass@HOST:port/db, or ?host=/socket/dir)"_s);
    return url;
}

QString DatabaseUrl::driverName() const
{
    return m_dialect == SqlDialect::SQLite ? u"QSQLITE"_s : u"QPSQL"_s;
}

QString DatabaseUrl::connectOptions() const
{
    QStringList parts;
    for (const auto &[key, value] : m_options)
        parts << key + u'=' + value;
    return parts.join(u';');
}

QString DatabaseUrl::masked() const
{
    if (m_dialect == SqlDialect::SQLite) {
        // parse() drops one "//" after the scheme, so a path that starts with "//" needs it written.
        return (m_path.startsWith(u"//") ? u"sqlite://"_s : u"sqlite:"_s) + m_path;
    }
    QString text = u"postgresql://"_s;
    if (!m_user.isEmpty()) {
        text += percentEncode(m_user);
        if (!m_password.isEmpty())
            text += u":***"_s;
        text += u'@';
    }
    if (!m_hostFromQuery)
        text += m_host.contains(u':') || m_host.contains(u'[') ? u'[' + m_host + u']' : m_host; // as parse() took it
    text += u':' + QString::number(m_port) + u'/' + percentEncode(m_databaseName);
    QStringList query;
    if (m_hostFromQuery)
        query << u"host="_s + QString::fromLatin1(QUrl::toPercentEncoding(m_host, "/")); // a socket directory
    for (const auto &[key, value] : m_options)
        query << key + u'=' + percentEncode(value);
    if (!query.isEmpty())
        text += u'?' + query.join(u'&');
    return text;
}

DatabaseUrl DatabaseUrl::withDatabaseName(const QString &name) const
{
    DatabaseUrl copy = *this;
    copy.m_databaseName = name;
    return copy;
}

} // namespace sb
