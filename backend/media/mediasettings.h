#pragma once

#include "realtimebridge.h"

#include <QByteArray>
#include <QUrl>

namespace sb {

struct BackendConfig;

/// What the media module is configured with (from BackendConfig).
struct MediaSettings
{
    QUrl publicUrl;       ///< SWITCHBOARD_PUBLIC_URL: the handshake is signed on its ws/wss form
    QByteArray authToken; ///< TWILIO_AUTH_TOKEN; without it every handshake is refused
    RealtimeSettings realtime;
    int maxFrameBytes = 64 * 1024; ///< a larger frame closes its socket (Twilio's are < 1 KiB, ASCII)

    static MediaSettings fromConfig(const BackendConfig &config);
    /// The URL Twilio signs the handshake with: publicUrl as ws/wss + `/twilio/media`.
    QString signedUrl() const;
};

} // namespace sb
