#include "simstats.h"

namespace sb::sim {

namespace {
QJsonObject counts(const QHash<QString, int> &hash)
{
    QJsonObject object;
    for (auto it = hash.cbegin(); it != hash.cend(); ++it)
        object.insert(it.key(), it.value());
    return object;
}
} // namespace

QJsonObject SimStats::toJson() const
{
    return {
        {QStringLiteral("rest"), counts(m_rest)},
        {QStringLiteral("webhooks"), counts(m_webhooks)},
        {QStringLiteral("webhook_failures"), counts(m_webhookFailures)},
        {QStringLiteral("stream_connects"), m_streamConnects},
        {QStringLiteral("media_frames_sent"), m_framesSent},
        {QStringLiteral("media_frames_received"), m_framesReceived},
        {QStringLiteral("marks_echoed"), m_marksEchoed},
    };
}

} // namespace sb::sim
