// libFuzzer entry for the media reactor's WebSocket frame reader (built with clang only).
#include "fuzzwebsocketframes.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sb::fuzz::websocketFrames(data, size);
    return 0;
}
