#pragma once

#include <QHash>
#include <QWidget>

class QHBoxLayout;
class QLabel;
class QProgressBar;

// The status bar's permanent part: one connection label per account and a progress area.
class StatusArea : public QWidget
{
    Q_OBJECT
public:
    enum class ConnectionState { Offline, Connecting, Online, Error };
    Q_ENUM(ConnectionState)

    explicit StatusArea(QWidget *parent = nullptr);

    // Shows or updates the label of one account. `detail` (e.g. an error) goes to the tooltip.
    void setConnectionState(const QString &accountId, const QString &accountName,
                            ConnectionState state, const QString &detail = {});
    void removeAccount(const QString &accountId);
    QLabel *connectionLabel(const QString &accountId) const;

    // A running operation. maximum 0: busy without a known amount.
    void showProgress(const QString &text, int value, int maximum);
    void clearProgress();
    QProgressBar *progressBar() const { return m_progressBar; }
    QLabel *progressLabel() const { return m_progressLabel; }

    static QString stateText(ConnectionState state);

private:
    QHBoxLayout *m_layout;
    QLabel *m_progressLabel;
    QProgressBar *m_progressBar;
    QHash<QString, QLabel *> m_accountLabels;
};
