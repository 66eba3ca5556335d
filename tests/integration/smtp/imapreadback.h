#pragma once

#include <QByteArray>
#include <QList>
#include <QSslCertificate>
#include <QSslSocket>
#include <QString>

// A minimal IMAP client for integration tests that check what a server delivered: logs in over
// implicit TLS, finds a message in INBOX by a header's value and returns its bytes exactly as
// stored (BODY.PEEK[]). It reads by spinning the event loop, so it is for tests only.
class ImapReadBack
{
public:
    ImapReadBack(const QList<QSslCertificate> &caCertificates, const QString &tlsName);

    // Connects, logs in and selects mailbox (INBOX unless told); empty on success, else what
    // went wrong.
    QString open(const QString &host, quint16 port, const QString &user, const QString &password,
                 const QByteArray &mailbox = "INBOX");
    // The UID of the first INBOX message whose header field has the value, polling until it
    // arrives or timeoutMs pass; 0 when none came.
    quint32 waitForHeader(const QByteArray &field, const QByteArray &value, int timeoutMs);
    // The whole message (BODY.PEEK[]); null when the server did not send it.
    QByteArray fetch(quint32 uid, int timeoutMs = 120000);
    // Flags the message \Deleted and expunges it (UID EXPUNGE); true on OK.
    bool remove(quint32 uid);
    QString lastError() const { return m_error; }

private:
    // Sends "tag command" and returns everything up to and including the tagged reply; empty
    // when it did not end with OK in time (lastError() says why).
    QByteArray command(const QByteArray &command, int timeoutMs = 30000);
    bool readUntilTagged(const QByteArray &tag, int timeoutMs);

    QSslSocket m_socket;
    QString m_tlsName;
    QByteArray m_buffer;
    qsizetype m_scan = 0;
    int m_tag = 0;
    QString m_error;
};
