#include "addressformatter.h"

#include "addressparser.h"
#include "charsetdecoder.h"
#include "encodedwords.h"
#include "headercursor.h"

#include <QCoreApplication>
#include <QUrl>

QByteArray AddressFormatter::encodePhrase(const QString &name) const
{
    const QString clean = name.simplified();
    if (clean.isEmpty())
        return {};
    bool ascii = true;
    bool atoms = true;
    for (QChar c : clean) {
        const char16_t u = c.unicode();
        if (u < 0x20 || u >= 0x7f)
            ascii = false;
        else if (c != u' ' && !HeaderCursor::isAtext(char(u)))
            atoms = false;
    }
    if (ascii && atoms && !clean.contains(QStringLiteral("=?")))
        return clean.toLatin1();
    if (ascii || m_smtpUtf8) {
        QByteArray out = "\"";
        for (char c : clean.toUtf8()) {
            if (c == '"' || c == '\\')
                out += '\\';
            out += c;
        }
        return out + '"';
    }
    return EncodedWords::encode(clean, 60, 75).join(' ');
}

MailError AddressFormatter::formatMailbox(const MailAddress &address, QByteArray *out) const
{
    // An address is one token: blanks around it go, anything else that could end it or
    // start a new header line makes it invalid.
    const QString addr = address.address.trimmed();
    for (QChar c : addr) {
        const char16_t u = c.unicode();
        if (u <= 0x20 || u == 0x7f || c == u'<' || c == u'>' || c == u',' || c == u';')
            return MailError(MailError::Kind::Policy,
                             QCoreApplication::translate("AddressFormatter",
                                                         "Not a valid address: %1")
                                     .arg(address.address));
    }
    const qsizetype at = addr.lastIndexOf(u'@');
    if (at <= 0 || at + 1 == addr.size())
        return MailError(MailError::Kind::Policy,
                         QCoreApplication::translate("AddressFormatter", "Not a valid address: %1")
                                 .arg(address.address));
    const QString local = addr.left(at);
    const QString domain = addr.mid(at + 1);
    QByteArray localBytes = local.toUtf8();
    if (!m_smtpUtf8 && !CharsetDecoder::isAscii(localBytes))
        return MailError(MailError::Kind::Policy,
                         QCoreApplication::translate("AddressFormatter",
                                                     "The address needs SMTPUTF8: %1")
                                 .arg(address.address));
    if (localBytes.startsWith('"') && localBytes.endsWith('"') && localBytes.size() >= 2) {
        localBytes = localBytes.mid(1, localBytes.size() - 2);
        localBytes.replace("\\\"", "\"");
        localBytes.replace("\\\\", "\\");
    }
    localBytes = AddressParser::quoteLocalPart(localBytes);

    QByteArray domainBytes;
    if (domain.startsWith(u'[')) {
        domainBytes = domain.toLatin1();
    } else if (m_smtpUtf8) {
        domainBytes = domain.toUtf8();
    } else {
        domainBytes = QUrl::toAce(domain);
        bool valid = !domainBytes.isEmpty();
        for (char c : domainBytes) {
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                  || c == '-' || c == '.'))
                valid = false;
        }
        if (!valid)
            return MailError(MailError::Kind::Policy,
                             QCoreApplication::translate("AddressFormatter",
                                                         "Not a valid domain: %1")
                                     .arg(domain));
    }
    const QByteArray spec = localBytes + '@' + domainBytes;
    const QByteArray phrase = encodePhrase(address.name);
    *out = phrase.isEmpty() ? spec : phrase + " <" + spec + '>';
    return {};
}

MailError AddressFormatter::formatList(const QList<MailAddress> &list, QByteArray *out) const
{
    QList<QByteArray> parts;
    for (const MailAddress &a : list) {
        QByteArray one;
        if (MailError e = formatMailbox(a, &one))
            return e;
        parts.append(one);
    }
    *out = parts.join(", ");
    return {};
}
