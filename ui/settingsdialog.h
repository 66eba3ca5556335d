#pragma once

#include <QDialog>

class QLineEdit;
class QListWidget;
class QPushButton;
class RemoteContentPolicy;

// The application's settings. Its Privacy page lists the senders whose messages show remote
// content without asking, where entries can be added and removed; OK writes the list back.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    // The policy must outlive the dialog.
    explicit SettingsDialog(RemoteContentPolicy *policy, QWidget *parent = nullptr);

    QListWidget *senderList() const { return m_senders; }
    QLineEdit *senderField() const { return m_newSender; }
    QPushButton *addButton() const { return m_add; }
    QPushButton *removeButton() const { return m_remove; }

    void accept() override;

private:
    void addSender();
    void updateButtons();

    RemoteContentPolicy *m_policy;
    QListWidget *m_senders;
    QLineEdit *m_newSender;
    QPushButton *m_add;
    QPushButton *m_remove;
};
