#pragma once

#include "accounts/account.h"
#include "accounts/connectiontestresult.h"

#include <QPointer>
#include <QWidget>

class ConnectionTester;
class QLabel;
class QPushButton;
class QVBoxLayout;

// The "Test Connection" part of the account dialog: runs an injected tester and lists what it
// found for each server in words the user can act on. An untrusted certificate is put to the
// user in the certificate dialog when the test ends (once per server and certificate; its
// button opens it again); trusting it is reported as certificatePinned().
class ConnectionTestPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ConnectionTestPanel(QWidget *parent = nullptr);

    // Not owned. Without a tester the button is disabled.
    void setTester(ConnectionTester *tester);
    // submissionPassword: for a submission server with its own login (empty: the stored one).
    void start(const Account &account, const QString &password,
               const QString &submissionPassword = {});
    bool isRunning() const { return m_running; }

    // The text shown for one result; `account` gives host names and ports.
    static QString describe(const ConnectionTestResult &result, const Account &account);

    QPushButton *testButton() const { return m_button; }
    QLabel *progressLabel() const { return m_progress; }
    // The result lines in the order they arrived.
    QList<QLabel *> resultLabels() const { return m_resultLabels; }
    QList<QPushButton *> certificateButtons() const { return m_certificateButtons; }

Q_SIGNALS:
    // The user pressed the button; the owner validates and calls start().
    void testRequested();
    void certificatePinned(ConnectionTestResult::Server server, const QByteArray &fingerprint);
    void finished();

private:
    void clearResults();
    void addResult(const ConnectionTestResult &result);
    void showCertificate(const ConnectionTestResult &result);
    void onFinished();

    QPointer<ConnectionTester> m_tester;
    Account m_account;
    bool m_running = false;
    QPushButton *m_button;
    QLabel *m_progress;
    QVBoxLayout *m_results;
    QList<QLabel *> m_resultLabels;
    QList<QPushButton *> m_certificateButtons;
    QList<ConnectionTestResult> m_questions; // untrusted certificates to ask about
    QList<std::pair<int, QByteArray>> m_asked; // (server, fingerprint) asked about before
};
