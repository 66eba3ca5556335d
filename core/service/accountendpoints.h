#pragma once

#include "accounts/account.h"
#include "imap/imapconnectionsettings.h"
#include "net/transportpolicy.h"
#include "smtp/smtpsettings.h"

// The one place an account becomes the settings of its two servers: where to connect, how to
// secure the link, which name logs in, and which certificates are accepted. The sessions, the
// Inbox watch, the sender and the connection test all take them from here.
class AccountEndpoints
{
public:
    enum class Server { Imap, Submission };

    // The name the account logs in with: the user name, else the address.
    static QString loginName(const Account &account);
    // The name the submission server logs in with: its own one, else loginName().
    static QString submissionLoginName(const Account &account);
    static ImapConnectionSettings imap(const Account &account, const QString &password);
    // password: the submission server's own one when the account has its own login
    // (Account::hasOwnSubmissionLogin()), else the incoming server's.
    static SmtpSettings submission(const Account &account, const QString &password);
    // The account's CA file and the last certificate pinned for server.
    static TransportPolicy transportPolicy(const Account &account, Server server);
};
