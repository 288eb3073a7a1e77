#include "audio.h"

#include <QFile>
#include <QtEndian>

#include <array>

namespace sb::sim {

qint16 mulawToLinear(quint8 mulaw)
{
    // Bits are stored inverted; 0x84 is the bias G.711 adds before encoding.
    static const std::array<qint16, 256> table = [] {
        std::array<qint16, 256> t{};
        for (int i = 0; i < 256; ++i) {
            const int u = ~i & 0xff;
            const int exponent = (u >> 4) & 0x07;
            const int mantissa = u & 0x0f;
            const int magnitude = (((mantissa << 3) + 0x84) << exponent) - 0x84;
            t[size_t(i)] = qint16((u & 0x80) ? -magnitude : magnitude);
        }
        return t;
    }();
    return table[mulaw];
}

QByteArray speechClip(const QString &language)
{
    const QString name = language == u"he" ? QStringLiteral(":/twiliosim/speech_he.ulaw")
                                           : QStringLiteral(":/twiliosim/speech_en.ulaw");
    QFile file(name);
    if (!file.open(QIODevice::ReadOnly))
        return QByteArray(8000, char(0xff)); // one second of µ-law silence if the resource is missing
    return file.readAll();
}

QByteArray loopedSlice(const QByteArray &clip, qint64 offset, int length)
{
    QByteArray out(length, char(0xff));
    if (clip.isEmpty())
        return out;
    for (int i = 0; i < length; ++i)
        out[i] = clip.at(qsizetype((offset + i) % clip.size()));
    return out;
}

QByteArray wavFromMulaw(const QByteArray &left, const QByteArray &right, bool stereo)
{
    const int channels = stereo ? 2 : 1;
    const qsizetype frames = stereo ? std::max(left.size(), right.size()) : left.size();
    const quint32 dataBytes = quint32(frames * channels * 2);
    QByteArray wav(44 + qsizetype(dataBytes), Qt::Uninitialized);
    char *p = wav.data();
    auto put32 = [&p](quint32 v) { qToLittleEndian(v, p); p += 4; };
    auto put16 = [&p](quint16 v) { qToLittleEndian(v, p); p += 2; };
    auto tag = [&p](const char *t) { memcpy(p, t, 4); p += 4; };
    tag("RIFF"); put32(36 + dataBytes); tag("WAVE");
    tag("fmt "); put32(16); put16(1); put16(quint16(channels)); put32(8000);
    put32(8000u * quint32(channels) * 2); put16(quint16(channels * 2)); put16(16);
    tag("data"); put32(dataBytes);
    for (qsizetype i = 0; i < frames; ++i) {
        put16(quint16(mulawToLinear(i < left.size() ? quint8(left.at(i)) : 0xff)));
        if (stereo)
            put16(quint16(mulawToLinear(i < right.size() ? quint8(right.at(i)) : 0xff)));
    }
    return wav;
}

} // namespace sb::sim
