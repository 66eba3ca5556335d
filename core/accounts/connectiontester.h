#pragma once

#include "accounts/account.h"
#include "accounts/connectiontestresult.h"

#include <QObject>

// Tries an account's IMAP and SMTP settings without saving them: connect, secure, log in.
// The account dialog talks to this interface; the real implementation lives with the services.
//
// After start(): any number of stepStarted(), one serverFinished() per server, then finished().
class ConnectionTester : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~ConnectionTester() override = default;

    // password: the incoming server's (and the submission server's, unless the account has a
    // login of its own for it; see setSubmissionPassword()).
    virtual void start(const Account &account, const QString &password) = 0;
    // The password of a submission server with its own login, for the next start(); empty: the
    // stored one.
    void setSubmissionPassword(const QString &password) { m_submissionPassword = password; }
    QString submissionPassword() const { return m_submissionPassword; }
    // Stops a running test; it still ends with finished().
    virtual void cancel() = 0;

Q_SIGNALS:
    void stepStarted(ConnectionTestResult::Server server, const QString &description);
    void serverFinished(const ConnectionTestResult &result);
    void finished();

private:
    QString m_submissionPassword;
};
