#pragma once

#include <QDialog>

class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class QTabWidget;
class RemoteContentPolicy;
class SendingPreferences;

// The application's settings. Its Privacy page lists the senders whose messages show remote
// content without asking, where entries can be added and removed; its Sending page (when
// sending preferences are given) holds the undo-send delay. OK writes everything back.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    // The policy must outlive the dialog.
    explicit SettingsDialog(RemoteContentPolicy *policy, QWidget *parent = nullptr);
    // With the Sending page. Both must outlive the dialog.
    SettingsDialog(RemoteContentPolicy *policy, SendingPreferences *sending,
                   QWidget *parent = nullptr);

    QTabWidget *tabs() const { return m_tabs; }
    // The undo-send delay in seconds (0: off); null without sending preferences.
    QSpinBox *undoSendField() const { return m_undoSend; }

    QListWidget *senderList() const { return m_senders; }
    QLineEdit *senderField() const { return m_newSender; }
    QPushButton *addButton() const { return m_add; }
    QPushButton *removeButton() const { return m_remove; }

    void accept() override;

private:
    void addSender();
    void updateButtons();

    RemoteContentPolicy *m_policy;
    SendingPreferences *m_sending;
    QTabWidget *m_tabs;
    QSpinBox *m_undoSend = nullptr;
    QListWidget *m_senders;
    QLineEdit *m_newSender;
    QPushButton *m_add;
    QPushButton *m_remove;
};
