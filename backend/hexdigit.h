#pragma once

namespace sb {

/// The value of the hex digit @p c (either case), −1 when it is not one: for %XX in forms and
/// \uXXXX in JSON.
constexpr int hexDigitValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

} // namespace sb
