#pragma once

#include "simtypes.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QTimer>
#include <QWebSocket>

namespace sb::sim {

class SimStats;

/// What a call tells its Media Stream: where to connect and what to say.
struct StreamPlan
{
    QUrl url;
    QString accountSid;
    QString callSid;
    QList<QPair<QString, QString>> parameters; ///< `<Parameter>`s, for `start.customParameters`
    int totalFrames = 100;                      ///< 20 ms frames of caller audio before `stop`
    bool dropAndReconnect = false;              ///< the `stream_drop_reconnect` fault
};

/**
 * @brief Twilio's side of one `<Connect><Stream>`: a WebSocket client speaking the Media Streams
 * protocol (twilio-protocol.md section 5).
 *
 * Sends `connected`, `start`, then 160-byte µ-law `media` frames on a clock (the pacing option;
 * 0 sends as fast as the socket takes them), echoes every `mark` the server sends, and ends with
 * `stop` and a close. With dropAndReconnect it aborts the socket halfway without `stop` and opens
 * a new one with a new StreamSid, as a network drop would.
 */
class MediaStreamer : public QObject
{
    Q_OBJECT
public:
    MediaStreamer(const SimOptions &options, SimStats &stats, StreamPlan plan, QByteArray speech,
                  QObject *parent = nullptr);
    ~MediaStreamer() override;

    void start();
    /// The call hangs up: `stop` now (if connected) and close.
    void hangUp();

    QStringList streamSids() const { return m_streamSids; }

signals:
    void streamStarted(const QString &streamSid);
    /// Caller audio that went out (what a recording hears on the inbound track).
    void audioSent(const QByteArray &mulaw);
    /// Audio the server sent back (the outbound track).
    void audioReceived(const QByteArray &mulaw);
    /// The stream is over: all audio sent and `stop` written, or the server closed it, or it failed.
    void finished(bool ok);

private:
    void connectSocket();
    void onConnected();
    void onMessage(const QString &text);
    void onDisconnected();
    void pump();
    void sendJson(const QJsonObject &object);
    void finish(bool ok);

    const SimOptions &m_options;
    SimStats &m_stats;
    StreamPlan m_plan;
    QByteArray m_speech;
    QPointer<QWebSocket> m_socket;
    QTimer m_clock;
    QElapsedTimer m_elapsed;
    QString m_streamSid;
    QStringList m_streamSids;
    int m_sequence = 0;   ///< per connection; `start` is 1
    int m_chunk = 0;      ///< per connection, counts media frames from 1
    int m_frameIndex = 0; ///< across the whole stream, selects the audio
    int m_framesAtConnect = 0;
    bool m_dropped = false;
    bool m_done = false;
};

} // namespace sb::sim
