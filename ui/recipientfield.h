#pragma once

#include "mime/outgoingmessage.h"

#include <QFrame>
#include <QList>

class AddressLineEdit;
class FlowLayout;
class QAbstractItemModel;
class QCompleter;
class RecipientChip;

// To, Cc or Bcc: every recipient is an item of its own with a remove button, followed by a
// line to type the next one in (with completion). What is typed becomes an item on a comma
// or semicolon (outside quotes and angle brackets), Enter, Tab or leaving the field; pasted
// lists are split into items. Backspace in the empty line removes the last item, Left moves
// onto the items. The field wraps onto as many lines as its items need.
class RecipientField : public QFrame
{
    Q_OBJECT
public:
    explicit RecipientField(QWidget *parent = nullptr);

    // Replaces every recipient with those of text ("Name <address>, address, …").
    void setText(const QString &text);
    // Every recipient, the one still being typed included, as "Name <address>, …".
    QString text() const;
    QList<MailAddress> addresses() const;
    void clear();

    // Any list model whose display role gives "Name <address>" strings (see AddressLineEdit).
    void setAddressModel(QAbstractItemModel *model);
    QCompleter *completer() const;
    // The line the next recipient is typed in.
    AddressLineEdit *editor() const { return m_editor; }
    void setPlaceholderText(const QString &text);
    // The recipient being typed.
    QString currentToken() const;

    int count() const { return int(m_chips.size()); }
    RecipientChip *chip(int index) const { return m_chips.value(index); }
    QList<RecipientChip *> chips() const { return m_chips; }
    void removeAt(int index);
    // Turns what is typed in the line into items.
    void commit();

    // The recipients whose addresses are not plausible (marked in their items; the field
    // carries the property "invalid" and a tool tip naming them).
    QStringList invalidAddresses() const;
    void updateValidity();

Q_SIGNALS:
    // A recipient was added, removed or typed.
    void textChanged();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;

private:
    void addChips(const QList<MailAddress> &addresses);
    void edit(RecipientChip *chip);
    void move(RecipientChip *chip, int step);
    void takeSeparatedTokens();
    bool handleEditorKey(QKeyEvent *event);
    void updatePlaceholder();

    FlowLayout *m_flow;
    AddressLineEdit *m_editor;
    QList<RecipientChip *> m_chips;
    QString m_placeholder;
    bool m_forwarding = false;
};
