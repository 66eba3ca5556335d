#include "accounts/account.h"
#include "accounts/accountstore.h"

#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestAccountStore : public QObject
{
    Q_OBJECT

private:
    static Account sampleAccount()
    {
        Account a;
        a.setDisplayName(u"Work"_s);
        a.setAddress(u"jürgen@example.org"_s);
        a.setIdentities({Identity {u"Jürgen Beispiel"_s,
                                   u"jürgen@example.org"_s,
                                   u"-- \nJ."_s,
                                   {},
                                   u"<b>J.</b> <a href=\"https://example.org\">example.org</a>"_s},
                         Identity {u"Support"_s,
                                   u"support@example.org"_s,
                                   {},
                                   u"helpdesk@example.org"_s,
                                   {},
                                   u"de_DE"_s}});
        a.setImapHost(u"imap.example.org"_s);
        a.setImapPort(1993);
        a.setImapSecurity(Security::StartTls);
        a.setSmtpHost(u"smtp.example.org"_s);
        a.setSmtpPort(2587);
        a.setSmtpSecurity(Security::None);
        a.setUserName(u"juergen"_s);
        a.setSmtpUserName(u"juergen-out"_s);
        a.setAuthMethod(Account::AuthMethod::Login);
        a.setCaFilePath(u"/tmp/demo/ca.pem"_s);
        a.setImapPinnedFingerprints({QByteArray(64, 'a')});
        a.setSmtpPinnedFingerprints({QByteArray(64, 'b'), QByteArray(64, 'c')});
        a.setServerSavesSentMail(true);
        a.setComposesHtml(true);
        a.setTrashFolder(u"Papierkorb"_s);
        return a;
    }

private Q_SLOTS:
    void newAccountsGetDistinctIds()
    {
        const Account a;
        const Account b;
        QVERIFY(!a.id().isEmpty());
        QVERIFY(a.id() != b.id());
    }

    void defaultPorts()
    {
        QCOMPARE(Account::defaultImapPort(Security::ImplicitTls), quint16(993));
        QCOMPARE(Account::defaultImapPort(Security::StartTls), quint16(143));
        QCOMPARE(Account::defaultSmtpPort(Security::ImplicitTls), quint16(465));
        QCOMPARE(Account::defaultSmtpPort(Security::StartTls), quint16(587));
    }

    void formatFingerprint() { QCOMPARE(Account::formatFingerprint("0a1bff"), u"0A:1B:FF"_s); }

    void defaultIdentity()
    {
        Account a;
        a.setDisplayName(u"Ann"_s);
        a.setAddress(u"ann@example.org"_s);
        QCOMPARE(a.defaultIdentity(), (Identity {u"Ann"_s, u"ann@example.org"_s, {}}));
        a.setIdentities({Identity {u"A"_s, u"a@example.org"_s, u"sig"_s}});
        QCOMPARE(a.defaultIdentity().address, u"a@example.org"_s);
    }

    void sentFilingRoundTrip_data()
    {
        QTest::addColumn<int>("filing");
        QTest::addRow("unknown") << int(Account::SentFiling::Unknown);
        QTest::addRow("server") << int(Account::SentFiling::Server);
        QTest::addRow("client") << int(Account::SentFiling::Client);
    }

    void sentFilingRoundTrip()
    {
        QFETCH(int, filing);
        QTemporaryDir dir;
        QSettings settings(dir.filePath(u"heron.conf"_s), QSettings::IniFormat);
        AccountStore store(&settings);
        Account a = sampleAccount();
        a.setSentFiling(Account::SentFiling(filing));
        QVERIFY(!store.saveAccount(a));
        AccountStore reread(&settings);
        QCOMPARE(int(reread.account(a.id())->sentFiling()), filing);
    }

    void sentFilingOfEarlierVersions()
    {
        // The check box of earlier versions: ticked, the server files; else not known yet.
        QTemporaryDir dir;
        QSettings settings(dir.filePath(u"heron.conf"_s), QSettings::IniFormat);
        Account a = sampleAccount();
        {
            AccountStore store(&settings);
            a.setSentFiling(Account::SentFiling::Unknown);
            QVERIFY(!store.saveAccount(a));
        }
        settings.setValue(u"accounts/"_s + a.id() + u"/serverSavesSentMail"_s, true);
        QCOMPARE(AccountStore(&settings).account(a.id())->sentFiling(), Account::SentFiling::Server);
        settings.setValue(u"accounts/"_s + a.id() + u"/serverSavesSentMail"_s, false);
        QCOMPARE(AccountStore(&settings).account(a.id())->sentFiling(),
                 Account::SentFiling::Unknown);
    }

    void authMethodsRoundTrip_data()
    {
        QTest::addColumn<int>("method");
        QTest::addRow("auto") << int(Account::AuthMethod::Auto);
        QTest::addRow("PLAIN") << int(Account::AuthMethod::Plain);
        QTest::addRow("LOGIN") << int(Account::AuthMethod::Login);
        QTest::addRow("XOAUTH2") << int(Account::AuthMethod::XOAuth2);
        QTest::addRow("OAUTHBEARER") << int(Account::AuthMethod::OAuthBearer);
        QTest::addRow("OAuth 2.0, mechanism from the server") << int(Account::AuthMethod::OAuth2);
    }

    void authMethodsRoundTrip()
    {
        QFETCH(int, method);
        QTemporaryDir dir;
        QSettings settings(dir.filePath(u"heron.ini"_s), QSettings::IniFormat);
        AccountStore store(&settings);
        Account a = sampleAccount();
        a.setAuthMethod(Account::AuthMethod(method));
        QVERIFY(!store.saveAccount(a));
        QCOMPARE(int(store.account(a.id())->authMethod()), method);
        // Without an outgoing login of its own, none is read back.
        a.setSmtpUserName({});
        QVERIFY(!store.saveAccount(a));
        QVERIFY(!store.account(a.id())->hasOwnSubmissionLogin());
        QCOMPARE(Account::submissionSecretId(a.id()), a.id() + u"/submission"_s);
    }

    void roundTripThroughIniFile()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"heron.ini"_s);
        const Account original = sampleAccount();
        Account second;
        second.setDisplayName(u"Home"_s);
        second.setAddress(u"me@home.example"_s);
        {
            QSettings settings(path, QSettings::IniFormat);
            AccountStore store(&settings);
            QSignalSpy added(&store, &AccountStore::accountAdded);
            QSignalSpy changed(&store, &AccountStore::changed);
            QVERIFY(!store.saveAccount(original));
            QVERIFY(!store.saveAccount(second));
            QCOMPARE(added.size(), 2);
            QCOMPARE(added.at(0).at(0).toString(), original.id());
            QCOMPARE(changed.size(), 2);
        }
        QSettings reopened(path, QSettings::IniFormat);
        AccountStore store(&reopened);
        const QList<Account> accounts = store.accounts();
        QCOMPARE(accounts.size(), 2);
        QCOMPARE(accounts.at(0), original); // every field, in the order added
        QCOMPARE(accounts.at(1), second);
        QVERIFY(accounts.at(0).composesHtml());
        QVERIFY(!accounts.at(1).composesHtml()); // plain text unless chosen
        QVERIFY(store.contains(original.id()));
        QCOMPARE(store.account(second.id()).value().displayName(), u"Home"_s);
        QVERIFY(!store.account(u"missing"_s).has_value());
    }

    void updateReplacesAndDropsOldIdentities()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(u"heron.ini"_s), QSettings::IniFormat);
        AccountStore store(&settings);
        Account a = sampleAccount();
        QVERIFY(!store.saveAccount(a));
        QSignalSpy changedSpy(&store, &AccountStore::accountChanged);
        QSignalSpy addedSpy(&store, &AccountStore::accountAdded);
        a.setIdentities({Identity {u"Only"_s, u"only@example.org"_s, {}}});
        a.setImapHost(u"other.example.org"_s);
        QVERIFY(!store.saveAccount(a));
        QCOMPARE(changedSpy.size(), 1);
        QCOMPARE(addedSpy.size(), 0);
        QCOMPARE(store.accounts().size(), 1);
        QCOMPARE(store.account(a.id()).value(), a);
    }

    void removeAccount()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(u"heron.ini"_s), QSettings::IniFormat);
        AccountStore store(&settings);
        const Account a = sampleAccount();
        QVERIFY(!store.saveAccount(a));
        QSignalSpy removed(&store, &AccountStore::accountRemoved);
        QVERIFY(!store.removeAccount(a.id()));
        QCOMPARE(removed.size(), 1);
        QVERIFY(store.accounts().isEmpty());
        const MailError again = store.removeAccount(a.id());
        QVERIFY(again.isError());
        QCOMPARE(again.kind(), MailError::Kind::Storage);
    }

    void rejectsInvalidId()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(u"heron.ini"_s), QSettings::IniFormat);
        AccountStore store(&settings);
        Account a;
        a.setId(u"a/b"_s);
        QVERIFY(store.saveAccount(a).isError());
        a.setId({});
        QVERIFY(store.saveAccount(a).isError());
        QVERIFY(store.accounts().isEmpty());
    }

    void unknownValuesFallBackSafely()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"heron.ini"_s);
        {
            QSettings settings(path, QSettings::IniFormat);
            settings.setValue(u"accounts/x1/imap/security"_s, u"bogus"_s);
            settings.setValue(u"accounts/x1/imap/port"_s, u"99999"_s);
            settings.setValue(u"accounts/x1/smtp/security"_s, u"starttls"_s);
        }
        QSettings settings(path, QSettings::IniFormat);
        AccountStore store(&settings);
        const Account a = store.account(u"x1"_s).value();
        QCOMPARE(a.imapSecurity(), Security::ImplicitTls);
        QCOMPARE(a.imapPort(), quint16(993));
        QCOMPARE(a.smtpSecurity(), Security::StartTls);
        QCOMPARE(a.smtpPort(), quint16(587));
    }

    void emptyListsLeaveNoInvalidValue_data()
    {
        QTest::addColumn<int>("imapPins");
        QTest::addColumn<int>("smtpPins");
        QTest::newRow("no pins") << 0 << 0;
        QTest::newRow("IMAP pinned only") << 1 << 0;
        QTest::newRow("SMTP pinned twice only") << 0 << 2;
        QTest::newRow("both") << 2 << 1;
    }

    void emptyListsLeaveNoInvalidValue()
    {
        QFETCH(int, imapPins);
        QFETCH(int, smtpPins);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"heron.ini"_s);
        Account a = sampleAccount();
        QList<QByteArray> imap;
        for (int i = 0; i < imapPins; ++i)
            imap.append(QByteArray(64, char('a' + i)));
        QList<QByteArray> smtp;
        for (int i = 0; i < smtpPins; ++i)
            smtp.append(QByteArray(64, char('d' + i)));
        a.setImapPinnedFingerprints(imap);
        a.setSmtpPinnedFingerprints(smtp);
        {
            QSettings settings(path, QSettings::IniFormat);
            AccountStore store(&settings);
            QVERIFY(!store.saveAccount(a));
            QCOMPARE(store.account(a.id()).value(), a);
            // The last account removed leaves an empty order: no value for it either.
            Account other;
            other.setAddress(u"other@example.org"_s);
            QVERIFY(!store.saveAccount(other));
            QVERIFY(!store.removeAccount(other.id()));
        }
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray content = file.readAll();
        QVERIFY2(!content.contains("@Invalid"), content.constData());
        QCOMPARE(content.contains("imap\\pinnedSha256") || content.contains("imap/pinnedSha256"),
                 imapPins > 0);
        QCOMPARE(content.contains("smtp\\pinnedSha256") || content.contains("smtp/pinnedSha256"),
                 smtpPins > 0);

        QSettings reopened(path, QSettings::IniFormat);
        AccountStore store(&reopened);
        QCOMPARE(store.accounts().size(), 1);
        QCOMPARE(store.account(a.id()).value(), a);

        // And with no account left at all.
        QVERIFY(!store.removeAccount(a.id()));
        reopened.sync();
        QFile again(path);
        QVERIFY(again.open(QIODevice::ReadOnly));
        QVERIFY2(!again.readAll().contains("@Invalid"), "an empty account order");
    }

    void noPasswordInTheFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"heron.ini"_s);
        const QString password = u"s3cret-Pa55word!"_s;
        {
            QSettings settings(path, QSettings::IniFormat);
            AccountStore store(&settings);
            Account a = sampleAccount();
            a.setUserName(u"juergen"_s);
            QVERIFY(!store.saveAccount(a));
        }
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray content = file.readAll();
        QVERIFY(content.contains("imap.example.org")); // the file is the one written
        QVERIFY(!content.contains(password.toUtf8()));
        QVERIFY(!content.toLower().contains("password"));
    }
};

QTEST_GUILESS_MAIN(TestAccountStore)
#include "tst_accountstore.moc"
