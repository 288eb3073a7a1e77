#include "config.h"

#include <QTemporaryDir>
#include <QTest>

using namespace sb;

class TestConfig : public QObject
{
    Q_OBJECT

private:
    static QProcessEnvironment env(const QStringList &pairs)
    {
        QProcessEnvironment environment;
        for (const QString &pair : pairs)
            environment.insert(pair.section(u'=', 0, 0), pair.section(u'=', 1));
        return environment;
    }

    QTemporaryDir m_dir;

    QString writeIni(const QString &contents)
    {
        static int counter = 0;
        const QString path = m_dir.filePath(QStringLiteral("config%1.ini").arg(++counter));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            qFatal("cannot write test INI");
        file.write(contents.toUtf8());
        return path;
    }

private slots:
    void defaults()
    {
        const auto loaded = loadBackendConfig({QStringLiteral("switchboard-backend")}, {});
        QVERIFY(loaded.ok());
        const BackendConfig &config = loaded->config;
        QCOMPARE(config.listenAddress, QHostAddress(QHostAddress::LocalHost));
        QCOMPARE(config.listenPort, quint16(8080));
        QCOMPARE(config.publicUrl, QUrl(QStringLiteral("http://127.0.0.1:8080")));
        QCOMPARE(config.databaseUrl, QStringLiteral("sqlite:./switchboard.db"));
        QVERIFY(config.apiTokens.isEmpty());
        QCOMPARE(config.twilioApiBaseUrl, QUrl(QStringLiteral("https://api.twilio.com")));
        QCOMPARE(config.openAiBaseUrl, QUrl(QStringLiteral("https://api.openai.com/v1")));
    }

    // Each layer overrides the one before: environment, then the INI file, then flags.
    void precedence_data()
    {
        QTest::addColumn<QStringList>("environment");
        QTest::addColumn<QString>("ini");
        QTest::addColumn<QStringList>("flags");
        QTest::addColumn<QString>("expectedListen");
        QTest::addColumn<QString>("expectedDatabase");

        QTest::newRow("environment only")
            << QStringList{QStringLiteral("SWITCHBOARD_LISTEN=0.0.0.0:9000"),
                           QStringLiteral("SWITCHBOARD_DATABASE_URL=sqlite:/tmp/a.db")}
            << QString() << QStringList{} << QStringLiteral("0.0.0.0:9000") << QStringLiteral("sqlite:/tmp/a.db");
        QTest::newRow("INI over environment")
            << QStringList{QStringLiteral("SWITCHBOARD_LISTEN=0.0.0.0:9000")}
            << QStringLiteral("SWITCHBOARD_LISTEN=127.0.0.1:9100\nSWITCHBOARD_DATABASE_URL=sqlite:ini.db\n")
            << QStringList{} << QStringLiteral("127.0.0.1:9100") << QStringLiteral("sqlite:ini.db");
        QTest::newRow("flag over INI and environment")
            << QStringList{QStringLiteral("SWITCHBOARD_LISTEN=0.0.0.0:9000")}
            << QStringLiteral("SWITCHBOARD_LISTEN=127.0.0.1:9100\n")
            << QStringList{QStringLiteral("--listen"), QStringLiteral("127.0.0.1:9200"),
                           QStringLiteral("--database-url"), QStringLiteral("sqlite:flag.db")}
            << QStringLiteral("127.0.0.1:9200") << QStringLiteral("sqlite:flag.db");
        QTest::newRow("IPv6 and localhost")
            << QStringList{QStringLiteral("SWITCHBOARD_LISTEN=[::1]:0")} << QString() << QStringList{}
            << QStringLiteral("[::1]:0") << QStringLiteral("sqlite:./switchboard.db");
    }

    void precedence()
    {
        QFETCH(QStringList, environment);
        QFETCH(QString, ini);
        QFETCH(QStringList, flags);
        QFETCH(QString, expectedListen);
        QFETCH(QString, expectedDatabase);

        QStringList arguments{QStringLiteral("switchboard-backend")};
        if (!ini.isEmpty())
            arguments << QStringLiteral("--config") << writeIni(ini);
        arguments << flags;
        const auto loaded = loadBackendConfig(arguments, env(environment));
        QVERIFY2(loaded.ok(), loaded.ok() ? "" : qPrintable(loaded.error().message));
        QCOMPARE(loaded->config.listenText(), expectedListen);
        QCOMPARE(loaded->config.databaseUrl, expectedDatabase);
    }

    void publicUrlFollowsListenUnlessSet()
    {
        auto loaded = loadBackendConfig({QStringLiteral("b"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:7000")}, {});
        QVERIFY(loaded.ok());
        QCOMPARE(loaded->config.publicUrl, QUrl(QStringLiteral("http://127.0.0.1:7000")));

        loaded = loadBackendConfig({QStringLiteral("b")},
                                   env({QStringLiteral("SWITCHBOARD_PUBLIC_URL=https://calls.example.com")}));
        QVERIFY(loaded.ok());
        QCOMPARE(loaded->config.publicUrl, QUrl(QStringLiteral("https://calls.example.com")));
    }

    void realtimeSettings_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QStringList>("environment");
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("voice");
        QTest::addColumn<QString>("transcription");
        QTest::newRow("defaults") << QStringList{} << QStringList{} << QStringLiteral("gpt-realtime")
                                  << QStringLiteral("alloy") << QStringLiteral("whisper-1");
        QTest::newRow("environment")
            << QStringList{}
            << QStringList{QStringLiteral("SWITCHBOARD_REALTIME_MODEL=gpt-4o-realtime-preview"),
                           QStringLiteral("SWITCHBOARD_REALTIME_VOICE=verse"),
                           QStringLiteral("SWITCHBOARD_REALTIME_TRANSCRIPTION_MODEL=")}
            << QStringLiteral("gpt-4o-realtime-preview") << QStringLiteral("verse") << QString();
        QTest::newRow("flags win") << QStringList{QStringLiteral("--realtime-model"), QStringLiteral("m2"),
                                                  QStringLiteral("--realtime-voice"), QStringLiteral("v2")}
                                   << QStringList{QStringLiteral("SWITCHBOARD_REALTIME_MODEL=m1")} << QStringLiteral("m2")
                                   << QStringLiteral("v2") << QStringLiteral("whisper-1");
    }

    void realtimeSettings()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QStringList, environment);
        const auto loaded = loadBackendConfig(QStringList{QStringLiteral("b")} + arguments, env(environment));
        QVERIFY(loaded.ok());
        QTEST(loaded->config.realtimeModel, "model");
        QTEST(loaded->config.realtimeVoice, "voice");
        QTEST(loaded->config.realtimeTranscriptionModel, "transcription");
        QVERIFY(!loadBackendConfig({QStringLiteral("b")}, env({QStringLiteral("SWITCHBOARD_REALTIME_MODEL= ")})).ok());
    }

    void unixSockets()
    {
        auto loaded = loadBackendConfig({QStringLiteral("b")}, env({}));
        QVERIFY(loaded.ok());
        QVERIFY(loaded->config.listenSocket.isEmpty());
        QVERIFY(loaded->config.realtimeSocket.isEmpty());
        loaded = loadBackendConfig({QStringLiteral("b"), QStringLiteral("--realtime-socket"), QStringLiteral("/run/ai.sock")},
                                   env({QStringLiteral("SWITCHBOARD_LISTEN_SOCKET=/run/switchboard/http.sock")}));
        QVERIFY(loaded.ok());
        QCOMPARE(loaded->config.listenSocket, QStringLiteral("/run/switchboard/http.sock"));
        QCOMPARE(loaded->config.realtimeSocket, QStringLiteral("/run/ai.sock"));
    }

    void jobSettings_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QStringList>("environment");
        QTest::addColumn<int>("workers");
        QTest::addColumn<int>("maxAttempts");
        QTest::addColumn<qint64>("leaseMs");
        QTest::addColumn<qint64>("maxBytes");
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("language");
        QTest::newRow("defaults") << QStringList{} << QStringList{} << 2 << 5 << qint64(120000) << qint64(26214400)
                                  << QStringLiteral("whisper-1") << QStringLiteral("he");
        QTest::newRow("environment")
            << QStringList{}
            << QStringList{QStringLiteral("SWITCHBOARD_JOB_WORKERS=4"), QStringLiteral("SWITCHBOARD_JOB_MAX_ATTEMPTS=9"),
                           QStringLiteral("SWITCHBOARD_JOB_LEASE_MS=60000"), QStringLiteral("SWITCHBOARD_RECORDING_MAX_BYTES=2048"),
                           QStringLiteral("SWITCHBOARD_TRANSCRIPTION_MODEL=gpt-4o-transcribe"),
                           QStringLiteral("SWITCHBOARD_TRANSCRIPTION_LANGUAGE=")}
            << 4 << 9 << qint64(60000) << qint64(2048) << QStringLiteral("gpt-4o-transcribe") << QString();
        QTest::newRow("flags win") << QStringList{QStringLiteral("--job-workers"), QStringLiteral("8"),
                                                  QStringLiteral("--transcription-language"), QStringLiteral("en")}
                                   << QStringList{QStringLiteral("SWITCHBOARD_JOB_WORKERS=3")} << 8 << 5 << qint64(120000)
                                   << qint64(26214400) << QStringLiteral("whisper-1") << QStringLiteral("en");
    }

    void jobSettings()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QStringList, environment);
        const auto loaded = loadBackendConfig(QStringList{QStringLiteral("b")} + arguments, env(environment));
        QVERIFY2(loaded.ok(), loaded.ok() ? "" : qPrintable(loaded.error().message));
        QTEST(loaded->config.jobWorkers, "workers");
        QTEST(loaded->config.jobMaxAttempts, "maxAttempts");
        QTEST(loaded->config.jobLeaseMs, "leaseMs");
        QTEST(loaded->config.recordingMaxBytes, "maxBytes");
        QTEST(loaded->config.transcriptionModel, "model");
        QTEST(loaded->config.transcriptionLanguage, "language");
    }

    void secretsComeFromEnvironmentAndIni()
    {
        const QString ini = writeIni(QStringLiteral("TWILIO_AUTH_TOKEN=from-ini\n"));
        const auto loaded = loadBackendConfig(
            {QStringLiteral("b"), QStringLiteral("--config"), ini},
            env({QStringLiteral("TWILIO_AUTH_TOKEN=from-env"), QStringLiteral("OPENAI_API_KEY=sk-test"),
                 QStringLiteral("TWILIO_ACCOUNT_SID=AC123"),
                 QStringLiteral("SWITCHBOARD_API_TOKENS=admin:a1,viewer:v1,dialer:d1")}));
        QVERIFY(loaded.ok());
        QCOMPARE(loaded->config.twilioAuthToken, QStringLiteral("from-ini"));
        QCOMPARE(loaded->config.openAiApiKey, QStringLiteral("sk-test"));
        QCOMPARE(loaded->config.twilioAccountSid, QStringLiteral("AC123"));
        QCOMPARE(loaded->config.apiTokens.size(), 3);
        QCOMPARE(loaded->config.apiTokens.roleOf(u"v1"), std::optional(ApiRole::Viewer));

        // There is deliberately no flag for a secret: it would show up in `ps`.
        const auto withFlag = loadBackendConfig({QStringLiteral("b"), QStringLiteral("--twilio-auth-token"), QStringLiteral("x")}, {});
        QVERIFY(!withFlag.ok());
    }

    void badInput_data()
    {
        QTest::addColumn<QStringList>("environment");
        QTest::addColumn<QString>("ini");
        QTest::addColumn<QStringList>("flags");
        QTest::addColumn<QString>("messagePart");

        QTest::newRow("listen without port") << QStringList{QStringLiteral("SWITCHBOARD_LISTEN=127.0.0.1")}
                                             << QString() << QStringList{} << QStringLiteral("address:port");
        QTest::newRow("listen port too large") << QStringList{} << QString()
                                               << QStringList{QStringLiteral("--listen"), QStringLiteral("127.0.0.1:70000")}
                                               << QStringLiteral("--listen");
        QTest::newRow("listen host not an address") << QStringList{QStringLiteral("SWITCHBOARD_LISTEN=example.com:80")}
                                                    << QString() << QStringList{} << QStringLiteral("not an IP address");
        QTest::newRow("public url not http") << QStringList{QStringLiteral("SWITCHBOARD_PUBLIC_URL=ftp://x")}
                                             << QString() << QStringList{} << QStringLiteral("SWITCHBOARD_PUBLIC_URL");
        QTest::newRow("unknown role") << QStringList{QStringLiteral("SWITCHBOARD_API_TOKENS=root:abc")}
                                      << QString() << QStringList{} << QStringLiteral("unknown role");
        QTest::newRow("unknown INI key") << QStringList{} << QStringLiteral("SWITCHBOARD_LISTN=127.0.0.1:1\n")
                                         << QStringList{} << QStringLiteral("unknown setting SWITCHBOARD_LISTN");
        QTest::newRow("storage threads zero") << QStringList{QStringLiteral("SWITCHBOARD_STORAGE_THREADS=0")}
                                              << QString() << QStringList{} << QStringLiteral("1 to 32");
        QTest::newRow("job workers zero") << QStringList{QStringLiteral("SWITCHBOARD_JOB_WORKERS=0")}
                                          << QString() << QStringList{} << QStringLiteral("SWITCHBOARD_JOB_WORKERS");
        QTest::newRow("lease not a number") << QStringList{} << QString()
                                            << QStringList{QStringLiteral("--job-lease-ms"), QStringLiteral("soon")}
                                            << QStringLiteral("SWITCHBOARD_JOB_LEASE_MS");
        QTest::newRow("recording limit too small") << QStringList{QStringLiteral("SWITCHBOARD_RECORDING_MAX_BYTES=10")}
                                                   << QString() << QStringList{} << QStringLiteral("SWITCHBOARD_RECORDING_MAX_BYTES");
        QTest::newRow("empty transcription model") << QStringList{QStringLiteral("SWITCHBOARD_TRANSCRIPTION_MODEL= ")}
                                                   << QString() << QStringList{} << QStringLiteral("SWITCHBOARD_TRANSCRIPTION_MODEL");
        QTest::newRow("unknown flag") << QStringList{} << QString() << QStringList{QStringLiteral("--frobnicate")}
                                      << QStringLiteral("frobnicate");
        QTest::newRow("stray argument") << QStringList{} << QString() << QStringList{QStringLiteral("extra")}
                                        << QStringLiteral("unexpected argument");
        QTest::newRow("unknown rate") << QStringList{QStringLiteral("SWITCHBOARD_COST_RATES=sms=0.01")} << QString()
                                      << QStringList{} << QStringLiteral("SWITCHBOARD_COST_RATES from the environment: unknown name");
        QTest::newRow("negative rate") << QStringList{} << QStringLiteral("SWITCHBOARD_COST_RATES=\"stream=-1\"\n")
                                       << QStringList{} << QStringLiteral("0 or more");
        QTest::newRow("fractional cost threshold") << QStringList{} << QString()
                                                   << QStringList{QStringLiteral("--cost-thresholds"), QStringLiteral("max_recordings=1.5")}
                                                   << QStringLiteral("--cost-thresholds: \"max_recordings\" must be a whole number");
        QTest::newRow("alert ratio as percent") << QStringList{QStringLiteral("SWITCHBOARD_ALERT_THRESHOLDS=high_cost_ratio=20")}
                                                << QString() << QStringList{} << QStringLiteral("ratio from 0 to 1");
        QTest::newRow("listen socket path too long")
            << QStringList{QStringLiteral("SWITCHBOARD_LISTEN_SOCKET=/") + QString(200, u'x')} << QString() << QStringList{}
            << QStringLiteral("SWITCHBOARD_LISTEN_SOCKET from the environment: the socket path");
        QTest::newRow("realtime socket path too long")
            << QStringList{} << QString() << QStringList{QStringLiteral("--realtime-socket"), QString(120, u'y')}
            << QStringLiteral("longer than 107 bytes");
        QTest::newRow("alert window zero") << QStringList{QStringLiteral("SWITCHBOARD_ALERT_WINDOW_DAYS=0")} << QString()
                                           << QStringList{} << QStringLiteral("1 to 366");
    }

    void badInput()
    {
        QFETCH(QStringList, environment);
        QFETCH(QString, ini);
        QFETCH(QStringList, flags);
        QFETCH(QString, messagePart);

        QStringList arguments{QStringLiteral("switchboard-backend")};
        if (!ini.isEmpty())
            arguments << QStringLiteral("--config") << writeIni(ini);
        arguments << flags;
        const auto loaded = loadBackendConfig(arguments, env(environment));
        QVERIFY(!loaded.ok());
        QCOMPARE(loaded.error().code, ErrorCode::InvalidInput);
        QVERIFY2(loaded.error().message.contains(messagePart), qPrintable(loaded.error().message));
    }

    void costSettings()
    {
        const auto defaults = loadBackendConfig({QStringLiteral("b")}, {});
        QVERIFY(defaults.ok());
        QCOMPARE(defaults->config.costs.rates, RateCard());
        QCOMPARE(defaults->config.costs.thresholds, CostThresholds());
        QCOMPARE(defaults->config.alertThresholds, AlertThresholds());
        QCOMPARE(defaults->config.alertWindowDays, 1);

        const auto loaded = loadBackendConfig(
            {QStringLiteral("b"), QStringLiteral("--alert-window-days"), QStringLiteral("7")},
            env({QStringLiteral("SWITCHBOARD_COST_RATES=voice_inbound=0.01,stream=0"),
                 QStringLiteral("SWITCHBOARD_COST_THRESHOLDS=max_webhook_retries=5"),
                 QStringLiteral("SWITCHBOARD_ALERT_THRESHOLDS=reconnect_ratio=0.25")}));
        QVERIFY2(loaded.ok(), loaded.ok() ? "" : qPrintable(loaded.error().message));
        const BackendConfig &config = loaded->config;
        QCOMPARE(config.costs.rates.voiceInboundPerMin, 0.01);
        QCOMPARE(config.costs.rates.streamPerMin, 0.0);
        QCOMPARE(config.costs.rates.recordingPerMin, RateCard().recordingPerMin);
        QCOMPARE(config.costs.thresholds.maxWebhookRetries, 5);
        QCOMPARE(config.costs.thresholds.maxRecordings, 1);
        QCOMPARE(config.alertThresholds.reconnectRatio, 0.25);
        QCOMPARE(config.alertThresholds.highCostRatio, 0.2);
        QCOMPARE(config.alertWindowDays, 7);

        // In an INI file a list needs no quotes.
        const auto ini = loadBackendConfig(
            {QStringLiteral("b"), QStringLiteral("--config"),
             writeIni(QStringLiteral("SWITCHBOARD_COST_RATES=recording=0.003, transcription=0.003\n"))},
            {});
        QVERIFY2(ini.ok(), ini.ok() ? "" : qPrintable(ini.error().message));
        QCOMPARE(ini->config.costs.rates.recordingPerMin, 0.003);
        QCOMPARE(ini->config.costs.rates.transcriptionPerMin, 0.003);
    }

    void missingConfigFileIsAnError()
    {
        const auto loaded = loadBackendConfig(
            {QStringLiteral("b"), QStringLiteral("--config"), m_dir.filePath(QStringLiteral("absent.ini"))}, {});
        QVERIFY(!loaded.ok());
        QVERIFY(loaded.error().message.contains(QStringLiteral("cannot be read")));
    }

    void helpListsEverySetting()
    {
        const auto loaded = loadBackendConfig({QStringLiteral("b"), QStringLiteral("--help")}, {});
        QVERIFY(loaded.ok());
        QCOMPARE(loaded->action, ConfigAction::ShowHelp);
        for (const char *name : {"SWITCHBOARD_LISTEN", "SWITCHBOARD_PUBLIC_URL", "SWITCHBOARD_DATABASE_URL",
                                 "SWITCHBOARD_API_TOKENS", "TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN",
                                 "TWILIO_API_BASE_URL", "OPENAI_API_KEY", "OPENAI_BASE_URL", "SWITCHBOARD_COST_RATES",
                                 "SWITCHBOARD_COST_THRESHOLDS", "SWITCHBOARD_ALERT_THRESHOLDS",
                                 "SWITCHBOARD_ALERT_WINDOW_DAYS", "--config"}) {
            QVERIFY2(loaded->helpText.contains(QLatin1StringView(name)), name);
        }
    }
};

QTEST_GUILESS_MAIN(TestConfig)
#include "tst_config.moc"
