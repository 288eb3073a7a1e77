#pragma once

#include "shared/result.h"

#include <QString>

#include <sys/un.h>

namespace sb {

/// Unix domain sockets: how a local TLS proxy reaches the backend, and how the AI bridge reaches a
/// local proxy or model server. Cheaper than loopback TCP per message (no TCP stack, no ACKs).
namespace UnixSocket {

/// The address of @p path; an error when it is empty or longer than a socket path may be.
Result<sockaddr_un> address(const QString &path);

/**
 * A non-blocking listening socket at @p path. A leftover socket file nobody answers on (a crash)
 * is replaced; a path another process serves, or any other kind of file, is an error.
 */
Result<int> listen(const QString &path, int backlog = 1024);

} // namespace UnixSocket

} // namespace sb
