#include "realtimebridge.h"

#include "async.h"
#include "mediacounters.h"
#include "promptbuilder.h"
#include "storage/storage.h"
#include "storage/transcripts.h"

#include "shared/logging.h"
#include "shared/lograte.h"

#include "websocketframes.h"

#include <QUrlQuery>

#include <charconv>

using namespace Qt::StringLiterals;

namespace sb {

QUrl RealtimeSettings::realtimeUrl() const
{
    QUrl url = baseUrl;
    url.setScheme(baseUrl.scheme() == u"https" ? u"wss"_s : u"ws"_s);
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path + u"/realtime"_s);
    QUrlQuery query;
    query.addQueryItem(u"model"_s, model);
    url.setQuery(query);
    return url;
}

RealtimeBridge::RealtimeBridge(const Context &context, const QString &callSid, CallerAudioSink *sink, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_callSid(callSid)
    , m_sink(sink)
    , m_socket(RealtimeTransport::create(context.settings.realtimeUrl(), context.settings.unixSocket, context.reactor,
                                         kMaxEventBytes, this))
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (m_state == State::Connecting)
            fail(u"no answer within %1 ms"_s.arg(m_context.settings.connectTimeoutMs));
        else if (m_state == State::Closing) {
            m_socket->abort(); // the peer did not finish the closing handshake in time
            m_socketGone = true;
            maybeDelete();
        }
    });
}

RealtimeBridge::~RealtimeBridge()
{
    m_socket->abort();
}

void RealtimeBridge::start()
{
    ++m_context.counters.aiSessions;
    m_socket->open(m_context.settings.realtimeUrl(), "Bearer " + m_context.settings.apiKey);
    m_timer.start(m_context.settings.connectTimeoutMs);
    m_context.prompts.promptFor(m_callSid, this, [this](const QString &prompt) {
        m_prompt = prompt;
        m_promptReady = true;
        maybeStartSession();
    });
}

void RealtimeBridge::onTransportOpen()
{
    m_socketOpen = true;
    maybeStartSession();
}

void RealtimeBridge::maybeStartSession()
{
    if (m_state != State::Connecting || !m_socketOpen || !m_promptReady)
        return;
    m_timer.stop();
    m_state = State::Ready;
    const RealtimeSessionSettings session{m_context.settings.model, m_context.settings.voice,
                                          m_context.settings.transcriptionModel, m_prompt};
    m_socket->sendText(RealtimeProtocol::sessionUpdate(session));
    for (const QByteArray &payloadJson : m_buffered)
        m_socket->sendTextParts(RealtimeProtocol::append(payloadJson));
    m_context.counters.framesToAi += m_buffered.size();
    m_buffered.clear();
}

void RealtimeBridge::appendCallerAudio(QByteArrayView payloadJson, qint64 timestampMs)
{
    if (timestampMs >= 0)
        m_latestMediaTs = timestampMs;
    switch (m_state) {
    case State::Ready:
        m_socket->sendTextParts(RealtimeProtocol::append(payloadJson));
        ++m_context.counters.framesToAi;
        break;
    case State::Connecting:
        if (m_buffered.size() >= size_t(kMaxBufferedFrames)) {
            m_buffered.pop_front();
            ++m_context.counters.framesDroppedBeforeAi;
        }
        m_buffered.push_back(payloadJson.toByteArray());
        break;
    case State::Failed:
    case State::Closing:
        break;
    }
}

void RealtimeBridge::markPlayed()
{
    // Twilio echoes in order, so only the count matters; a stranger's name still means one played.
    if (m_unplayedMarks > 0)
        --m_unplayedMarks;
}

void RealtimeBridge::onTransportText(QByteArrayView utf8)
{
    const char *error = nullptr;
    if (!RealtimeProtocol::parse(utf8, m_event, error)) {
        ++m_context.counters.aiMalformedEvents;
        SB_LOG_RATE_LIMITED(qCWarning(lcMedia), m_context.logRate, u"ai-malformed"_s,
                            "malformed event from the Realtime AI:" << error);
        return;
    }
    switch (m_event.type) {
    case RealtimeEvent::Type::AudioDelta: {
        if (!m_sink || m_state != State::Ready)
            return;
        if (m_event.itemId != m_lastAssistantItem) {
            // The first delta of a new assistant item: where its playback starts.
            m_lastAssistantItem = m_event.itemId.toByteArray();
            m_responseStartTs = m_latestMediaTs;
        } else if (m_responseStartTs < 0) {
            m_responseStartTs = m_latestMediaTs;
        }
        m_sink->sendMediaToCaller(m_event.delta);
        char mark[24] = "sb"; // on the stack: nothing allocated per frame
        const char *end = std::to_chars(mark + 2, mark + sizeof mark, ++m_markCounter).ptr;
        m_sink->sendMarkToCaller(QByteArrayView(mark, end - mark));
        ++m_unplayedMarks;
        ++m_context.counters.audioToCaller;
        break;
    }
    case RealtimeEvent::Type::SpeechStarted:
        if (m_unplayedMarks > 0 && !m_lastAssistantItem.isEmpty())
            bargeIn();
        break;
    case RealtimeEvent::Type::CallerTranscript:
        storeTranscript(u"caller"_s, m_event.text);
        break;
    case RealtimeEvent::Type::AgentTranscript:
        storeTranscript(u"agent"_s, m_event.text);
        break;
    case RealtimeEvent::Type::Error:
        ++m_context.counters.aiErrorEvents;
        SB_LOG_RATE_LIMITED(qCWarning(lcMedia), m_context.logRate, u"ai-error-event"_s,
                            "the Realtime AI reported" << m_event.text);
        break;
    case RealtimeEvent::Type::Other:
        break;
    }
}

void RealtimeBridge::bargeIn()
{
    ++m_context.counters.bargeIns;
    const qint64 played = m_responseStartTs >= 0 ? m_latestMediaTs - m_responseStartTs : 0;
    m_socket->sendText(RealtimeProtocol::truncate(m_lastAssistantItem, played));
    if (m_sink)
        m_sink->clearCaller();
    m_unplayedMarks = 0;
    m_lastAssistantItem.clear();
    m_responseStartTs = -1;
}

void RealtimeBridge::storeTranscript(const QString &speaker, const QString &text)
{
    if (text.trimmed().isEmpty())
        return;
    m_lines.emplace_back(speaker, text);
    writeNextLine();
}

void RealtimeBridge::writeNextLine()
{
    // One line in flight at a time, so the transcript keeps the order the lines came in.
    if (m_lineInFlight || m_lines.empty()) {
        maybeDelete();
        return;
    }
    m_lineInFlight = true;
    auto [speaker, text] = std::move(m_lines.front());
    m_lines.pop_front();
    // Init-captures: clang before 16 cannot capture structured bindings by name.
    auto written = m_context.storage.run([callSid = m_callSid, speaker = speaker, text = std::move(text)](StorageSession &session) {
        return RealtimeTranscript(session).appendTranscriptLine(callSid, speaker, text);
    });
    whenReady(written, this, [this](const Result<Call> &result) {
        m_lineInFlight = false;
        if (result) {
            ++m_context.counters.transcriptLines;
        } else {
            ++m_context.counters.transcriptWriteFailures;
            SB_LOG_RATE_LIMITED(qCWarning(lcMedia), m_context.logRate, u"transcript-write"_s,
                                "could not store a transcript line:" << result.error().message);
        }
        writeNextLine();
    });
}

void RealtimeBridge::fail(const QString &why)
{
    if (m_state == State::Failed || m_state == State::Closing)
        return;
    m_state = State::Failed;
    m_timer.stop();
    m_context.counters.framesDroppedBeforeAi += m_buffered.size();
    m_buffered.clear();
    ++m_context.counters.aiFailures;
    SB_LOG_RATE_LIMITED(qCWarning(lcMedia), m_context.logRate, u"ai-failed"_s,
                        "the Realtime AI is unreachable or failed; the call goes on without it:" << why);
    m_socket->abort();
}

void RealtimeBridge::onTransportClosed()
{
    if (m_state == State::Connecting || m_state == State::Ready) {
        const QString error = m_socket->errorString();
        fail(error.isEmpty() ? u"the AI closed the connection (%1)"_s.arg(m_socket->closeCode()) : error);
        return;
    }
    if (m_state == State::Closing) {
        m_socketGone = true;
        m_timer.stop();
        maybeDelete();
    }
}

void RealtimeBridge::shutdown()
{
    m_sink = nullptr;
    if (m_state == State::Closing)
        return;
    const bool wasOpen = m_state == State::Ready || (m_state == State::Connecting && m_socketOpen);
    m_state = State::Closing;
    m_buffered.clear();
    if (wasOpen && m_socket->isOpen()) {
        m_socket->close(WebSocketCode::Normal, u"call ended"_s, m_context.settings.closeTimeoutMs);
        m_timer.start(m_context.settings.closeTimeoutMs);
    } else {
        m_socket->abort();
        m_socketGone = true;
    }
    maybeDelete();
}

void RealtimeBridge::maybeDelete()
{
    if (m_state != State::Closing || !m_socketGone || m_lineInFlight || !m_lines.empty() || m_closedEmitted)
        return;
    m_closedEmitted = true;
    emit closed();
    deleteLater();
}

} // namespace sb
