#include "logging.h"

namespace sb {

Q_LOGGING_CATEGORY(lcShared, "switchboard.shared")
Q_LOGGING_CATEGORY(lcBackend, "switchboard.backend")
Q_LOGGING_CATEGORY(lcHttp, "switchboard.backend.http")
Q_LOGGING_CATEGORY(lcTwilio, "switchboard.backend.twilio")
Q_LOGGING_CATEGORY(lcCalls, "switchboard.backend.calls")
Q_LOGGING_CATEGORY(lcMedia, "switchboard.backend.media")
Q_LOGGING_CATEGORY(lcRecording, "switchboard.backend.recording")
Q_LOGGING_CATEGORY(lcLive, "switchboard.backend.live")
Q_LOGGING_CATEGORY(lcCosts, "switchboard.backend.costs")
Q_LOGGING_CATEGORY(lcStorage, "switchboard.backend.storage")
Q_LOGGING_CATEGORY(lcConsoleNet, "switchboard.console.net")
Q_LOGGING_CATEGORY(lcConsoleUi, "switchboard.console.ui")

void installLogFormat()
{
    if (qEnvironmentVariableIsEmpty("QT_MESSAGE_PATTERN"))
        qSetMessagePattern(QLatin1StringView(kLogMessagePattern));
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QLatin1StringView(kDefaultLogFilterRules));
}

} // namespace sb
