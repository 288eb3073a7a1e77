#pragma once

#include "http/apitokens.h"

#include "shared/alerts.h"
#include "shared/clock.h"
#include "shared/costpolicy.h"
#include "shared/job.h"
#include "shared/result.h"

#include <QHostAddress>
#include <QProcessEnvironment>
#include <QStringList>
#include <QUrl>

namespace sb {

/**
 * @brief Everything switchboard-backend is configured with (DESIGN.md section 6).
 *
 * Layers, each overriding the one before: built-in defaults, the environment, the INI file
 * named by `--config` (keys are the environment variable names), then command-line flags.
 * Secrets (tokens, keys) are read from the environment or the INI file only, never from flags,
 * so they do not show up in `ps`.
 */
struct BackendConfig
{
    QHostAddress listenAddress = QHostAddress::LocalHost;
    quint16 listenPort = 8080; ///< 0 picks a free port (tests); the real one is logged
    QString listenSocket;      ///< a Unix socket served too (empty: none)
    QUrl publicUrl;            ///< defaults to http:// + the listen address
    QString databaseUrl = QStringLiteral("sqlite:./switchboard.db");
    ApiTokens apiTokens;
    QString twilioAccountSid;
    QString twilioAuthToken;
    QUrl twilioApiBaseUrl = QUrl(QStringLiteral("https://api.twilio.com"));
    QString openAiApiKey;
    QUrl openAiBaseUrl = QUrl(QStringLiteral("https://api.openai.com/v1"));
    QString realtimeSocket; ///< the AI bridge dials this Unix socket instead of the URL's host (empty: no)
    QString realtimeModel = QStringLiteral("gpt-realtime");
    QString realtimeVoice = QStringLiteral("alloy");
    QString realtimeTranscriptionModel = QStringLiteral("whisper-1");
    int storageThreads = 2;
    qint64 maxBodyBytes = 1024 * 1024; ///< larger request bodies are refused with 413
    bool dedupFailClosed = false;      ///< dedup database unreachable: 503 instead of placing the call
    double outboundCallsPerSecond = 1; ///< Calls.json pacing (Twilio's default account limit); 0 is off
    int twilioTimeoutMs = 10000;       ///< a Twilio REST request without an answer by then has an unknown outcome
    CostSettings costs;                ///< cost indicator thresholds and the rate card
    AlertThresholds alertThresholds;   ///< when a cost summary raises an alert
    int alertWindowDays = 1;           ///< the days the alert monitor summarises (today = 1)
    int jobWorkers = 2;                ///< transcription jobs handled at once, each worker with its own connection
    int jobMaxAttempts = Job::kDefaultMaxAttempts; ///< attempts before a job is dead
    qint64 jobLeaseMs = 120000;        ///< a running job not finished by then is taken over
    qint64 jobRetryBaseMs = 2000;      ///< backoff after a failed attempt: base × 2^(attempts−1)
    int jobPollMs = 1000;              ///< how often idle workers look for due jobs
    qint64 recordingMaxBytes = 25 * 1024 * 1024; ///< larger recordings are not downloaded
    QString transcriptionModel = QStringLiteral("whisper-1");
    QString transcriptionLanguage = QStringLiteral("he"); ///< empty: the service detects it

    // Not settings: what tests and embedders inject.
    Clock *clock = nullptr;            ///< time of every time-based rule; nullptr is the system clock
    int reconcileDelayMs = 2000;       ///< between looks at Twilio for a call whose creation outcome is unknown
    int alertIntervalMs = 5000;        ///< the alert monitor re-evaluates at most this often

    QString listenText() const;
};

/// What the command line asked for besides a configuration.
enum class ConfigAction { Run, ShowHelp, ShowVersion };

struct LoadedConfig
{
    ConfigAction action = ConfigAction::Run;
    BackendConfig config;
    QString helpText;
};

/// Builds the configuration from @p arguments (argv, program name first) and @p environment.
/// Any bad value is an InvalidInput error that names the setting and where it came from.
Result<LoadedConfig> loadBackendConfig(const QStringList &arguments,
                                       const QProcessEnvironment &environment);

/// The help text: the flags, then every environment variable with its meaning and default.
QString backendHelpText();

} // namespace sb
