// switchboard-twilio-sim: a local stand-in for Twilio (DESIGN.md section 8).
#include "inboundgenerator.h"
#include "simulator.h"

#include "shared/logging.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

using namespace sb::sim;

namespace {

int fail(const QString &message)
{
    QTextStream(stderr) << "switchboard-twilio-sim: " << message << Qt::endl;
    return 2;
}

QString envOr(const char *name, const QString &fallback)
{
    const QString value = qEnvironmentVariable(name);
    return value.isEmpty() ? fallback : value;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("switchboard-twilio-sim"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SWITCHBOARD_VERSION));
    sb::installLogFormat();

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Stands in for Twilio: REST subset, signed webhooks, Media Streams, recordings, faults."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption listen(QStringLiteral("listen"), QStringLiteral("Address and port to serve on (port 0 picks one)."), QStringLiteral("address:port"), QStringLiteral("127.0.0.1:8081"));
    const QCommandLineOption publicUrl(QStringLiteral("public-url"), QStringLiteral("Base URL the simulator is reached at (RecordingUrl)."), QStringLiteral("url"));
    const QCommandLineOption accountSid(QStringLiteral("account-sid"), QStringLiteral("Account SID to accept (default: $TWILIO_ACCOUNT_SID)."), QStringLiteral("sid"));
    const QCommandLineOption authToken(QStringLiteral("auth-token"), QStringLiteral("Auth token: REST Basic auth and webhook signatures (default: $TWILIO_AUTH_TOKEN)."), QStringLiteral("token"));
    const QCommandLineOption voiceUrl(QStringLiteral("voice-url"), QStringLiteral("Voice webhook of inbound calls."), QStringLiteral("url"));
    const QCommandLineOption statusCallback(QStringLiteral("status-callback"), QStringLiteral("Status callback of inbound calls."), QStringLiteral("url"));
    const QCommandLineOption alarmUrl(QStringLiteral("alarm-url"), QStringLiteral("Debugger webhook for alarms (11205, 11200, 12100)."), QStringLiteral("url"));
    const QCommandLineOption answerDelay(QStringLiteral("answer-delay-ms"), QStringLiteral("Queued until answered, in ms."), QStringLiteral("ms"), QStringLiteral("200"));
    const QCommandLineOption streamSeconds(QStringLiteral("stream-seconds"), QStringLiteral("Caller audio per Media Stream."), QStringLiteral("s"), QStringLiteral("2"));
    const QCommandLineOption callSeconds(QStringLiteral("call-seconds"), QStringLiteral("How long a call without a stream lasts."), QStringLiteral("s"), QStringLiteral("2"));
    const QCommandLineOption pacing(QStringLiteral("pacing-ms"), QStringLiteral("Between media frames (20 is real time, 0 as fast as possible)."), QStringLiteral("ms"), QStringLiteral("20"));
    const QCommandLineOption language(QStringLiteral("language"), QStringLiteral("Caller speech: en or he."), QStringLiteral("lang"), QStringLiteral("en"));
    const QCommandLineOption inbound(QStringLiteral("inbound"), QStringLiteral("Place N inbound calls at start."), QStringLiteral("N"));
    const QCommandLineOption rate(QStringLiteral("rate"), QStringLiteral("Inbound calls per second (0: no limit)."), QStringLiteral("R"), QStringLiteral("1"));
    const QCommandLineOption concurrency(QStringLiteral("concurrency"), QStringLiteral("Inbound calls at once (0: no limit)."), QStringLiteral("C"), QStringLiteral("0"));
    const QCommandLineOption faults(QStringLiteral("faults"), QStringLiteral("Comma-separated call faults for --inbound calls."), QStringLiteral("list"));
    const QCommandLineOption exitWhenDone(QStringLiteral("exit-when-done"), QStringLiteral("Quit once the --inbound calls have ended."));
    parser.addOptions({listen, publicUrl, accountSid, authToken, voiceUrl, statusCallback, alarmUrl, answerDelay, streamSeconds,
                       callSeconds, pacing, language, inbound, rate, concurrency, faults, exitWhenDone});
    parser.process(app);

    SimOptions options;
    options.accountSid = parser.isSet(accountSid) ? parser.value(accountSid)
                                                  : envOr("TWILIO_ACCOUNT_SID", QStringLiteral("AC") + QString(32, u'a'));
    options.authToken = (parser.isSet(authToken) ? parser.value(authToken)
                                                 : envOr("TWILIO_AUTH_TOKEN", QStringLiteral("simulator-auth-token"))).toUtf8();
    if (!isSid(options.accountSid, u"AC"))
        return fail(QStringLiteral("--account-sid must be AC followed by 32 hex characters"));
    options.publicUrl = QUrl(parser.value(publicUrl));
    options.voiceUrl = QUrl(parser.value(voiceUrl));
    options.statusCallback = QUrl(parser.value(statusCallback));
    options.alarmUrl = QUrl(parser.value(alarmUrl));
    options.answerDelayMs = parser.value(answerDelay).toInt();
    options.streamSeconds = parser.value(streamSeconds).toInt();
    options.callSeconds = parser.value(callSeconds).toInt();
    options.framePacingMs = parser.value(pacing).toInt();
    options.language = parser.value(language);

    const QString listenValue = parser.value(listen);
    const qsizetype colon = listenValue.lastIndexOf(u':');
    bool portOk = false;
    const uint port = listenValue.mid(colon + 1).toUInt(&portOk);
    const QHostAddress address(listenValue.left(colon));
    if (colon < 0 || !portOk || port > 65535 || address.isNull())
        return fail(QStringLiteral("--listen wants ADDRESS:PORT, e.g. 127.0.0.1:0"));

    Simulator simulator(options);
    const auto bound = simulator.listen(address, quint16(port));
    if (!bound)
        return fail(bound.error().message);
    // Tests read the port from this line.
    QTextStream(stderr) << "listening on " << address.toString() << ':' << *bound << Qt::endl;

    if (parser.isSet(inbound)) {
        InboundBatch batch;
        batch.count = parser.value(inbound).toInt();
        batch.ratePerSec = parser.value(rate).toDouble();
        batch.concurrency = parser.value(concurrency).toInt();
        QJsonArray faultList;
        for (const QString &name : parser.value(faults).split(u',', Qt::SkipEmptyParts))
            faultList.append(name.trimmed());
        if (const auto parsed = FaultPlan::parse(faultList, batch.faults, nullptr); !parsed)
            return fail(parsed.error().message);
        if (options.voiceUrl.isEmpty() || batch.count < 1)
            return fail(QStringLiteral("--inbound needs N >= 1 and --voice-url"));
        if (parser.isSet(exitWhenDone))
            QObject::connect(&simulator.inbound(), &InboundGenerator::drained, &app, [] {
                // Let the last webhooks and socket closes leave before quitting.
                QTimer::singleShot(500, QCoreApplication::instance(), &QCoreApplication::quit);
            });
        simulator.inbound().submit(batch);
    }
    return app.exec();
}
