#pragma once

#include "shared/result.h"

#include <QJsonArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace sb::sim {

/// Faults that change how one call behaves (the names are the wire names of `faults`).
struct CallFaults
{
    bool repeatStatusCallbacks = false; ///< `repeat_status_callbacks`: every callback twice, same token
    bool outOfOrderStatus = false;      ///< `out_of_order_status`: completed, then in-progress, then ringing
    bool streamDropReconnect = false;   ///< `stream_drop_reconnect`: socket dropped mid-call, new start
    bool alarm11205 = false;            ///< `alarm_11205`: a Debugger webhook about the call
    bool secondRecording = false;       ///< `second_recording`: one more RecordingSid at the end
    bool absentRecording = false;       ///< `absent_recording`: recordings end `absent` (16101, too short), no media

    QStringList names() const;
    bool any() const
    {
        return repeatStatusCallbacks || outOfOrderStatus || streamDropReconnect || alarm11205 || secondRecording
               || absentRecording;
    }
};

/// A REST fault armed through `POST /sim/faults`.
struct RestFault
{
    enum class Kind { ServerError, Slow, Timeout };
    Kind kind = Kind::ServerError;
    QString endpoint;   ///< `POST Calls.json`-style; empty matches every endpoint
    int remaining = 1;  ///< requests it still applies to; -1 is unlimited
    int status = 500;   ///< ServerError: 500 or 503
    int delayMs = 0;    ///< Slow: added delay; Timeout: answer after this (0 = never)
};

/// What the REST layer does with one request, decided before it is handled.
struct RestAction
{
    bool fail = false;
    int status = 0;
    int delayMs = 0;
    bool neverAnswer = false;
};

/**
 * @brief The faults armed now: per-call faults for REST-created calls, REST faults per endpoint.
 *
 * A `faults` list holds strings (`"alarm_11205"`) or objects (`{"kind": "rest_5xx",
 * "endpoint": "POST Calls.json", "count": 2, "status": 503}`); parse() refuses anything else.
 */
class FaultPlan
{
public:
    /// Parses a `faults` list into call faults and REST faults (REST ones only if @p rest is given).
    static Result<void> parse(const QJsonArray &list, CallFaults &call, QList<RestFault> *rest);

    Result<void> arm(const QJsonArray &list);
    /// Consumes one use of the first REST fault matching @p endpoint.
    RestAction take(const QString &endpoint);
    const CallFaults &callFaults() const { return m_call; }
    QJsonObject toJson() const;
    void reset();

private:
    CallFaults m_call;
    QList<RestFault> m_rest;
};

} // namespace sb::sim
