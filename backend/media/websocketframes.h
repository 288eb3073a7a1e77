#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <optional>
#include <span>

namespace sb {

/// RFC 6455 opcodes and the close codes this module sends.
namespace WebSocketCode {
enum Opcode : quint8 { Continuation = 0x0, Text = 0x1, Binary = 0x2, Close = 0x8, Ping = 0x9, Pong = 0xA };
enum Close : quint16 {
    Normal = 1000,
    GoingAway = 1001,
    ProtocolError = 1002,
    UnsupportedData = 1003,
    NoStatus = 1005,   ///< never sent: a close frame without a code
    Abnormal = 1006,   ///< never sent: the connection dropped without a close frame
    InvalidPayload = 1007,
    PolicyViolation = 1008,
    TooBig = 1009,
    InternalError = 1011,
};
/// A code a peer may put in a close frame (RFC 6455 section 7.4).
bool isValidCloseCode(quint16 code);
} // namespace WebSocketCode

/**
 * @brief Reads RFC 6455 frames from bytes: strict, allocation-free for unfragmented messages.
 *
 * next() looks at the bytes received so far and yields one event at a time: a whole message
 * (text or binary, reassembled from fragments), a ping, a pong, a close, or an error with the
 * close code and reason to answer it with. It never reads beyond a frame, so a caller can feed
 * it a buffer that ends anywhere (NeedMore). Payloads are unmasked in place; an event's views
 * point into the caller's buffer (or into the reader's own for a fragmented message) and stay
 * valid until the next call. After an Error the reader stays failed.
 *
 * Strict on: reserved bits, unknown opcodes, masking (a server reads masked frames only, a
 * client unmasked ones), control frames (final, ≤ 125 bytes, close code and UTF-8 reason),
 * non-minimal lengths, continuation without a start or a new message inside one, the message
 * size limit (1009), and UTF-8 in text messages (1007).
 */
class WebSocketReader
{
public:
    enum class Role { Server, Client };

    struct Event
    {
        enum class Kind { NeedMore, Text, Binary, Ping, Pong, Close, Error };
        Kind kind = Kind::NeedMore;
        QByteArrayView payload; ///< the message; ping/pong data; the close reason
        quint16 code = 0;       ///< Close: the peer's code (1005 without one); Error: the code to close with
        const char *error = nullptr; ///< Error: why, as a close reason
    };

    WebSocketReader(Role role, qint64 maxMessageBytes) : m_role(role), m_maxMessageBytes(maxMessageBytes) { }

    /// The next event in @p data[0, size); @p consumed is set to the bytes it used (for NeedMore,
    /// the parts of a fragmented message it took in; the caller keeps the rest for later).
    Event next(char *data, qsizetype size, qsizetype &consumed);

    bool failed() const { return m_failed; }

private:
    Event nextFrame(char *data, qsizetype size, qsizetype &consumed, bool &partOnly);
    Event fail(quint16 code, const char *why);

    Role m_role;
    qint64 m_maxMessageBytes;
    QByteArray m_fragments; ///< a fragmented message's parts so far
    quint8 m_fragmentedOpcode = 0; ///< Text or Binary while a fragmented message is open
    bool m_failed = false;
};

/// @p parts (a message as the protocols write it, in pieces) as one message.
QByteArray joinParts(std::span<const QByteArrayView> parts);

/// Writes RFC 6455 frames. A client masks every frame (@p mask set), a server none.
namespace WebSocketWriter {
/// Appends one final frame with @p payload.
void appendFrame(QByteArray &out, quint8 opcode, QByteArrayView payload, std::optional<quint32> mask = {});
/// Appends one final frame whose payload is @p parts one after the other, copied straight into
/// @p out (and masked there): a message built from pieces without assembling it first.
void appendFrameParts(QByteArray &out, quint8 opcode, std::span<const QByteArrayView> parts,
                      std::optional<quint32> mask = {});
/// Appends a close frame with @p code and @p reason (cut to fit the 125-byte control limit).
void appendClose(QByteArray &out, quint16 code, QByteArrayView reason, std::optional<quint32> mask = {});
} // namespace WebSocketWriter

/// The opening handshake's parts (RFC 6455 section 4).
namespace WebSocketHandshake {
/// Sec-WebSocket-Accept for @p key.
QByteArray acceptFor(QByteArrayView key);
/// A fresh random Sec-WebSocket-Key.
QByteArray newKey();
/// True for a Sec-WebSocket-Key a client may send: base64 of 16 bytes.
bool isValidKey(QByteArrayView key);
/// The server's `101 Switching Protocols` answer to a client that sent @p key.
QByteArray serverAnswer(QByteArrayView key);
} // namespace WebSocketHandshake

/// True when @p bytes is well-formed UTF-8 (no overlongs, no surrogates, ≤ U+10FFFF).
bool isValidUtf8(QByteArrayView bytes);

/// XORs @p data with the 4-byte masking @p key, repeated (RFC 6455 5.3): masks and unmasks.
void applyWebSocketMask(char *data, qsizetype length, quint32 key);

} // namespace sb
