#pragma once

#include "mime/outgoingmessage.h"

#include <QFrame>

class QLabel;
class QToolButton;

// One recipient in a recipient field: the name (or address) with a button that removes it.
// An implausible address is marked with a warning icon, a tool tip and an error colour.
// Focused, Delete or Backspace removes it, Enter or F2 takes it back into the editor, and
// Left and Right move between the recipients.
class RecipientChip : public QFrame
{
    Q_OBJECT
public:
    explicit RecipientChip(const MailAddress &address, QWidget *parent = nullptr);

    MailAddress address() const { return m_address; }
    // The address as typed: "Name <address>" or the bare address.
    QString text() const;
    bool isValid() const { return m_valid; }
    QToolButton *removeButton() const { return m_remove; }

Q_SIGNALS:
    void removeRequested();
    void editRequested();
    // Left (-1) or Right (+1) was pressed.
    void moveRequested(int step);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void updateLook();

    MailAddress m_address;
    bool m_valid;
    QLabel *m_icon;
    QLabel *m_label;
    QToolButton *m_remove;
};
