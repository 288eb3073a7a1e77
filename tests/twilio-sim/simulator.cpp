#include "simulator.h"

#include "audio.h"
#include "calldriver.h"
#include "controlapi.h"
#include "inboundgenerator.h"
#include "restapi.h"
#include "webhooksender.h"

namespace sb::sim {

Simulator::Simulator(SimOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_speech(speechClip(m_options.language))
    , m_webhooks(std::make_unique<WebhookSender>(m_options, m_stats))
    , m_rest(std::make_unique<RestApi>(*this, m_server))
    , m_control(std::make_unique<ControlApi>(*this, m_server))
    , m_inbound(std::make_unique<InboundGenerator>(*this))
{
}

Simulator::~Simulator()
{
    // Calls first: their streams and timers refer to the options and stats held here.
    qDeleteAll(m_callOrder);
    m_callOrder.clear();
    m_calls.clear();
}

Result<quint16> Simulator::listen(const QHostAddress &address, quint16 port)
{
    Result<quint16> bound = m_server.listen(address, port);
    if (bound && m_options.publicUrl.isEmpty()) {
        const QString host = address == QHostAddress::Any || address == QHostAddress::AnyIPv4
                                 ? QStringLiteral("127.0.0.1")
                                 : address.toString();
        m_options.publicUrl = QUrl(QStringLiteral("http://%1:%2").arg(host).arg(*bound));
    }
    return bound;
}

CallDriver *Simulator::placeCall(CallRequest request)
{
    SimCall call;
    call.sid = newSid(u"CA");
    call.accountSid = m_options.accountSid;
    call.request = std::move(request);
    call.created = call.updated = QDateTime::currentDateTimeUtc();
    auto *driver = new CallDriver(*this, std::move(call));
    m_calls.insert(driver->call().sid, driver);
    m_callOrder.append(driver);
    connect(driver, &CallDriver::finished, this, &Simulator::callFinished);
    emit callPlaced(driver->call().sid);
    driver->start();
    return driver;
}

CallDriver *Simulator::call(const QString &sid) const
{
    return m_calls.value(sid);
}

int Simulator::activeCalls() const
{
    int active = 0;
    for (const CallDriver *driver : m_callOrder)
        active += driver->call().isFinal() ? 0 : 1;
    return active;
}

void Simulator::addRecording(const SimRecording &recording)
{
    m_recordings[recording.sid] = std::make_unique<SimRecording>(recording);
}

SimRecording *Simulator::recording(const QString &sid)
{
    const auto it = m_recordings.find(sid);
    return it == m_recordings.end() ? nullptr : it->second.get();
}

QUrl Simulator::recordingUrl(const QString &recordingSid) const
{
    QUrl url = m_options.publicUrl;
    QString path = url.path();
    if (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path + QStringLiteral("/2010-04-01/Accounts/%1/Recordings/%2").arg(m_options.accountSid, recordingSid));
    return url;
}

void Simulator::reset()
{
    m_inbound->stop();
    m_rest->releaseHeld();
    for (CallDriver *driver : std::as_const(m_callOrder))
        driver->deleteLater();
    m_callOrder.clear();
    m_calls.clear();
    m_recordings.clear();
    m_stats.reset();
    m_faults.reset();
}

} // namespace sb::sim
