#pragma once

#include <QList>
#include <QObject>
#include <QString>
#include <QThread>

namespace sb {

class Storage;

/**
 * @brief PostgreSQL `LISTEN` on its own thread and connection: which call events other backend
 * instances committed.
 *
 * Each hub announces the ids of the events its instance committed with `NOTIFY channel,
 * 'instance:id,id,…'` (LiveQueries::notify); this listener hears every instance's, drops its own
 * and reports the others'. The connection is checked every few seconds and opened again when it
 * dropped. Nothing here waits on the I/O thread.
 */
class ChangeListener : public QObject
{
    Q_OBJECT
public:
    static constexpr QStringView kChannel = u"switchboard_live";

    ChangeListener(const Storage &storage, QString ownInstance, QObject *parent = nullptr);
    ~ChangeListener() override;

    /// `instance:1,2,3` for NOTIFY; empty ids give an empty string.
    static QString payload(const QString &instance, const QList<qint64> &eventIds);

signals:
    /// Ids of events another instance committed (emitted on this object's thread).
    void eventsNotified(const QList<qint64> &eventIds);
    /// LISTEN is in place (again): events committed elsewhere from now on will be reported.
    void listening();

private:
    class Worker;
    QThread m_thread;
    Worker *m_worker = nullptr;
};

} // namespace sb
