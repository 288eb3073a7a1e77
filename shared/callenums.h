#pragma once

#include "result.h"

#include <QStringList>

#include <array>
#include <type_traits>
#include <string_view>
#include <utility>

namespace sb {

/// Twilio's call statuses plus our own `reserved` (dedup row before Twilio is asked) and
/// `answered` (sent by some Twilio-compatible servers for the `answered` event).
enum class CallStatus {
    Reserved,
    Queued,
    Initiated,
    Ringing,
    InProgress,
    Answered,
    Completed,
    Busy,
    Failed,
    NoAnswer,
    Canceled,
};

enum class Direction { Inbound, OutboundApi, OutboundDial };

/// How the call is recorded: never through Calls.json `Record` (invariant 2), at most once via the API.
enum class RecordingMode { Off, RecordingApi, TwilioCallRecord };

/// Recording-status callback values and the recording resource's own states.
enum class RecordingStatus { InProgress, Paused, Stopped, Processing, Completed, Absent, Failed, Deleted };

enum class TranscriptSource { Recording, Realtime, Failed };

enum class CostBucket { Low, Med, High };

/// The one spelling of each enum value on the wire and in the database.
template <typename E>
struct EnumInfo;

template <>
struct EnumInfo<CallStatus>
{
    static constexpr std::string_view typeName = "call status";
    static constexpr std::array<std::pair<CallStatus, std::string_view>, 11> names{{
        {CallStatus::Reserved, "reserved"},
        {CallStatus::Queued, "queued"},
        {CallStatus::Initiated, "initiated"},
        {CallStatus::Ringing, "ringing"},
        {CallStatus::InProgress, "in-progress"},
        {CallStatus::Answered, "answered"},
        {CallStatus::Completed, "completed"},
        {CallStatus::Busy, "busy"},
        {CallStatus::Failed, "failed"},
        {CallStatus::NoAnswer, "no-answer"},
        {CallStatus::Canceled, "canceled"},
    }};
};

template <>
struct EnumInfo<Direction>
{
    static constexpr std::string_view typeName = "direction";
    static constexpr std::array<std::pair<Direction, std::string_view>, 3> names{{
        {Direction::Inbound, "inbound"},
        {Direction::OutboundApi, "outbound-api"},
        {Direction::OutboundDial, "outbound-dial"},
    }};
};

template <>
struct EnumInfo<RecordingMode>
{
    static constexpr std::string_view typeName = "recording mode";
    static constexpr std::array<std::pair<RecordingMode, std::string_view>, 3> names{{
        {RecordingMode::Off, "OFF"},
        {RecordingMode::RecordingApi, "RECORDING_API"},
        {RecordingMode::TwilioCallRecord, "TWILIO_CALL_RECORD"},
    }};
};

template <>
struct EnumInfo<RecordingStatus>
{
    static constexpr std::string_view typeName = "recording status";
    static constexpr std::array<std::pair<RecordingStatus, std::string_view>, 8> names{{
        {RecordingStatus::InProgress, "in-progress"},
        {RecordingStatus::Paused, "paused"},
        {RecordingStatus::Stopped, "stopped"},
        {RecordingStatus::Processing, "processing"},
        {RecordingStatus::Completed, "completed"},
        {RecordingStatus::Absent, "absent"},
        {RecordingStatus::Failed, "failed"},
        {RecordingStatus::Deleted, "deleted"},
    }};
};

template <>
struct EnumInfo<TranscriptSource>
{
    static constexpr std::string_view typeName = "transcript source";
    static constexpr std::array<std::pair<TranscriptSource, std::string_view>, 3> names{{
        {TranscriptSource::Recording, "recording"},
        {TranscriptSource::Realtime, "realtime"},
        {TranscriptSource::Failed, "failed"},
    }};
};

template <>
struct EnumInfo<CostBucket>
{
    static constexpr std::string_view typeName = "cost bucket";
    static constexpr std::array<std::pair<CostBucket, std::string_view>, 3> names{{
        {CostBucket::Low, "LOW"},
        {CostBucket::Med, "MED"},
        {CostBucket::High, "HIGH"},
    }};
};

/// An enum with a wire spelling (an EnumInfo specialisation).
template <typename E>
concept WireEnum = std::is_enum_v<E> && requires { EnumInfo<E>::names; };

namespace detail {
struct ToStringFn
{
    template <WireEnum E>
    QString operator()(E value) const
    {
        for (const auto &[candidate, name] : EnumInfo<E>::names) {
            if (candidate == value)
                return QString::fromLatin1(name.data(), qsizetype(name.size()));
        }
        return {};
    }
};
} // namespace detail

/// The wire spelling of a value: `toString(CallStatus::InProgress)` is `"in-progress"`; an
/// out-of-range value gives an empty string.
/// A function object rather than a function template: argument-dependent lookup ignores objects,
/// so generic code that calls an unqualified toString() on our enums (QTest's QCOMPARE does) is
/// not handed this QString-returning one and made ambiguous.
inline constexpr detail::ToStringFn toString{};

/// Every wire spelling of E, in declaration order.
template <typename E>
QStringList enumNames()
{
    QStringList result;
    for (const auto &entry : EnumInfo<E>::names)
        result << QString::fromLatin1(entry.second.data(), qsizetype(entry.second.size()));
    return result;
}

/// Parses the exact (case-sensitive) wire spelling; anything else is an InvalidInput error
/// that names the type, the text and the accepted spellings.
template <typename E>
Result<E> parseEnum(QStringView text)
{
    for (const auto &[candidate, name] : EnumInfo<E>::names) {
        if (text == QLatin1StringView(name.data(), qsizetype(name.size())))
            return candidate;
    }
    const auto typeName = EnumInfo<E>::typeName;
    return invalidInput(QStringLiteral("unknown %1 \"%2\" (expected one of: %3)")
                            .arg(QLatin1StringView(typeName.data(), qsizetype(typeName.size())),
                                 text.toString(), enumNames<E>().join(QStringLiteral(", "))));
}

} // namespace sb
