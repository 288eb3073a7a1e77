#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>

#include <deque>
#include <functional>
#include <vector>

namespace sb {

class Storage;

/**
 * @brief The one prompt builder (DESIGN.md invariant 9): the business's prompt, or the default.
 *
 * A call's prompt is built once: its business's `prompt` when set, else the default Hebrew call
 * prompt (resources/prompts/call_he.txt). The text is cached by call_sid, so a stream that
 * reconnects gets the very same text without a new build; callers that ask while a build is in
 * flight wait for that build. Lives on the I/O thread; the lookup runs on a storage thread.
 */
class PromptBuilder : public QObject
{
    Q_OBJECT
public:
    enum class Channel { Call, WhatsApp };

    /// How many prompts are cached at most (oldest forgotten first).
    static constexpr int kMaxCached = 4096;

    explicit PromptBuilder(Storage &storage, QObject *parent = nullptr);

    /// Calls @p done(prompt) on the I/O thread (at once when cached), unless @p context is gone.
    void promptFor(const QString &callSid, QObject *context, std::function<void(const QString &)> done);

    /// How many prompts were built (storage lookups started); tests count them.
    int buildCount() const { return m_builds; }

    /// The text for a business prompt: @p businessPrompt trimmed, or the channel's default.
    static QString compose(const QString &businessPrompt, Channel channel = Channel::Call);
    static QString defaultPrompt(Channel channel);

private:
    struct Waiter
    {
        QPointer<QObject> context;
        std::function<void(const QString &)> done;
    };

    void finish(const QString &callSid, const QString &prompt);

    Storage &m_storage;
    QHash<QString, QString> m_cache;
    std::deque<QString> m_order;
    QHash<QString, std::vector<Waiter>> m_building;
    int m_builds = 0;
};

} // namespace sb
