#include "faketranscriptionserver.h"

#include <QJsonObject>
#include <QRegularExpression>

namespace sb::test {

namespace {

struct Part
{
    QByteArray name;
    QByteArray filename;
    QByteArray contentType;
    QByteArray body;
};

/// Splits a multipart/form-data body; empty when it is not one.
QList<Part> parseMultipart(const QByteArray &contentType, const QByteArray &body)
{
    const qsizetype at = contentType.indexOf("boundary=");
    if (!contentType.startsWith("multipart/form-data") || at < 0)
        return {};
    QByteArray boundary = contentType.mid(at + 9);
    if (boundary.startsWith('"'))
        boundary = boundary.mid(1, boundary.indexOf('"', 1) - 1);
    const QByteArray delimiter = "--" + boundary;
    QList<Part> parts;
    qsizetype position = body.indexOf(delimiter);
    while (position >= 0) {
        position += delimiter.size();
        if (body.mid(position, 2) == "--")
            break;
        const qsizetype headersEnd = body.indexOf("\r\n\r\n", position);
        const qsizetype next = body.indexOf(QByteArray("\r\n" + delimiter), headersEnd);
        if (headersEnd < 0 || next < 0)
            return {};
        Part part;
        for (const QByteArray &line : body.mid(position, headersEnd - position).split('\n')) {
            const QByteArray header = line.trimmed();
            if (header.toLower().startsWith("content-disposition:")) {
                static const QRegularExpression name(QStringLiteral(" name=\"([^\"]*)\""));
                static const QRegularExpression filename(QStringLiteral("filename=\"([^\"]*)\""));
                const QString text = QString::fromUtf8(header);
                part.name = name.match(text).captured(1).toUtf8();
                part.filename = filename.match(text).captured(1).toUtf8();
            } else if (header.toLower().startsWith("content-type:")) {
                part.contentType = header.mid(13).trimmed();
            }
        }
        part.body = body.mid(headersEnd + 4, next - headersEnd - 4);
        parts.append(part);
        position = next + 2;
    }
    return parts;
}

} // namespace

FakeTranscriptionServer::FakeTranscriptionServer(QObject *parent)
    : QObject(parent)
{
    m_server.setMaxBodyBytes(64 * 1024 * 1024);
    m_server.route(HttpServer::Method::Post, QStringLiteral("/v1/audio/transcriptions"),
                   [this](HttpRequest &&request, HttpResponder &&responder) { handle(std::move(request), std::move(responder)); });
}

FakeTranscriptionServer::~FakeTranscriptionServer()
{
    // A hung request is never answered by a script; dropping its responder ends it with a 500.
    m_hung.clear();
}

Result<quint16> FakeTranscriptionServer::listen()
{
    auto port = m_server.listen(QHostAddress::LocalHost, 0);
    if (port)
        m_port = *port;
    return port;
}

QUrl FakeTranscriptionServer::baseUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1/v1").arg(m_port));
}

void FakeTranscriptionServer::handle(HttpRequest &&request, HttpResponder &&responder)
{
    Request seen;
    seen.authorization = request.header("Authorization");
    const QList<Part> parts = parseMultipart(request.header("Content-Type"), request.body);
    for (const Part &part : parts) {
        if (part.name == "model")
            seen.model = QString::fromUtf8(part.body);
        else if (part.name == "language")
            seen.language = QString::fromUtf8(part.body);
        else if (part.name == "file") {
            seen.filename = QString::fromUtf8(part.filename);
            seen.fileContentType = part.contentType;
            seen.file = part.body;
        }
    }
    m_requests.append(seen);
    if (seen.model.isEmpty() || seen.file.isEmpty() || seen.filename.isEmpty()) {
        ++m_malformed;
        responder.send(HttpResponse::json(
            QJsonObject{{QStringLiteral("error"), QJsonObject{{QStringLiteral("message"), QStringLiteral("file and model are required")},
                                                             {QStringLiteral("type"), QStringLiteral("invalid_request_error")}}}},
            400));
        return;
    }
    const Answer answer = m_queue.isEmpty() ? m_default : m_queue.dequeue();
    if (answer.hang) {
        m_hung.push_back(std::move(responder));
        return;
    }
    if (answer.status != 200) {
        responder.send(HttpResponse::json(
            QJsonObject{{QStringLiteral("error"), QJsonObject{{QStringLiteral("message"), QStringLiteral("scripted failure")},
                                                             {QStringLiteral("type"), QStringLiteral("server_error")}}}},
            answer.status));
        return;
    }
    responder.send(HttpResponse::json(QJsonObject{{QStringLiteral("text"), answer.text}}));
}

} // namespace sb::test
