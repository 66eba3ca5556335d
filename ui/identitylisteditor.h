#pragma once

#include "accounts/identity.h"

#include <QList>
#include <QWidget>

class ComposerFormatBar;
class QComboBox;
class HtmlComposerEditor;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

// Edits the sender identities of one account: a list (the default first, marked so), buttons
// to add, remove and make default, and the fields of the identity selected in the list (name,
// address, reply-to address, plain and HTML signature). There is always at least one identity.
// The HTML signature is written with the composer's formatting tools (ComposerFormatBar), and
// its pictures are kept in it (SignatureImages).
class IdentityListEditor : public QWidget
{
    Q_OBJECT
public:
    explicit IdentityListEditor(QWidget *parent = nullptr);

    // An empty list gives one empty identity.
    void setIdentities(const QList<Identity> &identities);
    // The default identity first.
    QList<Identity> identities() const;

    int currentIndex() const { return m_current; }
    void setCurrentIndex(int index);
    // Adds an identity with the current one's name and selects it.
    void addIdentity();
    // Removes the selected identity, unless it is the last one.
    void removeCurrent();
    // Makes the selected identity the default (first) one.
    void makeCurrentDefault();

    QListWidget *list() const { return m_list; }
    QLineEdit *nameField() const { return m_name; }
    QLineEdit *addressField() const { return m_address; }
    QLineEdit *replyToField() const { return m_replyTo; }
    // The language the identity writes in (spell checking); its data is the language's name.
    QComboBox *languageBox() const { return m_language; }
    QPlainTextEdit *signatureField() const { return m_signature; }
    // The formatted signature of HTML messages (paste or type; empty: the plain one is used).
    HtmlComposerEditor *htmlSignatureField() const { return m_htmlSignature; }
    // The composer's formatting tools, for the HTML signature (without the HTML switch).
    ComposerFormatBar *htmlSignatureFormatBar() const { return m_formatBar; }
    QPushButton *addButton() const { return m_add; }
    QPushButton *removeButton() const { return m_remove; }
    QPushButton *defaultButton() const { return m_default; }
    // Where the owner shows messages about the address and reply-to fields.
    QLabel *addressErrorLabel() const { return m_addressError; }
    QLabel *replyToErrorLabel() const { return m_replyToError; }

Q_SIGNALS:
    // The default identity's address changed (it is the account's address).
    void defaultAddressChanged(const QString &address);

private:
    void showCurrent();
    void storeField();
    void refreshList();
    QString itemText(int index) const;

    QList<Identity> m_identities;
    int m_current = 0;
    bool m_showing = false;
    QListWidget *m_list;
    QLineEdit *m_name;
    QLineEdit *m_address;
    QLineEdit *m_replyTo;
    QComboBox *m_language;
    QPlainTextEdit *m_signature;
    HtmlComposerEditor *m_htmlSignature;
    ComposerFormatBar *m_formatBar;
    QLabel *m_signatureError;
    QPushButton *m_add;
    QPushButton *m_remove;
    QPushButton *m_default;
    QLabel *m_addressError;
    QLabel *m_replyToError;
};
