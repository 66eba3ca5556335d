#pragma once

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QString>

// One complete SMTP reply (RFC 5321 4.2): a three-digit code and one or more text lines. When the
// server uses enhanced status codes (RFC 2034/3463) the "x.y.z" prefix is split off each line.
class SmtpReply
{
public:
    SmtpReply() = default;
    SmtpReply(int code, QList<QByteArray> lines, QByteArray enhancedCode = {})
        : m_code(code)
        , m_lines(std::move(lines))
        , m_enhancedCode(std::move(enhancedCode))
    { }

    bool isValid() const { return m_code >= 200 && m_code <= 599; }
    int code() const { return m_code; }
    // "2.1.5", or empty when the reply has none.
    QByteArray enhancedCode() const { return m_enhancedCode; }
    // The text of each line, without the code, the separator and the enhanced code.
    QList<QByteArray> lines() const { return m_lines; }
    // All text lines joined by a space.
    QByteArray text() const { return m_lines.join(' '); }

    bool isPositive() const { return m_code >= 200 && m_code < 300; }
    bool isIntermediate() const { return m_code >= 300 && m_code < 400; }
    bool isTransientFailure() const { return m_code >= 400 && m_code < 500; }
    bool isPermanentFailure() const { return m_code >= 500 && m_code < 600; }

    // "550 5.1.1 No such user": for error messages and logs.
    QString toString() const;

    bool operator==(const SmtpReply &) const = default;

private:
    int m_code = 0;
    QList<QByteArray> m_lines;
    QByteArray m_enhancedCode;
};

Q_DECLARE_METATYPE(SmtpReply)
