// The RFC 6455 frame reader and writer of the media reactor: every frame kind, every error, and
// every way a buffer can end, without sockets.

#include "media/websocketframes.h"

#include <QTest>

#include <cstring>
#include <vector>

using namespace sb;
using namespace Qt::StringLiterals;

namespace {

using Kind = WebSocketReader::Event::Kind;
using Role = WebSocketReader::Role;

/// A frame as a client (masked) or server (unmasked) would send it, with every header bit settable.
QByteArray frame(quint8 opcode, QByteArray payload, bool masked, bool fin = true, quint8 rsv = 0,
                 int forcedLengthBytes = 0)
{
    QByteArray out;
    out.append(char((fin ? 0x80 : 0) | (rsv << 4) | opcode));
    const char maskBit = masked ? char(0x80) : 0;
    const qsizetype n = payload.size();
    const int lengthBytes = forcedLengthBytes ? forcedLengthBytes : n <= 125 ? 0 : n <= 0xFFFF ? 2 : 8;
    if (lengthBytes == 0) {
        out.append(char(maskBit | char(n)));
    } else if (lengthBytes == 2) {
        out.append(char(maskBit | 126));
        out.append(char(n >> 8));
        out.append(char(n & 0xFF));
    } else {
        out.append(char(maskBit | 127));
        for (int i = 7; i >= 0; --i)
            out.append(char((quint64(n) >> (8 * i)) & 0xFF));
    }
    if (masked) {
        const char key[4] = {0x12, 0x34, 0x56, 0x78};
        out.append(key, 4);
        for (qsizetype i = 0; i < n; ++i)
            payload[i] = char(payload[i] ^ key[i % 4]);
    }
    return out + payload;
}

QByteArray closePayload(quint16 code, const QByteArray &reason = {})
{
    QByteArray out;
    out.append(char(code >> 8));
    out.append(char(code & 0xFF));
    return out + reason;
}

/// Events as text, e.g. "text:hello" "ping:" "close:1000:bye" "error:1002", for compact tables.
QStringList readAll(Role role, qint64 max, QByteArray bytes, qsizetype *left = nullptr)
{
    WebSocketReader reader(role, max);
    QStringList events;
    qsizetype pos = 0;
    for (;;) {
        qsizetype used = 0;
        const auto event = reader.next(bytes.data() + pos, bytes.size() - pos, used);
        pos += used;
        const QString payload = QString::fromUtf8(event.payload);
        switch (event.kind) {
        case Kind::NeedMore:
            if (left)
                *left = bytes.size() - pos;
            return events;
        case Kind::Text: events << u"text:"_s + payload; break;
        case Kind::Binary: events << u"binary:"_s + payload; break;
        case Kind::Ping: events << u"ping:"_s + payload; break;
        case Kind::Pong: events << u"pong:"_s + payload; break;
        case Kind::Close: events << u"close:%1:%2"_s.arg(event.code).arg(payload); break;
        case Kind::Error:
            events << u"error:%1"_s.arg(event.code);
            if (left)
                *left = bytes.size() - pos;
            return events;
        }
    }
}

/// Feeds @p bytes the way a socket may deliver them: what arrived so far, the rest kept for later.
QStringList readInPieces(Role role, qint64 max, const QByteArray &bytes, const QList<qsizetype> &cuts)
{
    WebSocketReader reader(role, max);
    QStringList events;
    QByteArray pending;
    qsizetype from = 0;
    QList<qsizetype> ends = cuts;
    ends << bytes.size();
    for (const qsizetype end : ends) {
        pending += bytes.mid(from, end - from);
        from = end;
        qsizetype pos = 0;
        for (;;) {
            qsizetype used = 0;
            const auto event = reader.next(pending.data() + pos, pending.size() - pos, used);
            pos += used;
            const QString payload = QString::fromUtf8(event.payload);
            if (event.kind == Kind::NeedMore)
                break;
            if (event.kind == Kind::Text)
                events << u"text:"_s + payload;
            else if (event.kind == Kind::Ping)
                events << u"ping:"_s + payload;
            else if (event.kind == Kind::Close)
                events << u"close:%1:%2"_s.arg(event.code).arg(payload);
            else if (event.kind == Kind::Error)
                return events << u"error:%1"_s.arg(event.code);
            else
                events << u"other"_s;
        }
        pending.remove(0, pos);
    }
    return events;
}

} // namespace

class TestWebSocketFrames : public QObject
{
    Q_OBJECT

private slots:
    void reader_data()
    {
        QTest::addColumn<int>("role");
        QTest::addColumn<qint64>("max");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QStringList>("events");
        QTest::addColumn<qsizetype>("left"); ///< bytes not consumed at the end

        const int server = int(Role::Server);
        const int client = int(Role::Client);
        const qint64 max = 1000;
        const QByteArray text = frame(0x1, "hello", true);

        QTest::newRow("masked text") << server << max << text << QStringList{u"text:hello"_s} << qsizetype(0);
        QTest::newRow("two frames in one read")
            << server << max << text + frame(0x2, "bin", true) << QStringList{u"text:hello"_s, u"binary:bin"_s}
            << qsizetype(0);
        QTest::newRow("empty text") << server << max << frame(0x1, "", true) << QStringList{u"text:"_s} << qsizetype(0);
        QTest::newRow("half a frame waits") << server << max << text.left(5) << QStringList{} << qsizetype(5);
        QTest::newRow("a frame and a half")
            << server << max << text + text.left(3) << QStringList{u"text:hello"_s} << qsizetype(3);
        QTest::newRow("16-bit length")
            << server << max << frame(0x1, QByteArray(200, 'a'), true) << QStringList{u"text:"_s + QString(200, u'a')}
            << qsizetype(0);
        QTest::newRow("64-bit length")
            << server << qint64(100'000) << frame(0x1, QByteArray(70'000, 'b'), true)
            << QStringList{u"text:"_s + QString(70'000, u'b')} << qsizetype(0);
        QTest::newRow("UTF-8 text") << server << max << frame(0x1, u"שלום"_s.toUtf8(), true)
                                    << QStringList{u"text:שלום"_s} << qsizetype(0);
        QTest::newRow("fragments with a ping between")
            << server << max
            << frame(0x1, "ab", true, false) + frame(0x9, "p", true) + frame(0x0, "cd", true, false)
                   + frame(0x0, "e", true)
            << QStringList{u"ping:p"_s, u"text:abcde"_s} << qsizetype(0);
        QTest::newRow("a fragment not finished waits")
            << server << max << frame(0x1, "ab", true, false) << QStringList{} << qsizetype(0);
        QTest::newRow("UTF-8 split across fragments")
            << server << max
            << frame(0x1, u"ש"_s.toUtf8().left(1), true, false) + frame(0x0, u"ש"_s.toUtf8().mid(1), true)
            << QStringList{u"text:ש"_s} << qsizetype(0);
        QTest::newRow("pong ignored by the reader's caller")
            << server << max << frame(0xA, "x", true) << QStringList{u"pong:x"_s} << qsizetype(0);
        QTest::newRow("close with code and reason")
            << server << max << frame(0x8, closePayload(1000, "bye"), true) << QStringList{u"close:1000:bye"_s}
            << qsizetype(0);
        QTest::newRow("close without code") << server << max << frame(0x8, "", true) << QStringList{u"close:1005:"_s}
                                            << qsizetype(0);
        QTest::newRow("close with an application code")
            << server << max << frame(0x8, closePayload(4000), true) << QStringList{u"close:4000:"_s} << qsizetype(0);
        QTest::newRow("unmasked server frame to a client")
            << client << max << frame(0x1, "hi", false) << QStringList{u"text:hi"_s} << qsizetype(0);

        // Errors, with the code to close with.
        QTest::newRow("unmasked frame from a client")
            << server << max << frame(0x1, "hi", false) << QStringList{u"error:1002"_s} << qsizetype(8 - 4);
        QTest::newRow("masked frame from a server")
            << client << max << frame(0x1, "hi", true) << QStringList{u"error:1002"_s} << qsizetype(8);
        QTest::newRow("opcode 3") << server << max << frame(0x3, "x", true) << QStringList{u"error:1002"_s}
                                  << qsizetype(7);
        QTest::newRow("opcode 0xB") << server << max << frame(0xB, "x", true) << QStringList{u"error:1002"_s}
                                    << qsizetype(7);
        QTest::newRow("reserved bit") << server << max << frame(0x1, "x", true, true, 4) << QStringList{u"error:1002"_s}
                                      << qsizetype(7);
        QTest::newRow("continuation without a start")
            << server << max << frame(0x0, "x", true) << QStringList{u"error:1002"_s} << qsizetype(7);
        QTest::newRow("new message inside a fragmented one")
            << server << max << frame(0x1, "a", true, false) + frame(0x1, "b", true)
            << QStringList{u"error:1002"_s} << qsizetype(7);
        QTest::newRow("fragmented ping") << server << max << frame(0x9, "x", true, false)
                                         << QStringList{u"error:1002"_s} << qsizetype(7);
        QTest::newRow("control frame of 126 bytes")
            << server << max << frame(0x9, QByteArray(126, 'x'), true) << QStringList{u"error:1002"_s}
            << qsizetype(134);
        QTest::newRow("oversized message")
            << server << max << frame(0x1, QByteArray(1001, 'x'), true) << QStringList{u"error:1009"_s}
            << qsizetype(1009);
        QTest::newRow("oversized header alone is enough")
            << server << max << frame(0x1, QByteArray(1001, 'x'), true).left(8) << QStringList{u"error:1009"_s}
            << qsizetype(8);
        QTest::newRow("oversized across fragments")
            << server << max << frame(0x1, QByteArray(600, 'x'), true, false) + frame(0x0, QByteArray(600, 'y'), true)
            << QStringList{u"error:1009"_s} << qsizetype(608);
        QTest::newRow("text that is not UTF-8")
            << server << max << frame(0x1, "a\xff", true) << QStringList{u"error:1007"_s} << qsizetype(0);
        QTest::newRow("overlong UTF-8") << server << max << frame(0x1, "\xc0\xaf", true) << QStringList{u"error:1007"_s}
                                        << qsizetype(0);
        QTest::newRow("UTF-16 surrogate in UTF-8")
            << server << max << frame(0x1, "\xed\xa0\x80", true) << QStringList{u"error:1007"_s} << qsizetype(0);
        QTest::newRow("truncated UTF-8") << server << max << frame(0x1, "\xd7", true) << QStringList{u"error:1007"_s}
                                         << qsizetype(0);
        QTest::newRow("close with one byte")
            << server << max << frame(0x8, "\x03", true) << QStringList{u"error:1002"_s} << qsizetype(0);
        QTest::newRow("close code 1005 sent") << server << max << frame(0x8, closePayload(1005), true)
                                              << QStringList{u"error:1002"_s} << qsizetype(0);
        QTest::newRow("close code 999") << server << max << frame(0x8, closePayload(999), true)
                                        << QStringList{u"error:1002"_s} << qsizetype(0);
        QTest::newRow("close code 2000") << server << max << frame(0x8, closePayload(2000), true)
                                         << QStringList{u"error:1002"_s} << qsizetype(0);
        QTest::newRow("close code 5000") << server << max << frame(0x8, closePayload(5000), true)
                                         << QStringList{u"error:1002"_s} << qsizetype(0);
        QTest::newRow("close reason not UTF-8")
            << server << max << frame(0x8, closePayload(1000, "\xff"), true) << QStringList{u"error:1007"_s}
            << qsizetype(0);
        QTest::newRow("16-bit length for a short payload")
            << server << max << frame(0x1, "abc", true, true, 0, 2) << QStringList{u"error:1002"_s} << qsizetype(11);
        QTest::newRow("64-bit length for a 16-bit payload")
            << server << max << frame(0x1, QByteArray(300, 'x'), true, true, 0, 8) << QStringList{u"error:1002"_s}
            << qsizetype(314);
        QByteArray topBit = frame(0x1, "", true, true, 0, 8);
        topBit[2] = char(0x80);
        QTest::newRow("64-bit length with the top bit") << server << max << topBit << QStringList{u"error:1002"_s}
                                                        << qsizetype(topBit.size());
    }

    void reader()
    {
        QFETCH(int, role);
        QFETCH(qint64, max);
        QFETCH(QByteArray, bytes);
        QFETCH(QStringList, events);
        QFETCH(qsizetype, left);
        qsizetype remaining = -1;
        QCOMPARE(readAll(Role(role), max, bytes, &remaining), events);
        QCOMPARE(remaining, left);
    }

    void failedReaderStaysFailed()
    {
        WebSocketReader reader(Role::Server, 100);
        QByteArray bad = frame(0x3, "x", true);
        qsizetype used = 0;
        QCOMPARE(reader.next(bad.data(), bad.size(), used).kind, Kind::Error);
        QByteArray good = frame(0x1, "x", true);
        QCOMPARE(reader.next(good.data(), good.size(), used).kind, Kind::Error);
        QVERIFY(reader.failed());
    }

    void splitAtEveryByte_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QStringList>("events");
        QTest::newRow("text, ping, close")
            << frame(0x1, "hello", true) + frame(0x9, "p", true) + frame(0x8, closePayload(1001, "away"), true)
            << QStringList{u"text:hello"_s, u"ping:p"_s, u"close:1001:away"_s};
        QTest::newRow("fragments") << frame(0x1, "ab", true, false) + frame(0x0, "cd", true, false)
                                          + frame(0x0, u"שלום"_s.toUtf8(), true)
                                   << QStringList{u"text:abcdשלום"_s};
        QTest::newRow("16-bit and 64-bit lengths")
            << frame(0x1, QByteArray(300, 'x'), true) + frame(0x1, QByteArray(66'000, 'y'), true)
            << QStringList{u"text:"_s + QString(300, u'x'), u"text:"_s + QString(66'000, u'y')};
        QTest::newRow("error after a good frame")
            << frame(0x1, "ok", true) + frame(0x1, "no", false) << QStringList{u"text:ok"_s, u"error:1002"_s};
    }

    void splitAtEveryByte()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QStringList, events);
        // Stepping through every cut of a 66 kB input is quadratic: sample the long ones.
        const qsizetype step = bytes.size() > 2000 ? 97 : 1;
        for (qsizetype cut = 1; cut < bytes.size(); cut += step)
            QCOMPARE(readInPieces(Role::Server, 100'000, bytes, {cut}), events);
        // And one byte at a time.
        if (bytes.size() < 2000) {
            QList<qsizetype> everyByte;
            for (qsizetype cut = 1; cut < bytes.size(); ++cut)
                everyByte << cut;
            QCOMPARE(readInPieces(Role::Server, 100'000, bytes, everyByte), events);
        }
    }

    void writerParts_data()
    {
        // A frame from parts: every header length at its limits, payload lengths that end in each
        // branch of the 16/8/1-byte masking, and parts that split a UTF-8 letter.
        QTest::addColumn<QList<QByteArray>>("parts");
        QTest::addColumn<bool>("masked");
        const auto split = [](const QByteArray &payload) {
            const qsizetype a = payload.size() / 3;
            const qsizetype b = payload.size() - payload.size() / 5;
            return QList<QByteArray>{payload.first(a), payload.sliced(a, b - a), QByteArray(), payload.sliced(b)};
        };
        QTest::newRow("no parts") << QList<QByteArray>{} << true;
        QTest::newRow("empty parts") << QList<QByteArray>{QByteArray(), QByteArray()} << false;
        for (const qsizetype size : {1, 3, 7, 8, 9, 15, 16, 17, 31, 33, 125, 126, 127, 65'535, 65'536, 70'001}) {
            QByteArray payload(size, 'a');
            for (qsizetype i = 0; i < size; ++i)
                payload[i] = char('a' + i % 26);
            for (const bool masked : {true, false})
                QTest::addRow("%lld bytes, %s", qlonglong(size), masked ? "masked" : "unmasked") << split(payload) << masked;
        }
        const QByteArray hebrew = QString(100, u'ש').toUtf8(); // a part boundary inside a letter
        QTest::newRow("a letter split across parts")
            << QList<QByteArray>{"{\"t\":\"", hebrew.first(101), hebrew.sliced(101), "\"}"} << true;
    }

    void writerParts()
    {
        QFETCH(QList<QByteArray>, parts);
        QFETCH(bool, masked);
        QByteArray payload;
        std::vector<QByteArrayView> views;
        for (const QByteArray &part : parts) {
            payload += part;
            views.push_back(part);
        }
        // The key {12 34 56 78} as it sits in the frame, like frame()'s.
        const char keyBytes[4] = {0x12, 0x34, 0x56, 0x78};
        quint32 key;
        std::memcpy(&key, keyBytes, 4);
        const std::optional<quint32> mask = masked ? std::optional<quint32>(key) : std::nullopt;
        QByteArray out = "prefix";
        WebSocketWriter::appendFrameParts(out, WebSocketCode::Text, views, mask);
        QVERIFY(out.startsWith("prefix"));
        const QByteArray wire = out.mid(6);
        // Byte for byte what an independent writer makes, and it reads back.
        QCOMPARE(wire, frame(0x1, payload, masked));
        QCOMPARE(readAll(masked ? Role::Server : Role::Client, 1'000'000, wire),
                 QStringList{u"text:"_s + QString::fromUtf8(payload)});
        QByteArray whole;
        WebSocketWriter::appendFrame(whole, WebSocketCode::Text, payload, mask);
        QCOMPARE(whole, wire);
    }

    void closeReasonIsCutOnACharacterBoundary()
    {
        QByteArray out;
        WebSocketWriter::appendClose(out, 1008, QString(100, u'ש').toUtf8()); // 200 bytes of reason
        QCOMPARE(out.size(), 2 + 2 + 122); // 122: the longest whole-letter prefix within 123 bytes
        QCOMPARE(readAll(Role::Client, 1000, out), QStringList{u"close:1008:"_s + QString(61, u'ש')});
    }

    void handshake()
    {
        // RFC 6455 section 1.3's example.
        QCOMPARE(WebSocketHandshake::acceptFor("dGhlIHNhbXBsZSBub25jZQ=="), QByteArray("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
        QVERIFY(WebSocketHandshake::isValidKey("dGhlIHNhbXBsZSBub25jZQ=="));
        QVERIFY(WebSocketHandshake::isValidKey(WebSocketHandshake::newKey()));
        QVERIFY(WebSocketHandshake::newKey() != WebSocketHandshake::newKey());
        QVERIFY(!WebSocketHandshake::isValidKey(""));
        QVERIFY(!WebSocketHandshake::isValidKey("dGhlIHNhbXBsZSBub25j")); // 15 bytes
        QVERIFY(!WebSocketHandshake::isValidKey("dGhlIHNhbXBsZSBub25jZQ=!"));
    }

    void closeCodes_data()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<bool>("valid");
        for (int code : {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 4999})
            QTest::addRow("%d", code) << code << true;
        for (int code : {0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535})
            QTest::addRow("%d", code) << code << false;
    }

    void closeCodes()
    {
        QFETCH(int, code);
        QFETCH(bool, valid);
        QCOMPARE(WebSocketCode::isValidCloseCode(quint16(code)), valid);
    }
};

QTEST_GUILESS_MAIN(TestWebSocketFrames)
#include "tst_websocketframes.moc"
