#pragma once

#include "accounts/account.h"

#include <QDialog>
#include <QHash>

class ConnectionTester;
class ConnectionTestPanel;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

// Edits one account: identity, IMAP and SMTP servers, login, extra CA file and pinned
// certificates. Checks the fields with messages next to them, and can try the settings through
// an injected ConnectionTester before they are saved. It never stores anything itself: the
// caller takes account() and password() after acceptance.
class AccountDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AccountDialog(QWidget *parent = nullptr);

    void setAccount(const Account &account);
    // The edited account: the one given to setAccount() (same id, other identities kept) with
    // the fields applied.
    Account account() const;

    void setPassword(const QString &password);
    QString password() const;

    // Not owned; may be nullptr (the test button is then disabled).
    void setConnectionTester(ConnectionTester *tester);
    ConnectionTestPanel *testPanel() const { return m_testPanel; }

    // Checks every field and shows or clears the inline messages. True when all are fine.
    bool validate();
    // The inline message under `field` (empty when none is shown).
    QString errorFor(const QWidget *field) const;

    QLineEdit *accountNameField() const { return m_accountName; }
    QLineEdit *nameField() const { return m_name; }
    QLineEdit *addressField() const { return m_address; }
    QLineEdit *imapHostField() const { return m_imapHost; }
    QLineEdit *imapPortField() const { return m_imapPort; }
    QComboBox *imapSecurityBox() const { return m_imapSecurity; }
    QLineEdit *smtpHostField() const { return m_smtpHost; }
    QLineEdit *smtpPortField() const { return m_smtpPort; }
    QComboBox *smtpSecurityBox() const { return m_smtpSecurity; }
    QLineEdit *userNameField() const { return m_userName; }
    QLineEdit *passwordField() const { return m_password; }
    QLabel *imapSecurityWarning() const { return m_imapWarning; }
    QLabel *smtpSecurityWarning() const { return m_smtpWarning; }

public Q_SLOTS:
    void accept() override;

private:
    QWidget *createIdentityPage();
    QWidget *createServersPage();
    QWidget *createAdvancedPage();
    QLabel *addErrorLabel(QWidget *field);
    void setError(QWidget *field, const QString &message);
    QComboBox *createSecurityBox();
    void securityChanged(QComboBox *box, QLineEdit *port, QLabel *warning, bool imap);
    void updatePinLabel();
    void testRequested();
    void pinCertificate(int server, const QByteArray &fingerprint);

    Account m_account;
    QLineEdit *m_accountName;
    QLineEdit *m_name;
    QLineEdit *m_address;
    QPlainTextEdit *m_signature;
    QLineEdit *m_imapHost;
    QLineEdit *m_imapPort;
    QComboBox *m_imapSecurity;
    QLabel *m_imapWarning;
    QLineEdit *m_smtpHost;
    QLineEdit *m_smtpPort;
    QComboBox *m_smtpSecurity;
    QLabel *m_smtpWarning;
    QCheckBox *m_serverSavesSent;
    QLineEdit *m_userName;
    QLineEdit *m_password;
    QComboBox *m_auth;
    QLineEdit *m_caFile;
    QLabel *m_pins;
    ConnectionTestPanel *m_testPanel;
    QHash<const QWidget *, QLabel *> m_errors;
    Security m_lastImapSecurity = Security::ImplicitTls;
    Security m_lastSmtpSecurity = Security::ImplicitTls;
};
