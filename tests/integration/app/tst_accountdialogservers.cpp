// The account dialog's certificate questions against real servers: the connection test against
// the mail stack, whose certificate comes from a CA the account does not name, and the lookup
// guessing the servers of the autoconfig test domain without its CA. Either way the question is
// the certificate dialog; trusting pins the certificate for the account and the probe goes on;
// refusing is reported and offers nothing less secure.
#include "accountdialog.h"
#include "accounts/secretstore.h"
#include "autoconfigtestservers.h"
#include "certificatedialog.h"
#include "connectiontestpanel.h"
#include "mailstackinfo.h"
#include "service/serverconnectiontester.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using Outcome = ConnectionTestResult::Outcome;
using Source = DiscoveredSettings::Source;

class TestAccountDialogServers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        m_stack = MailStackInfo::fromEnvironment();
        if (!m_stack.isValid())
            QFAIL(qPrintable(m_stack.error()));
    }

    void connectionTestAsksAndGoesOn_data()
    {
        QTest::addColumn<bool>("trust");
        QTest::addRow("trusted") << true;
        QTest::addRow("refused") << false;
    }

    void connectionTestAsksAndGoesOn()
    {
        QFETCH(bool, trust);
        ServerConnectionTester tester;
        AccountDialog dialog;
        dialog.setConnectionTester(&tester);
        dialog.addressField()->setText(m_stack.address(u"alice"_s));
        dialog.imapHostField()->setText(m_stack.host());
        dialog.imapSecurityBox()->setCurrentIndex(
                dialog.imapSecurityBox()->findData(int(Security::ImplicitTls)));
        dialog.imapPortField()->setText(QString::number(m_stack.imapTlsPort()));
        dialog.smtpHostField()->setText(m_stack.host());
        dialog.smtpSecurityBox()->setCurrentIndex(
                dialog.smtpSecurityBox()->findData(int(Security::StartTls)));
        dialog.smtpPortField()->setText(QString::number(m_stack.smtpStartTlsPort()));
        dialog.passwordField()->setText(m_stack.password());
        ConnectionTestPanel *panel = dialog.testPanel();
        QSignalSpy finished(panel, &ConnectionTestPanel::finished);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));

        QTest::mouseClick(panel->testButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
        QCOMPARE(panel->resultLabels().size(), 2);
        QCOMPARE(panel->resultLabels().at(0)->property("outcome").toInt(),
                 int(Outcome::CertificateUntrusted));
        // The incoming server's certificate first, then, once tested again, the outgoing one's.
        for (const bool imap : {true, false}) {
            CertificateDialog *question = nullptr;
            QTRY_VERIFY((question = dialog.findChild<CertificateDialog *>()));
            QVERIFY(question->isVisible());
            const QByteArray fingerprint = question->fingerprint();
            QCOMPARE(fingerprint.size(), 64);
            if (!trust) {
                question->reject();
                QTRY_VERIFY(!dialog.findChild<CertificateDialog *>());
                QVERIFY(dialog.account().imapPinnedFingerprints().isEmpty());
                QVERIFY(!panel->isRunning()); // not tried again
                QCOMPARE(finished.size(), 1);
                QVERIFY(panel->resultLabels().at(0)->text().contains(u"not trusted"_s));
                QCOMPARE(dialog.account().imapSecurity(), Security::ImplicitTls);
                QCOMPARE(dialog.account().smtpSecurity(), Security::StartTls);
                return;
            }
            question->accept();
            QTRY_VERIFY(!dialog.findChild<CertificateDialog *>());
            QCOMPARE(imap ? dialog.account().imapPinnedFingerprints()
                          : dialog.account().smtpPinnedFingerprints(),
                     QList<QByteArray> {fingerprint});
            QTRY_COMPARE_WITH_TIMEOUT(finished.size(), imap ? 2 : 3, 60000);
            QCOMPARE(panel->resultLabels().at(0)->property("outcome").toInt(),
                     int(Outcome::Success));
        }
        QVERIFY2(panel->resultLabels().at(1)->property("outcome").toInt() == int(Outcome::Success),
                 qPrintable(panel->resultLabels().at(1)->text()));
    }

    void guessedServersAskAndArePinned_data()
    {
        QTest::addColumn<bool>("trust");
        QTest::addRow("trusted") << true;
        QTest::addRow("refused") << false;
    }

    void guessedServersAskAndArePinned()
    {
        QFETCH(bool, trust);
        AutoconfigTestServers servers;
        const QString error = servers.start();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        AutoconfigLookup::Settings settings = servers.settings({Source::Guess});
        settings.caCertificates.clear();
        AccountDialog dialog;
        dialog.setAutoconfigSettings(settings);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.addressField()->setText(u"ann@example.test"_s);
        dialog.findSettings();

        CertificateDialog *question = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((question = dialog.findChild<CertificateDialog *>()), 20000);
        QVERIFY(question->isVisible());
        QVERIFY2(dialog.findStatusLabel()->text().contains(u"not trusted"_s),
                 qPrintable(dialog.findStatusLabel()->text()));
        const QByteArray fingerprint = question->fingerprint();
        if (trust)
            question->accept();
        else
            question->reject();
        QTRY_VERIFY_WITH_TIMEOUT(dialog.findSettingsButton()->isEnabled(), 20000);
        const QString status = dialog.findStatusLabel()->text();
        const Account account = dialog.account();
        if (trust) {
            QVERIFY2(status.contains(u"guessed"_s), qPrintable(status));
            QCOMPARE(dialog.imapHostField()->text(), u"imap.example.test"_s);
            QCOMPARE(dialog.smtpHostField()->text(), u"smtp.example.test"_s);
            QCOMPARE(account.imapPinnedFingerprints(), QList<QByteArray> {fingerprint});
            QCOMPARE(account.smtpPinnedFingerprints(), QList<QByteArray> {fingerprint});
        } else {
            QVERIFY2(status.contains(u"not trusted"_s), qPrintable(status));
            QVERIFY(dialog.imapHostField()->text().isEmpty());
            QVERIFY(dialog.smtpHostField()->text().isEmpty());
            QVERIFY(account.imapPinnedFingerprints().isEmpty());
        }
        QVERIFY(!dialog.findChild<CertificateDialog *>());
        servers.stop();
    }

private:
    MailStackInfo m_stack;
};

QTEST_MAIN(TestAccountDialogServers)
#include "tst_accountdialogservers.moc"
