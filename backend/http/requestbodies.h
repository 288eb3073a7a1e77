#pragma once

#include "calls/outboundcallservice.h"

#include "shared/result.h"

#include <QByteArrayView>

namespace sb {

/// The fields of `POST /api/businesses`: name required, caller number (E.164 once read) and prompt optional.
struct NewBusiness
{
    QString name;
    QString callerNumber; ///< empty, or normalised to E.164
    QString prompt;
};

/// The body of `POST /api/outbound/call`: `business_id` (a positive whole number), `to`, optional
/// `from` and `lead_id` (a string or a number). Numbers are normalised later, by the service.
Result<OutboundRequest> parseOutboundCallBody(QByteArrayView body);

/// The body of `POST /api/businesses`; a caller number that is not a phone number is InvalidInput.
Result<NewBusiness> parseNewBusinessBody(QByteArrayView body);

} // namespace sb
