#pragma once

#include <QHash>
#include <QWidget>

class QHBoxLayout;
class QLabel;
class QProgressBar;

// The status bar's permanent part: one connection label per account and a progress area.
//
// An account's label tells both of its servers: the mail (IMAP) connection in its text, and
// the submission server only when the last sending attempt could not reach it ("cannot send");
// the tooltip names both ("Mail: online" / "Sending: cannot reach smtp.example.org (...)").
// The dot is red when either fails (property hasError).
class StatusArea : public QWidget
{
    Q_OBJECT
public:
    enum class ConnectionState { Offline, Connecting, Online, Error };
    Q_ENUM(ConnectionState)
    // The submission (SMTP) server as the account's last sending attempt found it.
    enum class SendingState { Unknown, Reachable, Unreachable };
    Q_ENUM(SendingState)

    explicit StatusArea(QWidget *parent = nullptr);

    // Shows or updates the label of one account. `detail` (e.g. an error) goes to the tooltip.
    void setConnectionState(const QString &accountId, const QString &accountName,
                            ConnectionState state, const QString &detail = {});
    // The sending side of the same account: host is its submission server, error why it could
    // not be reached.
    void setSendingState(const QString &accountId, SendingState state, const QString &host,
                         const QString &error = {});
    void removeAccount(const QString &accountId);
    QLabel *connectionLabel(const QString &accountId) const;

    // A running operation. maximum 0: busy without a known amount.
    void showProgress(const QString &text, int value, int maximum);
    void clearProgress();
    QProgressBar *progressBar() const { return m_progressBar; }
    QLabel *progressLabel() const { return m_progressLabel; }

    static QString stateText(ConnectionState state);

private:
    struct Indicator
    {
        QLabel *label = nullptr;
        QString accountName;
        ConnectionState connection = ConnectionState::Offline;
        QString connectionDetail;
        SendingState sending = SendingState::Unknown;
        QString sendingHost;
        QString sendingError;
    };

    Indicator &indicator(const QString &accountId);
    void render(const Indicator &indicator);

    QHBoxLayout *m_layout;
    QLabel *m_progressLabel;
    QProgressBar *m_progressBar;
    QHash<QString, Indicator> m_indicators;
};
