#include "accountdialog.h"
#include "colourscheme.h"

#include "accounts/memorysecretstore.h"
#include "addresslist.h"
#include "certificatedialog.h"
#include "connectiontestpanel.h"
#include "icons.h"
#include "identitylisteditor.h"
#include "oauth/oauth2providers.h"
#include "oauth/oauth2tokenmanager.h"
#include "sentfilingeditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QTabWidget>
#include <QVBoxLayout>

#include <utility>

namespace {

Security securityOf(const QComboBox *box)
{
    return static_cast<Security>(box->currentData().toInt());
}

void selectSecurity(QComboBox *box, Security security)
{
    box->setCurrentIndex(box->findData(int(security)));
}

// The port typed in `field`, or 0 when it is not a valid port number.
quint16 portOf(const QLineEdit *field)
{
    bool number = false;
    const uint port = field->text().trimmed().toUInt(&number);
    return number && port <= 65535 ? quint16(port) : quint16(0);
}

// A plausible host name or address literal: no spaces, no scheme, no path.
bool isPlausibleHost(const QString &host)
{
    if (host.isEmpty() || host.contains(QLatin1Char('/')) || host.contains(QLatin1Char('@')))
        return false;
    for (const QChar c : host)
        if (c.isSpace())
            return false;
    return true;
}

// Puts the form at the top of its tab page: the tallest page sets the height of all of them, and
// a form alone would spread its rows over it.
void topAligned(QWidget *page, QFormLayout *form)
{
    auto *layout = new QVBoxLayout(page);
    layout->addLayout(form);
    layout->addStretch(1);
}

} // namespace

AccountDialog::AccountDialog(QWidget *parent)
    : QDialog(parent)
    , m_accountName(new QLineEdit)
    , m_identities(new IdentityListEditor)
    , m_imapHost(new QLineEdit)
    , m_imapPort(new QLineEdit)
    , m_imapSecurity(createSecurityBox())
    , m_imapWarning(new QLabel)
    , m_smtpHost(new QLineEdit)
    , m_smtpPort(new QLineEdit)
    , m_smtpSecurity(createSecurityBox())
    , m_smtpWarning(new QLabel)
    , m_sentFiling(new SentFilingEditor)
    , m_composeHtml(new QCheckBox(tr("Compose in &HTML")))
    , m_smtpOwnLogin(new QCheckBox(tr("This server has its own user name and password")))
    , m_smtpUserName(new QLineEdit)
    , m_smtpPassword(new QLineEdit)
    , m_smtpLogin(new QWidget)
    , m_passwordLabel(new QLabel(tr("&Password:")))
    , m_authNote(new QLabel)
    , m_signIn(new QPushButton(tr("&Sign in…")))
    , m_signInStatus(new QLabel)
    , m_signInSecrets(new MemorySecretStore(this))
    , m_browserOpener([](const QUrl &url) { return QDesktopServices::openUrl(url); })
    , m_userName(new QLineEdit)
    , m_password(new QLineEdit)
    , m_auth(new QComboBox)
    , m_caFile(new QLineEdit)
    , m_pins(new QLabel)
    , m_testPanel(new ConnectionTestPanel)
    , m_tabs(new QTabWidget)
    , m_find(new QPushButton(tr("&Find Settings")))
    , m_findStatus(new QLabel)
    , m_lookup(new AutoconfigLookup(this))
{
    setWindowTitle(tr("Account"));
    setWindowIcon(Icons::icon(QStringLiteral("accounts")));

    QTabWidget *tabs = m_tabs;
    tabs->addTab(createIdentityPage(), tr("&Identity"));
    tabs->addTab(createServersPage(), tr("&Servers"));
    tabs->addTab(createAdvancedPage(), tr("A&dvanced"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &AccountDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(tabs);
    layout->addWidget(m_testPanel);
    layout->addWidget(buttons);

    connect(m_testPanel, &ConnectionTestPanel::testRequested, this, &AccountDialog::testRequested);
    connect(m_testPanel, &ConnectionTestPanel::certificatePinned, this,
            [this](ConnectionTestResult::Server server, const QByteArray &fingerprint) {
                pinCertificate(int(server), fingerprint);
                // The test goes on with the certificate trusted.
                if (!m_testPanel->isRunning() && !fingerprint.isEmpty())
                    testRequested();
            });

    connect(m_lookup, &AutoconfigLookup::finished, this, &AccountDialog::applyDiscovered);
    connect(m_lookup, &AutoconfigLookup::certificateTrustRequested, this,
            &AccountDialog::askProbeTrust);
    connect(m_identities->addressField(), &QLineEdit::textChanged, this,
            &AccountDialog::updateLoginLabels);
    connect(m_identities->addressField(), &QLineEdit::editingFinished, this, [this] {
        // A new account: its servers are looked for as soon as its address is known.
        if (m_identities->currentIndex() == 0 && m_imapHost->text().trimmed().isEmpty()
            && m_smtpHost->text().trimmed().isEmpty() && !m_lookup->isRunning()
            && m_lookedUpAddress != m_identities->identities().constFirst().address)
            findSettings();
    });

    setAccount(Account());
    resize(560, 600);
}

QComboBox *AccountDialog::createSecurityBox()
{
    auto *box = new QComboBox;
    box->addItem(tr("SSL/TLS"), int(Security::ImplicitTls));
    box->addItem(tr("STARTTLS"), int(Security::StartTls));
    box->addItem(tr("None (unencrypted)"), int(Security::None));
    return box;
}

QLabel *AccountDialog::addErrorLabel(QWidget *field)
{
    auto *label = new QLabel;
    label->setObjectName(field->objectName() + QStringLiteral("Error"));
    label->setStyleSheet(ColourScheme::cssColour(ColourScheme::error(palette())));
    label->setWordWrap(true);
    label->hide();
    m_errors.insert(field, label);
    return label;
}

QWidget *AccountDialog::createIdentityPage()
{
    m_accountName->setObjectName(QStringLiteral("accountName"));
    m_accountName->setPlaceholderText(tr("e.g. Work"));
    m_errors.insert(m_identities->addressField(), m_identities->addressErrorLabel());
    m_errors.insert(m_identities->replyToField(), m_identities->replyToErrorLabel());

    auto *page = new QWidget;
    auto *form = new QFormLayout;
    form->addRow(tr("Account &name:"), m_accountName);
    auto *identities = new QLabel(tr("Identities — the addresses you send from:"));
    form->addRow(identities);
    form->addRow(m_identities);
    m_composeHtml->setObjectName(QStringLiteral("composeHtml"));
    m_composeHtml->setToolTip(tr("New messages, replies and forwards of this account start in "
                                 "HTML, with formatting; each message can still switch"));
    form->addRow(m_composeHtml);
    topAligned(page, form);
    return page;
}

QLineEdit *AccountDialog::nameField() const
{
    return m_identities->nameField();
}

QLineEdit *AccountDialog::addressField() const
{
    return m_identities->addressField();
}

QWidget *AccountDialog::createServersPage()
{
    m_imapHost->setObjectName(QStringLiteral("imapHost"));
    m_imapPort->setObjectName(QStringLiteral("imapPort"));
    m_imapSecurity->setObjectName(QStringLiteral("imapSecurity"));
    m_smtpHost->setObjectName(QStringLiteral("smtpHost"));
    m_smtpPort->setObjectName(QStringLiteral("smtpPort"));
    m_smtpSecurity->setObjectName(QStringLiteral("smtpSecurity"));
    m_userName->setObjectName(QStringLiteral("userName"));
    m_password->setObjectName(QStringLiteral("password"));
    m_auth->setObjectName(QStringLiteral("auth"));
    m_password->setEchoMode(QLineEdit::Password);
    m_userName->setPlaceholderText(tr("Same as the e-mail address"));
    m_imapHost->setPlaceholderText(tr("imap.example.org"));
    m_smtpHost->setPlaceholderText(tr("smtp.example.org"));
    for (QLineEdit *port : {m_imapPort, m_smtpPort}) {
        port->setMaximumWidth(80);
        port->setInputMethodHints(Qt::ImhDigitsOnly);
    }
    const QString warning = tr("Without encryption, your password and your mail travel readable "
                               "by anyone on the network.");
    for (QLabel *label : {m_imapWarning, m_smtpWarning}) {
        label->setText(warning);
        label->setWordWrap(true);
        label->setStyleSheet(ColourScheme::cssColour(ColourScheme::warning(palette())));
        label->hide();
    }
    m_imapWarning->setObjectName(QStringLiteral("imapWarning"));
    m_smtpWarning->setObjectName(QStringLiteral("smtpWarning"));
    m_auth->addItem(tr("Automatic"), int(Account::AuthMethod::Auto));
    m_auth->addItem(tr("PLAIN"), int(Account::AuthMethod::Plain));
    m_auth->addItem(tr("LOGIN"), int(Account::AuthMethod::Login));
    m_auth->addItem(tr("OAuth 2.0"), int(Account::AuthMethod::OAuth2));
    m_auth->addItem(tr("OAuth 2.0 (XOAUTH2)"), int(Account::AuthMethod::XOAuth2));
    m_auth->addItem(tr("OAuth 2.0 (OAUTHBEARER)"), int(Account::AuthMethod::OAuthBearer));
    m_authNote->setObjectName(QStringLiteral("authNote"));
    m_authNote->setWordWrap(true);
    m_smtpOwnLogin->setObjectName(QStringLiteral("smtpOwnLogin"));
    m_smtpUserName->setObjectName(QStringLiteral("smtpUserName"));
    m_smtpPassword->setObjectName(QStringLiteral("smtpPassword"));
    m_smtpPassword->setEchoMode(QLineEdit::Password);

    auto *incoming = new QGroupBox(tr("Incoming mail (IMAP)"));
    auto *in = new QFormLayout(incoming);
    in->addRow(tr("Server:"), m_imapHost);
    in->addRow(QString(), addErrorLabel(m_imapHost));
    in->addRow(tr("Security:"), m_imapSecurity);
    in->addRow(QString(), m_imapWarning);
    in->addRow(tr("Port:"), m_imapPort);
    in->addRow(QString(), addErrorLabel(m_imapPort));

    auto *outgoing = new QGroupBox(tr("Outgoing mail (SMTP)"));
    auto *out = new QFormLayout(outgoing);
    out->addRow(tr("Server:"), m_smtpHost);
    out->addRow(QString(), addErrorLabel(m_smtpHost));
    out->addRow(tr("Security:"), m_smtpSecurity);
    out->addRow(QString(), m_smtpWarning);
    out->addRow(tr("Port:"), m_smtpPort);
    out->addRow(QString(), addErrorLabel(m_smtpPort));
    out->addRow(QString(), m_sentFiling);
    out->addRow(QString(), m_smtpOwnLogin);
    auto *smtpLogin = new QFormLayout(m_smtpLogin);
    smtpLogin->setContentsMargins(0, 0, 0, 0);
    smtpLogin->addRow(tr("User name:"), m_smtpUserName);
    smtpLogin->addRow(QString(), addErrorLabel(m_smtpUserName));
    smtpLogin->addRow(tr("Password:"), m_smtpPassword);
    out->addRow(m_smtpLogin);
    m_smtpLogin->setVisible(false);
    connect(m_smtpOwnLogin, &QCheckBox::toggled, m_smtpLogin, &QWidget::setVisible);

    auto *login = new QGroupBox(tr("Login"));
    auto *log = new QFormLayout(login);
    log->addRow(tr("&User name:"), m_userName);
    log->addRow(QString(), addErrorLabel(m_userName));
    m_passwordLabel->setBuddy(m_password);
    log->addRow(m_passwordLabel, m_password);
    log->addRow(tr("Authentication:"), m_auth);
    log->addRow(QString(), m_authNote);
    m_signIn->setObjectName(QStringLiteral("signIn"));
    m_signInStatus->setObjectName(QStringLiteral("signInStatus"));
    m_signInStatus->setWordWrap(true);
    m_signInStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *signInRow = new QWidget;
    auto *signInLayout = new QHBoxLayout(signInRow);
    signInLayout->setContentsMargins(0, 0, 0, 0);
    signInLayout->addWidget(m_signIn, 0, Qt::AlignTop);
    signInLayout->addWidget(m_signInStatus, 1);
    log->addRow(QString(), signInRow);
    signInRow->setVisible(false);
    connect(m_signIn, &QPushButton::clicked, this, &AccountDialog::signInClicked);
    connect(m_auth, &QComboBox::currentIndexChanged, this, &AccountDialog::updateLoginLabels);
    // Which provider signs the account in follows from its address or server.
    connect(m_imapHost, &QLineEdit::textChanged, this, &AccountDialog::updateLoginLabels);

    connect(m_imapSecurity, &QComboBox::currentIndexChanged, this,
            [this] { securityChanged(m_imapSecurity, m_imapPort, m_imapWarning, true); });
    connect(m_smtpSecurity, &QComboBox::currentIndexChanged, this,
            [this] { securityChanged(m_smtpSecurity, m_smtpPort, m_smtpWarning, false); });

    m_find->setObjectName(QStringLiteral("findSettings"));
    m_find->setToolTip(tr("Look up the servers of your e-mail address. Nothing is sent to them "
                          "until you test or save."));
    m_findStatus->setObjectName(QStringLiteral("findStatus"));
    m_findStatus->setWordWrap(true);
    m_findStatus->setText(tr("Heron can look up these settings from your e-mail address."));
    connect(m_find, &QPushButton::clicked, this, &AccountDialog::findSettings);
    auto *findRow = new QHBoxLayout;
    findRow->addWidget(m_findStatus, 1);
    findRow->addWidget(m_find);

    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    layout->addLayout(findRow);
    layout->addWidget(incoming);
    layout->addWidget(outgoing);
    layout->addWidget(login);
    layout->addStretch(1);
    return page;
}

QWidget *AccountDialog::createAdvancedPage()
{
    m_caFile->setObjectName(QStringLiteral("caFile"));
    m_caFile->setPlaceholderText(tr("Only the system's certificate authorities"));
    auto *browse = new QPushButton(tr("&Browse…"));
    auto *caRow = new QHBoxLayout;
    caRow->addWidget(m_caFile, 1);
    caRow->addWidget(browse);
    connect(browse, &QPushButton::clicked, this, [this] {
        auto *dialog = new QFileDialog(this, tr("Certificate Authority File"));
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setNameFilter(tr("Certificates (*.pem *.crt)"));
        connect(dialog, &QFileDialog::fileSelected, m_caFile, &QLineEdit::setText);
        dialog->open();
    });

    m_pins->setObjectName(QStringLiteral("pins"));
    m_pins->setWordWrap(true);
    auto *forget = new QPushButton(tr("&Forget Trusted Certificates"));
    connect(forget, &QPushButton::clicked, this, [this] {
        m_account.setImapPinnedFingerprints({});
        m_account.setSmtpPinnedFingerprints({});
        updatePinLabel();
    });

    auto *page = new QWidget;
    auto *form = new QFormLayout;
    form->addRow(tr("Extra CA file:"), caRow);
    form->addRow(QString(), addErrorLabel(m_caFile));
    form->addRow(tr("Trusted certificates:"), m_pins);
    form->addRow(QString(), forget);
    topAligned(page, form);
    return page;
}

void AccountDialog::securityChanged(QComboBox *box, QLineEdit *port, QLabel *warning, bool imap)
{
    const Security now = securityOf(box);
    Security &last = imap ? m_lastImapSecurity : m_lastSmtpSecurity;
    const auto defaultPort = [imap](Security s) {
        return imap ? Account::defaultImapPort(s) : Account::defaultSmtpPort(s);
    };
    // Follow the usual port unless the user typed a port of their own.
    const QString current = port->text().trimmed();
    if (current.isEmpty() || current == QString::number(defaultPort(last)))
        port->setText(QString::number(defaultPort(now)));
    last = now;
    warning->setVisible(now == Security::None);
}

void AccountDialog::setAccount(const Account &account)
{
    m_account = account;
    m_accountName->setText(account.displayName());
    QList<Identity> identities = account.identities();
    if (identities.isEmpty())
        identities.append(account.defaultIdentity());
    m_identities->setIdentities(identities);
    m_imapHost->setText(account.imapHost());
    m_smtpHost->setText(account.smtpHost());
    // Ports first, so that selecting the security does not replace them.
    m_lastImapSecurity = account.imapSecurity();
    m_lastSmtpSecurity = account.smtpSecurity();
    m_imapPort->setText(QString::number(account.imapPort()));
    m_smtpPort->setText(QString::number(account.smtpPort()));
    selectSecurity(m_imapSecurity, account.imapSecurity());
    selectSecurity(m_smtpSecurity, account.smtpSecurity());
    m_imapWarning->setVisible(account.imapSecurity() == Security::None);
    m_smtpWarning->setVisible(account.smtpSecurity() == Security::None);
    m_sentFiling->setFiling(account.sentFiling());
    m_composeHtml->setChecked(account.composesHtml());
    m_userName->setText(account.userName());
    m_auth->setCurrentIndex(m_auth->findData(int(account.authMethod())));
    m_smtpOwnLogin->setChecked(account.hasOwnSubmissionLogin());
    m_smtpLogin->setVisible(account.hasOwnSubmissionLogin());
    m_smtpUserName->setText(account.smtpUserName());
    m_smtpPassword->clear();
    // A sign-in belongs to the account it was made for.
    if (m_tokens)
        m_tokens->declineSignIn();
    m_refreshToken.clear();
    m_accessToken.clear();
    m_signedInProvider.clear();
    endSignIn();
    m_signInStatus->clear();
    updateLoginLabels();
    m_hostsAtLookup = m_imapHost->text() + u'\n' + m_smtpHost->text();
    m_caFile->setText(account.caFilePath());
    updatePinLabel();
    for (QLabel *label : std::as_const(m_errors))
        label->hide();
}

Account AccountDialog::account() const
{
    Account a = m_account;
    const QList<Identity> identities = m_identities->identities();
    const QString address = identities.constFirst().address;
    a.setDisplayName(m_accountName->text().trimmed().isEmpty() ? address
                                                               : m_accountName->text().trimmed());
    a.setAddress(address);
    a.setIdentities(identities);
    a.setImapHost(m_imapHost->text().trimmed());
    a.setImapPort(portOf(m_imapPort));
    a.setImapSecurity(securityOf(m_imapSecurity));
    a.setSmtpHost(m_smtpHost->text().trimmed());
    a.setSmtpPort(portOf(m_smtpPort));
    a.setSmtpSecurity(securityOf(m_smtpSecurity));
    a.setSentFiling(m_sentFiling->filing());
    a.setComposesHtml(m_composeHtml->isChecked());
    const QString user = m_userName->text().trimmed();
    a.setUserName(user.isEmpty() ? address : user);
    a.setAuthMethod(static_cast<Account::AuthMethod>(m_auth->currentData().toInt()));
    a.setSmtpUserName(m_smtpOwnLogin->isChecked() ? m_smtpUserName->text().trimmed() : QString());
    a.setCaFilePath(m_caFile->text().trimmed());
    return a;
}

void AccountDialog::setAutoconfigSettings(const AutoconfigLookup::Settings &settings)
{
    m_lookup->setSettings(settings);
}

void AccountDialog::findSettings()
{
    const QString address = m_identities->identities().constFirst().address;
    if (!AddressList::isPlausibleAddress(address)) {
        m_findStatus->setText(tr("Enter your e-mail address on the Identity page first."));
        return;
    }
    m_lookedUpAddress = address;
    m_hostsAtLookup = m_imapHost->text() + u'\n' + m_smtpHost->text();
    m_find->setEnabled(false);
    m_findStatus->setStyleSheet(QString());
    m_findStatus->setText(tr("Looking up the servers of %1…").arg(address.section(u'@', 1)));
    m_lookup->start(address);
}

void AccountDialog::setServer(QLineEdit *host, QLineEdit *port, QComboBox *security, bool imap,
                              const DiscoveredSettings::Server &server)
{
    if (!server.isValid())
        return;
    host->setText(server.host);
    // The security first, remembered as the last one, so that the port typed next stays.
    (imap ? m_lastImapSecurity : m_lastSmtpSecurity) = server.security;
    selectSecurity(security, server.security);
    port->setText(QString::number(server.port));
    (imap ? m_imapWarning : m_smtpWarning)->setVisible(server.security == Security::None);
}

void AccountDialog::askProbeTrust(const QString &host, const QList<QSslCertificate> &chain,
                                  const QString &reasons)
{
    m_findStatus->setStyleSheet(ColourScheme::cssColour(ColourScheme::warning(palette())));
    m_findStatus->setText(tr("The certificate of %1 is not trusted by the system. Look at it "
                             "and decide whether to trust it for this account.")
                                  .arg(host));
    QList<QByteArray> pinned = m_account.imapPinnedFingerprints();
    pinned += m_account.smtpPinnedFingerprints();
    auto *dialog = new CertificateDialog(host, chain, pinned, reasons, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_probeTrust = dialog;
    connect(dialog, &QDialog::finished, m_lookup, [this, dialog](int result) {
        if (m_probeTrust != dialog)
            return; // withdrawn: the lookup ended without it
        m_probeTrust = nullptr;
        m_findStatus->setStyleSheet(QString());
        m_findStatus->setText(result == QDialog::Accepted
                                      ? tr("Certificate trusted; looking further…")
                                      : tr("Certificate not trusted; looking further…"));
        m_lookup->answerTrust(result == QDialog::Accepted);
    });
    dialog->open();
}

void AccountDialog::applyDiscovered(const DiscoveredSettings &found, const QString &error)
{
    m_find->setEnabled(true);
    if (CertificateDialog *question = std::exchange(m_probeTrust, nullptr))
        question->reject(); // the lookup no longer waits for it
    if (m_imapHost->text() + u'\n' + m_smtpHost->text() != m_hostsAtLookup) {
        // The user typed servers while the lookup ran: theirs stay.
        if (found.source != DiscoveredSettings::Source::None)
            m_findStatus->setText(tr("Found %1 and %2, %3; the servers you typed are kept.")
                                          .arg(found.imap.host, found.smtp.host,
                                               AutoconfigLookup::describe(found.source)));
        return;
    }
    setServer(m_imapHost, m_imapPort, m_imapSecurity, true, found.imap);
    setServer(m_smtpHost, m_smtpPort, m_smtpSecurity, false, found.smtp);
    if (found.source == DiscoveredSettings::Source::None) {
        // The reasons are sentences of their own; inside the parentheses their full stop goes.
        QString reason = error.trimmed();
        if (reason.endsWith(u'.'))
            reason.chop(1);
        m_findStatus->setStyleSheet(ColourScheme::cssColour(ColourScheme::warning(palette())));
        m_findStatus->setText(
                found.imap.isValid() || found.smtp.isValid()
                        ? tr("Only part of the settings was found (%1). Fill in the rest below.")
                                  .arg(reason)
                        : tr("No settings were found (%1). Enter your servers below.").arg(reason));
        m_tabs->setCurrentIndex(1);
        return;
    }
    // A certificate the user trusted while the servers were probed is pinned for the account.
    if (!found.imapTrustedCertificate.isEmpty())
        m_account.setImapPinnedFingerprints({found.imapTrustedCertificate});
    if (!found.smtpTrustedCertificate.isEmpty())
        m_account.setSmtpPinnedFingerprints({found.smtpTrustedCertificate});
    updatePinLabel();
    const QString address = m_identities->identities().constFirst().address;
    m_userName->setText(found.userName == address ? QString() : found.userName);
    m_auth->setCurrentIndex(m_auth->findData(int(found.mechanism)));
    m_findStatus->setStyleSheet(found.source == DiscoveredSettings::Source::Guess
                                        ? ColourScheme::cssColour(ColourScheme::warning(palette()))
                                        : QString());
    m_findStatus->setText(tr("Found %1 and %2, %3. Check them, enter your password, then test "
                             "or save.")
                                  .arg(found.imap.host, found.smtp.host,
                                       AutoconfigLookup::describe(found.source)));
    m_tabs->setCurrentIndex(1);
}

void AccountDialog::setPassword(const QString &password)
{
    m_password->setText(password);
}

QString AccountDialog::password() const
{
    return m_password->text();
}

QString AccountDialog::submissionPassword() const
{
    return m_smtpOwnLogin->isChecked() ? m_smtpPassword->text() : QString();
}

std::optional<OAuth2Provider> AccountDialog::currentProvider() const
{
    const QSettings settings;
    const QList<Identity> identities = m_identities->identities();
    const QString address = identities.isEmpty() ? QString() : identities.constFirst().address;
    return OAuth2Providers::forAccount(address, m_imapHost->text(), &settings);
}

void AccountDialog::updateLoginLabels()
{
    const auto method = static_cast<Account::AuthMethod>(m_auth->currentData().toInt());
    const bool oauth = isOAuthMechanism(method);
    QString note;
    bool tokenField = oauth;
    bool canSignIn = false;
    const std::optional<OAuth2Provider> provider = oauth ? currentProvider() : std::nullopt;
    if (oauth) {
        if (provider && provider->hasClientId()) {
            note = tr("Press Sign in to sign in with %1 in your web browser; Heron keeps the "
                      "sign-in in the keychain, never your password.")
                           .arg(provider->name);
            tokenField = false;
            canSignIn = true;
        } else if (provider) {
            note = OAuth2Providers::missingConfiguration(*provider) + QLatin1Char(' ')
                   + tr("Until then, an access token can be pasted below.");
        } else {
            note = tr("No OAuth 2.0 provider Heron knows serves this address or server, so "
                      "there is no sign-in to start: the server is sent an OAuth 2.0 access "
                      "token instead of a password; paste one your provider issued for mail.");
        }
    }
    // A sign-in made (or under way) for another provider, or for a password login, is of no use
    // any more.
    const QString providerId = canSignIn ? provider->id : QString();
    if ((m_tokens && m_tokens->provider().id != providerId)
        || (!m_signedInProvider.isEmpty() && m_signedInProvider != providerId)) {
        if (m_tokens)
            m_tokens->declineSignIn();
        m_refreshToken.clear();
        m_accessToken.clear();
        m_signedInProvider.clear();
        endSignIn();
        m_signInStatus->clear();
    }
    m_passwordLabel->setText(oauth ? tr("Access &token:") : tr("&Password:"));
    m_password->setEnabled(!oauth || tokenField);
    m_authNote->setText(note);
    m_authNote->setVisible(oauth);
    m_signIn->parentWidget()->setVisible(oauth);
    m_signIn->setEnabled(canSignIn);
    // A long note must not squeeze the login fields: the open dialog grows to hold it.
    if (isVisible() && oauth)
        resize(width(), qMax(height(), sizeHint().height()));
}

void AccountDialog::showSignInStatus(const QString &text, bool error)
{
    m_signInStatus->setStyleSheet(error ? ColourScheme::cssColour(ColourScheme::error(palette()))
                                        : QString());
    m_signInStatus->setText(text);
}

void AccountDialog::signInClicked()
{
    if (m_tokens) { // the button cancels the sign-in under way
        m_tokens->declineSignIn();
        endSignIn();
        showSignInStatus(tr("The sign-in was cancelled."), false);
        return;
    }
    const std::optional<OAuth2Provider> provider = currentProvider();
    if (!provider || !provider->hasClientId())
        return;
    auto *tokens = new OAuth2TokenManager(m_account.id(), *provider, m_signInSecrets, this);
    m_tokens = tokens;
    const QString name = provider->name;
    connect(tokens, &OAuth2TokenManager::browserRequested, this, [this, name](const QUrl &url) {
        if (m_browserOpener(url))
            return;
        // The sign-in still works when the user opens the page by hand.
        showSignInStatus(tr("No web browser could be opened. Open this address in one to sign "
                            "in with %1: %2")
                                 .arg(name, url.toString(QUrl::FullyEncoded)),
                         true);
    });
    connect(tokens, &OAuth2TokenManager::accessTokenChanged, this,
            [this, tokens, id = provider->id, name](const QString &accessToken) {
                if (tokens != m_tokens || accessToken.isEmpty())
                    return;
                m_accessToken = accessToken;
                m_refreshToken = tokens->refreshToken();
                m_signedInProvider = id;
                endSignIn();
                showSignInStatus(
                        m_refreshToken.isEmpty()
                                ? tr("Signed in with %1, but %1 gave no lasting sign-in: you "
                                     "will be asked again when Heron connects.")
                                          .arg(name)
                                : tr("Signed in with %1. The sign-in is kept in the keychain "
                                     "when you save the account.")
                                          .arg(name),
                        false);
            });
    connect(tokens, &OAuth2TokenManager::signInRequested, this,
            [this, tokens, name](OAuth2TokenManager::Reason, const QString &detail) {
                if (tokens != m_tokens)
                    return;
                endSignIn();
                showSignInStatus(tr("The sign-in with %1 failed: %2").arg(name, detail), true);
            });
    m_signIn->setText(tr("Cancel &Sign-in"));
    showSignInStatus(tr("Waiting for you to sign in with %1 in your web browser…").arg(name), false);
    tokens->signIn();
}

void AccountDialog::endSignIn()
{
    if (OAuth2TokenManager *tokens = m_tokens) {
        m_tokens = nullptr;
        tokens->disconnect(this);
        tokens->deleteLater();
    }
    m_signIn->setText(m_signedInProvider.isEmpty() ? tr("&Sign in…") : tr("&Sign in Again…"));
}

void AccountDialog::setConnectionTester(ConnectionTester *tester)
{
    m_testPanel->setTester(tester);
}

void AccountDialog::setError(QWidget *field, const QString &message)
{
    QLabel *label = m_errors.value(field);
    Q_ASSERT(label);
    label->setText(message);
    label->setVisible(!message.isEmpty());
}

QString AccountDialog::errorFor(const QWidget *field) const
{
    const QLabel *label = m_errors.value(field);
    return label && !label->isHidden() ? label->text() : QString();
}

bool AccountDialog::validate()
{
    bool ok = true;
    const auto check = [this, &ok](QWidget *field, const QString &message) {
        setError(field, message);
        ok = ok && message.isEmpty();
    };
    // Every identity needs a plausible address; the first one without shows its message.
    const QList<Identity> identities = m_identities->identities();
    const auto addressMessage = [](const QString &text) {
        return text.isEmpty() ? tr("Enter your e-mail address.")
               : AddressList::isPlausibleAddress(text)
                       ? QString()
                       : tr("“%1” is not a valid e-mail address.").arg(text);
    };
    const auto replyToMessage = [](const QString &text) {
        return text.isEmpty() || AddressList::isPlausibleAddress(text)
                       ? QString()
                       : tr("“%1” is not a valid e-mail address.").arg(text);
    };
    int faulty = -1;
    for (int i = 0; i < identities.size() && faulty < 0; ++i)
        if (!addressMessage(identities.at(i).address).isEmpty()
            || !replyToMessage(identities.at(i).replyTo).isEmpty())
            faulty = i;
    if (faulty >= 0)
        m_identities->setCurrentIndex(faulty);
    const Identity shown = identities.value(m_identities->currentIndex());
    check(m_identities->addressField(), addressMessage(shown.address));
    check(m_identities->replyToField(), replyToMessage(shown.replyTo));
    const QString address = identities.constFirst().address;
    const auto hostMessage = [](const QString &host) {
        if (host.isEmpty())
            return tr("Enter the server name.");
        if (!isPlausibleHost(host))
            return tr("Enter only the server name, like mail.example.org.");
        return QString();
    };
    const auto portMessage = [](const QString &text) {
        bool number = false;
        const uint port = text.trimmed().toUInt(&number);
        if (!number || port < 1 || port > 65535)
            return tr("The port must be a number from 1 to 65535.");
        return QString();
    };
    check(m_imapHost, hostMessage(m_imapHost->text().trimmed()));
    check(m_imapPort, portMessage(m_imapPort->text()));
    check(m_smtpHost, hostMessage(m_smtpHost->text().trimmed()));
    check(m_smtpPort, portMessage(m_smtpPort->text()));
    check(m_userName, m_userName->text().trimmed().isEmpty() && address.isEmpty()
                              ? tr("Enter the user name of your mail account.")
                              : QString());
    check(m_smtpUserName, m_smtpOwnLogin->isChecked() && m_smtpUserName->text().trimmed().isEmpty()
                                  ? tr("Enter the outgoing server's user name.")
                                  : QString());
    const QString ca = m_caFile->text().trimmed();
    check(m_caFile, !ca.isEmpty() && !QFileInfo(ca).isReadable()
                            ? tr("The file “%1” cannot be read.").arg(ca)
                            : QString());
    return ok;
}

void AccountDialog::accept()
{
    if (!validate())
        return;
    QDialog::accept();
}

void AccountDialog::testRequested()
{
    if (!validate())
        return;
    // Signed in here: the test logs in with that sign-in's access token.
    const bool signedIn = !m_accessToken.isEmpty() && !m_password->isEnabled();
    m_testPanel->start(account(), signedIn ? m_accessToken : password(), submissionPassword());
}

void AccountDialog::pinCertificate(int server, const QByteArray &fingerprint)
{
    if (fingerprint.isEmpty())
        return;
    // The new certificate replaces any pinned before for that server.
    if (server == int(ConnectionTestResult::Server::Imap))
        m_account.setImapPinnedFingerprints({fingerprint});
    else
        m_account.setSmtpPinnedFingerprints({fingerprint});
    updatePinLabel();
}

void AccountDialog::updatePinLabel()
{
    const qsizetype count = m_account.imapPinnedFingerprints().size()
                            + m_account.smtpPinnedFingerprints().size();
    m_pins->setText(count == 0
                            ? tr("None. Certificates are checked against the system's "
                                 "authorities.")
                            : tr("%n certificate(s) trusted by fingerprint.", nullptr, int(count)));
}
