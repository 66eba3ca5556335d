#pragma once

#include <QHash>
#include <QSslCertificate>
#include <QString>

// What the local mail stack (tests/mailstack) tells the tests through $HERON_MAILSTACK_DIR/stack.env:
// the loopback ports it chose, the throwaway CA, the test users and their password.
class MailStackInfo
{
public:
    // Reads the stack's env file. isValid() is false when no stack runs; the error says why.
    static MailStackInfo fromEnvironment();

    bool isValid() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }

    QString host() const { return QStringLiteral("127.0.0.1"); }
    // The name in the server certificate (resolves to loopback through the stack's hosts entry
    // is not needed: tests connect to host() and verify against this name).
    QString tlsName() const { return value("TLS_NAME"); }
    quint16 imapStartTlsPort() const { return port("IMAP_STARTTLS_PORT"); }
    quint16 imapTlsPort() const { return port("IMAP_TLS_PORT"); }
    quint16 smtpStartTlsPort() const { return port("SMTP_STARTTLS_PORT"); }
    quint16 smtpTlsPort() const { return port("SMTP_TLS_PORT"); }
    // Submission with STARTTLS like smtpStartTlsPort(), but without CHUNKING.
    quint16 smtpNoChunkingPort() const { return port("SMTP_NOCHUNKING_PORT"); }
    // Submission with STARTTLS like smtpStartTlsPort(), but without PIPELINING.
    quint16 smtpNoPipeliningPort() const { return port("SMTP_NOPIPELINING_PORT"); }
    // Neither CHUNKING nor PIPELINING.
    quint16 smtpNeitherPort() const { return port("SMTP_NEITHER_PORT"); }
    // Submission with STARTTLS like smtpStartTlsPort(), filing a copy of each message into the
    // sender's own Sent folder, as some providers do.
    quint16 smtpSentCopyPort() const { return port("SMTP_SENTCOPY_PORT"); }
    QString caFile() const { return value("CA_FILE"); }
    QList<QSslCertificate> caCertificates() const;
    QString domain() const { return value("DOMAIN"); }
    QString password() const { return value("PASSWORD"); }
    QString address(const QString &user) const { return user + QLatin1Char('@') + domain(); }
    QString dir() const { return m_dir; }

    QString value(const char *key) const { return m_values.value(QLatin1String(key)); }

    // Runs this stack's doveadm with the arguments; its standard output, or a null array when it
    // did not succeed (the error goes to the test log).
    QByteArray doveadm(const QStringList &arguments, int timeoutMs = 60000) const;
    // Adds count generated messages to a folder of user (created when missing); empty on
    // success, else what went wrong.
    QString seed(const QString &user, const QString &folder, int count) const;

private:
    quint16 port(const char *key) const { return quint16(value(key).toUInt()); }

    QString m_dir;
    QString m_error;
    QHash<QString, QString> m_values;
};
