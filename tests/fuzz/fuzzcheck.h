#pragma once

#include <QByteArray>
#include <QStringView>

#include <cstddef>
#include <cstdint>

namespace sb::fuzz {

/// The fuzz input as bytes (a deep copy: parsers may keep views into it while it lives).
QByteArray inputBytes(const uint8_t *data, size_t size);

/// Aborts with "fuzz_<target>: <what>" unless @p ok: the fuzzer (and tst_fuzzcorpus) report it.
void check(bool ok, const char *target, const char *what);

/// Whether @p inner lies inside @p outer's memory (a view must point into the text it was read from).
bool isViewInto(QStringView inner, QStringView outer);
bool isViewInto(QByteArrayView inner, QByteArrayView outer);

} // namespace sb::fuzz
