#pragma once

#include "shared/alerts.h"
#include "shared/lograte.h"

#include <QObject>
#include <QSet>
#include <QTimer>

namespace sb {

class Storage;

struct AlertMonitorSettings
{
    AlertThresholds thresholds;
    int windowDays = 1;           ///< UTC days summarised, today included
    int minIntervalMs = 5000;     ///< at most one evaluation this often
    int refreshIntervalMs = 60'000; ///< re-evaluated this often even without changes (the window moves)
};

/**
 * @brief Keeps the cost alerts of every business current (I/O thread).
 *
 * Evaluates the cost summary of all businesses over the window at start, after calls change
 * (Storage::eventsAppended, coalesced to at most one evaluation per minIntervalMs) and every
 * refreshIntervalMs. Emits alertsChanged() when the list differs from the last one; an alert
 * whose key was not raised before is logged once at warning. The summary is read on a storage
 * thread.
 */
class AlertMonitor : public QObject
{
    Q_OBJECT
public:
    AlertMonitor(Storage &storage, AlertMonitorSettings settings, QObject *parent = nullptr);
    ~AlertMonitor() override;

    /// The alerts of the last evaluation.
    const QList<Alert> &alerts() const { return m_alerts; }
    const AlertMonitorSettings &settings() const { return m_settings; }

signals:
    void alertsChanged(const QList<sb::Alert> &alerts);

private:
    void scheduleEvaluation();
    void evaluate();
    void apply(const QList<Alert> &alerts);

    Storage &m_storage;
    AlertMonitorSettings m_settings;
    QTimer m_coalesce;  ///< single shot: the next evaluation after a change
    QTimer m_refresh;
    bool m_evaluating = false;
    bool m_changedWhileEvaluating = false;
    QList<Alert> m_alerts;
    LogRateLimiter m_logRate;
};

} // namespace sb
