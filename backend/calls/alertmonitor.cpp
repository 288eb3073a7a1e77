#include "alertmonitor.h"

#include "async.h"
#include "storage/costreports.h"
#include "storage/storage.h"

#include "shared/logging.h"

using namespace Qt::StringLiterals;

namespace sb {

AlertMonitor::AlertMonitor(Storage &storage, AlertMonitorSettings settings, QObject *parent)
    : QObject(parent)
    , m_storage(storage)
    , m_settings(std::move(settings))
{
    m_coalesce.setSingleShot(true);
    m_coalesce.setInterval(m_settings.minIntervalMs);
    connect(&m_coalesce, &QTimer::timeout, this, &AlertMonitor::evaluate);
    m_refresh.setInterval(m_settings.refreshIntervalMs);
    connect(&m_refresh, &QTimer::timeout, this, &AlertMonitor::scheduleEvaluation);
    m_refresh.start();
    // Emitted on a storage thread: queued to this one.
    connect(&m_storage, &Storage::eventsAppended, this, &AlertMonitor::scheduleEvaluation, Qt::QueuedConnection);
    QMetaObject::invokeMethod(this, &AlertMonitor::evaluate, Qt::QueuedConnection);
}

AlertMonitor::~AlertMonitor() = default;

void AlertMonitor::scheduleEvaluation()
{
    if (m_evaluating) {
        m_changedWhileEvaluating = true;
        return;
    }
    if (!m_coalesce.isActive())
        m_coalesce.start();
}

void AlertMonitor::evaluate()
{
    m_evaluating = true;
    m_changedWhileEvaluating = false;
    const int days = m_settings.windowDays;
    const AlertThresholds thresholds = m_settings.thresholds;
    whenReady(m_storage.run([days, thresholds](StorageSession &session) {
                  return CostReports(session).summary(std::nullopt, days, thresholds);
              }),
              this, [this](const Result<CostSummary> &summary) {
                  m_evaluating = false;
                  if (summary) {
                      apply(summary->alerts);
                  } else {
                      SB_LOG_RATE_LIMITED(qCWarning(lcCosts).noquote(), m_logRate, u"alerts-unavailable"_s,
                                          "cost alerts could not be evaluated:" << summary.error().message);
                  }
                  if (m_changedWhileEvaluating)
                      scheduleEvaluation();
              });
}

void AlertMonitor::apply(const QList<Alert> &alerts)
{
    if (alerts == m_alerts)
        return;
    QSet<QString> raisedBefore;
    for (const Alert &alert : std::as_const(m_alerts))
        raisedBefore.insert(alert.key);
    for (const Alert &alert : alerts) {
        if (!raisedBefore.contains(alert.key))
            qCWarning(lcCosts).noquote() << "cost alert" << alert.key << QString(u'(' + Alert::severityName(alert.severity) + u"):")
                                         << alert.message << "-" << alert.action;
    }
    m_alerts = alerts;
    emit alertsChanged(m_alerts);
}

} // namespace sb
