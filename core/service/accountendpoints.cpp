#include "accountendpoints.h"

QString AccountEndpoints::loginName(const Account &account)
{
    return account.userName().isEmpty() ? account.address() : account.userName();
}

QString AccountEndpoints::submissionLoginName(const Account &account)
{
    return account.hasOwnSubmissionLogin() ? account.smtpUserName() : loginName(account);
}

ImapConnectionSettings AccountEndpoints::imap(const Account &account, const QString &password)
{
    ImapConnectionSettings settings;
    settings.host = account.imapHost();
    settings.port = account.imapPort();
    settings.security = account.imapSecurity();
    settings.username = loginName(account);
    settings.password = password;
    settings.mechanism = account.authMethod();
    return settings;
}

SmtpSettings AccountEndpoints::submission(const Account &account, const QString &password)
{
    SmtpSettings settings;
    settings.host = account.smtpHost();
    settings.port = account.smtpPort();
    settings.security = account.smtpSecurity();
    settings.userName = submissionLoginName(account);
    settings.password = password;
    settings.mechanism = account.authMethod();
    settings.ehloName = "heron.localdomain";
    return settings;
}

TransportPolicy AccountEndpoints::transportPolicy(const Account &account, Server server)
{
    TransportPolicy policy;
    if (!account.caFilePath().isEmpty())
        policy.caCertificates = QSslCertificate::fromPath(account.caFilePath());
    // The last pin is the one accepted (see RunningAccount::withPinned()).
    const QList<QByteArray> pins = server == Server::Imap ? account.imapPinnedFingerprints()
                                                          : account.smtpPinnedFingerprints();
    if (!pins.isEmpty())
        policy.pinnedDigest = QByteArray::fromHex(pins.constLast());
    return policy;
}
