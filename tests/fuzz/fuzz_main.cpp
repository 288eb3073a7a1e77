// libFuzzer entry (built with clang only); FUZZ_TARGET names the function, e.g. sb::fuzz::flatJson.
#include "fuzztargets.h"

#include <QtGlobal>

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    // Parsers log refusals (rate-limited); millions of runs need none of it.
    qInstallMessageHandler([](QtMsgType, const QMessageLogContext &, const QString &) {});
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FUZZ_TARGET(data, size);
    return 0;
}
