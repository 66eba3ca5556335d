#include "accountdialog.h"
#include "accountlistdialog.h"
#include "accounts/accountstore.h"
#include "accounts/memorysecretstore.h"
#include "googleatoauthtestserver.h"
#include "oauth/oauth2tokenmanager.h"

#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QString readPassword(MemorySecretStore &store, const QString &id)
{
    QObject context;
    std::optional<SecretStore::Reply> reply;
    store.readPassword(id, &context, [&reply](const SecretStore::Reply &r) { reply = r; });
    if (!QTest::qWaitFor([&reply] { return reply.has_value(); }, 5000) || !reply->isOk())
        return {};
    return reply->password;
}

} // namespace

class TestAccountListDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().remove(u"oauth2"_s);
    }

    void addEditRemove()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"heron.ini"_s);
        QSettings settings(path, QSettings::IniFormat);
        AccountStore accounts(&settings);
        MemorySecretStore secrets;
        AccountListDialog dialog(&accounts, &secrets);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QCOMPARE(dialog.list()->count(), 0);

        // Add: the password goes to the secret store, the rest to the settings.
        dialog.addAccount();
        AccountDialog *editor = nullptr;
        QTRY_VERIFY((editor = dialog.findChild<AccountDialog *>()));
        editor->addressField()->setText(u"ann@example.org"_s);
        editor->imapHostField()->setText(u"imap.example.org"_s);
        editor->smtpHostField()->setText(u"smtp.example.org"_s);
        editor->passwordField()->setText(u"Very-Secret-42"_s);
        editor->accept();
        QTRY_COMPARE(accounts.accounts().size(), 1);
        const QString id = accounts.accounts().at(0).id();
        QTRY_COMPARE(readPassword(secrets, id), u"Very-Secret-42"_s);
        QCOMPARE(dialog.list()->count(), 1);
        QVERIFY(dialog.list()->item(0)->text().contains(u"ann@example.org"_s));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray ini = file.readAll();
        QVERIFY(ini.contains("imap.example.org"));
        QVERIFY(!ini.contains("Very-Secret-42"));
        file.close();
        QTRY_VERIFY(!dialog.findChild<AccountDialog *>()); // closed and deleted

        // Edit with an empty password field: settings change, the password stays.
        dialog.editAccount(id);
        QTRY_VERIFY((editor = dialog.findChild<AccountDialog *>()));
        QCOMPARE(editor->imapHostField()->text(), u"imap.example.org"_s);
        QVERIFY(editor->passwordField()->text().isEmpty());
        editor->imapHostField()->setText(u"mail.example.org"_s);
        editor->accept();
        QTRY_COMPARE(accounts.account(id)->imapHost(), u"mail.example.org"_s);
        QCOMPARE(accounts.accounts().size(), 1);
        QCOMPARE(readPassword(secrets, id), u"Very-Secret-42"_s);
        QTRY_VERIFY(!dialog.findChild<AccountDialog *>());

        // An OAuth 2.0 sign-in kept for it goes with the account too.
        bool written = false;
        secrets.writePassword(OAuth2TokenManager::refreshTokenSecretId(id), u"rt-1"_s, this,
                              [&](const SecretStore::Reply &) { written = true; });
        QTRY_VERIFY(written);

        // Remove asks first; yes removes settings and password.
        dialog.removeAccount(id);
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = dialog.findChild<QMessageBox *>()));
        box->button(QMessageBox::Yes)->click();
        QTRY_VERIFY(accounts.accounts().isEmpty());
        QTRY_VERIFY(!secrets.contains(id));
        QTRY_VERIFY(!secrets.contains(OAuth2TokenManager::refreshTokenSecretId(id)));
        QCOMPARE(dialog.list()->count(), 0);
    }

    void removeCancelledKeepsTheAccount()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(u"heron.ini"_s), QSettings::IniFormat);
        AccountStore accounts(&settings);
        MemorySecretStore secrets;
        Account a;
        a.setAddress(u"a@b.example"_s);
        QVERIFY(!accounts.saveAccount(a));
        AccountListDialog dialog(&accounts, &secrets);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.removeAccount(a.id());
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = dialog.findChild<QMessageBox *>()));
        box->button(QMessageBox::Cancel)->click();
        QTRY_VERIFY(!dialog.findChild<QMessageBox *>()); // answered and closed
        QCOMPARE(accounts.accounts().size(), 1);
    }

    // The sign-in made with "Sign in…" goes to the keychain for that account when the dialog is
    // saved, and nowhere on Cancel.
    void signInIsStoredOnSaveOnly()
    {
        GoogleAtOAuthTestServer google;
        QTemporaryDir dir;
        QSettings settings(dir.filePath(u"heron.ini"_s), QSettings::IniFormat);
        AccountStore accounts(&settings);
        MemorySecretStore secrets;
        AccountListDialog dialog(&accounts, &secrets);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        const auto signIn = [&google](AccountDialog *editor) {
            editor->setBrowserOpener(google.browser(GoogleAtOAuthTestServer::Choice::Approve));
            editor->authBox()->setCurrentIndex(
                    editor->authBox()->findData(int(Account::AuthMethod::XOAuth2)));
            editor->signInButton()->click();
            return QTest::qWaitFor([editor] {
                return editor->signInStatusLabel()->text().startsWith(u"Signed in"_s);
            });
        };
        const auto fill = [](AccountDialog *editor) {
            editor->addressField()->setText(u"ann@gmail.com"_s);
            editor->imapHostField()->setText(u"imap.gmail.com"_s);
            editor->smtpHostField()->setText(u"smtp.gmail.com"_s);
        };

        // A new account signed in, then cancelled: nothing is kept.
        dialog.addAccount();
        AccountDialog *editor = nullptr;
        QTRY_VERIFY((editor = dialog.findChild<AccountDialog *>()));
        fill(editor);
        QVERIFY(signIn(editor));
        const QString cancelledId = editor->account().id();
        editor->reject();
        QTRY_VERIFY(!dialog.findChild<AccountDialog *>());
        QVERIFY(accounts.accounts().isEmpty());
        QVERIFY(!secrets.contains(OAuth2TokenManager::refreshTokenSecretId(cancelledId)));
        QVERIFY(!secrets.contains(cancelledId));

        // Signed in and saved: the refresh token is the account's, no password is.
        dialog.addAccount();
        QTRY_VERIFY((editor = dialog.findChild<AccountDialog *>()));
        fill(editor);
        QVERIFY(signIn(editor));
        const QString token = editor->oauthRefreshToken();
        QVERIFY(token.startsWith(u"rt-"_s));
        editor->accept();
        QTRY_COMPARE(accounts.accounts().size(), 1);
        const Account saved = accounts.accounts().at(0);
        const QString key = OAuth2TokenManager::refreshTokenSecretId(saved.id());
        QTRY_COMPARE(readPassword(secrets, key), token);
        QVERIFY(!secrets.contains(saved.id()));
        QCOMPARE(saved.authMethod(), Account::AuthMethod::XOAuth2);
        QTRY_VERIFY(!dialog.findChild<AccountDialog *>());

        // Signed in again while editing, then cancelled: the stored sign-in stays as it was.
        dialog.editAccount(saved.id());
        QTRY_VERIFY((editor = dialog.findChild<AccountDialog *>()));
        QVERIFY(signIn(editor));
        QVERIFY(editor->oauthRefreshToken() != token);
        editor->reject();
        QTRY_VERIFY(!dialog.findChild<AccountDialog *>());
        QCOMPARE(readPassword(secrets, key), token);
    }
};

QTEST_MAIN(TestAccountListDialog)
#include "tst_accountlistdialog.moc"
