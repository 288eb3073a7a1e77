#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace sb {

/// What kind of failure an operation met; the HTTP layer maps each kind to one status code.
enum class ErrorCode {
    InvalidInput, ///< the caller's input is malformed or out of range
    NotFound,     ///< the thing asked for does not exist
    Conflict,     ///< the request clashes with the stored state
    Unauthorized, ///< no or unknown credentials
    Forbidden,    ///< known credentials, insufficient role
    Unavailable,  ///< a dependency (database, Twilio) cannot be reached now
    Upstream,     ///< a dependency answered with an error
    Internal,     ///< a bug or an unexpected state
};

/// A typed domain error: a kind plus a sentence a person can act on.
struct Error
{
    ErrorCode code = ErrorCode::Internal;
    QString message;

    friend bool operator==(const Error &, const Error &) = default;
};

/**
 * @brief Either a value or an Error (std::expected is C++23; this is the small part we need).
 *
 * Construct from a T for success or from an Error for failure; check with ok() before value().
 */
template <typename T>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_state(std::in_place_index<0>, std::move(value)) { }
    Result(Error error) : m_state(std::in_place_index<1>, std::move(error)) { }

    bool ok() const { return m_state.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<0>(m_state); }
    T &value() & { return std::get<0>(m_state); }
    T &&value() && { return std::get<0>(std::move(m_state)); }
    const T &operator*() const & { return value(); }
    const T *operator->() const { return &value(); }

    const Error &error() const { return std::get<1>(m_state); }

    T valueOr(T fallback) const { return ok() ? value() : std::move(fallback); }

private:
    std::variant<T, Error> m_state;
};

/// Result of an operation that yields nothing but may fail.
template <>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)), m_ok(false) { }

    bool ok() const { return m_ok; }
    explicit operator bool() const { return m_ok; }
    const Error &error() const { return m_error; }

private:
    Error m_error;
    bool m_ok = true;
};

inline Error invalidInput(QString message) { return {ErrorCode::InvalidInput, std::move(message)}; }
inline Error notFound(QString message) { return {ErrorCode::NotFound, std::move(message)}; }

} // namespace sb
