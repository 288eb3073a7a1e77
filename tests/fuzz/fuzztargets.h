#pragma once

#include <cstddef>
#include <cstdint>

namespace sb::fuzz {

/// One fuzz target: the corpus directory's name and the function one input runs through. Each
/// function drives a real parser with the bytes and aborts when an invariant breaks.
struct Target
{
    const char *name;
    void (*run)(const uint8_t *data, size_t size);
};

/// Every target, in the order tst_fuzzcorpus replays them.
const Target *targets(size_t &count);

void websocketFrames(const uint8_t *data, size_t size); // fuzzwebsocketframes.cpp
void twilioForm(const uint8_t *data, size_t size);      // fuzzwebhooks.cpp
void webhookGuard(const uint8_t *data, size_t size);    // fuzzwebhooks.cpp
void flatJson(const uint8_t *data, size_t size);        // fuzzmedia.cpp
void twilioMedia(const uint8_t *data, size_t size);     // fuzzmedia.cpp
void realtimeEvents(const uint8_t *data, size_t size);  // fuzzmedia.cpp
void twilioRest(const uint8_t *data, size_t size);      // fuzzapi.cpp
void apiBodies(const uint8_t *data, size_t size);       // fuzzapi.cpp
void sharedJson(const uint8_t *data, size_t size);      // fuzzshared.cpp
void phoneNumber(const uint8_t *data, size_t size);     // fuzzshared.cpp
void databaseUrl(const uint8_t *data, size_t size);     // fuzzshared.cpp

} // namespace sb::fuzz
