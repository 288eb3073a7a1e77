#pragma once

#include <QLoggingCategory>

/// One logging category per module (DESIGN.md invariant 10). Use with qCDebug/qCInfo/qCWarning:
/// `qCWarning(sb::lcHttp) << "…";`. Names follow the folder layout: `switchboard.backend.http`.
namespace sb {

Q_DECLARE_LOGGING_CATEGORY(lcShared)     ///< switchboard.shared
Q_DECLARE_LOGGING_CATEGORY(lcBackend)    ///< switchboard.backend: application bootstrap
Q_DECLARE_LOGGING_CATEGORY(lcHttp)       ///< switchboard.backend.http
Q_DECLARE_LOGGING_CATEGORY(lcTwilio)     ///< switchboard.backend.twilio
Q_DECLARE_LOGGING_CATEGORY(lcCalls)      ///< switchboard.backend.calls
Q_DECLARE_LOGGING_CATEGORY(lcMedia)      ///< switchboard.backend.media
Q_DECLARE_LOGGING_CATEGORY(lcRecording)  ///< switchboard.backend.recording
Q_DECLARE_LOGGING_CATEGORY(lcLive)       ///< switchboard.backend.live
Q_DECLARE_LOGGING_CATEGORY(lcCosts)      ///< switchboard.backend.costs: cost warnings, alerts, /metrics
Q_DECLARE_LOGGING_CATEGORY(lcStorage)    ///< switchboard.backend.storage
Q_DECLARE_LOGGING_CATEGORY(lcConsoleNet) ///< switchboard.console.net
Q_DECLARE_LOGGING_CATEGORY(lcConsoleUi)  ///< switchboard.console.ui

/// The message pattern installLogFormat() sets: ISO time, level, category, message.
inline constexpr char kLogMessagePattern[] =
    "%{time yyyy-MM-ddThh:mm:ss.zzz} %{type} %{category}: %{message}";

/// The filter rule installLogFormat() sets: Switchboard's debug output is off by default.
inline constexpr char kDefaultLogFilterRules[] = "switchboard.*.debug=false";

/**
 * @brief Sets up the process's log output; call once at the start of main().
 *
 * Sets kLogMessagePattern unless `QT_MESSAGE_PATTERN` is set, and hides `switchboard.*` debug
 * messages unless `QT_LOGGING_RULES` is set, so an operator's environment always wins.
 */
void installLogFormat();

} // namespace sb
