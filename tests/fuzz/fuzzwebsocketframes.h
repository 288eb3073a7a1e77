#pragma once

#include <cstddef>
#include <cstdint>

namespace sb::fuzz {

/// One fuzz input through the RFC 6455 frame reader, both roles, whole and split at a point the
/// input's first byte picks; aborts when an invariant breaks (a view outside the buffer, a byte
/// count that does not add up, split and whole reads that disagree).
void websocketFrames(const uint8_t *data, size_t size);

} // namespace sb::fuzz
