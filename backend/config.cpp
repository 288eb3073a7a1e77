#include "config.h"

#include "http/unixsocket.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QMap>
#include <QSettings>

#include <array>

namespace sb {

namespace {

/// One configurable setting: its environment/INI name, its flag (none for secrets), and its help.
struct SettingSpec
{
    QLatin1StringView name;
    QLatin1StringView flag; // empty: environment or INI only
    QLatin1StringView meaning;
    QLatin1StringView defaultText;
};

constexpr std::array kSettings{
    SettingSpec{QLatin1StringView("SWITCHBOARD_LISTEN"), QLatin1StringView("listen"),
                QLatin1StringView("address:port the backend serves on (port 0: any free port)"),
                QLatin1StringView("127.0.0.1:8080")},
    SettingSpec{QLatin1StringView("SWITCHBOARD_LISTEN_SOCKET"), QLatin1StringView("listen-socket"),
                QLatin1StringView("a Unix socket served besides the TCP address, for a TLS proxy on this host "
                                  "(cheaper per message than loopback TCP)"),
                QLatin1StringView("none")},
    SettingSpec{QLatin1StringView("SWITCHBOARD_PUBLIC_URL"), QLatin1StringView("public-url"),
                QLatin1StringView("base URL Twilio uses to reach us (TwiML stream URL, signature checks)"),
                QLatin1StringView("http:// + the listen address")},
    SettingSpec{QLatin1StringView("SWITCHBOARD_DATABASE_URL"), QLatin1StringView("database-url"),
                QLatin1StringView("sqlite:PATH or postgresql://user:pass@host:port/db"),
                QLatin1StringView("sqlite:./switchboard.db")},
    SettingSpec{QLatin1StringView("SWITCHBOARD_API_TOKENS"), QLatin1StringView(),
                QLatin1StringView("role:token pairs, comma-separated; roles viewer, supervisor, admin, dialer"),
                QLatin1StringView("none (API closed)")},
    SettingSpec{QLatin1StringView("SWITCHBOARD_STORAGE_THREADS"), QLatin1StringView("storage-threads"),
                QLatin1StringView("database threads, each with its own connection (1-32)"),
                QLatin1StringView("2")},
    SettingSpec{QLatin1StringView("SWITCHBOARD_MAX_BODY_BYTES"), QLatin1StringView("max-body-bytes"),
                QLatin1StringView("largest request body accepted, in bytes (1024-67108864); larger ones get 413"),
                QLatin1StringView("1048576")},
    SettingSpec{QLatin1StringView("SWITCHBOARD_DEDUP_FAIL_CLOSED"), QLatin1StringView("dedup-fail-closed"),
                QLatin1StringView("when the dedup database is unreachable: 1 refuses outbound calls (503), 0 places them on the memory layer alone"),
                QLatin1StringView("0")},
    SettingSpec{QLatin1StringView("SWITCHBOARD_OUTBOUND_CALLS_PER_SECOND"), QLatin1StringView("outbound-calls-per-second"),
                QLatin1StringView("pace of Twilio call creation (0-100; 0 turns pacing off); Twilio accounts accept 1 by default"),
                QLatin1StringView("1")},
    SettingSpec{QLatin1StringView("SWITCHBOARD_TWILIO_TIMEOUT_MS"), QLatin1StringView("twilio-timeout-ms"),
                QLatin1StringView("Twilio REST timeout in ms (100-120000); a call create without an answer is reconciled, never retried"),
                QLatin1StringView("10000")},
    SettingSpec{QLatin1StringView("SWITCHBOARD_COST_RATES"), QLatin1StringView("cost-rates"),
                QLatin1StringView("USD per minute overriding the rate card, e.g. voice_inbound=0.0085,voice_outbound=0.013,"
                                  "recording=0.0025,stream=0.004,transcription=0.006"),
                QLatin1StringView("the README's rate card")},
    SettingSpec{QLatin1StringView("SWITCHBOARD_COST_THRESHOLDS"), QLatin1StringView("cost-thresholds"),
                QLatin1StringView("cost indicators fire above these: max_stream_connects, max_stream_ratio, max_recordings, "
                                  "max_11205_errors, max_webhook_retries (name=number, comma-separated)"),
                QLatin1StringView("max_stream_connects=1,max_stream_ratio=0.6,max_recordings=1,max_11205_errors=0,"
                                  "max_webhook_retries=2")},
    SettingSpec{QLatin1StringView("SWITCHBOARD_ALERT_THRESHOLDS"), QLatin1StringView("alert-thresholds"),
                QLatin1StringView("cost alerts fire above these: duplicate_recordings (count), high_cost_ratio, "
                                  "reconnect_ratio (0-1)"),
                QLatin1StringView("duplicate_recordings=0,high_cost_ratio=0.2,reconnect_ratio=0.1")},
    SettingSpec{QLatin1StringView("SWITCHBOARD_ALERT_WINDOW_DAYS"), QLatin1StringView("alert-window-days"),
                QLatin1StringView("UTC days the live alerts summarise, today included (1-366)"), QLatin1StringView("1")},
    SettingSpec{QLatin1StringView("SWITCHBOARD_JOB_WORKERS"), QLatin1StringView("job-workers"),
                QLatin1StringView("transcription workers, each with its own database connection (1-32)"),
                QLatin1StringView("2")},
    SettingSpec{QLatin1StringView("SWITCHBOARD_JOB_MAX_ATTEMPTS"), QLatin1StringView("job-max-attempts"),
                QLatin1StringView("attempts of a transcription job before it is dead, keeping its last error (1-100)"),
                QLatin1StringView("5")},
    SettingSpec{QLatin1StringView("SWITCHBOARD_JOB_LEASE_MS"), QLatin1StringView("job-lease-ms"),
                QLatin1StringView("how long a worker holds a job; after that any worker takes it over (1000-3600000)"),
                QLatin1StringView("120000")},
    SettingSpec{QLatin1StringView("SWITCHBOARD_JOB_RETRY_BASE_MS"), QLatin1StringView("job-retry-base-ms"),
                QLatin1StringView("backoff after a failed attempt: this times 2^(attempts-1), at most an hour (10-3600000)"),
                QLatin1StringView("2000")},
    SettingSpec{QLatin1StringView("SWITCHBOARD_JOB_POLL_MS"), QLatin1StringView("job-poll-ms"),
                QLatin1StringView("how often idle workers look for due jobs (10-60000)"), QLatin1StringView("1000")},
    SettingSpec{QLatin1StringView("SWITCHBOARD_RECORDING_MAX_BYTES"), QLatin1StringView("recording-max-bytes"),
                QLatin1StringView("largest recording downloaded for transcription (1024-1073741824)"),
                QLatin1StringView("26214400")},
    SettingSpec{QLatin1StringView("SWITCHBOARD_TRANSCRIPTION_MODEL"), QLatin1StringView("transcription-model"),
                QLatin1StringView("model of POST {OPENAI_BASE_URL}/audio/transcriptions"), QLatin1StringView("whisper-1")},
    SettingSpec{QLatin1StringView("SWITCHBOARD_TRANSCRIPTION_LANGUAGE"), QLatin1StringView("transcription-language"),
                QLatin1StringView("ISO-639-1 language of the recordings (empty: detected)"), QLatin1StringView("he")},
    SettingSpec{QLatin1StringView("TWILIO_ACCOUNT_SID"), QLatin1StringView("twilio-account-sid"),
                QLatin1StringView("Twilio account SID (AC...)"), QLatin1StringView("none")},
    SettingSpec{QLatin1StringView("TWILIO_AUTH_TOKEN"), QLatin1StringView(),
                QLatin1StringView("Twilio auth token: REST auth and webhook signatures"),
                QLatin1StringView("none")},
    SettingSpec{QLatin1StringView("TWILIO_API_BASE_URL"), QLatin1StringView("twilio-api-base-url"),
                QLatin1StringView("Twilio REST base URL, so the simulator can stand in"),
                QLatin1StringView("https://api.twilio.com")},
    SettingSpec{QLatin1StringView("OPENAI_API_KEY"), QLatin1StringView(),
                QLatin1StringView("key for transcription and Realtime"), QLatin1StringView("none")},
    SettingSpec{QLatin1StringView("OPENAI_BASE_URL"), QLatin1StringView("openai-base-url"),
                QLatin1StringView("OpenAI-compatible API base URL"),
                QLatin1StringView("https://api.openai.com/v1")},
    SettingSpec{QLatin1StringView("SWITCHBOARD_REALTIME_SOCKET"), QLatin1StringView("realtime-socket"),
                QLatin1StringView("a Unix socket the AI bridge dials instead of OPENAI_BASE_URL's host, speaking plain "
                                  "WebSocket (a TLS proxy or a compatible server on this host); the URL still gives "
                                  "the Host header and path"),
                QLatin1StringView("none")},
    SettingSpec{QLatin1StringView("SWITCHBOARD_REALTIME_MODEL"), QLatin1StringView("realtime-model"),
                QLatin1StringView("Realtime model the AI bridge asks for (?model=)"), QLatin1StringView("gpt-realtime")},
    SettingSpec{QLatin1StringView("SWITCHBOARD_REALTIME_VOICE"), QLatin1StringView("realtime-voice"),
                QLatin1StringView("voice of the AI agent on calls"), QLatin1StringView("alloy")},
    SettingSpec{QLatin1StringView("SWITCHBOARD_REALTIME_TRANSCRIPTION_MODEL"),
                QLatin1StringView("realtime-transcription-model"),
                QLatin1StringView("model that transcribes the caller during a call (empty: off)"),
                QLatin1StringView("whisper-1")},
};

/// A raw value and where it came from, so an error can point at the right place.
struct RawValue
{
    QString value;
    QString origin;
};

void addOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(QStringLiteral(
        "Switchboard backend: Twilio webhooks, Media Streams, outbound calls, recordings and "
        "transcription for AI phone agents."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({QStringLiteral("config"),
                      QStringLiteral("INI file whose keys are the variable names below."),
                      QStringLiteral("file")});
    for (const SettingSpec &spec : kSettings) {
        if (!spec.flag.isEmpty())
            parser.addOption({spec.flag, QStringLiteral("Overrides %1.").arg(spec.name), QStringLiteral("value")});
    }
}

Result<QString> readIni(const QString &path, QMap<QString, RawValue> &values)
{
    const QFileInfo info(path);
    if (!info.isFile() || !info.isReadable())
        return invalidInput(QStringLiteral("config file %1 cannot be read").arg(path));
    QSettings ini(path, QSettings::IniFormat);
    if (ini.status() != QSettings::NoError)
        return invalidInput(QStringLiteral("config file %1 is not a valid INI file").arg(path));
    const QString origin = QStringLiteral("config file ") + path;
    for (const QString &key : ini.allKeys()) {
        const auto known = std::find_if(kSettings.begin(), kSettings.end(),
                                        [&](const SettingSpec &spec) { return spec.name == key; });
        if (known == kSettings.end())
            return invalidInput(QStringLiteral("%1: unknown setting %2").arg(origin, key));
        // QSettings reads an unquoted value with commas as a list: join it back into the text.
        const QVariant value = ini.value(key);
        values[key] = {value.metaType().id() == QMetaType::QStringList ? value.toStringList().join(u',') : value.toString(),
                       origin};
    }
    return origin;
}

Result<QUrl> parseHttpUrl(const RawValue &raw, QLatin1StringView name)
{
    const QUrl url(raw.value, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https") || url.host().isEmpty()) {
        return invalidInput(QStringLiteral("%1 from %2 is not an http(s) URL: \"%3\"")
                                .arg(name, raw.origin, raw.value));
    }
    return url;
}

Result<void> parseListen(const RawValue &raw, BackendConfig &config)
{
    const qsizetype colon = raw.value.lastIndexOf(u':');
    const auto bad = [&](const QString &why) {
        return invalidInput(QStringLiteral("SWITCHBOARD_LISTEN from %1 (\"%2\"): %3").arg(raw.origin, raw.value, why));
    };
    if (colon < 0)
        return bad(QStringLiteral("expected address:port"));
    QString host = raw.value.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    bool portOk = false;
    const uint port = raw.value.mid(colon + 1).toUInt(&portOk);
    if (!portOk || port > 65535)
        return bad(QStringLiteral("the port must be a number from 0 to 65535"));
    QHostAddress address;
    if (host == u"localhost")
        address = QHostAddress::LocalHost;
    else if (host.isEmpty() || host == u"*")
        address = QHostAddress::Any;
    else if (!address.setAddress(host))
        return bad(QStringLiteral("\"%1\" is not an IP address").arg(host));
    config.listenAddress = address;
    config.listenPort = quint16(port);
    return {};
}

/// A whole-number setting within [minimum, maximum]; untouched when not given.
template <typename Int>
Result<void> readRange(const QMap<QString, RawValue> &values, const char *name, qint64 minimum, qint64 maximum, Int &target)
{
    const auto it = values.find(QLatin1StringView(name));
    if (it == values.end())
        return {};
    bool ok = false;
    const qint64 value = it->value.trimmed().toLongLong(&ok);
    if (!ok || value < minimum || value > maximum) {
        return invalidInput(QStringLiteral("%1 from %2 must be a number from %3 to %4, not \"%5\"")
                                .arg(QLatin1StringView(name), it->origin)
                                .arg(minimum)
                                .arg(maximum)
                                .arg(it->value));
    }
    target = Int(value);
    return {};
}

Result<void> applyJobSettings(const QMap<QString, RawValue> &values, BackendConfig &config)
{
    for (const Result<void> &read : {readRange(values, "SWITCHBOARD_JOB_WORKERS", 1, 32, config.jobWorkers),
                                     readRange(values, "SWITCHBOARD_JOB_MAX_ATTEMPTS", 1, 100, config.jobMaxAttempts),
                                     readRange(values, "SWITCHBOARD_JOB_LEASE_MS", 1000, 3600000, config.jobLeaseMs),
                                     readRange(values, "SWITCHBOARD_JOB_RETRY_BASE_MS", 10, 3600000, config.jobRetryBaseMs),
                                     readRange(values, "SWITCHBOARD_JOB_POLL_MS", 10, 60000, config.jobPollMs),
                                     readRange(values, "SWITCHBOARD_RECORDING_MAX_BYTES", 1024, 1073741824,
                                               config.recordingMaxBytes)}) {
        if (!read)
            return read.error();
    }
    if (const auto it = values.find(QStringLiteral("SWITCHBOARD_TRANSCRIPTION_MODEL")); it != values.end()) {
        if (it->value.trimmed().isEmpty())
            return invalidInput(QStringLiteral("SWITCHBOARD_TRANSCRIPTION_MODEL from %1 must not be empty").arg(it->origin));
        config.transcriptionModel = it->value.trimmed();
    }
    if (const auto it = values.find(QStringLiteral("SWITCHBOARD_TRANSCRIPTION_LANGUAGE")); it != values.end())
        config.transcriptionLanguage = it->value.trimmed();
    return {};
}

Result<void> apply(const QMap<QString, RawValue> &values, BackendConfig &config)
{
    if (auto jobs = applyJobSettings(values, config); !jobs)
        return jobs.error();
    if (const auto it = values.find(QStringLiteral("SWITCHBOARD_LISTEN")); it != values.end()) {
        if (auto ok = parseListen(*it, config); !ok)
            return ok.error();
    }
    if (const auto it = values.find(QStringLiteral("SWITCHBOARD_PUBLIC_URL")); it != values.end()) {
        auto url = parseHttpUrl(*it, QLatin1StringView("SWITCHBOARD_PUBLIC_URL"));
        if (!url)
            return url.error();
        config.publicUrl = *url;
    } else {
        config.publicUrl = QUrl(QStringLiteral("http://") + config.listenText());
    }
    if (const auto it = values.find(QStringLiteral("SWITCHBOARD_DATABASE_URL")); it != values.end())
        config.databaseUrl = it->value.trimmed();
    for (const auto &[name, target] : {std::pair{"SWITCHBOARD_LISTEN_SOCKET", &config.listenSocket},
                                       std::pair{"SWITCHBOARD_REALTIME_SOCKET", &config.realtimeSocket}}) {
        const auto it = values.find(QLatin1StringView(name));
        if (it == values.end())
            continue;
        *target = it->value.trimmed();
        if (const auto address = UnixSocket::address(*target); !target->isEmpty() && !address)
            return invalidInput(QStringLiteral("%1 from %2: %3").arg(QLatin1StringView(name), it->origin, address.error().message));
    }
    if (const auto it = values.find(QStringLiteral("SWITCHBOARD_API_TOKENS")); it != values.end()) {
        auto tokens = ApiTokens::parse(it->value);
        if (!tokens) {
            return invalidInput(QStringLiteral("SWITCHBOARD_API_TOKENS from %1: %2")
                                    .arg(it->origin, tokens.error().message));
        }
        config.apiTokens = *tokens;
    }
    if (const auto it = values.find(QStringLiteral("SWITCHBOARD_STORAGE_THREADS")); it != values.end()) {
        bool ok = false;
        const int threads = it->value.toInt(&ok);
        if (!ok || threads < 1 || threads > 32) {
            return invalidInput(QStringLiteral("SWITCHBOARD_STORAGE_THREADS from %1 must be a number "
                                               "from 1 to 32, not \"%2\"")
                                    .arg(it->origin, it->value));
        }
        config.storageThreads = threads;
    }
    if (const auto it = values.find(QStringLiteral("SWITCHBOARD_MAX_BODY_BYTES")); it != values.end()) {
        bool ok = false;
        const qint64 bytes = it->value.toLongLong(&ok);
        if (!ok || bytes < 1024 || bytes > 64 * 1024 * 1024) {
            return invalidInput(QStringLiteral("SWITCHBOARD_MAX_BODY_BYTES from %1 must be a number "
                                               "from 1024 to 67108864, not \"%2\"")
                                    .arg(it->origin, it->value));
        }
        config.maxBodyBytes = bytes;
    }
    if (const auto it = values.find(QStringLiteral("SWITCHBOARD_DEDUP_FAIL_CLOSED")); it != values.end()) {
        const QString value = it->value.trimmed().toLower();
        if (value == u"1" || value == u"true" || value == u"yes" || value == u"on")
            config.dedupFailClosed = true;
        else if (value == u"0" || value == u"false" || value == u"no" || value == u"off")
            config.dedupFailClosed = false;
        else
            return invalidInput(QStringLiteral("SWITCHBOARD_DEDUP_FAIL_CLOSED from %1 must be 1 or 0, not \"%2\"")
                                    .arg(it->origin, it->value));
    }
    if (const auto it = values.find(QStringLiteral("SWITCHBOARD_OUTBOUND_CALLS_PER_SECOND")); it != values.end()) {
        bool ok = false;
        const double cps = it->value.trimmed().toDouble(&ok);
        if (!ok || cps < 0 || cps > 100) {
            return invalidInput(QStringLiteral("SWITCHBOARD_OUTBOUND_CALLS_PER_SECOND from %1 must be a number "
                                               "from 0 to 100, not \"%2\"")
                                    .arg(it->origin, it->value));
        }
        config.outboundCallsPerSecond = cps;
    }
    if (const auto it = values.find(QStringLiteral("SWITCHBOARD_TWILIO_TIMEOUT_MS")); it != values.end()) {
        bool ok = false;
        const int ms = it->value.trimmed().toInt(&ok);
        if (!ok || ms < 100 || ms > 120000) {
            return invalidInput(QStringLiteral("SWITCHBOARD_TWILIO_TIMEOUT_MS from %1 must be a number "
                                               "from 100 to 120000, not \"%2\"")
                                    .arg(it->origin, it->value));
        }
        config.twilioTimeoutMs = ms;
    }
    if (const auto it = values.find(QStringLiteral("SWITCHBOARD_COST_RATES")); it != values.end()) {
        auto rates = RateCard::parse(it->value);
        if (!rates)
            return invalidInput(QStringLiteral("SWITCHBOARD_COST_RATES from %1: %2").arg(it->origin, rates.error().message));
        config.costs.rates = *rates;
    }
    if (const auto it = values.find(QStringLiteral("SWITCHBOARD_COST_THRESHOLDS")); it != values.end()) {
        auto thresholds = CostThresholds::parse(it->value);
        if (!thresholds) {
            return invalidInput(QStringLiteral("SWITCHBOARD_COST_THRESHOLDS from %1: %2")
                                    .arg(it->origin, thresholds.error().message));
        }
        config.costs.thresholds = *thresholds;
    }
    if (const auto it = values.find(QStringLiteral("SWITCHBOARD_ALERT_THRESHOLDS")); it != values.end()) {
        auto thresholds = AlertThresholds::parse(it->value);
        if (!thresholds) {
            return invalidInput(QStringLiteral("SWITCHBOARD_ALERT_THRESHOLDS from %1: %2")
                                    .arg(it->origin, thresholds.error().message));
        }
        config.alertThresholds = *thresholds;
    }
    if (const auto it = values.find(QStringLiteral("SWITCHBOARD_ALERT_WINDOW_DAYS")); it != values.end()) {
        bool ok = false;
        const int days = it->value.trimmed().toInt(&ok);
        if (!ok || days < 1 || days > 366) {
            return invalidInput(QStringLiteral("SWITCHBOARD_ALERT_WINDOW_DAYS from %1 must be a number "
                                               "from 1 to 366, not \"%2\"")
                                    .arg(it->origin, it->value));
        }
        config.alertWindowDays = days;
    }
    const auto text = [&](const char *name, QString &target) {
        if (const auto it = values.find(QLatin1StringView(name)); it != values.end())
            target = it->value.trimmed();
    };
    text("TWILIO_ACCOUNT_SID", config.twilioAccountSid);
    text("TWILIO_AUTH_TOKEN", config.twilioAuthToken);
    text("OPENAI_API_KEY", config.openAiApiKey);
    text("SWITCHBOARD_REALTIME_TRANSCRIPTION_MODEL", config.realtimeTranscriptionModel);
    for (const auto &[name, target] : {std::pair{"SWITCHBOARD_REALTIME_MODEL", &config.realtimeModel},
                                       std::pair{"SWITCHBOARD_REALTIME_VOICE", &config.realtimeVoice}}) {
        if (const auto it = values.find(QLatin1StringView(name)); it != values.end()) {
            const QString value = it->value.trimmed();
            if (value.isEmpty())
                return invalidInput(QStringLiteral("%1 from %2 must not be empty").arg(QLatin1StringView(name), it->origin));
            *target = value;
        }
    }
    for (const auto &[name, target] : {std::pair{QLatin1StringView("TWILIO_API_BASE_URL"), &config.twilioApiBaseUrl},
                                       std::pair{QLatin1StringView("OPENAI_BASE_URL"), &config.openAiBaseUrl}}) {
        if (const auto it = values.find(name); it != values.end()) {
            auto url = parseHttpUrl(*it, name);
            if (!url)
                return url.error();
            *target = *url;
        }
    }
    return {};
}

} // namespace

QString BackendConfig::listenText() const
{
    const QString host = listenAddress == QHostAddress::Any ? QStringLiteral("0.0.0.0")
                         : listenAddress.protocol() == QAbstractSocket::IPv6Protocol
                             ? u'[' + listenAddress.toString() + u']'
                             : listenAddress.toString();
    return host + u':' + QString::number(listenPort);
}

QString backendHelpText()
{
    QCommandLineParser parser;
    addOptions(parser);
    QString help = parser.helpText();
    help += QStringLiteral("\nSettings (environment, then --config INI keys, then flags; later wins):\n");
    for (const SettingSpec &spec : kSettings) {
        help += QStringLiteral("  %1\n      %2\n      default: %3%4\n")
                    .arg(spec.name, spec.meaning, spec.defaultText,
                         spec.flag.isEmpty() ? QStringLiteral(" (secret: environment or INI only)")
                                             : QStringLiteral(" (flag --") + spec.flag + u')');
    }
    return help;
}

Result<LoadedConfig> loadBackendConfig(const QStringList &arguments, const QProcessEnvironment &environment)
{
    QCommandLineParser parser;
    addOptions(parser);
    if (!parser.parse(arguments))
        return invalidInput(parser.errorText());
    if (!parser.positionalArguments().isEmpty()) {
        return invalidInput(QStringLiteral("unexpected argument \"%1\" (see --help)")
                                .arg(parser.positionalArguments().constFirst()));
    }
    LoadedConfig loaded;
    if (parser.isSet(QStringLiteral("help"))) {
        loaded.action = ConfigAction::ShowHelp;
        loaded.helpText = backendHelpText();
        return loaded;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        loaded.action = ConfigAction::ShowVersion;
        return loaded;
    }

    QMap<QString, RawValue> values;
    for (const SettingSpec &spec : kSettings) {
        if (environment.contains(spec.name))
            values[spec.name] = {environment.value(spec.name), QStringLiteral("the environment")};
    }
    if (parser.isSet(QStringLiteral("config"))) {
        auto ini = readIni(parser.value(QStringLiteral("config")), values);
        if (!ini)
            return ini.error();
    }
    for (const SettingSpec &spec : kSettings) {
        if (!spec.flag.isEmpty() && parser.isSet(spec.flag))
            values[spec.name] = {parser.value(spec.flag), QStringLiteral("--") + spec.flag};
    }
    if (auto ok = apply(values, loaded.config); !ok)
        return ok.error();
    return loaded;
}

} // namespace sb
