#include "fuzztargets.h"

#include "fuzzcheck.h"

#include "media/websocketframes.h"

#include <QByteArray>
#include <QList>

namespace sb::fuzz {

namespace {

constexpr qint64 kMaxMessage = 4096;

struct Seen
{
    int kind;
    quint16 code;
    QByteArray payload;
    bool operator==(const Seen &) const = default;
};

void check(bool ok, const char *what)
{
    fuzz::check(ok, "websocketframes", what);
}

/// Reads @p input arriving in two pieces (the cut at @p cut), as a connection keeps what is left.
QList<Seen> read(WebSocketReader::Role role, const QByteArray &input, qsizetype cut)
{
    WebSocketReader reader(role, kMaxMessage);
    QList<Seen> seen;
    QByteArray pending;
    for (const QByteArray &piece : {input.left(cut), input.mid(cut)}) {
        pending += piece;
        qsizetype pos = 0;
        for (;;) {
            qsizetype used = 0;
            const auto event = reader.next(pending.data() + pos, pending.size() - pos, used);
            check(used >= 0 && used <= pending.size() - pos, "consumed more than it was given");
            pos += used;
            if (event.kind == WebSocketReader::Event::Kind::NeedMore)
                break;
            check(event.payload.size() <= kMaxMessage, "a payload over the limit");
            seen.append({int(event.kind), event.code, event.payload.toByteArray()});
            if (event.kind == WebSocketReader::Event::Kind::Error) {
                check(reader.failed(), "an error that did not fail the reader");
                return seen;
            }
        }
        pending.remove(0, pos);
    }
    return seen;
}

} // namespace

void websocketFrames(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype cut = size == 0 ? 0 : qsizetype(data[0]) % (qsizetype(size) + 1);
    for (const auto role : {WebSocketReader::Role::Server, WebSocketReader::Role::Client}) {
        const QList<Seen> whole = read(role, input, input.size());
        const QList<Seen> split = read(role, input, cut);
        check(whole == split, "reading in two pieces gave other events than reading at once");
    }
    // The writer's frames read back as what was written.
    QByteArray frame;
    WebSocketWriter::appendFrame(frame, WebSocketCode::Binary, input, 0x5A5A5A5Au);
    WebSocketReader reader(WebSocketReader::Role::Server, qint64(size) + 1);
    qsizetype used = 0;
    const auto event = reader.next(frame.data(), frame.size(), used);
    check(event.kind == WebSocketReader::Event::Kind::Binary && event.payload == input && used == frame.size(),
          "a written frame did not read back");
}

} // namespace sb::fuzz
