#include "mediastreamer.h"

#include "audio.h"
#include "simstats.h"
#include "twilio/signature.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>

namespace sb::sim {

namespace {
constexpr int kFrameBytes = 160; // 20 ms of 8 kHz µ-law
constexpr int kBurstFrames = 50; // frames per event-loop turn when unpaced, so others still run
} // namespace

MediaStreamer::MediaStreamer(const SimOptions &options, SimStats &stats, StreamPlan plan, QByteArray speech,
                             QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_stats(stats)
    , m_plan(std::move(plan))
    , m_speech(std::move(speech))
{
    m_clock.setTimerType(Qt::PreciseTimer);
    m_clock.setInterval(std::max(0, m_options.framePacingMs));
    connect(&m_clock, &QTimer::timeout, this, &MediaStreamer::pump);
}

MediaStreamer::~MediaStreamer()
{
    if (m_socket)
        m_socket->abort();
}

void MediaStreamer::start()
{
    connectSocket();
}

void MediaStreamer::connectSocket()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->deleteLater();
    }
    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    connect(m_socket, &QWebSocket::connected, this, &MediaStreamer::onConnected);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &MediaStreamer::onMessage);
    connect(m_socket, &QWebSocket::disconnected, this, &MediaStreamer::onDisconnected);
    QNetworkRequest request(m_plan.url);
    // The handshake is signed over the stream URL with no parameters (twilio-protocol.md 6.1).
    request.setRawHeader("X-Twilio-Signature",
                         TwilioSignature::compute(m_options.authToken, m_plan.url.toString(QUrl::FullyEncoded), {}));
    m_socket->open(request);
}

void MediaStreamer::onConnected()
{
    m_stats.countStreamConnect();
    m_sequence = 0;
    m_chunk = 0;
    m_streamSid = newSid(u"MZ");
    m_streamSids << m_streamSid;
    QJsonObject parameters;
    for (const auto &[name, value] : m_plan.parameters)
        parameters.insert(name, value);
    sendJson({{QStringLiteral("event"), QStringLiteral("connected")},
              {QStringLiteral("protocol"), QStringLiteral("Call")},
              {QStringLiteral("version"), QStringLiteral("1.0.0")}});
    sendJson({{QStringLiteral("event"), QStringLiteral("start")},
              {QStringLiteral("sequenceNumber"), QString::number(++m_sequence)},
              {QStringLiteral("start"),
               QJsonObject{{QStringLiteral("accountSid"), m_plan.accountSid},
                           {QStringLiteral("streamSid"), m_streamSid},
                           {QStringLiteral("callSid"), m_plan.callSid},
                           {QStringLiteral("tracks"), QJsonArray{QStringLiteral("inbound")}},
                           {QStringLiteral("mediaFormat"),
                            QJsonObject{{QStringLiteral("encoding"), QStringLiteral("audio/x-mulaw")},
                                        {QStringLiteral("sampleRate"), 8000},
                                        {QStringLiteral("channels"), 1}}},
                           {QStringLiteral("customParameters"), parameters}}},
              {QStringLiteral("streamSid"), m_streamSid}});
    emit streamStarted(m_streamSid);
    m_framesAtConnect = m_frameIndex;
    m_elapsed.start();
    m_clock.start();
    pump();
}

void MediaStreamer::pump()
{
    if (!m_socket || m_socket->state() != QAbstractSocket::ConnectedState)
        return;
    // Paced: as many frames as the wall clock says are due, so timer jitter never drifts the rate.
    const int due = m_options.framePacingMs > 0
                        ? m_framesAtConnect + int(m_elapsed.elapsed() / m_options.framePacingMs) + 1
                        : m_frameIndex + kBurstFrames;
    while (m_frameIndex < std::min(due, m_plan.totalFrames)) {
        if (m_plan.dropAndReconnect && !m_dropped && m_frameIndex == m_plan.totalFrames / 2) {
            // A network drop: no `stop`, no close frame; Twilio then opens a new stream.
            m_dropped = true;
            m_clock.stop();
            m_socket->disconnect(this);
            m_socket->flush(); // what was sent before the drop did arrive
            m_socket->abort();
            connectSocket();
            return;
        }
        const QByteArray frame = loopedSlice(m_speech, qint64(m_frameIndex) * kFrameBytes, kFrameBytes);
        ++m_frameIndex;
        ++m_chunk;
        sendJson({{QStringLiteral("event"), QStringLiteral("media")},
                  {QStringLiteral("sequenceNumber"), QString::number(++m_sequence)},
                  {QStringLiteral("media"),
                   QJsonObject{{QStringLiteral("track"), QStringLiteral("inbound")},
                               {QStringLiteral("chunk"), QString::number(m_chunk)},
                               {QStringLiteral("timestamp"), QString::number((m_chunk - 1) * 20)},
                               {QStringLiteral("payload"), QString::fromLatin1(frame.toBase64())}}},
                  {QStringLiteral("streamSid"), m_streamSid}});
        m_stats.countFramesSent(1);
        emit audioSent(frame);
    }
    if (m_frameIndex >= m_plan.totalFrames)
        hangUp();
}

void MediaStreamer::hangUp()
{
    if (m_done)
        return;
    m_clock.stop();
    if (m_socket && m_socket->state() == QAbstractSocket::ConnectedState) {
        sendJson({{QStringLiteral("event"), QStringLiteral("stop")},
                  {QStringLiteral("sequenceNumber"), QString::number(++m_sequence)},
                  {QStringLiteral("streamSid"), m_streamSid},
                  {QStringLiteral("stop"), QJsonObject{{QStringLiteral("accountSid"), m_plan.accountSid},
                                                       {QStringLiteral("callSid"), m_plan.callSid}}}});
        m_socket->disconnect(this);
        m_socket->close();
    } else if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
    finish(true);
}

void MediaStreamer::onMessage(const QString &text)
{
    const QJsonObject message = QJsonDocument::fromJson(text.toUtf8()).object();
    const QString event = message.value(QStringLiteral("event")).toString();
    if (event == u"media") {
        const QByteArray audio = QByteArray::fromBase64(
            message.value(QStringLiteral("media")).toObject().value(QStringLiteral("payload")).toString().toLatin1());
        m_stats.countFramesReceived(1);
        emit audioReceived(audio);
    } else if (event == u"mark") {
        // Played at once: the simulator has no playback queue, so every mark is echoed immediately.
        sendJson({{QStringLiteral("event"), QStringLiteral("mark")},
                  {QStringLiteral("sequenceNumber"), QString::number(++m_sequence)},
                  {QStringLiteral("streamSid"), m_streamSid},
                  {QStringLiteral("mark"), message.value(QStringLiteral("mark")).toObject()}});
        m_stats.countMarkEchoed();
    }
    // `clear` needs nothing: no audio is ever buffered here.
}

void MediaStreamer::onDisconnected()
{
    // The server closed the stream (or never accepted it): `<Connect>` ends, the call goes on.
    m_clock.stop();
    finish(m_socket && m_streamSids.size() > 0);
}

void MediaStreamer::sendJson(const QJsonObject &object)
{
    m_socket->sendTextMessage(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)));
}

void MediaStreamer::finish(bool ok)
{
    if (std::exchange(m_done, true))
        return;
    emit finished(ok);
}

} // namespace sb::sim
