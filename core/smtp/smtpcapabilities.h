#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>

class SmtpReply;

// The service extensions a server announced in its EHLO reply (RFC 5321 4.1.1.1): keywords
// (case-insensitive, kept upper case) with their parameters.
class SmtpCapabilities
{
public:
    SmtpCapabilities() = default;
    // The first line of the reply is the server's greeting name; each further line is
    // "KEYWORD [param ...]". The old "AUTH=PLAIN LOGIN" form is read as AUTH.
    static SmtpCapabilities fromEhloReply(const SmtpReply &reply);

    bool has(QByteArrayView keyword) const;
    QList<QByteArray> parameters(QByteArrayView keyword) const;
    QList<QByteArray> keywords() const { return m_params.keys(); }
    QByteArray serverName() const { return m_serverName; }

    bool supportsStartTls() const { return has("STARTTLS"); }
    bool supportsPipelining() const { return has("PIPELINING"); }
    bool supports8BitMime() const { return has("8BITMIME"); }
    bool supportsSmtpUtf8() const { return has("SMTPUTF8"); }
    bool supportsChunking() const { return has("CHUNKING"); }
    bool supportsEnhancedStatusCodes() const { return has("ENHANCEDSTATUSCODES"); }
    bool supportsSize() const { return has("SIZE"); }
    // The SIZE limit in bytes; 0 when none was announced or SIZE came without a number.
    qint64 sizeLimit() const;
    // SASL mechanisms, upper case.
    QList<QByteArray> authMechanisms() const;
    bool supportsAuth(QByteArrayView mechanism) const;

private:
    QByteArray m_serverName;
    QHash<QByteArray, QList<QByteArray>> m_params;
};
