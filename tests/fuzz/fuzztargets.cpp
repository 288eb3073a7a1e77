#include "fuzztargets.h"

#include <iterator>

namespace sb::fuzz {

const Target *targets(size_t &count)
{
    static constexpr Target all[] = {
        {"websocketframes", websocketFrames},
        {"twilioform", twilioForm},
        {"webhookguard", webhookGuard},
        {"flatjson", flatJson},
        {"twiliomedia", twilioMedia},
        {"realtimeevents", realtimeEvents},
        {"twiliorest", twilioRest},
        {"apibodies", apiBodies},
        {"sharedjson", sharedJson},
        {"phonenumber", phoneNumber},
        {"databaseurl", databaseUrl},
    };
    count = std::size(all);
    return all;
}

} // namespace sb::fuzz
