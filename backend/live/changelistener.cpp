#include "changelistener.h"

#include "storage/storage.h"

#include "shared/logging.h"

#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>

#include <atomic>

using namespace Qt::StringLiterals;

namespace sb {

namespace {
std::atomic<quint64> g_listenerCounter{0};
constexpr int kCheckIntervalMs = 3000;
} // namespace

class ChangeListener::Worker : public QObject
{
    Q_OBJECT
public:
    Worker(const Storage &storage, QString ownInstance)
        : m_storage(storage)
        , m_ownInstance(std::move(ownInstance))
        , m_connectionName(u"sb-live-listen-"_s + QString::number(g_listenerCounter.fetch_add(1)))
    {
    }

    void start()
    {
        m_check = new QTimer(this);
        m_check->setInterval(kCheckIntervalMs);
        connect(m_check, &QTimer::timeout, this, &Worker::check);
        m_check->start();
        connectAndListen();
    }

    void stop()
    {
        delete m_check;
        closeConnection();
    }

signals:
    void eventsNotified(const QList<qint64> &eventIds);
    void listening();

private:
    void connectAndListen()
    {
        closeConnection();
        if (auto opened = m_storage.openExtraConnection(m_connectionName); !opened) {
            if (!std::exchange(m_warned, true))
                qCWarning(lcLive).noquote() << "cannot listen for other instances' calls:" << opened.error().message;
            QSqlDatabase::removeDatabase(m_connectionName);
            return;
        }
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        connect(db.driver(), &QSqlDriver::notification, this,
                [this](const QString &, QSqlDriver::NotificationSource, const QVariant &payload) {
                    receive(payload.toString());
                });
        if (!db.driver()->subscribeToNotification(kChannel.toString())) {
            qCWarning(lcLive).noquote() << "LISTEN" << kChannel << "failed:" << db.driver()->lastError().text();
            closeConnection();
            return;
        }
        m_open = true;
        if (std::exchange(m_warned, false))
            qCInfo(lcLive) << "listening for other instances' calls again";
        emit listening();
    }

    void check()
    {
        if (m_open) {
            QSqlQuery ping(QSqlDatabase::database(m_connectionName, false));
            if (ping.exec(u"SELECT 1"_s))
                return;
            qCWarning(lcLive).noquote() << "the LISTEN connection dropped:" << ping.lastError().text().simplified();
        }
        connectAndListen();
    }

    void receive(const QString &payload)
    {
        const qsizetype colon = payload.indexOf(u':');
        if (colon < 0 || QStringView(payload).left(colon) == m_ownInstance)
            return;
        QList<qint64> ids;
        for (const QStringView part : QStringView(payload).mid(colon + 1).split(u',', Qt::SkipEmptyParts)) {
            bool ok = false;
            const qint64 id = part.toLongLong(&ok);
            if (ok && id > 0)
                ids.append(id);
        }
        if (!ids.isEmpty())
            emit eventsNotified(ids);
    }

    void closeConnection()
    {
        if (!QSqlDatabase::contains(m_connectionName))
            return;
        {
            QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_connectionName);
        m_open = false;
    }

    const Storage &m_storage;
    const QString m_ownInstance;
    const QString m_connectionName;
    QTimer *m_check = nullptr;
    bool m_open = false;
    bool m_warned = false;
};

ChangeListener::ChangeListener(const Storage &storage, QString ownInstance, QObject *parent)
    : QObject(parent)
    , m_worker(new Worker(storage, std::move(ownInstance)))
{
    m_thread.setObjectName(u"live-listen"_s);
    m_worker->moveToThread(&m_thread);
    connect(m_worker, &Worker::eventsNotified, this, &ChangeListener::eventsNotified);
    connect(m_worker, &Worker::listening, this, &ChangeListener::listening);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
    QMetaObject::invokeMethod(m_worker, &Worker::start);
}

ChangeListener::~ChangeListener()
{
    QMetaObject::invokeMethod(m_worker, &Worker::stop, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

QString ChangeListener::payload(const QString &instance, const QList<qint64> &eventIds)
{
    QString text = instance + u':';
    for (qsizetype i = 0; i < eventIds.size(); ++i) {
        if (i > 0)
            text += u',';
        text += QString::number(eventIds.at(i));
    }
    return text;
}

} // namespace sb

#include "changelistener.moc"
