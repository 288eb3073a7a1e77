#include "requestbodies.h"
#include "httpmessage.h"

#include "shared/phonenumber.h"


#include <cmath>

using namespace Qt::StringLiterals;

namespace sb {

namespace {

/// An optional string field; a number is accepted for ids (`lead_id: 42`).
Result<QString> textField(const QJsonObject &json, const QString &name, bool required, bool numberAllowed = false)
{
    const QJsonValue value = json.value(name);
    if (value.isUndefined() || value.isNull()) {
        if (required)
            return invalidInput(name + u" is required"_s);
        return QString();
    }
    if (value.isString()) {
        if (required && value.toString().trimmed().isEmpty())
            return invalidInput(name + u" must not be empty"_s);
        return value.toString().trimmed();
    }
    if (numberAllowed && value.isDouble()) {
        // toInteger() is 0 for 1.5 or 1e300: such an id would be read as "0".
        const double number = value.toDouble();
        if (number < -9e15 || number > 9e15 || number != std::floor(number))
            return invalidInput(name + u" must be a string or a whole number"_s);
        return QString::number(qint64(number));
    }
    return invalidInput(name + u" must be a string"_s);
}

} // namespace

Result<OutboundRequest> parseOutboundCallBody(QByteArrayView body)
{
    auto json = jsonObjectFromBody(body);
    if (!json)
        return json.error();
    OutboundRequest request;
    const QJsonValue business = json->value(u"business_id");
    if (business.isUndefined() || business.isNull())
        return invalidInput(u"business_id is required"_s);
    const double number = business.toDouble(-1);
    // The range first: converting a double outside qint64's range is undefined behaviour.
    if (!business.isDouble() || number < 1 || number > 9e15 || number != std::floor(number))
        return invalidInput(u"business_id must be a positive whole number"_s);
    request.businessId = qint64(number);
    auto to = textField(*json, u"to"_s, true);
    if (!to)
        return to.error();
    auto from = textField(*json, u"from"_s, false);
    if (!from)
        return from.error();
    auto lead = textField(*json, u"lead_id"_s, false, true);
    if (!lead)
        return lead.error();
    request.to = *to;
    request.from = *from;
    request.leadId = *lead;
    return request;
}

Result<NewBusiness> parseNewBusinessBody(QByteArrayView body)
{
    auto json = jsonObjectFromBody(body);
    if (!json)
        return json.error();
    auto name = textField(*json, u"name"_s, true);
    auto caller = textField(*json, u"caller_number"_s, false);
    auto prompt = textField(*json, u"prompt"_s, false);
    for (const Result<QString> *field : {&name, &caller, &prompt}) {
        if (!*field)
            return field->error();
    }
    NewBusiness business{*name, {}, *prompt};
    if (!caller->isEmpty()) {
        auto normalized = normalizePhoneNumber(*caller);
        if (!normalized)
            return invalidInput(u"caller_number: "_s + normalized.error().message);
        business.callerNumber = *normalized;
    }
    return business;
}

} // namespace sb
