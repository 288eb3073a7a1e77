#pragma once

#include <QtGlobal>

#include <atomic>

namespace sb {

/// What the webhook ingress refused or recognised, for /metrics and tests. Lock-free.
struct IngressCounters
{
    std::atomic<quint64> forgedSignatures{0}; ///< missing, wrong or tampered X-Twilio-Signature
    std::atomic<quint64> malformed{0};        ///< unparseable body or missing/invalid fields
    std::atomic<quint64> oversized{0};        ///< bodies over the configured limit
    std::atomic<quint64> unknownCalls{0};     ///< callbacks for calls we do not have
    std::atomic<quint64> retries{0};          ///< deliveries recognised as repeats
};

} // namespace sb
