#include "twimlreader.h"

#include <QXmlStreamReader>

namespace sb::sim {

namespace {
TwimlPlan planOf(TwimlPlan::Action action, const QUrl &url = {})
{
    TwimlPlan plan;
    plan.action = action;
    plan.url = url;
    return plan;
}
} // namespace

Result<TwimlPlan> readTwiml(const QByteArray &xml, const QUrl &documentUrl)
{
    QXmlStreamReader reader(xml);
    if (!reader.readNextStartElement() || reader.name() != u"Response")
        return invalidInput(QStringLiteral("12100: the document is not TwiML (no <Response>)"));
    std::optional<TwimlPlan> plan;
    QString inside; // the verb a <Stream> sits in
    while (!reader.atEnd()) {
        const auto token = reader.readNext();
        if (token == QXmlStreamReader::EndElement && (reader.name() == u"Connect" || reader.name() == u"Start")) {
            inside.clear();
            continue;
        }
        if (token != QXmlStreamReader::StartElement)
            continue;
        const QStringView name = reader.name();
        if (plan && plan->action == TwimlPlan::Action::Stream) {
            if (name == u"Parameter")
                plan->parameters.append({reader.attributes().value(QLatin1String("name")).toString(),
                                         reader.attributes().value(QLatin1String("value")).toString()});
            continue;
        }
        if (plan)
            continue; // the first verb decides; the rest is read only to check well-formedness
        if (name == u"Connect" || name == u"Start") {
            inside = name.toString();
        } else if (name == u"Stream" && !inside.isEmpty()) {
            const QUrl url = documentUrl.resolved(QUrl(reader.attributes().value(QLatin1String("url")).toString()));
            if (url.scheme() != u"wss" && url.scheme() != u"ws")
                return invalidInput(QStringLiteral("31922: the Stream url must be a ws:// or wss:// URL"));
            if (url.hasQuery())
                return invalidInput(QStringLiteral("31922: the Stream url must not have a query string"));
            plan = planOf(TwimlPlan::Action::Stream, url);
            const QString callback = reader.attributes().value(QLatin1String("statusCallback")).toString();
            if (!callback.isEmpty())
                plan->statusCallback = documentUrl.resolved(QUrl(callback));
            const QString method = reader.attributes().value(QLatin1String("statusCallbackMethod")).toString();
            if (!method.isEmpty())
                plan->statusCallbackMethod = method.toUpper();
        } else if (name == u"Hangup" || name == u"Reject") {
            plan = planOf(TwimlPlan::Action::Hangup);
        } else if (name == u"Redirect") {
            plan = planOf(TwimlPlan::Action::Redirect, documentUrl.resolved(QUrl(reader.readElementText().trimmed())));
        } else if (name != u"Parameter") {
            plan = planOf(TwimlPlan::Action::Hold);
        }
    }
    if (reader.hasError())
        return invalidInput(QStringLiteral("12100: TwiML is not well-formed: %1").arg(reader.errorString()));
    // An empty <Response/> hangs up, as Twilio does when it runs out of verbs.
    return plan.value_or(TwimlPlan{});
}

} // namespace sb::sim
