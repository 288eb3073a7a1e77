#include "promptbuilder.h"

#include "async.h"
#include "storage/businesses.h"
#include "storage/callqueries.h"
#include "storage/storage.h"

#include "shared/logging.h"

#include <QFile>

using namespace Qt::StringLiterals;

namespace sb {

namespace {

QString readResource(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        qCCritical(lcMedia) << "missing prompt resource" << path;
        return {};
    }
    return QString::fromUtf8(file.readAll()).trimmed();
}

} // namespace

PromptBuilder::PromptBuilder(Storage &storage, QObject *parent)
    : QObject(parent)
    , m_storage(storage)
{
}

QString PromptBuilder::defaultPrompt(Channel channel)
{
    static const QString call = readResource(u":/prompts/call_he.txt"_s);
    static const QString whatsApp = readResource(u":/prompts/whatsapp_he.txt"_s);
    return channel == Channel::Call ? call : whatsApp;
}

QString PromptBuilder::compose(const QString &businessPrompt, Channel channel)
{
    const QString trimmed = businessPrompt.trimmed();
    return trimmed.isEmpty() ? defaultPrompt(channel) : trimmed;
}

void PromptBuilder::promptFor(const QString &callSid, QObject *context, std::function<void(const QString &)> done)
{
    if (const auto cached = m_cache.constFind(callSid); cached != m_cache.cend()) {
        done(*cached);
        return;
    }
    auto building = m_building.find(callSid);
    if (building != m_building.end()) {
        building->push_back({context, std::move(done)});
        return;
    }
    m_building[callSid].push_back({context, std::move(done)});
    ++m_builds;
    auto lookup = m_storage.run([callSid](StorageSession &session) -> QString {
        // An unknown call or an unreadable business still gets a prompt: the default one.
        const auto call = CallQueries(session).findBySid(callSid);
        if (!call || call.value().businessId <= 0)
            return compose({});
        const auto business = Businesses(session).find(call.value().businessId);
        return compose(business ? business.value().prompt : QString());
    });
    whenReady(lookup, this, [this, callSid](const QString &prompt) { finish(callSid, prompt); });
}

void PromptBuilder::finish(const QString &callSid, const QString &prompt)
{
    m_cache.insert(callSid, prompt);
    m_order.push_back(callSid);
    while (m_order.size() > size_t(kMaxCached)) {
        m_cache.remove(m_order.front());
        m_order.pop_front();
    }
    const std::vector<Waiter> waiters = m_building.take(callSid);
    for (const Waiter &waiter : waiters) {
        if (waiter.context)
            waiter.done(prompt);
    }
}

} // namespace sb
