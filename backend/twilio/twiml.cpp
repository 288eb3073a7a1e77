#include "twiml.h"

#include <QXmlStreamWriter>

namespace sb {

QUrl mediaStreamUrl(const QUrl &publicUrl)
{
    QUrl url = publicUrl.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo);
    url.setScheme(publicUrl.scheme() == u"https" ? QStringLiteral("wss") : QStringLiteral("ws"));
    QString path = url.path();
    if (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path + QStringLiteral("/twilio/media"));
    return url;
}

namespace {
QUrl publicEndpoint(const QUrl &publicUrl, const QString &endpoint)
{
    QUrl url = publicUrl.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment);
    QString path = url.path();
    if (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path + endpoint);
    return url;
}
} // namespace

QByteArray connectStreamTwiml(const QUrl &publicUrl, const QList<QPair<QString, QString>> &parameters)
{
    QByteArray xml;
    QXmlStreamWriter writer(&xml);
    writer.writeStartDocument();
    writer.writeStartElement(QStringLiteral("Response"));
    writer.writeStartElement(QStringLiteral("Connect"));
    writer.writeStartElement(QStringLiteral("Stream"));
    writer.writeAttribute(QStringLiteral("url"), mediaStreamUrl(publicUrl).toString());
    writer.writeAttribute(QStringLiteral("statusCallback"),
                          publicEndpoint(publicUrl, QStringLiteral("/twilio/stream-status")).toString());
    writer.writeAttribute(QStringLiteral("statusCallbackMethod"), QStringLiteral("POST"));
    for (const auto &[name, value] : parameters) {
        writer.writeEmptyElement(QStringLiteral("Parameter"));
        writer.writeAttribute(QStringLiteral("name"), name);
        writer.writeAttribute(QStringLiteral("value"), value);
    }
    writer.writeEndDocument();
    return xml;
}

} // namespace sb
