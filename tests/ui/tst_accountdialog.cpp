#include "accountdialog.h"
#include "accounts/connectiontester.h"
#include "certificatedialog.h"
#include "connectiontestpanel.h"
#include "googleatoauthtestserver.h"
#include "identitylisteditor.h"
#include "oauth/oauth2providers.h"
#include "testcertificates.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace {

// Records what it was asked and answers with the results a test prepared, from the event loop.
class FakeTester : public ConnectionTester
{
    Q_OBJECT
public:
    using ConnectionTester::ConnectionTester;

    void start(const Account &account, const QString &password) override
    {
        ++starts;
        lastAccount = account;
        lastPassword = password;
        lastSubmissionPassword = submissionPassword();
        QMetaObject::invokeMethod(
                this,
                [this] {
                    Q_EMIT stepStarted(ConnectionTestResult::Server::Imap, u"connecting"_s);
                    for (const ConnectionTestResult &r : std::as_const(results))
                        Q_EMIT serverFinished(r);
                    Q_EMIT finished();
                },
                Qt::QueuedConnection);
    }
    void cancel() override { ++cancels; }

    QList<ConnectionTestResult> results;
    int starts = 0;
    int cancels = 0;
    Account lastAccount;
    QString lastPassword;
    QString lastSubmissionPassword;
};

void fillValid(AccountDialog &dialog)
{
    dialog.addressField()->setText(u"ann@example.org"_s);
    dialog.nameField()->setText(u"Ann Example"_s);
    dialog.imapHostField()->setText(u"imap.example.org"_s);
    dialog.smtpHostField()->setText(u"smtp.example.org"_s);
    dialog.passwordField()->setText(u"secret"_s);
}

ConnectionTestResult result(ConnectionTestResult::Server server,
                            ConnectionTestResult::Outcome outcome, const QString &serverText = {})
{
    ConnectionTestResult r;
    r.server = server;
    r.outcome = outcome;
    r.serverText = serverText;
    return r;
}

} // namespace

class TestAccountDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // The OAuth 2.0 tests write the application's settings: a test folder of their own.
        QStandardPaths::setTestModeEnabled(true);
        QSettings().remove(u"oauth2"_s);
    }

    void defaultPortsFollowSecurity()
    {
        AccountDialog dialog;
        QCOMPARE(dialog.imapPortField()->text(), u"993"_s);
        QCOMPARE(dialog.smtpPortField()->text(), u"465"_s);
        dialog.imapSecurityBox()->setCurrentIndex(
                dialog.imapSecurityBox()->findData(int(Security::StartTls)));
        dialog.smtpSecurityBox()->setCurrentIndex(
                dialog.smtpSecurityBox()->findData(int(Security::StartTls)));
        QCOMPARE(dialog.imapPortField()->text(), u"143"_s);
        QCOMPARE(dialog.smtpPortField()->text(), u"587"_s);
        dialog.imapSecurityBox()->setCurrentIndex(
                dialog.imapSecurityBox()->findData(int(Security::ImplicitTls)));
        QCOMPARE(dialog.imapPortField()->text(), u"993"_s);

        // A port the user chose stays.
        dialog.smtpPortField()->setText(u"2525"_s);
        dialog.smtpSecurityBox()->setCurrentIndex(
                dialog.smtpSecurityBox()->findData(int(Security::ImplicitTls)));
        QCOMPARE(dialog.smtpPortField()->text(), u"2525"_s);
    }

    void warnsWithoutEncryption()
    {
        AccountDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(dialog.imapSecurityWarning()->isHidden());
        dialog.imapSecurityBox()->setCurrentIndex(
                dialog.imapSecurityBox()->findData(int(Security::None)));
        QVERIFY(!dialog.imapSecurityWarning()->isHidden());
        QVERIFY(dialog.imapSecurityWarning()->text().contains(u"password"_s));
        QVERIFY(dialog.smtpSecurityWarning()->isHidden());
        QCOMPARE(dialog.account().imapSecurity(), Security::None);
        dialog.imapSecurityBox()->setCurrentIndex(0);
        QVERIFY(dialog.imapSecurityWarning()->isHidden());
    }

    void validation_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty imap host") << u"imapHost"_s << QString() << u"server name"_s;
        QTest::newRow("url as host")
                << u"smtpHost"_s << u"https://mail.example.org"_s << u"only the server name"_s;
        QTest::newRow("port zero") << u"imapPort"_s << u"0"_s << u"1 to 65535"_s;
        QTest::newRow("port too big") << u"smtpPort"_s << u"70000"_s << u"1 to 65535"_s;
        QTest::newRow("port not a number") << u"imapPort"_s << u"imap"_s << u"1 to 65535"_s;
        QTest::newRow("empty address") << u"address"_s << QString() << u"e-mail address"_s;
        QTest::newRow("invalid address")
                << u"address"_s << u"ann.example.org"_s << u"not a valid"_s;
        QTest::newRow("missing CA file")
                << u"caFile"_s << u"/nonexistent/ca.pem"_s << u"cannot be read"_s;
    }

    void validation()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, message);
        AccountDialog dialog;
        fillValid(dialog);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(dialog.validate());
        auto *edit = dialog.findChild<QLineEdit *>(field);
        QVERIFY(edit);
        edit->setText(value);
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        dialog.accept();
        QCOMPARE(accepted.size(), 0);
        QVERIFY(dialog.isVisible());
        QVERIFY2(dialog.errorFor(edit).contains(message, Qt::CaseInsensitive),
                 qPrintable(dialog.errorFor(edit)));
        auto *label = dialog.findChild<QLabel *>(field + u"Error"_s);
        QVERIFY(label);
        QVERIFY(!label->isHidden());

        // Fixing the field clears the message and lets the dialog close.
        fillValid(dialog);
        edit->setText(field == "imapPort"_L1   ? u"993"_s
                      : field == "smtpPort"_L1 ? u"465"_s
                      : field == "caFile"_L1   ? QString()
                                               : edit->text());
        if (field == "imapHost"_L1)
            edit->setText(u"imap.example.org"_s);
        dialog.accept();
        QVERIFY(dialog.errorFor(edit).isEmpty());
        QCOMPARE(accepted.size(), 1);
    }

    void accountRoundTrip()
    {
        Account original;
        original.setDisplayName(u"Work"_s);
        original.setAddress(u"ann@work.example"_s);
        original.setIdentities({Identity {u"Ann"_s, u"ann@work.example"_s, u"-- \nAnn"_s},
                                Identity {u"Team"_s, u"team@work.example"_s, {}}});
        original.setImapHost(u"imap.work.example"_s);
        original.setImapPort(1143);
        original.setImapSecurity(Security::StartTls);
        original.setSmtpHost(u"smtp.work.example"_s);
        original.setSmtpPort(2465);
        original.setSmtpSecurity(Security::ImplicitTls);
        original.setUserName(u"ann.w"_s);
        original.setAuthMethod(Account::AuthMethod::Plain);
        original.setServerSavesSentMail(true);
        original.setImapPinnedFingerprints({QByteArray(64, 'f')});
        AccountDialog dialog;
        dialog.setAccount(original);
        QCOMPARE(dialog.imapPortField()->text(), u"1143"_s); // not replaced by the default
        QCOMPARE(dialog.account(), original);
        dialog.setPassword(u"pw"_s);
        QCOMPARE(dialog.password(), u"pw"_s);
    }

    void sentFilingIsShownAndReset()
    {
        Account original;
        original.setDisplayName(u"Work"_s);
        original.setAddress(u"ann@work.example"_s);
        original.setSentFiling(Account::SentFiling::Server); // found out by a message sent
        AccountDialog dialog;
        dialog.setAccount(original);
        auto *box = dialog.findChild<QCheckBox *>(u"serverFilesSent"_s);
        auto *note = dialog.findChild<QLabel *>(u"sentFilingNote"_s);
        auto *reset = dialog.findChild<QPushButton *>(u"sentFilingReset"_s);
        QVERIFY(box && note && reset);
        QCOMPARE(box->text(), u"The server files sent messages itself"_s);
        QVERIFY(box->isChecked());
        QVERIFY(reset->isEnabled());
        const QString serverNote = note->text();

        // Find Out Again: not known until the next message sent.
        QTest::mouseClick(reset, Qt::LeftButton);
        QVERIFY(!box->isChecked());
        QVERIFY(!reset->isEnabled());
        QVERIFY(note->text() != serverNote);
        QCOMPARE(dialog.account().sentFiling(), Account::SentFiling::Unknown);

        // Ticked or unticked by hand, the choice is the user's.
        box->click();
        QCOMPARE(dialog.account().sentFiling(), Account::SentFiling::Server);
        box->click();
        QCOMPARE(dialog.account().sentFiling(), Account::SentFiling::Client);
        QVERIFY(reset->isEnabled());
    }

    void identitiesAreEdited()
    {
        Account original;
        original.setAddress(u"ann@work.example"_s);
        original.setIdentities({Identity {u"Ann"_s, u"ann@work.example"_s, u"Ann"_s},
                                Identity {u"Team"_s, u"team@work.example"_s, {}}});
        AccountDialog dialog;
        dialog.setAccount(original);
        IdentityListEditor *editor = dialog.identityEditor();
        QCOMPARE(editor->list()->count(), 2);
        QVERIFY(editor->list()->item(0)->text().contains(u"default"_s));
        QVERIFY(!editor->defaultButton()->isEnabled());

        // The second one, edited through its fields.
        editor->list()->setCurrentRow(1);
        QCOMPARE(dialog.nameField()->text(), u"Team"_s);
        QCOMPARE(dialog.addressField()->text(), u"team@work.example"_s);
        editor->replyToField()->setText(u"tickets@work.example"_s);
        editor->signatureField()->setPlainText(u"The team"_s);
        QCOMPARE(editor->list()->item(1)->text(), u"Team <team@work.example>"_s);

        // A third one, added.
        QTest::mouseClick(editor->addButton(), Qt::LeftButton);
        QCOMPARE(editor->list()->count(), 3);
        QCOMPARE(editor->currentIndex(), 2);
        QCOMPARE(dialog.nameField()->text(), u"Team"_s); // the name is offered again
        dialog.nameField()->setText(u"Ann Private"_s);
        dialog.addressField()->setText(u"ann@home.example"_s);

        Account edited = dialog.account();
        QCOMPARE(edited.identities().size(), 3);
        QCOMPARE(edited.identities().at(1), (Identity {u"Team"_s, u"team@work.example"_s,
                                                       u"The team"_s, u"tickets@work.example"_s}));
        QCOMPARE(edited.identities().at(2).address, u"ann@home.example"_s);
        QCOMPARE(edited.address(), u"ann@work.example"_s);

        // Made the default: first, and the account's address.
        QTest::mouseClick(editor->defaultButton(), Qt::LeftButton);
        QCOMPARE(editor->currentIndex(), 0);
        edited = dialog.account();
        QCOMPARE(edited.identities().first().address, u"ann@home.example"_s);
        QCOMPARE(edited.address(), u"ann@home.example"_s);
        QCOMPARE(edited.defaultIdentity().name, u"Ann Private"_s);

        // Removed: the first one there was.
        editor->list()->setCurrentRow(1);
        QTest::mouseClick(editor->removeButton(), Qt::LeftButton);
        edited = dialog.account();
        QCOMPARE(edited.identities().size(), 2);
        QCOMPARE(edited.identities().at(1).address, u"team@work.example"_s);
        editor->list()->setCurrentRow(1);
        QTest::mouseClick(editor->removeButton(), Qt::LeftButton);
        QCOMPARE(dialog.account().identities().size(), 1);
        QVERIFY(!editor->removeButton()->isEnabled()); // never none
    }

    void everyIdentityIsValidated()
    {
        AccountDialog dialog;
        fillValid(dialog);
        IdentityListEditor *editor = dialog.identityEditor();
        editor->addIdentity();
        dialog.addressField()->setText(u"not an address"_s);
        editor->setCurrentIndex(0);
        QVERIFY(!dialog.validate());
        // The faulty identity is shown with its message.
        QCOMPARE(editor->currentIndex(), 1);
        QVERIFY(!dialog.errorFor(dialog.addressField()).isEmpty());
        dialog.addressField()->setText(u"ann@home.example"_s);
        editor->replyToField()->setText(u"nope"_s);
        QVERIFY(!dialog.validate());
        QVERIFY(!dialog.errorFor(editor->replyToField()).isEmpty());
        editor->replyToField()->setText(u"replies@home.example"_s);
        QVERIFY(dialog.validate());
    }

    void authenticationChoiceIsKept_data()
    {
        QTest::addColumn<int>("method");
        QTest::addColumn<bool>("token");
        QTest::addRow("automatic") << int(Account::AuthMethod::Auto) << false;
        QTest::addRow("PLAIN") << int(Account::AuthMethod::Plain) << false;
        QTest::addRow("LOGIN") << int(Account::AuthMethod::Login) << false;
        QTest::addRow("OAuth 2.0") << int(Account::AuthMethod::OAuth2) << true;
        QTest::addRow("XOAUTH2") << int(Account::AuthMethod::XOAuth2) << true;
        QTest::addRow("OAUTHBEARER") << int(Account::AuthMethod::OAuthBearer) << true;
    }

    void authenticationChoiceIsKept()
    {
        QFETCH(int, method);
        QFETCH(bool, token);
        AccountDialog dialog;
        fillValid(dialog);
        QCOMPARE(dialog.authBox()->count(), 6);
        dialog.authBox()->setCurrentIndex(dialog.authBox()->findData(method));
        QCOMPARE(int(dialog.account().authMethod()), method);
        auto *note = dialog.findChild<QLabel *>(u"authNote"_s);
        QVERIFY(note);
        QCOMPARE(note->isHidden(), !token);
        Account a = dialog.account();
        AccountDialog again;
        again.setAccount(a);
        QCOMPARE(again.authBox()->currentData().toInt(), method);
    }

    void oauthProviderSignInOrWhatIsMissing_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("provider"); // empty: none serves the account
        QTest::addRow("gmail address") << u"ann@gmail.com"_s << u"imap.gmail.com"_s << u"google"_s;
        QTest::addRow("Office 365 server")
                << u"ann@firm.example"_s << u"outlook.office365.com"_s << u"microsoft"_s;
        QTest::addRow("yahoo") << u"ann@yahoo.com"_s << u"imap.mail.yahoo.com"_s << u"yahoo"_s;
        QTest::addRow("aol") << u"ann@aol.com"_s << u"imap.aol.com"_s << u"aol"_s;
        QTest::addRow("no provider") << u"ann@example.org"_s << u"imap.example.org"_s << QString();
    }

    void oauthProviderSignInOrWhatIsMissing()
    {
        QFETCH(QString, address);
        QFETCH(QString, host);
        QFETCH(QString, provider);
        AccountDialog dialog;
        fillValid(dialog);
        dialog.addressField()->setText(address);
        dialog.imapHostField()->setText(host);
        dialog.authBox()->setCurrentIndex(
                dialog.authBox()->findData(int(Account::AuthMethod::OAuth2)));
        auto *note = dialog.findChild<QLabel *>(u"authNote"_s);
        QVERIFY(note && !note->isHidden());
        const QSettings settings;
        const auto known = OAuth2Providers::find(provider, &settings);
        // "Sign in…" is there for every OAuth 2.0 account, usable only with a client ID.
        QVERIFY(!dialog.signInButton()->isHidden());
        QVERIFY(!dialog.signInButton()->parentWidget()->isHidden());
        QCOMPARE(dialog.signInButton()->isEnabled(), !provider.isEmpty() && known->hasClientId());
        if (provider.isEmpty()) {
            QVERIFY(note->text().contains(u"paste"_s));
            QVERIFY(dialog.passwordField()->isEnabled());
        } else if (known->hasClientId()) {
            // This build or its settings bring a client ID: the browser signs in.
            QVERIFY2(note->text().contains(known->name) && note->text().contains(u"browser"_s),
                     qPrintable(note->text()));
            QVERIFY(!dialog.passwordField()->isEnabled());
        } else {
            // Exactly what is missing, and where it goes.
            QVERIFY2(note->text().contains(u"HERON_OAUTH_CLIENT_ID_"_s + provider.toUpper())
                             && note->text().contains(provider + u"/clientId"_s)
                             && note->text().contains(known->name),
                     qPrintable(note->text()));
            QVERIFY(dialog.passwordField()->isEnabled());
        }
        // A password choice has no note.
        dialog.authBox()->setCurrentIndex(
                dialog.authBox()->findData(int(Account::AuthMethod::Plain)));
        QVERIFY(note->isHidden());
        QVERIFY(dialog.signInButton()->parentWidget()->isHidden());
        QVERIFY(dialog.passwordField()->isEnabled());
    }

    void signInRunsTheBrowserFlow_data()
    {
        QTest::addColumn<int>("method");
        QTest::addColumn<bool>("approve");
        QTest::addRow("OAuth 2.0, approved") << int(Account::AuthMethod::OAuth2) << true;
        QTest::addRow("XOAUTH2, approved") << int(Account::AuthMethod::XOAuth2) << true;
        QTest::addRow("OAUTHBEARER, approved") << int(Account::AuthMethod::OAuthBearer) << true;
        QTest::addRow("denied") << int(Account::AuthMethod::OAuth2) << false;
    }

    void signInRunsTheBrowserFlow()
    {
        QFETCH(int, method);
        QFETCH(bool, approve);
        using Choice = GoogleAtOAuthTestServer::Choice;
        GoogleAtOAuthTestServer google;
        FakeTester tester;
        AccountDialog dialog;
        dialog.setConnectionTester(&tester);
        dialog.setBrowserOpener(google.browser(approve ? Choice::Approve : Choice::Deny));
        fillValid(dialog);
        dialog.passwordField()->clear();
        dialog.addressField()->setText(u"ann@gmail.com"_s);
        dialog.imapHostField()->setText(u"imap.gmail.com"_s);
        QPushButton *signIn = dialog.signInButton();
        QVERIFY(signIn->parentWidget()->isHidden()); // a password login has nothing to sign in
        dialog.authBox()->setCurrentIndex(dialog.authBox()->findData(method));
        QVERIFY(!signIn->parentWidget()->isHidden());
        QVERIFY(signIn->isEnabled());
        QVERIFY(!dialog.passwordField()->isEnabled());

        QTest::mouseClick(signIn, Qt::LeftButton);
        QTRY_COMPARE(google.opened.size(), 1);
        // The authorization code flow with PKCE and a loopback redirect.
        const QUrlQuery request(google.opened.at(0));
        QCOMPARE(request.queryItemValue(u"code_challenge_method"_s), u"S256"_s);
        QCOMPARE(request.queryItemValue(u"client_id"_s), google.server.clientId());
        QVERIFY(request.queryItemValue(u"redirect_uri"_s, QUrl::FullyDecoded)
                        .startsWith(u"http://127.0.0.1:"_s));
        QLabel *status = dialog.signInStatusLabel();
        if (!approve) {
            QTRY_VERIFY2(status->text().contains(u"The user denied access"_s),
                         qPrintable(status->text()));
            QVERIFY(status->text().contains(u"failed"_s));
            QVERIFY(dialog.oauthRefreshToken().isEmpty());
            QVERIFY(google.server.tokenRequests().isEmpty());
            QCOMPARE(signIn->text(), u"&Sign in…"_s);
            QVERIFY(signIn->isEnabled());
            return;
        }
        QTRY_VERIFY2(status->text().startsWith(u"Signed in with Google"_s),
                     qPrintable(status->text()));
        QCOMPARE(google.server.tokenRequests().size(), 1);
        QCOMPARE(google.server.tokenRequests().at(0).grantType, u"authorization_code"_s);
        QVERIFY(google.server.lastRefusal().isEmpty()); // the verifier matched the challenge
        QVERIFY(dialog.oauthRefreshToken().startsWith(u"rt-"_s));
        QCOMPARE(dialog.oauthAccessToken(), google.server.issuedAccessTokens().at(0));
        QCOMPARE(signIn->text(), u"&Sign in Again…"_s);
        // Nothing is stored by the dialog itself, and the account has no password.
        QVERIFY(dialog.password().isEmpty());

        // The connection test logs in with the sign-in.
        QTest::mouseClick(dialog.testPanel()->testButton(), Qt::LeftButton);
        QTRY_COMPARE(tester.starts, 1);
        QCOMPARE(tester.lastPassword, google.server.issuedAccessTokens().at(0));
        QCOMPARE(tester.lastAccount.authMethod(), Account::AuthMethod(method));

        // A password login has no use for it.
        dialog.authBox()->setCurrentIndex(
                dialog.authBox()->findData(int(Account::AuthMethod::Plain)));
        QVERIFY(dialog.oauthRefreshToken().isEmpty());
        QVERIFY(dialog.signInStatusLabel()->text().isEmpty());
    }

    void signInCanBeCancelled()
    {
        GoogleAtOAuthTestServer google;
        AccountDialog dialog;
        dialog.setBrowserOpener(google.browser(GoogleAtOAuthTestServer::Choice::Ignore));
        fillValid(dialog);
        dialog.addressField()->setText(u"ann@gmail.com"_s);
        dialog.authBox()->setCurrentIndex(
                dialog.authBox()->findData(int(Account::AuthMethod::OAuth2)));
        QTest::mouseClick(dialog.signInButton(), Qt::LeftButton);
        QTRY_COMPARE(google.opened.size(), 1);
        QVERIFY2(dialog.signInStatusLabel()->text().contains(u"Waiting"_s),
                 qPrintable(dialog.signInStatusLabel()->text()));
        QCOMPARE(dialog.signInButton()->text(), u"Cancel &Sign-in"_s);

        QTest::mouseClick(dialog.signInButton(), Qt::LeftButton);
        QVERIFY(dialog.signInStatusLabel()->text().contains(u"cancelled"_s));
        QCOMPARE(dialog.signInButton()->text(), u"&Sign in…"_s);
        // The loopback listener is closed: approving late signs nobody in.
        const QUrl late = google.server.approve(google.opened.at(0), u"alice"_s);
        QVERIFY(late.isValid());
        QNetworkAccessManager network;
        QNetworkReply *reply = network.get(QNetworkRequest(late));
        QTRY_VERIFY(reply->isFinished());
        QCOMPARE(reply->error(), QNetworkReply::ConnectionRefusedError);
        delete reply;
        QVERIFY(google.server.tokenRequests().isEmpty());
        QVERIFY(dialog.oauthRefreshToken().isEmpty());
    }

    void browserThatCannotOpenShowsTheAddress()
    {
        GoogleAtOAuthTestServer google;
        AccountDialog dialog;
        QList<QUrl> asked;
        dialog.setBrowserOpener([&asked](const QUrl &url) {
            asked << url;
            return false;
        });
        fillValid(dialog);
        dialog.addressField()->setText(u"ann@gmail.com"_s);
        dialog.authBox()->setCurrentIndex(
                dialog.authBox()->findData(int(Account::AuthMethod::OAuth2)));
        QTest::mouseClick(dialog.signInButton(), Qt::LeftButton);
        QTRY_COMPARE(asked.size(), 1);
        const QString text = dialog.signInStatusLabel()->text();
        QVERIFY2(text.contains(asked.at(0).toString(QUrl::FullyEncoded)), qPrintable(text));
        // Still waiting: the page opened by hand finishes the sign-in.
        QCOMPARE(dialog.signInButton()->text(), u"Cancel &Sign-in"_s);
        const QUrl redirect = google.server.approve(asked.at(0), u"alice"_s);
        QNetworkAccessManager network;
        std::unique_ptr<QNetworkReply> reply(network.get(QNetworkRequest(redirect)));
        QTRY_VERIFY2(dialog.signInStatusLabel()->text().startsWith(u"Signed in"_s),
                     qPrintable(dialog.signInStatusLabel()->text()));
        QVERIFY(!dialog.oauthRefreshToken().isEmpty());
    }

    void outgoingServerHasItsOwnLogin()
    {
        FakeTester tester;
        AccountDialog dialog;
        dialog.setConnectionTester(&tester);
        fillValid(dialog);
        QVERIFY(dialog.smtpUserNameField()->parentWidget()->isHidden());
        QVERIFY(!dialog.account().hasOwnSubmissionLogin());
        QVERIFY(dialog.submissionPassword().isEmpty());

        dialog.smtpOwnLoginBox()->setChecked(true);
        QVERIFY(!dialog.smtpUserNameField()->parentWidget()->isHidden());
        QVERIFY(!dialog.validate());
        QVERIFY(!dialog.errorFor(dialog.smtpUserNameField()).isEmpty());
        dialog.smtpUserNameField()->setText(u"ann-out"_s);
        dialog.smtpPasswordField()->setText(u"out-secret"_s);
        QVERIFY(dialog.validate());
        const Account a = dialog.account();
        QCOMPARE(a.smtpUserName(), u"ann-out"_s);
        QCOMPARE(a.userName(), u"ann@example.org"_s);
        QCOMPARE(dialog.submissionPassword(), u"out-secret"_s);
        QCOMPARE(dialog.password(), u"secret"_s);

        // The connection test tries each server with its own password.
        QTest::mouseClick(dialog.testPanel()->testButton(), Qt::LeftButton);
        QTRY_COMPARE(tester.starts, 1);
        QCOMPARE(tester.lastPassword, u"secret"_s);
        QCOMPARE(tester.lastSubmissionPassword, u"out-secret"_s);
        QCOMPARE(tester.lastAccount.smtpUserName(), u"ann-out"_s);

        // Unticked, the outgoing server logs in as the incoming one again.
        dialog.smtpOwnLoginBox()->setChecked(false);
        QVERIFY(!dialog.account().hasOwnSubmissionLogin());
        QVERIFY(dialog.submissionPassword().isEmpty());
        AccountDialog again;
        again.setAccount(a);
        QVERIFY(again.smtpOwnLoginBox()->isChecked());
        QCOMPARE(again.smtpUserNameField()->text(), u"ann-out"_s);
    }

    void foundSettingsFillTheFormWithTheirSource_data()
    {
        QTest::addColumn<int>("source");
        QTest::addColumn<QString>("said");
        QTest::addRow("provider") << int(DiscoveredSettings::Source::ProviderConfig)
                                  << u"from the provider's configuration"_s;
        QTest::addRow("ISP database")
                << int(DiscoveredSettings::Source::Ispdb) << u"from the ISP database"_s;
        QTest::addRow("SRV") << int(DiscoveredSettings::Source::Srv) << u"(SRV)"_s;
        QTest::addRow("guess") << int(DiscoveredSettings::Source::Guess) << u"guessed — check"_s;
    }

    void foundSettingsFillTheFormWithTheirSource()
    {
        QFETCH(int, source);
        QFETCH(QString, said);
        FakeTester tester;
        AccountDialog dialog;
        dialog.setConnectionTester(&tester);
        dialog.addressField()->setText(u"ann@example.test"_s);
        DiscoveredSettings found;
        found.source = DiscoveredSettings::Source(source);
        found.imap = {u"imap.example.test"_s, 1993, Security::ImplicitTls};
        found.smtp = {u"smtp.example.test"_s, 587, Security::StartTls};
        found.userName = u"ann"_s;
        Q_EMIT dialog.autoconfigLookup()->finished(found, {});
        QCOMPARE(dialog.imapHostField()->text(), u"imap.example.test"_s);
        QCOMPARE(dialog.imapPortField()->text(), u"1993"_s);
        QCOMPARE(dialog.imapSecurityBox()->currentData().toInt(), int(Security::ImplicitTls));
        QCOMPARE(dialog.smtpHostField()->text(), u"smtp.example.test"_s);
        QCOMPARE(dialog.smtpPortField()->text(), u"587"_s);
        QCOMPARE(dialog.smtpSecurityBox()->currentData().toInt(), int(Security::StartTls));
        QCOMPARE(dialog.userNameField()->text(), u"ann"_s);
        QVERIFY2(dialog.findStatusLabel()->text().contains(said),
                 qPrintable(dialog.findStatusLabel()->text()));
        // Shown for confirmation: nothing was tried with a password.
        QCOMPARE(tester.starts, 0);
        const Account a = dialog.account();
        QCOMPARE(a.imapPort(), quint16(1993));
        QCOMPARE(a.smtpSecurity(), Security::StartTls);
    }

    void partialFindingsAreKeptForTheManualForm()
    {
        AccountDialog dialog;
        dialog.addressField()->setText(u"ann@example.test"_s);
        DiscoveredSettings found;
        found.imap = {u"imap.example.test"_s, 993, Security::ImplicitTls};
        Q_EMIT dialog.autoconfigLookup()->finished(found,
                                                   u"No complete answer within 10 seconds."_s);
        QCOMPARE(dialog.imapHostField()->text(), u"imap.example.test"_s);
        QVERIFY(dialog.smtpHostField()->text().isEmpty());
        QVERIFY(dialog.findStatusLabel()->text().contains(u"10 seconds"_s));
        QVERIFY(!dialog.validate()); // the rest is the user's
    }

    void serversTypedDuringTheLookupAreKept()
    {
        AccountDialog dialog;
        AutoconfigLookup::Settings nowhere;
        nowhere.sources.clear();
        dialog.setAutoconfigSettings(nowhere);
        dialog.addressField()->setText(u"ann@example.test"_s);
        dialog.findSettings();
        QVERIFY(!dialog.findSettingsButton()->isEnabled());
        dialog.imapHostField()->setText(u"mine.example.test"_s);
        DiscoveredSettings found;
        found.source = DiscoveredSettings::Source::Guess;
        found.imap = {u"imap.example.test"_s, 993, Security::ImplicitTls};
        found.smtp = {u"smtp.example.test"_s, 465, Security::ImplicitTls};
        Q_EMIT dialog.autoconfigLookup()->finished(found, {});
        QCOMPARE(dialog.imapHostField()->text(), u"mine.example.test"_s);
        QVERIFY(dialog.smtpHostField()->text().isEmpty());
        QVERIFY(dialog.findStatusLabel()->text().contains(u"are kept"_s));
        QVERIFY(dialog.findSettingsButton()->isEnabled());
    }

    void typingTheAddressOfANewAccountLooksItUp()
    {
        AccountDialog dialog;
        AutoconfigLookup::Settings nowhere;
        nowhere.sources.clear();
        dialog.setAutoconfigSettings(nowhere);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.addressField()->setFocus();
        QTest::keyClicks(dialog.addressField(), u"ann@nowhere.test"_s);
        QTest::keyClick(dialog.addressField(), Qt::Key_Tab);
        QTRY_VERIFY2(dialog.findStatusLabel()->text().contains(u"No settings were found"_s),
                     qPrintable(dialog.findStatusLabel()->text()));
        QVERIFY(dialog.findSettingsButton()->isEnabled());
        QVERIFY2(!dialog.findStatusLabel()->text().contains(u".)"_s),
                 qPrintable(dialog.findStatusLabel()->text()));
    }

    void userNameDefaultsToAddress()
    {
        AccountDialog dialog;
        fillValid(dialog);
        QCOMPARE(dialog.account().userName(), u"ann@example.org"_s);
        QCOMPARE(dialog.account().displayName(), u"ann@example.org"_s);
    }

    void testButtonNeedsATester()
    {
        AccountDialog dialog;
        QVERIFY(!dialog.testPanel()->testButton()->isEnabled());
        FakeTester tester;
        dialog.setConnectionTester(&tester);
        QVERIFY(dialog.testPanel()->testButton()->isEnabled());
    }

    void testNotStartedWhenInvalid()
    {
        AccountDialog dialog;
        FakeTester tester;
        dialog.setConnectionTester(&tester);
        QTest::mouseClick(dialog.testPanel()->testButton(), Qt::LeftButton);
        QCOMPARE(tester.starts, 0);
        QVERIFY(!dialog.errorFor(dialog.imapHostField()).isEmpty());
    }

    void testReportsPreciseResults()
    {
        AccountDialog dialog;
        FakeTester tester;
        dialog.setConnectionTester(&tester);
        fillValid(dialog);
        tester.results = {
                result(ConnectionTestResult::Server::Imap,
                       ConnectionTestResult::Outcome::HostNotFound),
                result(ConnectionTestResult::Server::Smtp,
                       ConnectionTestResult::Outcome::AuthenticationFailed,
                       u"535 5.7.8 Authentication credentials invalid"_s),
        };
        ConnectionTestPanel *panel = dialog.testPanel();
        QSignalSpy finished(panel, &ConnectionTestPanel::finished);
        QTest::mouseClick(panel->testButton(), Qt::LeftButton);
        QCOMPARE(tester.starts, 1);
        QCOMPARE(tester.lastPassword, u"secret"_s);
        QCOMPARE(tester.lastAccount.imapHost(), u"imap.example.org"_s);
        QVERIFY(panel->isRunning());
        QTRY_COMPARE(finished.size(), 1);
        QVERIFY(!panel->isRunning());
        const QList<QLabel *> labels = panel->resultLabels();
        QCOMPARE(labels.size(), 2);
        QVERIFY(labels.at(0)->text().contains(u"imap.example.org"_s));
        QVERIFY(labels.at(0)->text().contains(u"could not be found"_s));
        QVERIFY(labels.at(1)->text().contains(u"refused the user name or password"_s));
        QVERIFY(labels.at(1)->text().contains(u"535 5.7.8"_s));
        QVERIFY(panel->certificateButtons().isEmpty());

        // A second run replaces the results.
        tester.results = {
                result(ConnectionTestResult::Server::Imap, ConnectionTestResult::Outcome::Success)};
        QTest::mouseClick(panel->testButton(), Qt::LeftButton);
        QTRY_COMPARE(finished.size(), 2);
        QCOMPARE(panel->resultLabels().size(), 1);
        QVERIFY(panel->resultLabels().at(0)->text().contains(u"logged in"_s));
    }

    void describeOutcomes_data()
    {
        QTest::addColumn<int>("outcome");
        QTest::addColumn<QString>("expected");
        using O = ConnectionTestResult::Outcome;
        QTest::newRow("refused") << int(O::ConnectionRefused)
                                 << u"refused the connection on port 993"_s;
        QTest::newRow("timeout") << int(O::Timeout) << u"did not answer on port 993"_s;
        QTest::newRow("tls") << int(O::TlsFailure)
                             << u"secure connection to imap.example.org failed"_s;
        QTest::newRow("protocol") << int(O::ProtocolError) << u"unexpected"_s;
        QTest::newRow("no starttls")
                << int(O::StartTlsUnavailable) << u"does not offer STARTTLS on port 993"_s;
        QTest::newRow("cancelled") << int(O::Cancelled) << u"stopped"_s;
    }

    void describeOutcomes()
    {
        QFETCH(int, outcome);
        QFETCH(QString, expected);
        Account account;
        account.setImapHost(u"imap.example.org"_s);
        ConnectionTestResult r = result(ConnectionTestResult::Server::Imap,
                                        ConnectionTestResult::Outcome(outcome));
        r.detail = u"socket said so"_s;
        const QString text = ConnectionTestPanel::describe(r, account);
        QVERIFY2(text.contains(expected), qPrintable(text));
        QVERIFY(text.contains(u"socket said so"_s));
    }

    void untrustedCertificateCanBePinned()
    {
        const QList<QSslCertificate> chain = QSslCertificate::fromData(TestCertificates::first);
        QCOMPARE(chain.size(), 1);
        AccountDialog dialog;
        FakeTester tester;
        dialog.setConnectionTester(&tester);
        fillValid(dialog);
        ConnectionTestResult r = result(ConnectionTestResult::Server::Imap,
                                        ConnectionTestResult::Outcome::CertificateUntrusted);
        r.certificateChain = chain;
        r.detail = u"The certificate is self-signed, and untrusted"_s;
        tester.results = {r};
        ConnectionTestPanel *panel = dialog.testPanel();
        QSignalSpy finished(panel, &ConnectionTestPanel::finished);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::mouseClick(panel->testButton(), Qt::LeftButton);
        QTRY_COMPARE(finished.size(), 1);
        const QString fingerprint = Account::formatFingerprint(Account::fingerprint(chain.at(0)));
        QVERIFY(panel->resultLabels().at(0)->text().contains(fingerprint));
        // Whom it was issued to, by whom, and for how long.
        const QString text = panel->resultLabels().at(0)->text();
        QVERIFY2(text.contains(u"Issued to “imap.example.org” by “imap.example.org”"_s),
                 qPrintable(text));
        QVERIFY2(text.contains(QLocale().toString(chain.at(0).expiryDate().toLocalTime(),
                                                  QLocale::ShortFormat)),
                 qPrintable(text));
        QCOMPARE(panel->certificateButtons().size(), 1);

        // The trust question comes by itself when the test ends.
        CertificateDialog *certificateDialog = nullptr;
        QTRY_VERIFY((certificateDialog = dialog.findChild<CertificateDialog *>()));
        QVERIFY(certificateDialog->isVisible());
        QCOMPARE(certificateDialog->pinState(), CertificateDialog::PinState::NotPinned);
        QVERIFY(certificateDialog->statusLabel()->text().contains(u"self-signed"_s));
        // Trusted, the certificate is pinned and the test goes on with it.
        tester.results = {
                result(ConnectionTestResult::Server::Imap, ConnectionTestResult::Outcome::Success)};
        certificateDialog->accept();
        QCOMPARE(dialog.account().imapPinnedFingerprints(),
                 QList<QByteArray> {Account::fingerprint(chain.at(0))});
        QVERIFY(dialog.account().smtpPinnedFingerprints().isEmpty());
        QTRY_COMPARE(finished.size(), 2);
        QCOMPARE(tester.starts, 2);
        QCOMPARE(tester.lastAccount.imapPinnedFingerprints(),
                 QList<QByteArray> {Account::fingerprint(chain.at(0))});
        QCOMPARE(panel->resultLabels().size(), 1);
        QCOMPARE(panel->resultLabels().at(0)->property("outcome").toInt(),
                 int(ConnectionTestResult::Outcome::Success));

        // Its button shows the certificate again.
        tester.results = {r};
        QTest::mouseClick(panel->testButton(), Qt::LeftButton);
        QTRY_COMPARE(finished.size(), 3);
        QTest::mouseClick(panel->certificateButtons().at(0), Qt::LeftButton);
        QTRY_VERIFY((certificateDialog = dialog.findChild<CertificateDialog *>()));
        QCOMPARE(certificateDialog->pinState(), CertificateDialog::PinState::Matches);
    }

    void declinedCertificateIsReportedOnly()
    {
        const QList<QSslCertificate> chain = QSslCertificate::fromData(TestCertificates::first);
        AccountDialog dialog;
        FakeTester tester;
        dialog.setConnectionTester(&tester);
        fillValid(dialog);
        ConnectionTestResult r = result(ConnectionTestResult::Server::Smtp,
                                        ConnectionTestResult::Outcome::CertificateUntrusted);
        r.certificateChain = chain;
        tester.results = {result(ConnectionTestResult::Server::Imap,
                                 ConnectionTestResult::Outcome::Success),
                          r};
        const Security securityBefore = dialog.account().smtpSecurity();
        ConnectionTestPanel *panel = dialog.testPanel();
        QSignalSpy finished(panel, &ConnectionTestPanel::finished);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::mouseClick(panel->testButton(), Qt::LeftButton);
        QTRY_COMPARE(finished.size(), 1);
        CertificateDialog *certificateDialog = nullptr;
        QTRY_VERIFY((certificateDialog = dialog.findChild<CertificateDialog *>()));
        certificateDialog->reject();
        QTRY_VERIFY(!dialog.findChild<CertificateDialog *>());
        // Nothing pinned, nothing tried again, the refusal stays in the results.
        QVERIFY(dialog.account().smtpPinnedFingerprints().isEmpty());
        QVERIFY(dialog.account().imapPinnedFingerprints().isEmpty());
        QCOMPARE(tester.starts, 1);
        QCOMPARE(panel->resultLabels().size(), 2);
        QVERIFY(panel->resultLabels().at(1)->text().contains(u"not trusted"_s));
        // Asked once: testing again does not ask again about the same certificate.
        QTest::mouseClick(panel->testButton(), Qt::LeftButton);
        QTRY_COMPARE(finished.size(), 2);
        QVERIFY(!dialog.findChild<CertificateDialog *>());
        // Nothing less secure was chosen instead.
        QCOMPARE(dialog.account().smtpSecurity(), securityBefore);
    }

    void certificateDialogShowsDetails()
    {
        const QList<QSslCertificate> chain = QSslCertificate::fromData(TestCertificates::first);
        CertificateDialog dialog(u"imap.example.org"_s, chain, {});
        const QString details = dialog.detailsLabel()->text();
        QVERIFY(details.contains(u"imap.example.org"_s));
        QVERIFY(details.contains(u"Example Mail one"_s));
        QVERIFY(details.contains(u"mail.example.org"_s)); // subject alternative name
        QVERIFY(details.contains(Account::formatFingerprint(Account::fingerprint(chain.at(0)))));
        QVERIFY(details.contains(u"Self-signed"_s));
        QCOMPARE(dialog.chainList()->count(), 1);
        QCOMPARE(dialog.fingerprint(), Account::fingerprint(chain.at(0)));
        QVERIFY(dialog.trustButton()->isEnabled());
    }

    void certificateDialogNoticesChange()
    {
        const QSslCertificate first = QSslCertificate::fromData(TestCertificates::first).at(0);
        const QSslCertificate second = QSslCertificate::fromData(TestCertificates::second).at(0);
        const QByteArray pinned = Account::fingerprint(first);
        QCOMPARE(CertificateDialog::pinStateOf(first, {}), CertificateDialog::PinState::NotPinned);
        QCOMPARE(CertificateDialog::pinStateOf(first, {pinned}),
                 CertificateDialog::PinState::Matches);
        QCOMPARE(CertificateDialog::pinStateOf(second, {pinned}),
                 CertificateDialog::PinState::Changed);

        CertificateDialog changed(u"imap.example.org"_s, {second}, {pinned});
        QCOMPARE(changed.pinState(), CertificateDialog::PinState::Changed);
        QVERIFY(changed.statusLabel()->text().contains(u"changed"_s));
        QVERIFY(changed.statusLabel()->text().contains(Account::formatFingerprint(pinned)));
        QSignalSpy accepted(&changed, &QDialog::accepted);
        changed.trustButton()->click();
        QCOMPARE(accepted.size(), 1);
        QCOMPARE(changed.fingerprint(), Account::fingerprint(second));

        CertificateDialog empty(u"x"_s, {}, {});
        QVERIFY(!empty.trustButton()->isEnabled());
    }
};

QTEST_MAIN(TestAccountDialog)
#include "tst_accountdialog.moc"
