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

    virtual void start(const Account &account, const QString &password) = 0;
    // Stops a running test; it still ends with finished().
    virtual void cancel() = 0;

Q_SIGNALS:
    void stepStarted(ConnectionTestResult::Server server, const QString &description);
    void serverFinished(const ConnectionTestResult &result);
    void finished();
};
