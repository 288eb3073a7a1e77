#pragma once

#include "http/httpserver.h"

#include <QList>
#include <QObject>
#include <QQueue>
#include <QUrl>

#include <list>

namespace sb::test {

/**
 * @brief A stand-in for OpenAI's `POST /v1/audio/transcriptions` (twilio-protocol.md 9.1) on a
 * real port-0 socket: reads the multipart form, records what it got, and answers `{"text"}`,
 * an error body with a status, or nothing at all (a hung server), as scripted.
 */
class FakeTranscriptionServer : public QObject
{
    Q_OBJECT
public:
    struct Answer
    {
        int status = 200;
        QString text;
        bool hang = false; ///< never answer (the client times out, or the process is killed)

        static Answer ok(const QString &text) { return {200, text, false}; }
        static Answer error(int status) { return {status, {}, false}; }
        static Answer hangUp() { return {0, {}, true}; }
    };

    /// What one request carried.
    struct Request
    {
        QByteArray authorization;
        QString model;
        QString language;
        QString filename;
        QByteArray fileContentType;
        QByteArray file;
    };

    explicit FakeTranscriptionServer(QObject *parent = nullptr);
    ~FakeTranscriptionServer() override;

    Result<quint16> listen();
    /// What OPENAI_BASE_URL is set to: `http://127.0.0.1:PORT/v1`.
    QUrl baseUrl() const;

    /// The answer for every request once the queue is empty.
    void setDefaultAnswer(const Answer &answer) { m_default = answer; }
    /// Answers for the next requests, in order.
    void enqueue(const Answer &answer) { m_queue.enqueue(answer); }

    int requestCount() const { return int(m_requests.size()); }
    const QList<Request> &requests() const { return m_requests; }
    /// Requests whose form was not a valid transcription request (answered 400).
    int malformedCount() const { return m_malformed; }

private:
    void handle(HttpRequest &&request, HttpResponder &&responder);

    HttpServer m_server;
    quint16 m_port = 0;
    Answer m_default = Answer::ok(QStringLiteral("a default transcript of the call"));
    QQueue<Answer> m_queue;
    QList<Request> m_requests;
    std::list<HttpResponder> m_hung; ///< kept unanswered until the server goes away
    int m_malformed = 0;
};

} // namespace sb::test
