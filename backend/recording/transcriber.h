#pragma once

#include "shared/call.h"

#include <QString>

#include <functional>
#include <optional>

namespace sb {

/// One try at turning a call's recording into text.
struct TranscriptionAttempt
{
    std::optional<QString> text; ///< nullopt: it failed (see error)
    QString error;
    bool transient = false;      ///< worth another attempt later (timeouts, 5xx, 429)

    static TranscriptionAttempt success(QString text) { return {std::move(text), {}, false}; }
    static TranscriptionAttempt failure(QString error, bool transient) { return {std::nullopt, std::move(error), transient}; }
};

/**
 * @brief What the workers call to transcribe a call's recording: the recording's download plus
 * the transcription service in production, an instant stand-in in the benchmark.
 */
class Transcriber
{
public:
    using Done = std::function<void(const TranscriptionAttempt &)>;
    virtual ~Transcriber() = default;
    /// Transcribes @p call's recording; @p done runs once, on the caller's thread.
    virtual void transcribe(const Call &call, Done done) = 0;
};

} // namespace sb
