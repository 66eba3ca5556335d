#pragma once

#include "accounts/account.h"
#include "autoconfig/autoconfiglookup.h"
#include "oauth/oauth2provider.h"

#include <QDialog>
#include <QHash>
#include <QPointer>

#include <functional>
#include <optional>

class CertificateDialog;
class ConnectionTester;
class ConnectionTestPanel;
class IdentityListEditor;
class MemorySecretStore;
class OAuth2TokenManager;
class QCheckBox;
class SentFilingEditor;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTabWidget;

// Edits one account: its identities, IMAP and SMTP servers, login (the outgoing server's own
// when it has one), extra CA file and pinned certificates. Checks the fields with messages next to them, and can try the settings through
// an injected ConnectionTester before they are saved. It never stores anything itself: the
// caller takes account() and password() after acceptance.
class AccountDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AccountDialog(QWidget *parent = nullptr);

    void setAccount(const Account &account);
    // The edited account: the one given to setAccount() (same id) with the fields applied. Its
    // address is the default identity's.
    Account account() const;

    void setPassword(const QString &password);
    QString password() const;
    // The outgoing server's own password (only when it has its own login).
    QString submissionPassword() const;

    // The OAuth 2.0 sign-in of "Sign in…" (for the OAuth 2.0 methods, with a provider that has a
    // client ID): the browser flow runs from the dialog, and its refresh token is kept here,
    // never stored, until the caller stores it for the saved account. Empty when the user has
    // not signed in in this dialog.
    QString oauthRefreshToken() const { return m_refreshToken; }
    QString oauthAccessToken() const { return m_accessToken; }
    // Opens the sign-in page; QDesktopServices::openUrl() unless replaced (tests). False when
    // no browser could be opened.
    void setBrowserOpener(std::function<bool(const QUrl &)> opener)
    {
        m_browserOpener = std::move(opener);
    }
    QPushButton *signInButton() const { return m_signIn; }
    QLabel *signInStatusLabel() const { return m_signInStatus; }

    // Not owned; may be nullptr (the test button is then disabled).
    void setConnectionTester(ConnectionTester *tester);
    ConnectionTestPanel *testPanel() const { return m_testPanel; }

    // Where "Find Settings" looks (the defaults ask the real Internet). Typing an address into a
    // new account with no servers yet starts a lookup by itself.
    void setAutoconfigSettings(const AutoconfigLookup::Settings &settings);
    // Looks for the servers of the default identity's address; the result fills the server
    // fields for the user to check (nothing is sent to them) and says where it came from.
    void findSettings();
    AutoconfigLookup *autoconfigLookup() const { return m_lookup; }
    QPushButton *findSettingsButton() const { return m_find; }
    QLabel *findStatusLabel() const { return m_findStatus; }

    // Checks every field and shows or clears the inline messages. True when all are fine.
    bool validate();
    // The inline message under `field` (empty when none is shown).
    QString errorFor(const QWidget *field) const;

    QLineEdit *accountNameField() const { return m_accountName; }
    IdentityListEditor *identityEditor() const { return m_identities; }
    // The fields of the identity selected in identityEditor().
    QLineEdit *nameField() const;
    QLineEdit *addressField() const;
    QLineEdit *imapHostField() const { return m_imapHost; }
    QLineEdit *imapPortField() const { return m_imapPort; }
    QComboBox *imapSecurityBox() const { return m_imapSecurity; }
    QLineEdit *smtpHostField() const { return m_smtpHost; }
    QLineEdit *smtpPortField() const { return m_smtpPort; }
    QComboBox *smtpSecurityBox() const { return m_smtpSecurity; }
    QLineEdit *userNameField() const { return m_userName; }
    QLineEdit *passwordField() const { return m_password; }
    QComboBox *authBox() const { return m_auth; }
    QCheckBox *smtpOwnLoginBox() const { return m_smtpOwnLogin; }
    QCheckBox *composeHtmlBox() const { return m_composeHtml; }
    QLineEdit *smtpUserNameField() const { return m_smtpUserName; }
    QLineEdit *smtpPasswordField() const { return m_smtpPassword; }
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
    void updateLoginLabels();
    void applyDiscovered(const DiscoveredSettings &found, const QString &error);
    void setServer(QLineEdit *host, QLineEdit *port, QComboBox *security, bool imap,
                   const DiscoveredSettings::Server &server);
    void testRequested();
    void pinCertificate(int server, const QByteArray &fingerprint);
    void askProbeTrust(const QString &host, const QList<QSslCertificate> &chain,
                       const QString &reasons);
    // The provider that signs the account in, from its address or server.
    std::optional<OAuth2Provider> currentProvider() const;
    void signInClicked();
    void endSignIn();
    void showSignInStatus(const QString &text, bool error);

    Account m_account;
    QLineEdit *m_accountName;
    IdentityListEditor *m_identities;
    QLineEdit *m_imapHost;
    QLineEdit *m_imapPort;
    QComboBox *m_imapSecurity;
    QLabel *m_imapWarning;
    QLineEdit *m_smtpHost;
    QLineEdit *m_smtpPort;
    QComboBox *m_smtpSecurity;
    QLabel *m_smtpWarning;
    SentFilingEditor *m_sentFiling;
    QCheckBox *m_composeHtml;
    QCheckBox *m_smtpOwnLogin;
    QLineEdit *m_smtpUserName;
    QLineEdit *m_smtpPassword;
    QWidget *m_smtpLogin;
    QLabel *m_passwordLabel;
    QLabel *m_authNote;
    QPushButton *m_signIn;
    QLabel *m_signInStatus;
    MemorySecretStore *m_signInSecrets;
    QPointer<OAuth2TokenManager> m_tokens;
    std::function<bool(const QUrl &)> m_browserOpener;
    QString m_refreshToken;
    QString m_accessToken;
    QString m_signedInProvider; // the provider of m_refreshToken
    QLineEdit *m_userName;
    QLineEdit *m_password;
    QComboBox *m_auth;
    QLineEdit *m_caFile;
    QLabel *m_pins;
    ConnectionTestPanel *m_testPanel;
    QTabWidget *m_tabs;
    QPushButton *m_find;
    QLabel *m_findStatus;
    AutoconfigLookup *m_lookup;
    QPointer<CertificateDialog> m_probeTrust; // the lookup's question, while open
    QString m_lookedUpAddress;
    QString m_hostsAtLookup; // the server fields when the lookup started
    QHash<const QWidget *, QLabel *> m_errors;
    Security m_lastImapSecurity = Security::ImplicitTls;
    Security m_lastSmtpSecurity = Security::ImplicitTls;
};
