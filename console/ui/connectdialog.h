#pragma once

#include "connectionsettings.h"

#include <QDialog>

class QLabel;
class QLineEdit;

namespace sb {

/// Asks for the backend URL and token, prefilled from ConnectionSettings, and says where they are kept.
class ConnectDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ConnectDialog(ConnectionSettings &settings, QWidget *parent = nullptr);

    /// The target entered; valid once the dialog was accepted.
    ConnectionTarget target() const { return m_target; }

    void accept() override;

private:
    ConnectionSettings &m_settings;
    QLineEdit *m_url;
    QLineEdit *m_token;
    QLabel *m_error;
    ConnectionTarget m_target;
};

} // namespace sb
