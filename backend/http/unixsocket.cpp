#include "unixsocket.h"

#include <QFile>
#include <QTcpServer>

#include <cerrno>
#include <cstring>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sb::UnixSocket {

namespace {

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

/// True when something accepts connections at @p address.
bool answers(const sockaddr_un &address)
{
    const int probe = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (probe < 0)
        return false;
    const bool connected = ::connect(probe, reinterpret_cast<const sockaddr *>(&address), sizeof address) == 0;
    ::close(probe);
    return connected;
}

} // namespace

Result<sockaddr_un> address(const QString &path)
{
    sockaddr_un result{};
    result.sun_family = AF_UNIX;
    const QByteArray encoded = QFile::encodeName(path);
    if (encoded.isEmpty())
        return invalidInput(QStringLiteral("the socket path is empty"));
    if (size_t(encoded.size()) >= sizeof result.sun_path) {
        return invalidInput(QStringLiteral("the socket path %1 is longer than %2 bytes")
                                .arg(path)
                                .arg(sizeof result.sun_path - 1));
    }
    std::memcpy(result.sun_path, encoded.constData(), size_t(encoded.size()));
    return result;
}

Result<void> listen(QTcpServer &server, const QString &path, int backlog)
{
    const auto where = address(path);
    if (!where)
        return where.error();
    struct stat existing{};
    if (::lstat(where->sun_path, &existing) == 0) {
        if (!S_ISSOCK(existing.st_mode))
            return Error{ErrorCode::Unavailable, QStringLiteral("%1 exists and is not a socket").arg(path)};
        if (answers(*where))
            return Error{ErrorCode::Unavailable, QStringLiteral("another process serves %1").arg(path)};
        ::unlink(where->sun_path); // left behind by a process that is gone
    }
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return Error{ErrorCode::Unavailable, QStringLiteral("socket: %1").arg(systemError(errno))};
    // Owner and group may connect: run the TLS proxy in the backend's group.
    if (::bind(fd, reinterpret_cast<const sockaddr *>(&*where), sizeof *where) != 0
        || ::chmod(where->sun_path, 0660) != 0 || ::listen(fd, backlog) != 0) {
        const int error = errno;
        ::close(fd);
        return Error{ErrorCode::Unavailable, QStringLiteral("cannot listen on %1: %2").arg(path, systemError(error))};
    }
    if (!server.setSocketDescriptor(fd)) {
        ::close(fd);
        ::unlink(where->sun_path);
        return Error{ErrorCode::Unavailable, QStringLiteral("cannot serve on %1: %2").arg(path, server.errorString())};
    }
    return {};
}

} // namespace sb::UnixSocket
