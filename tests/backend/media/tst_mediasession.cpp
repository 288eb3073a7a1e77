// Media Stream sessions against a real HttpServer, real storage (SQLite or PostgreSQL, from
// SWITCHBOARD_TEST_BACKEND) and a fake Realtime server, with QWebSocket clients acting as Twilio.

#include "../storage/storagefixture.h"
#include "fakerealtimeserver.h"

#include "http/httpserver.h"
#include "media/mediastreamserver.h"
#include "media/promptbuilder.h"
#include "media/websocketconnection.h"
#include "storage/businesses.h"
#include "storage/callqueries.h"
#include "twilio/signature.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QThread>
#include <QWebSocket>

using namespace sb;
using namespace sb::test;
using namespace Qt::StringLiterals;

namespace {

const QByteArray kToken = "12345";
const QString kPublicUrl = u"https://switchboard.example.com/"_s;
const QString kSignedUrl = u"wss://switchboard.example.com/twilio/media"_s;
const QString kCallSid = u"CA0123456789abcdef0123456789abcdef"_s;
const QString kPayload = QString::fromLatin1(QByteArray(160, '\x7f').toBase64());

QString json(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QJsonObject startMessage(const QString &streamSid, const QString &callSid)
{
    return {{u"event"_s, u"start"_s},
            {u"sequenceNumber"_s, u"1"_s},
            {u"streamSid"_s, streamSid},
            {u"start"_s, QJsonObject{{u"accountSid"_s, u"AC1"_s},
                                     {u"streamSid"_s, streamSid},
                                     {u"callSid"_s, callSid},
                                     {u"tracks"_s, QJsonArray{u"inbound"_s}},
                                     {u"mediaFormat"_s, QJsonObject{{u"encoding"_s, u"audio/x-mulaw"_s},
                                                                    {u"sampleRate"_s, 8000},
                                                                    {u"channels"_s, 1}}}}}};
}

QJsonObject mediaMessage(const QString &streamSid, int sequence, qint64 timestampMs, const QString &payload)
{
    return {{u"event"_s, u"media"_s},
            {u"sequenceNumber"_s, QString::number(sequence)},
            {u"streamSid"_s, streamSid},
            {u"media"_s, QJsonObject{{u"track"_s, u"inbound"_s},
                                     {u"chunk"_s, QString::number(sequence)},
                                     {u"timestamp"_s, QString::number(timestampMs)},
                                     {u"payload"_s, payload}}}};
}

/// A Media Stream client, as Twilio opens one.
class TwilioClient
{
public:
    TwilioClient()
    {
        QObject::connect(&socket, &QWebSocket::textMessageReceived, &socket, [this](const QString &text) {
            received.append(QJsonDocument::fromJson(text.toUtf8()).object());
        });
    }

    bool open(quint16 port, const QString &path, const QByteArray &signature)
    {
        QNetworkRequest request(QUrl(u"ws://127.0.0.1:%1%2"_s.arg(port).arg(path)));
        if (!signature.isNull())
            request.setRawHeader("X-Twilio-Signature", signature);
        QSignalSpy connected(&socket, &QWebSocket::connected);
        QSignalSpy disconnected(&socket, &QWebSocket::disconnected);
        socket.open(request);
        (void)QTest::qWaitFor([&] { return !connected.isEmpty() || !disconnected.isEmpty(); }, 5000);
        return !connected.isEmpty();
    }

    void send(const QJsonObject &message) { socket.sendTextMessage(json(message)); }

    void start(const QString &streamSid, const QString &callSid = kCallSid)
    {
        send({{u"event"_s, u"connected"_s}, {u"protocol"_s, u"Call"_s}, {u"version"_s, u"1.0.0"_s}});
        send(startMessage(streamSid, callSid));
        m_streamSid = streamSid;
    }

    void media(qint64 timestampMs, const QString &payload = kPayload)
    {
        send(mediaMessage(m_streamSid, ++m_sequence, timestampMs, payload));
    }

    /// `stop`, then (as Twilio does) the socket is closed unless @p keepOpen.
    void stop(bool keepOpen = false)
    {
        send({{u"event"_s, u"stop"_s},
              {u"sequenceNumber"_s, QString::number(++m_sequence)},
              {u"streamSid"_s, m_streamSid},
              {u"stop"_s, QJsonObject{{u"accountSid"_s, u"AC1"_s}, {u"callSid"_s, kCallSid}}}});
        if (!keepOpen)
            socket.close();
    }

    QList<QJsonObject> receivedEvents(const QString &event) const
    {
        QList<QJsonObject> out;
        for (const QJsonObject &message : received)
            if (message.value(u"event"_s).toString() == event)
                out.append(message);
        return out;
    }

    QWebSocket socket;
    QList<QJsonObject> received;

private:
    QString m_streamSid;
    int m_sequence = 1;
};

/// A Media Stream client coming through the backend's Unix socket, as from a TLS proxy on the host.
class UnixSocketTwilioClient final : private WebSocketConnection::Listener
{
public:
    UnixSocketTwilioClient() : connection(reactor, 1 << 20, this) { }

    void send(const QJsonObject &message) { connection.sendText(QJsonDocument(message).toJson(QJsonDocument::Compact)); }

    EpollReactor reactor;
    WebSocketConnection connection;
    bool open = false;
    bool closed = false;
    QList<QJsonObject> received;

private:
    void onWebSocketOpen() override { open = true; }
    void onWebSocketText(QByteArrayView utf8) override { received.append(QJsonDocument::fromJson(utf8.toByteArray()).object()); }
    void onWebSocketClosed() override { closed = true; }
};

QByteArray sign(const QString &url, const QByteArray &token = kToken)
{
    return TwilioSignature::compute(token, url, {});
}

const QByteArray kWebSocketHeaders = "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n";

/// The HTTP status line a raw upgrade request to @p path gets.
QByteArray upgradeStatusLine(quint16 port, const QString &path, const QByteArray &signature,
                             const QByteArray &webSocketHeaders = kWebSocketHeaders)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000))
        return {};
    QByteArray request = "GET " + path.toUtf8() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                         "Connection: Upgrade\r\n" + webSocketHeaders;
    if (!signature.isEmpty())
        request += "X-Twilio-Signature: " + signature + "\r\n";
    socket.write(request + "\r\n");
    QByteArray answer;
    (void)QTest::qWaitFor([&] {
        answer += socket.readAll();
        return answer.contains("\r\n") || socket.state() == QAbstractSocket::UnconnectedState;
    }, 5000);
    return answer.left(answer.indexOf("\r\n"));
}

} // namespace

class TestMediaSession : public QObject
{
    Q_OBJECT

private:
    StorageFixture m_fixture;
    std::unique_ptr<Storage> m_storage;
    std::unique_ptr<HttpServer> m_http;
    std::unique_ptr<FakeRealtimeServer> m_fake;
    std::unique_ptr<MediaStreamServer> m_media;
    std::unique_ptr<QThread> m_streamThread; ///< when a test serves the streams on their own thread
    quint16 m_port = 0;

    enum class Ai { Fake, Off, Unreachable, UnreachableSocket };

    void startMedia(Ai ai = Ai::Fake, QThread *streamThread = nullptr)
    {
        MediaSettings settings;
        settings.publicUrl = QUrl(kPublicUrl);
        settings.authToken = kToken;
        if (ai != Ai::Off) {
            settings.realtime.apiKey = "sk-test";
            settings.realtime.baseUrl = m_fake->baseUrl();
            if (ai == Ai::UnreachableSocket) // nothing listens there: connect() fails at once
                settings.realtime.unixSocket = QDir::temp().filePath(u"switchboard-no-such-ai-%1.sock"_s.arg(QCoreApplication::applicationPid()));
            if (ai == Ai::Unreachable) {
                // A port that was just free: nothing listens there.
                QTcpServer probe;
                QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
                settings.realtime.baseUrl = QUrl(u"http://127.0.0.1:%1/v1"_s.arg(probe.serverPort()));
            }
        }
        m_media = std::make_unique<MediaStreamServer>(*m_http, *m_storage, settings, streamThread);
    }

    /// Serves the streams on a thread of their own, as the backend does.
    void startMediaOnItsThread(Ai ai)
    {
        m_streamThread = std::make_unique<QThread>();
        m_streamThread->start();
        startMedia(ai, m_streamThread.get());
    }

    void stopStreamThread()
    {
        if (!m_streamThread)
            return;
        m_streamThread->quit();
        QVERIFY(m_streamThread->wait(5000));
        m_streamThread.reset();
    }

    Call call(const QString &sid = kCallSid)
    {
        auto found = m_storage->runBlocking([sid](StorageSession &s) { return CallQueries(s).findBySid(sid); });
        if (!found)
            qFatal("findBySid failed: %s", qPrintable(found.error().message));
        return found.value();
    }

    std::unique_ptr<TwilioClient> connectTwilio()
    {
        auto client = std::make_unique<TwilioClient>();
        if (!client->open(m_port, u"/twilio/media"_s, sign(kSignedUrl)))
            return nullptr;
        return client;
    }

private slots:
    void initTestCase()
    {
        auto ok = m_fixture.init();
        SB_VERIFY_OK(ok);
        qInfo() << "backend:" << m_fixture.database().backendName();
    }

    void init()
    {
        auto storage = m_fixture.open();
        SB_VERIFY_OK(storage);
        m_storage = std::move(storage).value();
        m_http = std::make_unique<HttpServer>();
        auto port = m_http->listen(QHostAddress::LocalHost, 0);
        SB_VERIFY_OK(port);
        m_port = port.value();
        m_fake = std::make_unique<FakeRealtimeServer>();
        QVERIFY(m_fake->listen());
        makeInbound(*m_storage, kCallSid);
    }

    void cleanup()
    {
        m_media.reset();
        stopStreamThread();
        m_fake.reset();
        m_http.reset();
        m_storage.reset();
    }

    void handshakeSignature_data()
    {
        QTest::addColumn<QByteArray>("signature");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("signed URL") << sign(kSignedUrl) << true;
        QTest::newRow("signed URL with trailing slash") << sign(kSignedUrl + u'/') << true;
        QTest::newRow("wrong token") << sign(kSignedUrl, "54321") << false;
        QTest::newRow("https form of the URL") << sign(u"https://switchboard.example.com/twilio/media"_s) << false;
        QTest::newRow("other path signed") << sign(u"wss://switchboard.example.com/twilio/other"_s) << false;
        QTest::newRow("garbage") << QByteArray("not-a-signature") << false;
        QTest::newRow("missing") << QByteArray() << false;
    }

    void handshakeSignature()
    {
        QFETCH(QByteArray, signature);
        QFETCH(bool, accepted);
        startMedia(Ai::Off);
        TwilioClient client;
        QCOMPARE(client.open(m_port, u"/twilio/media"_s, signature), accepted);
        QSignalSpy disconnected(&client.socket, &QWebSocket::disconnected);
        if (accepted) {
            client.start(u"MZ1"_s);
            QTRY_COMPARE(m_media->counters().streamsStarted, 1u);
            QTRY_COMPARE(call().streamConnectCount, 1);
            QCOMPARE(m_media->counters().handshakesAccepted, 1u);
            QCOMPARE(disconnected.size(), 0);
        } else {
            QCOMPARE(m_media->counters().refusedSignature, 1u);
            QCOMPARE(upgradeStatusLine(m_port, u"/twilio/media"_s, signature), QByteArray("HTTP/1.1 403 Forbidden"));
            QCOMPARE(m_media->counters().refusedSignature, 2u);
            QCOMPARE(m_media->counters().handshakesAccepted, 0u);
            QCOMPARE(call().streamConnectCount, 0);
        }
    }

    void trailingSlashPathAccepted()
    {
        startMedia(Ai::Off);
        TwilioClient client;
        QVERIFY(client.open(m_port, u"/twilio/media/"_s, sign(kSignedUrl + u'/')));
        client.start(u"MZ1"_s);
        QTRY_COMPARE(call().streamConnectCount, 1);
    }

    void otherPathsRefused_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("root") << u"/"_s;
        QTest::newRow("console") << u"/console"_s;
        QTest::newRow("prefix") << u"/twilio/media-stream"_s;
    }

    void otherPathsRefused()
    {
        QFETCH(QString, path);
        startMedia(Ai::Off);
        const QByteArray signature = sign(u"wss://switchboard.example.com"_s + path);
        TwilioClient client;
        QVERIFY(!client.open(m_port, path, signature));
        QCOMPARE(upgradeStatusLine(m_port, path, signature), QByteArray("HTTP/1.1 404 Not Found"));
        QCOMPARE(m_media->counters().handshakesAccepted, 0u);
    }

    void handshakeHeaders_data()
    {
        // The handshake is answered by us, not QWebSocketServer: its checks are ours too.
        QTest::addColumn<QByteArray>("headers");
        QTest::addColumn<QByteArray>("status");
        QTest::newRow("valid") << kWebSocketHeaders << QByteArray("HTTP/1.1 101 Switching Protocols");
        QTest::newRow("version 8") << QByteArray("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 8\r\n")
                                   << QByteArray("HTTP/1.1 426");
        QTest::newRow("no version") << QByteArray("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n") << QByteArray("HTTP/1.1 426");
        QTest::newRow("no key") << QByteArray("Sec-WebSocket-Version: 13\r\n") << QByteArray("HTTP/1.1 400");
        QTest::newRow("short key") << QByteArray("Sec-WebSocket-Key: c2hvcnQ=\r\nSec-WebSocket-Version: 13\r\n")
                                   << QByteArray("HTTP/1.1 400");
    }

    void handshakeHeaders()
    {
        QFETCH(QByteArray, headers);
        QFETCH(QByteArray, status);
        startMedia(Ai::Off);
        const QByteArray line = upgradeStatusLine(m_port, u"/twilio/media"_s, sign(kSignedUrl), headers);
        QVERIFY2(line.startsWith(status), line.constData());
        QCOMPARE(m_media->counters().handshakesAccepted, status.contains("101") ? 1u : 0u);
    }

    void plainGetIs426()
    {
        startMedia(Ai::Off);
        QNetworkAccessManager network;
        std::unique_ptr<QNetworkReply> reply(
            network.get(QNetworkRequest(QUrl(u"http://127.0.0.1:%1/twilio/media"_s.arg(m_port)))));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        QVERIFY(finished.wait(5000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 426);
        QCOMPARE(reply->rawHeader("Upgrade"), QByteArray("websocket"));
    }

    void metricsAcrossReconnects_data()
    {
        QTest::addColumn<bool>("withStop"); // false: the socket drops without a stop
        QTest::newRow("stop") << true;
        QTest::newRow("drop") << false;
    }

    void metricsAcrossReconnects()
    {
        QFETCH(bool, withStop);
        startMedia(Ai::Off);
        QSignalSpy finished(m_media.get(), &MediaStreamServer::sessionFinished);
        const QDateTime firstStart = m_fixture.clock.now();
        const QList<qint64> connectedMs{4000, 2500, 1250};
        for (int i = 0; i < connectedMs.size(); ++i) {
            auto client = connectTwilio();
            QVERIFY(client);
            client->start(u"MZ%1"_s.arg(i));
            QTRY_COMPARE(call().streamConnectCount, i + 1);
            client->media(20);
            QTRY_COMPARE(m_media->counters().framesIn, quint64(i + 1));
            m_fixture.clock.advanceMs(connectedMs.at(i));
            if (withStop)
                client->stop();
            else
                client->socket.abort();
            QTRY_COMPARE_WITH_TIMEOUT(finished.size(), i + 1, 10000);
            client.reset();
            m_fixture.clock.advanceMs(10'000); // the gap between connects is not streamed time
        }
        const Call stored = call();
        QCOMPARE(stored.streamConnectCount, 3);
        QCOMPARE(stored.streamStartedAt, firstStart);
        QCOMPARE(stored.streamEndedAt, firstStart.addMSecs(4000 + 10'000 + 2500 + 10'000 + 1250));
        QCOMPARE(stored.streamDurationSec, 7.75);
        QCOMPARE(stored.streamSid, u"MZ2"_s);
        QCOMPARE(stored.status, CallStatus::Ringing); // the media path never writes the status
        QCOMPARE(m_media->counters().framesIn, 3u);
    }

    void badFrameClosesOnlyItsSocket_data()
    {
        QTest::addColumn<QString>("frame");
        QTest::addColumn<bool>("binary");
        QTest::addColumn<int>("closeCode");
        QTest::addColumn<bool>("oversized");
        QTest::newRow("not JSON") << u"{oops"_s << false << int(QWebSocketProtocol::CloseCodeProtocolError) << false;
        QTest::newRow("payload a number") << u"{\"event\":\"media\",\"media\":{\"payload\":5}}"_s << false
                                          << int(QWebSocketProtocol::CloseCodeProtocolError) << false;
        QTest::newRow("oversized") << u"{\"event\":\"x\",\"pad\":\"%1\"}"_s.arg(QString(70'000, u'a')) << false
                                   << int(QWebSocketProtocol::CloseCodeTooMuchData) << true;
        QTest::newRow("binary") << u"AAAA"_s << true << int(QWebSocketProtocol::CloseCodeDatatypeNotSupported) << false;
    }

    void badFrameClosesOnlyItsSocket()
    {
        QFETCH(QString, frame);
        QFETCH(bool, binary);
        QFETCH(int, closeCode);
        QFETCH(bool, oversized);
        startMedia(Ai::Off);
        QSignalSpy finished(m_media.get(), &MediaStreamServer::sessionFinished);
        auto bad = connectTwilio();
        auto good = connectTwilio();
        QVERIFY(bad && good);
        bad->start(u"MZbad"_s);
        good->start(u"MZgood"_s);
        QTRY_COMPARE(call().streamConnectCount, 2);

        QSignalSpy badClosed(&bad->socket, &QWebSocket::disconnected);
        if (binary)
            bad->socket.sendBinaryMessage(frame.toLatin1());
        else
            bad->socket.sendTextMessage(frame);
        QTRY_COMPARE(badClosed.size(), 1);
        QCOMPARE(int(bad->socket.closeCode()), closeCode);
        QVERIFY(!bad->socket.closeReason().isEmpty());
        QCOMPARE(m_media->counters().oversizedFrames, oversized ? 1u : 0u);
        QCOMPARE(m_media->counters().malformedFrames, oversized ? 0u : 1u);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);

        // The other stream is untouched and keeps being served.
        good->media(20);
        QTRY_COMPARE(m_media->counters().framesIn, 1u);
        QCOMPARE(good->socket.state(), QAbstractSocket::ConnectedState);
        good->stop();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 10000);
        QCOMPARE(call().streamConnectCount, 2);
    }

    void unknownCallIsClosed()
    {
        startMedia(Ai::Off);
        auto client = connectTwilio();
        QVERIFY(client);
        QSignalSpy closed(&client->socket, &QWebSocket::disconnected);
        client->start(u"MZ1"_s, u"CAffffffffffffffffffffffffffffffff"_s);
        QTRY_COMPARE(closed.size(), 1);
        QCOMPARE(client->socket.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
        QCOMPARE(m_media->counters().unknownCalls, 1u);
    }

    void bridgeToRealtime()
    {
        const qint64 businessId = m_storage->runBlocking([](StorageSession &s) {
            return Businesses(s).create(u"Shoes"_s, {}, u"You sell shoes."_s);
        }).value().id;
        const QString sid = u"CAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"_s;
        auto created = m_storage->runBlocking([&](StorageSession &s) {
            return CallCreation(s).createInbound({sid, u"+15550001111"_s, u"+15550002222"_s, businessId});
        });
        SB_VERIFY_OK(created);
        startMedia(Ai::Fake);
        auto client = connectTwilio();
        QVERIFY(client);
        client->start(u"MZ1"_s, sid);

        // The AI socket: the documented URL and header, then session.update with the business's prompt.
        QTRY_COMPARE(m_fake->connectionCount(), 1);
        QTRY_COMPARE(m_fake->received(0, u"session.update"_s).size(), 1);
        FakeRealtimeServer::Connection &ai = m_fake->connection(0);
        QCOMPARE(ai.url.path(), u"/v1/realtime"_s);
        QCOMPARE(ai.url.query(), u"model=gpt-realtime"_s);
        QCOMPARE(ai.authorization, QByteArray("Bearer sk-test"));
        const QJsonObject session = ai.received.first().value(u"session"_s).toObject();
        QCOMPARE(ai.received.first().value(u"type"_s).toString(), u"session.update"_s);
        QCOMPARE(session.value(u"instructions"_s).toString(), u"You sell shoes."_s);
        QCOMPARE(session[u"audio"_s][u"input"_s][u"format"_s][u"type"_s].toString(), u"audio/pcmu"_s);
        QCOMPARE(session[u"audio"_s][u"output"_s][u"format"_s][u"type"_s].toString(), u"audio/pcmu"_s);
        QCOMPARE(session[u"audio"_s][u"output"_s][u"voice"_s].toString(), u"alloy"_s);
        QVERIFY(session[u"audio"_s][u"input"_s][u"transcription"_s].isObject());

        // Caller audio goes to the AI unchanged.
        const QString payload = QString::fromLatin1(QByteArray("\x01\x02\xfe\xff hello µ-law").toBase64());
        client->media(100, payload);
        client->media(120);
        QTRY_COMPARE(m_fake->received(0, u"input_audio_buffer.append"_s).size(), 2);
        QCOMPARE(m_fake->received(0, u"input_audio_buffer.append"_s).at(0).value(u"audio"_s).toString(), payload);
        QCOMPARE(ai.raw.at(1), u"{\"type\":\"input_audio_buffer.append\",\"audio\":\"%1\"}"_s.arg(payload));

        // AI audio (GA and beta names) comes back as media, each followed by a mark.
        m_fake->sendAudioDelta(0, u"item_a"_s, u"AAAA"_s);
        m_fake->sendAudioDelta(0, u"item_a"_s, u"BBBB"_s, true);
        QTRY_COMPARE(client->received.size(), 4);
        QCOMPARE(client->received.at(0).value(u"event"_s).toString(), u"media"_s);
        QCOMPARE(client->received.at(0).value(u"streamSid"_s).toString(), u"MZ1"_s);
        QCOMPARE(client->received.at(0)[u"media"_s][u"payload"_s].toString(), u"AAAA"_s);
        QCOMPARE(client->received.at(1).value(u"event"_s).toString(), u"mark"_s);
        QCOMPARE(client->received.at(2)[u"media"_s][u"payload"_s].toString(), u"BBBB"_s);
        QCOMPARE(client->received.at(3).value(u"event"_s).toString(), u"mark"_s);

        // Barge-in while marks are pending: clear to Twilio, truncate to the AI.
        client->media(820);
        QTRY_COMPARE(m_fake->received(0, u"input_audio_buffer.append"_s).size(), 3);
        m_fake->sendSpeechStarted(0);
        QTRY_COMPARE(client->receivedEvents(u"clear"_s).size(), 1);
        QTRY_COMPARE(m_fake->received(0, u"conversation.item.truncate"_s).size(), 1);
        const QJsonObject truncate = m_fake->received(0, u"conversation.item.truncate"_s).first();
        QCOMPARE(truncate.value(u"item_id"_s).toString(), u"item_a"_s);
        QCOMPARE(truncate.value(u"content_index"_s).toInt(), 0);
        QCOMPARE(truncate.value(u"audio_end_ms"_s).toInt(), 820 - 120);
        QCOMPARE(m_media->counters().bargeIns, 1u);

        // With the mark queue empty, speech is not a barge-in.
        m_fake->sendSpeechStarted(0);
        m_fake->sendAudioDelta(0, u"item_b"_s, u"CCCC"_s);
        QTRY_COMPARE(client->receivedEvents(u"media"_s).size(), 3);
        QCOMPARE(client->receivedEvents(u"clear"_s).size(), 1);

        // Both sides' words land in the realtime transcript, in order.
        m_fake->sendCallerTranscript(0, u"שלום, יש לכם נעליים?"_s);
        m_fake->sendAgentTranscript(0, u"כן, במגוון מידות."_s);
        m_fake->sendAgentTranscript(0, u"Anything else?"_s, true);
        QTRY_COMPARE(m_media->counters().transcriptLines, 3u);
        QCOMPARE(call(sid).transcription,
                 u"caller: שלום, יש לכם נעליים?\nagent: כן, במגוון מידות.\nagent: Anything else?\n"_s);
    }

    void bridgeOverUnixSockets()
    {
        // Twilio through a TLS proxy on the host (the backend's Unix socket), the AI through one
        // too: the same bridge, and the AI's handshake still names the https URL's host and path.
        QTemporaryDir directory;
        const QString aiSocket = directory.filePath(u"ai.sock"_s);
        const QString httpSocket = directory.filePath(u"http.sock"_s);
        QVERIFY(m_fake->listenOnUnixSocket(aiSocket));
        const auto listening = m_http->listenUnixSocket(httpSocket);
        QVERIFY2(listening.ok(), qPrintable(listening.error().message));
        MediaSettings settings;
        settings.publicUrl = QUrl(kPublicUrl);
        settings.authToken = kToken;
        settings.realtime.apiKey = "sk-test";
        settings.realtime.baseUrl = QUrl(u"https://api.openai.example/v1"_s);
        settings.realtime.unixSocket = aiSocket;
        m_media = std::make_unique<MediaStreamServer>(*m_http, *m_storage, settings);

        UnixSocketTwilioClient client;
        client.connection.connectToUnixSocket(httpSocket, "switchboard.example.com", "/twilio/media",
                                              {"X-Twilio-Signature: " + sign(kSignedUrl)});
        QTRY_VERIFY(client.open || client.closed);
        QVERIFY2(client.open, qPrintable(client.connection.errorString()));
        client.send({{u"event"_s, u"connected"_s}, {u"protocol"_s, u"Call"_s}, {u"version"_s, u"1.0.0"_s}});
        client.send(startMessage(u"MZunix"_s, kCallSid));
        client.send(mediaMessage(u"MZunix"_s, 2, 100, kPayload));

        QTRY_COMPARE(m_fake->received(0, u"input_audio_buffer.append"_s).size(), 1);
        QCOMPARE(m_fake->received(0, u"input_audio_buffer.append"_s).first().value(u"audio"_s).toString(), kPayload);
        const FakeRealtimeServer::Connection &ai = m_fake->connection(0);
        QCOMPARE(ai.url.host(), u"api.openai.example"_s);
        QCOMPARE(ai.url.path(), u"/v1/realtime"_s);
        QCOMPARE(ai.authorization, QByteArray("Bearer sk-test"));

        m_fake->sendAudioDelta(0, u"item_a"_s, u"AAAA"_s);
        QTRY_COMPARE(client.received.size(), 2);
        QCOMPARE(client.received.at(0)[u"media"_s][u"payload"_s].toString(), u"AAAA"_s);
        QCOMPARE(client.received.at(1).value(u"event"_s).toString(), u"mark"_s);

        client.send({{u"event"_s, u"stop"_s}, {u"sequenceNumber"_s, u"3"_s}, {u"streamSid"_s, u"MZunix"_s}});
        QTRY_VERIFY(!m_fake->connection(0).open);
        QTRY_COMPARE(call().streamConnectCount, 1);
        QTRY_VERIFY(call().streamEndedAt.isValid());
    }

    void aiSocketClosedWithinTwoSeconds_data()
    {
        QTest::addColumn<bool>("withStop");
        QTest::newRow("stop") << true;
        QTest::newRow("socket closed") << false;
    }

    void aiSocketClosedWithinTwoSeconds()
    {
        QFETCH(bool, withStop);
        startMedia(Ai::Fake);
        auto client = connectTwilio();
        QVERIFY(client);
        client->start(u"MZ1"_s);
        QTRY_COMPARE(m_fake->received(0, u"session.update"_s).size(), 1);
        QElapsedTimer sinceEnd;
        sinceEnd.start();
        if (withStop)
            client->stop(true); // the AI goes at the stop, before Twilio closes the socket
        else
            client->socket.close();
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->openConnections(), 0, 2000);
        QVERIFY2(sinceEnd.elapsed() < 2000, qPrintable(QString::number(sinceEnd.elapsed())));
    }

    void aiUnreachableCallGoesOn_data()
    {
        QTest::addColumn<Ai>("ai");
        QTest::newRow("tcp port closed") << Ai::Unreachable;
        QTest::newRow("unix socket missing") << Ai::UnreachableSocket;
    }

    void aiUnreachableCallGoesOn()
    {
        QFETCH(Ai, ai);
        startMedia(ai);
        QSignalSpy finished(m_media.get(), &MediaStreamServer::sessionFinished);
        auto client = connectTwilio();
        QVERIFY(client);
        client->start(u"MZ1"_s);
        QTRY_COMPARE(m_media->counters().aiFailures, 1u);
        client->media(20);
        client->media(40);
        QTRY_COMPARE(m_media->counters().framesIn, 2u);
        QCOMPARE(client->socket.state(), QAbstractSocket::ConnectedState);
        m_fixture.clock.advanceMs(3000);
        client->stop();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        const Call stored = call();
        QCOMPARE(stored.streamConnectCount, 1);
        QCOMPARE(stored.streamDurationSec, 3.0);
        QCOMPARE(m_media->counters().aiSessions, 1u);
    }

    void withoutAiStillMeasured()
    {
        startMedia(Ai::Off);
        QSignalSpy finished(m_media.get(), &MediaStreamServer::sessionFinished);
        auto client = connectTwilio();
        QVERIFY(client);
        client->start(u"MZ1"_s);
        client->media(20);
        QTRY_COMPARE(m_media->counters().framesIn, 1u);
        m_fixture.clock.advanceMs(1500);
        client->stop();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        QCOMPARE(call().streamDurationSec, 1.5);
        QCOMPARE(m_fake->connectionCount(), 0);
        QCOMPARE(m_media->counters().aiSessions, 0u);
    }

    void framesFlowWhileTheHttpThreadIsBusy()
    {
        // The backend serves streams on their own thread: this thread (the HTTP server's) stops
        // handling events, as under a burst of webhooks, and the frames are still taken.
        startMediaOnItsThread(Ai::Off);
        auto client = connectTwilio();
        QVERIFY(client);
        client->start(u"MZ1"_s);
        QTRY_COMPARE(m_media->counters().streamsStarted, 1u);
        constexpr int kFrames = 50;
        for (int i = 0; i < kFrames; ++i)
            client->media(20 * (i + 1));
        QVERIFY(client->socket.flush()); // into the kernel now, not from this thread's event loop
        const QDeadlineTimer deadline(10000);
        while (m_media->counters().framesIn < quint64(kFrames) && !deadline.hasExpired())
            QThread::msleep(1); // no event processing here: only the stream thread can count them
        QCOMPARE(m_media->counters().framesIn, quint64(kFrames));
        QCOMPARE(m_media->activeSessions(), 1);
    }

    void bridgeOnTheStreamThread()
    {
        // The whole bridge on the stream thread: AI socket, appends, the answered call's signal
        // (queued to this thread), and the AI socket closed when the server goes.
        startMediaOnItsThread(Ai::Fake);
        QStringList answered;
        connect(m_media.get(), &MediaStreamServer::streamStarted, this,
                [&](const QString &callSid) { answered << callSid; });
        auto client = connectTwilio();
        QVERIFY(client);
        client->start(u"MZ1"_s);
        QTRY_COMPARE(m_fake->received(0, u"session.update"_s).size(), 1);
        client->media(20);
        client->media(40);
        QTRY_COMPARE(m_fake->received(0, u"input_audio_buffer.append"_s).size(), 2);
        QTRY_COMPARE(answered, QStringList{kCallSid});
        m_media.reset(); // the streams are deleted on their thread: the AI socket closes
        QTRY_COMPARE(m_fake->openConnections(), 0);
        QTRY_COMPARE(call().streamConnectCount, 1);
    }

    void deletedRightAfterItsThreadStarts()
    {
        // The backend torn down at once after start: the stream thread may not have set up its
        // event loop yet, and the streams must still be deleted there, not leaked.
        for (int i = 0; i < 20; ++i) {
            startMediaOnItsThread(Ai::Off);
            QSignalSpy gone(&m_media->prompts(), &QObject::destroyed);
            m_media.reset();
            QCOMPARE(gone.size(), 1);
            stopStreamThread();
        }
    }

    void promptBuiltOnceAcrossReconnects()
    {
        startMedia(Ai::Fake);
        QSignalSpy finished(m_media.get(), &MediaStreamServer::sessionFinished);
        for (int i = 0; i < 3; ++i) {
            auto client = connectTwilio();
            QVERIFY(client);
            client->start(u"MZ%1"_s.arg(i));
            QTRY_COMPARE(m_fake->connectionCount(), i + 1);
            QTRY_COMPARE(m_fake->received(i, u"session.update"_s).size(), 1);
            client->socket.abort();
            QTRY_COMPARE_WITH_TIMEOUT(finished.size(), i + 1, 10000);
        }
        QCOMPARE(m_media->prompts().buildCount(), 1);
        const QString defaultPrompt = PromptBuilder::defaultPrompt(PromptBuilder::Channel::Call);
        QVERIFY(!defaultPrompt.isEmpty());
        for (int i = 0; i < 3; ++i) {
            const QJsonObject update = m_fake->received(i, u"session.update"_s).first();
            QCOMPARE(update[u"session"_s][u"instructions"_s].toString(), defaultPrompt);
        }
        QCOMPARE(call().streamConnectCount, 3);
    }
};

QTEST_GUILESS_MAIN(TestMediaSession)
#include "tst_mediasession.moc"
