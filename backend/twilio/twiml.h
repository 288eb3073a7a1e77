#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QUrl>

namespace sb {

/// The WebSocket URL Twilio streams a call to: the public URL's host with `wss` for `https`
/// (`ws` for `http`) and the path `/twilio/media`. No query string: Twilio refuses one (31922).
QUrl mediaStreamUrl(const QUrl &publicUrl);

/**
 * @brief TwiML answering a call with a bidirectional Media Stream.
 *
 * `<Connect><Stream url=... statusCallback=...>` with one `<Parameter>` per entry of
 * @p parameters (they arrive in the stream's `start.customParameters`).
 */
QByteArray connectStreamTwiml(const QUrl &publicUrl, const QList<QPair<QString, QString>> &parameters);

} // namespace sb
