#pragma once

#include "shared/result.h"

#include <QString>

class QTcpServer;

#include <sys/un.h>

namespace sb {

/// Unix domain sockets: how a local TLS proxy reaches the backend, and how the AI bridge reaches a
/// local proxy or model server. Cheaper than loopback TCP per message (no TCP stack, no ACKs).
namespace UnixSocket {

/// The address of @p path; an error when it is empty or longer than a socket path may be.
Result<sockaddr_un> address(const QString &path);

/**
 * Makes @p server listen on the Unix socket at @p path. QTcpServer and QTcpSocket work on any
 * stream socket (Qt's own QLocalSocket is a QTcpSocket underneath), so its connections take the
 * same path as TCP ones. A leftover socket file nobody answers on (a crash) is replaced; a path
 * another process serves, or any other kind of file, is an error. Owner and group may connect.
 */
Result<void> listen(QTcpServer &server, const QString &path, int backlog = 1024);

} // namespace UnixSocket

} // namespace sb
