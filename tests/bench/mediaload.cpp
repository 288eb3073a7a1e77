#include "mediaload.h"

#include <QCryptographicHash>

#include <algorithm>
#include <array>
#include <limits>
#include <string_view>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <sys/un.h>
#include <unistd.h>

namespace sb::bench {

namespace {

constexpr qint64 kFramePeriodNs = 20'000'000; // 20 ms of µ-law per frame
constexpr qint64 kIdleEveryNs = 100'000'000;
constexpr int kMaxConnecting = 32; // handshakes in flight: stays inside the backend's listen backlog
constexpr size_t kMarkerBytes = 24; // stream, sequence, driver send time, AI send time
constexpr size_t kMarkerChars = 32; // its base64
constexpr size_t kPayloadBytes = 160;

qint64 nowNs()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

const char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

void encodeBase64(const unsigned char *in, size_t length, char *out) // length % 3 == 0
{
    for (size_t i = 0; i < length; i += 3) {
        const uint32_t v = uint32_t(in[i]) << 16 | uint32_t(in[i + 1]) << 8 | in[i + 2];
        *out++ = kBase64[v >> 18 & 63];
        *out++ = kBase64[v >> 12 & 63];
        *out++ = kBase64[v >> 6 & 63];
        *out++ = kBase64[v & 63];
    }
}

bool decodeBase64(const char *in, size_t length, unsigned char *out) // length % 4 == 0, no padding
{
    static const auto table = [] {
        std::array<int8_t, 256> t{};
        t.fill(-1);
        for (int i = 0; i < 64; ++i)
            t[uint8_t(kBase64[i])] = int8_t(i);
        return t;
    }();
    for (size_t i = 0; i < length; i += 4) {
        uint32_t v = 0;
        for (size_t j = 0; j < 4; ++j) {
            const int8_t d = table[uint8_t(in[i + j])];
            if (d < 0)
                return false;
            v = v << 6 | uint32_t(d);
        }
        *out++ = uint8_t(v >> 16);
        *out++ = uint8_t(v >> 8);
        *out++ = uint8_t(v);
    }
    return true;
}

struct Marker
{
    uint32_t stream = 0;
    uint32_t sequence = 0;
    qint64 driverSentNs = 0;
    qint64 aiSentNs = 0;
};

void encodeMarker(const Marker &marker, char *out)
{
    unsigned char bytes[kMarkerBytes];
    std::memcpy(bytes, &marker.stream, 4);
    std::memcpy(bytes + 4, &marker.sequence, 4);
    std::memcpy(bytes + 8, &marker.driverSentNs, 8);
    std::memcpy(bytes + 16, &marker.aiSentNs, 8);
    encodeBase64(bytes, kMarkerBytes, out);
}

/// The marker at the start of the JSON string after @p key in @p text, if there is one.
bool findMarker(const char *text, size_t length, std::string_view key, Marker &marker)
{
    const std::string_view view(text, length);
    const size_t at = view.find(key);
    if (at == std::string_view::npos || at + key.size() + kMarkerChars > length)
        return false;
    unsigned char bytes[kMarkerBytes];
    if (!decodeBase64(text + at + key.size(), kMarkerChars, bytes))
        return false;
    std::memcpy(&marker.stream, bytes, 4);
    std::memcpy(&marker.sequence, bytes + 4, 4);
    std::memcpy(&marker.driverSentNs, bytes + 8, 8);
    std::memcpy(&marker.aiSentNs, bytes + 16, 8);
    return true;
}

/// A WebSocket frame header before @p length payload bytes at @p out; a zero mask when @p masked.
size_t frameHeader(char *out, int opcode, size_t length, bool masked)
{
    size_t n = 0;
    out[n++] = char(0x80 | opcode);
    const char mask = masked ? char(0x80) : char(0);
    if (length < 126) {
        out[n++] = char(mask | char(length));
    } else {
        out[n++] = char(mask | 126);
        out[n++] = char(length >> 8);
        out[n++] = char(length & 0xff);
    }
    if (masked) { // RFC 6455 wants a random key; all zeros is a valid one and costs nothing
        std::memset(out + n, 0, 4);
        n += 4;
    }
    return n;
}

/// Parses one frame at @p data: its total length, 0 while incomplete, -1 when unusable.
long parseFrame(char *data, size_t size, int &opcode, char *&payload, size_t &length)
{
    if (size < 2)
        return 0;
    const auto *u = reinterpret_cast<unsigned char *>(data);
    opcode = u[0] & 0x0f;
    const bool masked = u[1] & 0x80;
    uint64_t len = u[1] & 0x7f;
    size_t pos = 2;
    if (len == 126) {
        if (size < 4)
            return 0;
        len = uint64_t(u[2]) << 8 | u[3];
        pos = 4;
    } else if (len == 127) {
        if (size < 10)
            return 0;
        len = 0;
        for (int i = 0; i < 8; ++i)
            len = len << 8 | u[2 + i];
        pos = 10;
    }
    if (len > (1u << 20) || !(u[0] & 0x80))
        return -1; // nothing here is that large, and nothing is fragmented
    unsigned char key[4] = {0, 0, 0, 0};
    if (masked) {
        if (size < pos + 4)
            return 0;
        std::memcpy(key, data + pos, 4);
        pos += 4;
    }
    if (size < pos + len)
        return 0;
    payload = data + pos;
    length = size_t(len);
    if (masked && (key[0] | key[1] | key[2] | key[3])) {
        for (size_t i = 0; i < length; ++i)
            payload[i] = char(uint8_t(payload[i]) ^ key[i & 3]);
    }
    return long(pos + len);
}

/// @p value as exactly @p width decimal digits (zero-padded) at @p out: frames keep their length,
/// so they are built once and patched in place.
void writeDigits(char *out, uint32_t value, int width)
{
    for (int i = width - 1; i >= 0; --i) {
        out[i] = char('0' + value % 10);
        value /= 10;
    }
}

constexpr int kCounterDigits = 10;

} // namespace

/// A frame built once with zero placeholders: the header (its length never changes) and where
/// each patched field sits.
struct MediaLoad::FrameTemplate
{
    std::string bytes;
    std::vector<size_t> fields; ///< offsets of the placeholders, in the order they were added

    /// Appends @p text; a `#` in it stands for a counter, a `@` for the marker.
    void build(std::string_view text, int opcode, bool masked)
    {
        std::string json;
        std::vector<size_t> at;
        for (char c : text) {
            if (c == '#') {
                at.push_back(json.size());
                json.append(size_t(kCounterDigits), '0');
            } else if (c == '@') {
                at.push_back(json.size());
                json.append(kMarkerChars, 'A');
            } else {
                json.push_back(c);
            }
        }
        char header[8];
        const size_t headerLength = frameHeader(header, opcode, json.size(), masked);
        bytes.assign(header, headerLength);
        bytes += json;
        fields.clear();
        for (size_t offset : at)
            fields.push_back(headerLength + offset);
    }
    char *field(size_t index) { return bytes.data() + fields[index]; }
};

struct MediaLoad::Socket
{
    enum class Kind { Stream, Ai };
    explicit Socket(Kind k) : kind(k) {}
    Kind kind;
    int fd = -1;
    std::string in;  ///< received bytes not parsed yet
    std::string out; ///< bytes the kernel did not take yet
};

struct MediaLoad::Stream : Socket
{
    enum class State { Idle, Connecting, Handshaking, Open, Ending, Closed, Failed };
    Stream() : Socket(Kind::Stream) {}
    int index = 0;
    State state = State::Idle;
    uint32_t messages = 0; ///< Twilio's sequenceNumber: every message it sends
    uint32_t chunk = 0;    ///< media frames sent
    bool reachedAi = false;
    std::string streamSid;
    QByteArray callSid;
    FrameTemplate media; ///< this stream's media frame: sequenceNumber, chunk, timestamp, marker
};

struct MediaLoad::AiConnection : Socket
{
    AiConnection() : Socket(Kind::Ai) {}
    bool upgraded = false;
    bool closing = false;
};

void LatencySamples::add(qint64 latencyNs, qint64 sentSinceWindowNs)
{
    ns.push_back(latencyNs);
    const size_t second = size_t(std::max<qint64>(0, sentSinceWindowNs) / 1'000'000'000);
    if (perSecond.size() <= second)
        perSecond.resize(second + 1);
    perSecond[second].push_back(latencyNs);
}

qint64 LatencySamples::percentileNs(double p) const
{
    if (ns.empty())
        return 0;
    std::vector<qint64> sorted = ns;
    const size_t index = std::min(sorted.size() - 1, size_t(p * double(sorted.size())));
    std::nth_element(sorted.begin(), sorted.begin() + qsizetype(index), sorted.end());
    return sorted[index];
}

std::vector<qint64> LatencySamples::perSecondP99Ns() const
{
    std::vector<qint64> p99s;
    for (const auto &second : perSecond) {
        if (second.size() < 10)
            continue;
        std::vector<qint64> sorted = second;
        const size_t index = std::min(sorted.size() - 1, size_t(0.99 * double(sorted.size())));
        std::nth_element(sorted.begin(), sorted.begin() + qsizetype(index), sorted.end());
        p99s.push_back(sorted[index]);
    }
    return p99s;
}

qint64 LatencySamples::medianOfPerSecondP99Ns() const
{
    std::vector<qint64> p99s = perSecondP99Ns();
    if (p99s.empty())
        return 0;
    std::sort(p99s.begin(), p99s.end());
    return p99s[p99s.size() / 2];
}

MediaLoad::MediaLoad(Options options)
    : m_options(std::move(options))
{
    m_epoll = epoll_create1(EPOLL_CLOEXEC);
    m_timer = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.ptr = nullptr; // the timer
    epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_timer, &event);
    unsigned char silence[kPayloadBytes - kMarkerBytes];
    std::memset(silence, 0xff, sizeof silence); // µ-law silence
    m_payloadTail.resize(((sizeof silence + 2) / 3) * 4);
    // 136 bytes: 45 whole groups, then one byte with "==" padding.
    encodeBase64(silence, 135, m_payloadTail.data());
    const uint32_t last = uint32_t(silence[135]) << 16;
    m_payloadTail[180] = kBase64[last >> 18 & 63];
    m_payloadTail[181] = kBase64[last >> 12 & 63];
    m_payloadTail[182] = '=';
    m_payloadTail[183] = '=';
    m_delta = std::make_unique<FrameTemplate>();
    m_delta->build(R"({"type":"response.output_audio.delta","event_id":"event_#","response_id":"resp_1",)"
                  R"("item_id":"item_1","output_index":0,"content_index":0,"delta":"@)"
                      + m_payloadTail + "\"}",
                  1, false);
}

MediaLoad::~MediaLoad()
{
    for (auto &stream : m_streams)
        if (stream->fd >= 0)
            ::close(stream->fd);
    for (auto &connection : m_ai)
        if (connection->fd >= 0)
            ::close(connection->fd);
    if (m_listener >= 0)
        ::close(m_listener);
    ::close(m_timer);
    ::close(m_epoll);
}

quint16 MediaLoad::listenAi()
{
    m_listener = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    const int one = 1;
    setsockopt(m_listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (::bind(m_listener, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0
        || ::listen(m_listener, 4096) != 0
        || getsockname(m_listener, reinterpret_cast<sockaddr *>(&address), &length) != 0) {
        std::perror("fake AI: listen");
        return 0;
    }
    watchListener();
    m_aiPort = ntohs(address.sin_port);
    return m_aiPort;
}

bool MediaLoad::listenAiOnUnixSocket(const std::string &path)
{
    sockaddr_un address{};
    if (path.empty() || path.size() >= sizeof address.sun_path)
        return false;
    address.sun_family = AF_UNIX;
    std::memcpy(address.sun_path, path.data(), path.size());
    ::unlink(path.c_str());
    m_listener = ::socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (::bind(m_listener, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0
        || ::listen(m_listener, 4096) != 0) {
        std::perror("fake AI: listen on a Unix socket");
        return false;
    }
    watchListener();
    return true;
}

void MediaLoad::watchListener()
{
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.ptr = this; // the listener
    epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_listener, &event);
}

int MediaLoad::openStreams() const
{
    return int(std::count_if(m_streams.begin(), m_streams.end(),
                             [](const auto &s) { return s->state == Stream::State::Open; }));
}

int MediaLoad::aiConnections() const
{
    return int(std::count_if(m_ai.begin(), m_ai.end(), [](const auto &c) { return c->fd >= 0 && c->upgraded; }));
}

void MediaLoad::reschedule(int streams, qint64 now)
{
    m_scheduled = streams;
    m_baseNs = now;
    m_nextSlot = 0;
}

qint64 MediaLoad::nextDueNs() const
{
    if (m_scheduled == 0)
        return std::numeric_limits<qint64>::max();
    return m_baseNs + m_nextSlot * kFramePeriodNs / m_scheduled;
}

void MediaLoad::sendDueFrames(qint64 now)
{
    if (m_scheduled == 0)
        return;
    for (;;) {
        const qint64 due = m_baseNs + m_nextSlot * kFramePeriodNs / m_scheduled;
        if (due > now)
            return;
        const size_t index = size_t(m_nextSlot % m_scheduled);
        ++m_nextSlot;
        if (index >= m_streams.size() || m_streams[index]->state != Stream::State::Open)
            continue;
        const qint64 sentAt = nowNs();
        if (m_collecting && sentAt >= m_windowStartNs && sentAt < m_windowEndNs)
            m_sendLags.push_back(sentAt - due);
        sendMedia(*m_streams[index], sentAt);
    }
}

void MediaLoad::sendMedia(Stream &stream, qint64 sentAt)
{
    // The frame was built when the stream opened; only its counters and marker change.
    ++stream.chunk;
    ++stream.messages;
    writeDigits(stream.media.field(0), stream.messages, kCounterDigits);
    writeDigits(stream.media.field(1), stream.chunk, kCounterDigits);
    writeDigits(stream.media.field(2), stream.chunk * 20, kCounterDigits);
    encodeMarker({uint32_t(stream.index), stream.chunk, sentAt, 0}, stream.media.field(3));
    if (m_collecting && sentAt >= m_windowStartNs && sentAt < m_windowEndNs)
        ++m_window.framesSent;
    if (!write(stream, stream.media.bytes.data(), stream.media.bytes.size()))
        failStream(stream, &MediaFailures::socketErrors);
}

bool MediaLoad::write(Socket &socket, const char *data, size_t length)
{
    if (socket.fd < 0)
        return false;
    if (!socket.out.empty()) {
        socket.out.append(data, length);
        return true;
    }
    const ssize_t written = ::send(socket.fd, data, length, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (written < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
        return false;
    const size_t done = written < 0 ? 0 : size_t(written);
    if (done < length) {
        socket.out.append(data + done, length - done);
        epoll_event event{};
        event.events = EPOLLIN | EPOLLOUT;
        event.data.ptr = &socket;
        epoll_ctl(m_epoll, EPOLL_CTL_MOD, socket.fd, &event);
    }
    return true;
}

void MediaLoad::flush(Socket &socket)
{
    while (!socket.out.empty()) {
        const ssize_t written = ::send(socket.fd, socket.out.data(), socket.out.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
        if (written < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                return;
            socket.out.clear();
            break;
        }
        socket.out.erase(0, size_t(written));
    }
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.ptr = &socket;
    epoll_ctl(m_epoll, EPOLL_CTL_MOD, socket.fd, &event);
}

void MediaLoad::closeSocket(Socket &socket)
{
    if (socket.fd < 0)
        return;
    epoll_ctl(m_epoll, EPOLL_CTL_DEL, socket.fd, nullptr);
    ::close(socket.fd);
    socket.fd = -1;
    socket.in.clear();
    socket.out.clear();
}

void MediaLoad::failStream(Stream &stream, qint64 MediaFailures::*counter)
{
    if (stream.state == Stream::State::Connecting || stream.state == Stream::State::Handshaking)
        --m_connecting;
    if (stream.state != Stream::State::Ending && stream.state != Stream::State::Closed
        && stream.state != Stream::State::Failed)
        ++(m_failures.*counter);
    if (stream.state == Stream::State::Ending) {
        stream.state = Stream::State::Closed;
        --m_endingCount;
    } else if (stream.state != Stream::State::Closed && stream.state != Stream::State::Failed) {
        stream.state = Stream::State::Failed;
        ++m_failedCount;
    }
    closeSocket(stream);
}

void MediaLoad::startConnecting(Stream &stream)
{
    const bool unix = !m_options.streamSocket.empty();
    stream.fd = ::socket(unix ? AF_UNIX : AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (stream.fd < 0) {
        ++m_failures.connectFailed;
        stream.state = Stream::State::Failed;
        ++m_failedCount;
        return;
    }
    sockaddr_storage storage{};
    socklen_t length = 0;
    if (unix) {
        auto *address = reinterpret_cast<sockaddr_un *>(&storage);
        address->sun_family = AF_UNIX;
        std::memcpy(address->sun_path, m_options.streamSocket.data(),
                    std::min(m_options.streamSocket.size(), sizeof address->sun_path - 1));
        length = sizeof(sockaddr_un);
    } else {
        const int one = 1;
        setsockopt(stream.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        auto *address = reinterpret_cast<sockaddr_in *>(&storage);
        address->sin_family = AF_INET;
        address->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address->sin_port = htons(m_options.streamPort);
        length = sizeof(sockaddr_in);
    }
    ++m_connecting;
    stream.state = Stream::State::Connecting;
    epoll_event event{};
    event.events = EPOLLIN | EPOLLOUT;
    event.data.ptr = static_cast<Socket *>(&stream);
    epoll_ctl(m_epoll, EPOLL_CTL_ADD, stream.fd, &event);
    if (::connect(stream.fd, reinterpret_cast<sockaddr *>(&storage), length) != 0 && errno != EINPROGRESS)
        failStream(stream, &MediaFailures::connectFailed);
}

void MediaLoad::onStreamEvent(Stream &stream, uint32_t events)
{
    if (stream.state == Stream::State::Connecting && (events & (EPOLLOUT | EPOLLERR | EPOLLHUP))) {
        int error = 0;
        socklen_t length = sizeof error;
        getsockopt(stream.fd, SOL_SOCKET, SO_ERROR, &error, &length);
        if (error != 0) {
            failStream(stream, &MediaFailures::connectFailed);
            return;
        }
        stream.state = Stream::State::Handshaking;
        epoll_event event{};
        event.events = EPOLLIN;
        event.data.ptr = static_cast<Socket *>(&stream);
        epoll_ctl(m_epoll, EPOLL_CTL_MOD, stream.fd, &event);
        const QByteArray request = "GET /twilio/media HTTP/1.1\r\nHost: 127.0.0.1:"
                                   + QByteArray::number(m_options.streamPort)
                                   + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                     "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                                     "X-Twilio-Signature: "
                                   + m_options.signature + "\r\n\r\n";
        if (!write(stream, request.constData(), size_t(request.size())))
            failStream(stream, &MediaFailures::socketErrors);
        return;
    }
    if (events & EPOLLOUT)
        flush(stream);
    if (stream.fd < 0 || !(events & (EPOLLIN | EPOLLERR | EPOLLHUP)))
        return;
    char buffer[65536];
    const ssize_t got = ::recv(stream.fd, buffer, sizeof buffer, MSG_DONTWAIT);
    const qint64 now = nowNs();
    if (got == 0 || (got < 0 && errno != EAGAIN && errno != EWOULDBLOCK)) {
        failStream(stream, got == 0 ? &MediaFailures::closedByBackend : &MediaFailures::socketErrors);
        return;
    }
    if (got < 0)
        return;
    stream.in.append(buffer, size_t(got));
    if (stream.state == Stream::State::Handshaking) {
        const size_t end = stream.in.find("\r\n\r\n");
        if (end == std::string::npos)
            return;
        if (stream.in.compare(0, 12, "HTTP/1.1 101") != 0) {
            std::fprintf(stderr, "stream %d refused: %s\n", stream.index,
                         stream.in.substr(0, stream.in.find("\r\n")).c_str());
            failStream(stream, &MediaFailures::handshakeRefused);
            return;
        }
        stream.in.erase(0, end + 4);
        --m_connecting;
        stream.state = Stream::State::Open;
        char sid[40];
        std::snprintf(sid, sizeof sid, "MZ%032x", unsigned(stream.index));
        stream.streamSid = sid;
        // Twilio's numbers come as strings; zero-padded they keep the frame's length fixed.
        stream.media.build(R"({"event":"media","sequenceNumber":"#","media":{"track":"inbound","chunk":"#",)"
                           R"("timestamp":"#","payload":"@)"
                               + m_payloadTail + R"("},"streamSid":")" + stream.streamSid + "\"}",
                           1, true);
        const QByteArray connected = R"({"event":"connected","protocol":"Call","version":"1.0.0"})";
        ++stream.messages;
        const QByteArray start =
            R"({"event":"start","sequenceNumber":")" + QByteArray::number(stream.messages)
            + R"(","start":{"accountSid":"AC00000000000000000000000000000000","streamSid":")" + sid
            + R"(","callSid":")" + stream.callSid
            + R"(","tracks":["inbound"],"mediaFormat":{"encoding":"audio/x-mulaw","sampleRate":8000,"channels":1},)"
              R"("customParameters":{}},"streamSid":")"
            + sid + "\"}";
        for (const QByteArray &message : {connected, start}) {
            char header[8];
            const size_t headerLength = frameHeader(header, 1, size_t(message.size()), true);
            if (!write(stream, header, headerLength) || !write(stream, message.constData(), size_t(message.size()))) {
                failStream(stream, &MediaFailures::socketErrors);
                return;
            }
        }
    }
    size_t offset = 0;
    while (stream.fd >= 0 && offset < stream.in.size()) {
        int opcode = 0;
        char *payload = nullptr;
        size_t length = 0;
        const long used = parseFrame(stream.in.data() + offset, stream.in.size() - offset, opcode, payload, length);
        if (used == 0)
            break;
        if (used < 0) {
            failStream(stream, &MediaFailures::protocolErrors);
            return;
        }
        offset += size_t(used);
        onStreamFrame(stream, opcode, payload, length, now);
    }
    if (stream.fd >= 0)
        stream.in.erase(0, offset);
}

void MediaLoad::onStreamFrame(Stream &stream, int opcode, char *payload, size_t length, qint64 now)
{
    if (opcode == 8) { // close
        if (stream.state != Stream::State::Ending) {
            const int code = length >= 2 ? (uint8_t(payload[0]) << 8 | uint8_t(payload[1])) : 1005;
            ++m_failures.closeCodes[code];
            if (m_failures.closeCodes[code] <= 3)
                std::fprintf(stderr, "stream %d closed by the backend: %d %.*s\n", stream.index, code,
                             int(length > 2 ? length - 2 : 0), payload + 2);
        }
        failStream(stream, &MediaFailures::closedByBackend);
        return;
    }
    if (opcode == 9) { // ping
        char header[8];
        const size_t headerLength = frameHeader(header, 10, length, true);
        write(stream, header, headerLength);
        write(stream, payload, length);
        return;
    }
    if (opcode != 1)
        return;
    const std::string_view text(payload, length);
    Marker marker;
    if (text.find("\"event\":\"mark\"") != std::string_view::npos) {
        const size_t at = text.find("\"name\":\"");
        const size_t end = at == std::string_view::npos ? at : text.find('"', at + 8);
        if (end == std::string_view::npos) {
            ++m_failures.protocolErrors;
            return;
        }
        if (m_collecting)
            ++m_window.marksSeen;
        ++stream.messages;
        char buffer[256];
        const int n = std::snprintf(buffer + 8, sizeof buffer - 8,
                                    "{\"event\":\"mark\",\"sequenceNumber\":\"%u\",\"streamSid\":\"%s\",\"mark\":{\"name\":\"%.*s\"}}",
                                    stream.messages, stream.streamSid.c_str(), int(end - at - 8), payload + at + 8);
        if (n <= 0 || n >= int(sizeof buffer) - 8)
            return;
        char header[8];
        const size_t headerLength = frameHeader(header, 1, size_t(n), true);
        std::memcpy(buffer + 8 - headerLength, header, headerLength);
        if (!write(stream, buffer + 8 - headerLength, headerLength + size_t(n)))
            failStream(stream, &MediaFailures::socketErrors);
        return;
    }
    if (findMarker(payload, length, "\"payload\":\"", marker) || findMarker(payload, length, "\"delta\":\"", marker)) {
        if (!m_collecting)
            return;
        if (marker.aiSentNs >= m_windowStartNs && marker.aiSentNs < m_windowEndNs) {
            ++m_window.echoesSeen;
            m_window.back.add(now - marker.aiSentNs, marker.aiSentNs - m_windowStartNs);
        }
        if (marker.driverSentNs >= m_windowStartNs && marker.driverSentNs < m_windowEndNs)
            m_window.roundTrip.add(now - marker.driverSentNs, marker.driverSentNs - m_windowStartNs);
        return;
    }
}

void MediaLoad::acceptAi()
{
    for (;;) {
        const int fd = ::accept4(m_listener, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0)
            return;
        const int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        auto connection = std::make_unique<AiConnection>();
        connection->fd = fd;
        epoll_event event{};
        event.events = EPOLLIN;
        event.data.ptr = static_cast<Socket *>(connection.get());
        epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &event);
        m_ai.push_back(std::move(connection));
    }
}

void MediaLoad::onAiEvent(AiConnection &connection, uint32_t events)
{
    if (events & EPOLLOUT)
        flush(connection);
    if (connection.fd < 0 || !(events & (EPOLLIN | EPOLLERR | EPOLLHUP)))
        return;
    char buffer[65536];
    const ssize_t got = ::recv(connection.fd, buffer, sizeof buffer, MSG_DONTWAIT);
    const qint64 now = nowNs();
    if (got == 0 || (got < 0 && errno != EAGAIN && errno != EWOULDBLOCK)) {
        if (!m_ending && !connection.closing)
            ++m_failures.aiClosed;
        closeSocket(connection);
        m_aiGarbage.push_back(&connection);
        return;
    }
    if (got < 0)
        return;
    connection.in.append(buffer, size_t(got));
    if (!connection.upgraded) {
        const size_t end = connection.in.find("\r\n\r\n");
        if (end == std::string::npos)
            return;
        const std::string request = connection.in.substr(0, end);
        std::string lower = request;
        std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return char(std::tolower(c)); });
        const size_t at = lower.find("sec-websocket-key:");
        if (at == std::string::npos) {
            ++m_failures.protocolErrors;
            closeSocket(connection);
            m_aiGarbage.push_back(&connection);
            return;
        }
        const size_t lineEnd = request.find("\r\n", at);
        const QByteArray key = QByteArray::fromStdString(request.substr(at + 18, lineEnd - at - 18)).trimmed();
        const QByteArray accept =
            QCryptographicHash::hash(QByteArray(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"), QCryptographicHash::Sha1).toBase64();
        const QByteArray response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                    "Sec-WebSocket-Accept: " + accept + "\r\n\r\n";
        connection.in.erase(0, end + 4);
        connection.upgraded = true;
        write(connection, response.constData(), size_t(response.size()));
    }
    size_t offset = 0;
    while (connection.fd >= 0 && offset < connection.in.size()) {
        int opcode = 0;
        char *payload = nullptr;
        size_t length = 0;
        const long used =
            parseFrame(connection.in.data() + offset, connection.in.size() - offset, opcode, payload, length);
        if (used == 0)
            break;
        if (used < 0) {
            ++m_failures.protocolErrors;
            closeSocket(connection);
            m_aiGarbage.push_back(&connection);
            return;
        }
        offset += size_t(used);
        onAiFrame(connection, opcode, payload, length, now);
    }
    if (connection.fd >= 0)
        connection.in.erase(0, offset);
}

void MediaLoad::onAiFrame(AiConnection &connection, int opcode, char *payload, size_t length, qint64 now)
{
    if (opcode == 8) { // the bridge ends the call: answer the close, the bridge then drops the TCP connection
        if (!m_ending)
            ++m_failures.aiClosed;
        connection.closing = true;
        char header[4];
        const size_t n = std::min<size_t>(length, 2);
        const size_t headerLength = frameHeader(header, 8, n, false);
        write(connection, header, headerLength);
        write(connection, payload, n);
        return;
    }
    if (opcode == 9) {
        char header[4];
        const size_t headerLength = frameHeader(header, 10, length, false);
        write(connection, header, headerLength);
        write(connection, payload, length);
        return;
    }
    Marker marker;
    if (opcode != 1
        || !(findMarker(payload, length, "\"audio\":\"", marker) || findMarker(payload, length, "\"payload\":\"", marker)))
        return; // session.update and the like
    if (marker.stream < m_streams.size() && !m_streams[marker.stream]->reachedAi) {
        m_streams[marker.stream]->reachedAi = true;
        ++m_reachedAi;
    }
    if (m_collecting && marker.driverSentNs >= m_windowStartNs && marker.driverSentNs < m_windowEndNs) {
        ++m_window.appendsSeen;
        m_window.in.add(now - marker.driverSentNs, marker.driverSentNs - m_windowStartNs);
    }
    if (m_options.echoEvery <= 0 || marker.sequence % uint32_t(m_options.echoEvery) != 0)
        return;
    const qint64 sentAt = nowNs();
    marker.aiSentNs = sentAt;
    // One template for every connection: send() copies it before the next delta patches it.
    writeDigits(m_delta->field(0), marker.sequence, kCounterDigits);
    encodeMarker(marker, m_delta->field(1));
    if (m_collecting && sentAt >= m_windowStartNs && sentAt < m_windowEndNs)
        ++m_window.deltasSent;
    write(connection, m_delta->bytes.data(), m_delta->bytes.size());
}

void MediaLoad::runUntil(qint64 deadlineNs, const std::function<bool()> &done)
{
    epoll_event events[256];
    qint64 nextIdle = nowNs() + kIdleEveryNs;
    for (;;) {
        qint64 now = nowNs();
        const auto slotBefore = m_nextSlot;
        sendDueFrames(now);
        // The loop spins when a frame is due within 20 µs, so its CPU time says nothing about its
        // load: what it spends on work does (a saturated load delays what it measures).
        qint64 busyNs = m_nextSlot != slotBefore ? nowNs() - now : 0;
        while (m_connecting < kMaxConnecting && m_connectCursor < size_t(m_target)) {
            Stream &next = *m_streams[m_connectCursor++];
            if (next.state == Stream::State::Idle)
                startConnecting(next);
        }
        if (now >= nextIdle) {
            if (m_options.idle)
                m_options.idle();
            nextIdle = now + kIdleEveryNs;
        }
        if (now >= deadlineNs || (done && done()))
            return;
        const qint64 wakeAt = std::min({nextDueNs(), deadlineNs, nextIdle});
        int timeout = 0;
        if (wakeAt - now > 20'000) {
            timeout = -1;
            if (m_timerArmedNs != wakeAt) {
                itimerspec spec{};
                spec.it_value.tv_sec = time_t(wakeAt / 1'000'000'000);
                spec.it_value.tv_nsec = long(wakeAt % 1'000'000'000);
                timerfd_settime(m_timer, TFD_TIMER_ABSTIME, &spec, nullptr);
                m_timerArmedNs = wakeAt;
            }
        }
        const int ready = epoll_wait(m_epoll, events, 256, timeout);
        const qint64 handlingFrom = ready > 0 ? nowNs() : 0;
        for (int i = 0; i < ready; ++i) {
            void *tag = events[i].data.ptr;
            if (tag == nullptr) {
                uint64_t expirations = 0;
                if (::read(m_timer, &expirations, sizeof expirations) < 0) {
                    // spurious: nothing to clear
                }
                m_timerArmedNs = -1;
            } else if (tag == this) {
                acceptAi();
            } else {
                auto *socket = static_cast<Socket *>(tag);
                if (socket->kind == Socket::Kind::Stream)
                    onStreamEvent(*static_cast<Stream *>(socket), events[i].events);
                else
                    onAiEvent(*static_cast<AiConnection *>(socket), events[i].events);
            }
        }
        if (!m_aiGarbage.empty()) { // closed AI sockets: events of this batch may still name them
            std::sort(m_aiGarbage.begin(), m_aiGarbage.end());
            m_aiGarbage.erase(std::unique(m_aiGarbage.begin(), m_aiGarbage.end()), m_aiGarbage.end());
            std::erase_if(m_ai, [this](const auto &c) {
                return std::binary_search(m_aiGarbage.begin(), m_aiGarbage.end(), c.get());
            });
            m_aiGarbage.clear();
        }
        if (ready > 0)
            busyNs += nowNs() - handlingFrom;
        if (m_collecting && now >= m_windowStartNs && now < m_windowEndNs)
            m_window.busyNs += busyNs;
    }
}

int MediaLoad::growTo(int streams, double timeoutS)
{
    streams = std::min(streams, int(m_options.callSids.size()));
    while (int(m_streams.size()) < streams) {
        auto stream = std::make_unique<Stream>();
        stream->index = int(m_streams.size());
        stream->callSid = m_options.callSids.at(stream->index);
        m_streams.push_back(std::move(stream));
    }
    m_target = streams;
    reschedule(streams, nowNs());
    const auto settled = [this, streams] { return m_reachedAi + m_failedCount >= streams; };
    runUntil(nowNs() + qint64(timeoutS * 1e9), settled);
    return m_reachedAi;
}

MediaWindow MediaLoad::measure(double warmupS, double seconds, double graceS, const std::function<void()> &atStart,
                               const std::function<void()> &atEnd)
{
    runUntil(nowNs() + qint64(warmupS * 1e9));
    m_window = MediaWindow{};
    m_sendLags.clear();
    if (atStart)
        atStart();
    m_windowStartNs = nowNs();
    m_windowEndNs = m_windowStartNs + qint64(seconds * 1e9);
    m_collecting = true;
    runUntil(m_windowEndNs);
    if (atEnd)
        atEnd();
    runUntil(m_windowEndNs + qint64(graceS * 1e9));
    m_collecting = false;
    m_window.seconds = seconds;
    if (!m_sendLags.empty()) {
        const size_t index = std::min(m_sendLags.size() - 1, size_t(0.99 * double(m_sendLags.size())));
        std::nth_element(m_sendLags.begin(), m_sendLags.begin() + qsizetype(index), m_sendLags.end());
        m_window.sendLagP99Ns = m_sendLags[index];
    }
    return std::move(m_window);
}

void MediaLoad::closeAll(double timeoutS)
{
    m_ending = true;
    m_scheduled = 0;
    for (auto &stream : m_streams) {
        if (stream->state != Stream::State::Open)
            continue;
        ++stream->messages;
        const QByteArray stop = R"({"event":"stop","sequenceNumber":")" + QByteArray::number(stream->messages)
                                + R"(","streamSid":")" + QByteArray::fromStdString(stream->streamSid)
                                + R"(","stop":{"accountSid":"AC00000000000000000000000000000000","callSid":")"
                                + stream->callSid + "\"}}";
        char header[8];
        size_t headerLength = frameHeader(header, 1, size_t(stop.size()), true);
        write(*stream, header, headerLength);
        write(*stream, stop.constData(), size_t(stop.size()));
        const char code[2] = {char(1000 >> 8), char(1000 & 0xff)};
        headerLength = frameHeader(header, 8, 2, true);
        write(*stream, header, headerLength);
        write(*stream, code, 2);
        stream->state = Stream::State::Ending;
        ++m_endingCount;
    }
    runUntil(nowNs() + qint64(timeoutS * 1e9), [this] { return m_endingCount == 0; });
}

} // namespace sb::bench
