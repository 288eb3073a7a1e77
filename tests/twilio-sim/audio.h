#pragma once

#include <QByteArray>
#include <QString>

namespace sb::sim {

/// G.711 µ-law to 16-bit linear PCM (ITU-T G.711, the table every decoder uses).
qint16 mulawToLinear(quint8 mulaw);

/// The committed caller speech for @p language (`en` or `he`): raw 8 kHz mono µ-law.
QByteArray speechClip(const QString &language);

/// Bytes [offset, offset + length) of @p clip, wrapping around so a call can talk for any time.
QByteArray loopedSlice(const QByteArray &clip, qint64 offset, int length);

/**
 * @brief A WAV file (RIFF, PCM 16-bit, 8 kHz) from µ-law channels, as Twilio serves `.wav`.
 *
 * With two channels the samples are interleaved; the shorter channel is padded with silence.
 */
QByteArray wavFromMulaw(const QByteArray &left, const QByteArray &right = {}, bool stereo = false);

} // namespace sb::sim
