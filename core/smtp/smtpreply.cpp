#include "smtpreply.h"

QString SmtpReply::toString() const
{
    QString result = QString::number(m_code);
    if (!m_enhancedCode.isEmpty())
        result += QLatin1Char(' ') + QString::fromLatin1(m_enhancedCode);
    const QByteArray joined = text();
    if (!joined.isEmpty())
        result += QLatin1Char(' ') + QString::fromUtf8(joined);
    return result;
}
