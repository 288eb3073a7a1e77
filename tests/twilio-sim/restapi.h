#pragma once

#include "http/httpserver.h"
#include "restparams.h"

#include <QJsonObject>
#include <QList>
#include <memory>

namespace sb::sim {

class CallDriver;
class Simulator;
struct SimRecording;

/**
 * @brief Twilio's REST subset under `/2010-04-01/Accounts/{AccountSid}/`.
 *
 * Calls.json (create, list), Calls/{Sid}.json (fetch, update), Calls/{Sid}/Recordings.json
 * (start), Recordings/{Sid}.json (metadata) and Recordings/{Sid}[.wav] (media). Every request
 * is counted by endpoint, then passes the armed REST faults, then Basic auth, then its handler.
 * Shapes and field names follow twilio_api_v2010.json.
 */
class RestApi
{
public:
    RestApi(Simulator &simulator, HttpServer &server);
    ~RestApi();

    /// Answers every request held by `rest_timeout` (with a 504), e.g. before a reset.
    void releaseHeld();

    static HttpResponse error(const TwilioError &error);

private:
    using Handler = std::function<HttpResponse(const HttpRequest &)>;
    void add(HttpServer::Method method, const QString &endpoint, Handler handler);
    std::optional<TwilioError> authenticate(const HttpRequest &request) const;

    HttpResponse createCall(const HttpRequest &request);
    HttpResponse listCalls(const HttpRequest &request);
    HttpResponse fetchCall(const HttpRequest &request);
    HttpResponse updateCall(const HttpRequest &request);
    HttpResponse startRecording(const HttpRequest &request);
    HttpResponse fetchRecording(const HttpRequest &request);
    HttpResponse recordingMedia(const HttpRequest &request);

    QString accountPath() const;
    QJsonObject callJson(const CallDriver &driver) const;
    QJsonObject recordingJson(const SimRecording &recording, bool underCall) const;
    HttpResponse notFound(const HttpRequest &request) const;

    Simulator &m_simulator;
    std::vector<std::shared_ptr<HttpResponder>> m_held;
};

} // namespace sb::sim
