#include "addresslist.h"

using namespace Qt::StringLiterals;

namespace AddressList {

namespace {

MailAddress parseOne(QString item)
{
    item = item.trimmed();
    const qsizetype open = item.lastIndexOf(QLatin1Char('<'));
    const qsizetype close = item.lastIndexOf(QLatin1Char('>'));
    MailAddress mailbox;
    if (open >= 0 && close > open) {
        mailbox.address = item.mid(open + 1, close - open - 1).trimmed();
        QString name = item.left(open).trimmed();
        if (name.size() >= 2 && name.startsWith(QLatin1Char('"')) && name.endsWith(QLatin1Char('"')))
            name = name.mid(1, name.size() - 2).replace(u"\\\""_s, u"\""_s);
        mailbox.name = name;
    } else {
        mailbox.address = item;
    }
    return mailbox;
}

} // namespace

QList<MailAddress> parse(const QString &text)
{
    QList<MailAddress> out;
    QString current;
    bool inQuotes = false;
    bool inAngle = false;
    auto flush = [&] {
        if (!current.trimmed().isEmpty())
            out.append(parseOne(current));
        current.clear();
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (inQuotes && c == QLatin1Char('\\') && i + 1 < text.size()) {
            current += c;
            current += text.at(++i);
            continue;
        }
        if (c == QLatin1Char('"') && !inAngle)
            inQuotes = !inQuotes;
        else if (c == QLatin1Char('<') && !inQuotes)
            inAngle = true;
        else if (c == QLatin1Char('>') && !inQuotes)
            inAngle = false;
        if ((c == QLatin1Char(',') || c == QLatin1Char(';')) && !inQuotes && !inAngle) {
            flush();
            continue;
        }
        current += c;
    }
    flush();
    return out;
}

QString format(const MailAddress &address)
{
    if (address.name.isEmpty())
        return address.address;
    QString name = address.name;
    const bool needsQuotes = name.contains(QLatin1Char(',')) || name.contains(QLatin1Char(';'))
                             || name.contains(QLatin1Char('"')) || name.contains(QLatin1Char('<'))
                             || name.contains(QLatin1Char('@'));
    if (needsQuotes)
        name = QLatin1Char('"') + name.replace(u"\""_s, u"\\\""_s) + QLatin1Char('"');
    return name + u" <"_s + address.address + QLatin1Char('>');
}

QString format(const QList<MailAddress> &addresses)
{
    QStringList parts;
    for (const MailAddress &a : addresses)
        parts.append(format(a));
    return parts.join(u", "_s);
}

bool isPlausibleAddress(const QString &address)
{
    const qsizetype at = address.indexOf(QLatin1Char('@'));
    if (at <= 0 || at != address.lastIndexOf(QLatin1Char('@')) || at == address.size() - 1)
        return false;
    for (const QChar c : address)
        if (c.isSpace() || c == QLatin1Char('<') || c == QLatin1Char('>') || c == QLatin1Char(','))
            return false;
    const QString domain = address.mid(at + 1);
    return !domain.startsWith(QLatin1Char('.')) && !domain.endsWith(QLatin1Char('.'))
           && !domain.contains(u".."_s);
}

} // namespace AddressList
