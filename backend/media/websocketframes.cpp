#include "websocketframes.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QStringBuilder>

#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace sb {

bool WebSocketCode::isValidCloseCode(quint16 code)
{
    // 1004-1006 and 1015 are reserved for reporting, never sent; 1016-2999 are unassigned.
    return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
}

bool isValidUtf8(QByteArrayView bytes)
{
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.data());
    const unsigned char *end = p + bytes.size();
    while (p < end) {
        // ASCII runs (nearly every frame here is all ASCII) sixteen or eight bytes at a time.
#if defined(__SSE2__)
        while (end - p >= 16 && !_mm_movemask_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i *>(p))))
            p += 16;
#endif
        while (end - p >= 8) {
            quint64 word;
            std::memcpy(&word, p, 8);
            if (word & 0x8080808080808080ull)
                break;
            p += 8;
        }
        if (p == end)
            break;
        const unsigned char c = *p;
        if (c < 0x80) {
            ++p;
            continue;
        }
        int more = 0;
        unsigned char low = 0x80;
        unsigned char high = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            more = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            more = 2;
            if (c == 0xE0)
                low = 0xA0; // no overlongs
            else if (c == 0xED)
                high = 0x9F; // no surrogates
        } else if (c >= 0xF0 && c <= 0xF4) {
            more = 3;
            if (c == 0xF0)
                low = 0x90;
            else if (c == 0xF4)
                high = 0x8F; // ≤ U+10FFFF
        } else {
            return false;
        }
        if (end - p <= more)
            return false;
        if (p[1] < low || p[1] > high)
            return false;
        for (int i = 2; i <= more; ++i) {
            if ((p[i] & 0xC0) != 0x80)
                return false;
        }
        p += more + 1;
    }
    return true;
}

void applyWebSocketMask(char *data, qsizetype length, quint32 key)
{
    // The key as it sits in memory (the frame's byte order), repeated: byte i is XORed with key
    // byte i % 4, and every step below starts at a multiple of 4.
    const quint64 key64 = quint64(key) | (quint64(key) << 32);
    qsizetype i = 0;
#if defined(__SSE2__)
    const __m128i key128 = _mm_set1_epi64x(qint64(key64));
    for (; i + 16 <= length; i += 16) {
        __m128i *p = reinterpret_cast<__m128i *>(data + i);
        _mm_storeu_si128(p, _mm_xor_si128(_mm_loadu_si128(p), key128));
    }
#endif
    for (; i + 8 <= length; i += 8) {
        quint64 word;
        std::memcpy(&word, data + i, 8);
        word ^= key64;
        std::memcpy(data + i, &word, 8);
    }
    unsigned char bytes[4];
    std::memcpy(bytes, &key, 4);
    for (; i < length; ++i)
        data[i] = char(data[i] ^ bytes[i & 3]);
}

namespace {

bool isControl(quint8 opcode)
{
    return opcode & 0x8;
}

qsizetype headerLength(qint64 payloadLength, bool masked)
{
    const qsizetype base = payloadLength <= 125 ? 2 : payloadLength <= 0xFFFF ? 4 : 10;
    return base + (masked ? 4 : 0);
}

/// Writes a frame header for @p payloadLength at @p out; returns its length.
qsizetype writeHeader(char *out, quint8 opcode, qint64 payloadLength, std::optional<quint32> mask)
{
    auto *u = reinterpret_cast<unsigned char *>(out);
    u[0] = 0x80 | opcode;
    const unsigned char maskBit = mask ? 0x80 : 0;
    qsizetype n;
    if (payloadLength <= 125) {
        u[1] = maskBit | unsigned(payloadLength);
        n = 2;
    } else if (payloadLength <= 0xFFFF) {
        u[1] = maskBit | 126;
        u[2] = unsigned(payloadLength >> 8) & 0xFF;
        u[3] = unsigned(payloadLength) & 0xFF;
        n = 4;
    } else {
        u[1] = maskBit | 127;
        for (int i = 0; i < 8; ++i)
            u[2 + i] = unsigned(quint64(payloadLength) >> (56 - 8 * i)) & 0xFF;
        n = 10;
    }
    if (mask) {
        std::memcpy(u + n, &*mask, 4);
        n += 4;
    }
    return n;
}

} // namespace

WebSocketReader::Event WebSocketReader::fail(quint16 code, const char *why)
{
    m_failed = true;
    m_fragments.clear();
    Event event;
    event.kind = Event::Kind::Error;
    event.code = code;
    event.error = why;
    return event;
}

WebSocketReader::Event WebSocketReader::next(char *data, qsizetype size, qsizetype &consumed)
{
    consumed = 0;
    if (m_failed)
        return fail(WebSocketCode::ProtocolError, "the connection already failed");
    if (m_fragmentedOpcode == 0 && !m_fragments.isEmpty())
        m_fragments.resize(0); // the previous call delivered a reassembled message (capacity kept)
    for (;;) {
        qsizetype used = 0;
        bool partOnly = false;
        Event event = nextFrame(data + consumed, size - consumed, used, partOnly);
        consumed += used;
        if (!partOnly)
            return event;
    }
}

WebSocketReader::Event WebSocketReader::nextFrame(char *data, qsizetype size, qsizetype &consumed, bool &partOnly)
{
    if (size < 2)
        return {};
    const auto *u = reinterpret_cast<const unsigned char *>(data);
    const bool fin = u[0] & 0x80;
    const quint8 opcode = u[0] & 0x0F;
    const bool masked = u[1] & 0x80;
    if (u[0] & 0x70)
        return fail(WebSocketCode::ProtocolError, "reserved bits set (no extension was negotiated)");
    if (!(opcode <= WebSocketCode::Binary || (opcode >= WebSocketCode::Close && opcode <= WebSocketCode::Pong)))
        return fail(WebSocketCode::ProtocolError, "unknown opcode");
    if (masked != (m_role == Role::Server))
        return fail(WebSocketCode::ProtocolError,
                    m_role == Role::Server ? "an unmasked frame from a client" : "a masked frame from a server");
    qint64 length = u[1] & 0x7F;
    qsizetype pos = 2;
    if (length == 126) {
        if (size < 4)
            return {};
        length = (qint64(u[2]) << 8) | u[3];
        pos = 4;
        if (length <= 125)
            return fail(WebSocketCode::ProtocolError, "a length not in its shortest form");
    } else if (length == 127) {
        if (size < 10)
            return {};
        quint64 wide = 0;
        for (int i = 0; i < 8; ++i)
            wide = (wide << 8) | u[2 + i];
        if (wide >> 63)
            return fail(WebSocketCode::ProtocolError, "a length with its top bit set");
        if (wide <= 0xFFFF)
            return fail(WebSocketCode::ProtocolError, "a length not in its shortest form");
        length = qint64(wide);
        pos = 10;
    }
    if (isControl(opcode)) {
        if (!fin)
            return fail(WebSocketCode::ProtocolError, "a fragmented control frame");
        if (length > 125)
            return fail(WebSocketCode::ProtocolError, "a control frame longer than 125 bytes");
    } else if (opcode == WebSocketCode::Continuation) {
        if (m_fragmentedOpcode == 0)
            return fail(WebSocketCode::ProtocolError, "a continuation frame without a message to continue");
        if (m_fragments.size() + length > m_maxMessageBytes)
            return fail(WebSocketCode::TooBig, "message too large");
    } else {
        if (m_fragmentedOpcode != 0)
            return fail(WebSocketCode::ProtocolError, "a new message inside a fragmented one");
        if (length > m_maxMessageBytes)
            return fail(WebSocketCode::TooBig, "message too large");
    }
    quint32 key = 0;
    if (masked) {
        if (size < pos + 4)
            return {};
        std::memcpy(&key, data + pos, 4);
        pos += 4;
    }
    if (size - pos < length)
        return {};
    char *payload = data + pos;
    if (masked)
        applyWebSocketMask(payload, qsizetype(length), key);
    consumed = pos + qsizetype(length);
    const QByteArrayView view(payload, qsizetype(length));

    Event event;
    switch (opcode) {
    case WebSocketCode::Ping:
        event.kind = Event::Kind::Ping;
        event.payload = view;
        return event;
    case WebSocketCode::Pong:
        event.kind = Event::Kind::Pong;
        event.payload = view;
        return event;
    case WebSocketCode::Close:
        if (length == 1)
            return fail(WebSocketCode::ProtocolError, "a close frame with a one-byte payload");
        event.kind = Event::Kind::Close;
        event.code = WebSocketCode::NoStatus;
        if (length >= 2) {
            event.code = quint16((quint16(quint8(payload[0])) << 8) | quint8(payload[1]));
            if (!WebSocketCode::isValidCloseCode(event.code))
                return fail(WebSocketCode::ProtocolError, "an invalid close code");
            event.payload = view.sliced(2);
            if (!isValidUtf8(event.payload))
                return fail(WebSocketCode::InvalidPayload, "a close reason that is not UTF-8");
        }
        return event;
    default:
        break;
    }

    // A data frame: whole, or a part of a fragmented message.
    QByteArrayView message = view;
    quint8 messageOpcode = opcode;
    if (opcode == WebSocketCode::Continuation || !fin) {
        if (opcode != WebSocketCode::Continuation)
            m_fragmentedOpcode = opcode;
        m_fragments.append(view);
        if (!fin) {
            partOnly = true; // a part of a message: the caller goes on with the next frame
            return {};
        }
        messageOpcode = m_fragmentedOpcode;
        m_fragmentedOpcode = 0; // m_fragments is cleared at the next call
        message = m_fragments;
    }
    if (messageOpcode == WebSocketCode::Text && !isValidUtf8(message))
        return fail(WebSocketCode::InvalidPayload, "a text message that is not UTF-8");
    event.kind = messageOpcode == WebSocketCode::Text ? Event::Kind::Text : Event::Kind::Binary;
    event.payload = message;
    return event;
}

QByteArray joinParts(std::span<const QByteArrayView> parts)
{
    qsizetype size = 0;
    for (const QByteArrayView part : parts)
        size += part.size();
    QByteArray out;
    out.reserve(size);
    for (const QByteArrayView part : parts)
        out += part;
    return out;
}

void WebSocketWriter::appendFrame(QByteArray &out, quint8 opcode, QByteArrayView payload, std::optional<quint32> mask)
{
    appendFrameParts(out, opcode, std::span(&payload, 1), mask);
}

void WebSocketWriter::appendFrameParts(QByteArray &out, quint8 opcode, std::span<const QByteArrayView> parts,
                                       std::optional<quint32> mask)
{
    qsizetype length = 0;
    for (const QByteArrayView part : parts)
        length += part.size();
    const qsizetype at = out.size();
    out.resize(at + headerLength(length, bool(mask)) + length);
    char *const frame = out.data() + at;
    char *const payload = frame + writeHeader(frame, opcode, length, mask);
    char *p = payload;
    for (const QByteArrayView part : parts) {
        if (!part.isEmpty())
            std::memcpy(p, part.data(), size_t(part.size()));
        p += part.size();
    }
    if (mask)
        applyWebSocketMask(payload, length, *mask);
}

void WebSocketWriter::appendClose(QByteArray &out, quint16 code, QByteArrayView reason, std::optional<quint32> mask)
{
    char payload[125];
    payload[0] = char(code >> 8);
    payload[1] = char(code & 0xFF);
    qsizetype length = std::min<qsizetype>(reason.size(), 123);
    while (length > 0 && length < reason.size() && (quint8(reason[length]) & 0xC0) == 0x80)
        --length; // never cut a UTF-8 sequence in two
    if (length > 0) // memcpy's source must not be null, even for no bytes
        std::memcpy(payload + 2, reason.data(), size_t(length));
    appendFrame(out, WebSocketCode::Close, QByteArrayView(payload, 2 + length), mask);
}

QByteArray WebSocketHandshake::acceptFor(QByteArrayView key)
{
    QCryptographicHash hash(QCryptographicHash::Sha1);
    hash.addData(key);
    hash.addData(QByteArrayView("258EAFA5-E914-47DA-95CA-C5AB0DC85B11"));
    return hash.result().toBase64();
}

QByteArray WebSocketHandshake::serverAnswer(QByteArrayView key)
{
    return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: "
           + acceptFor(key) + "\r\n\r\n";
}

QByteArray WebSocketHandshake::newKey()
{
    quint32 bytes[4];
    QRandomGenerator::global()->fillRange(bytes);
    return QByteArray(reinterpret_cast<const char *>(bytes), sizeof bytes).toBase64();
}

bool WebSocketHandshake::isValidKey(QByteArrayView key)
{
    const QByteArray::FromBase64Result decoded =
        QByteArray::fromBase64Encoding(key.toByteArray(), QByteArray::AbortOnBase64DecodingErrors);
    return key.size() == 24 && decoded && decoded.decoded.size() == 16;
}

} // namespace sb
