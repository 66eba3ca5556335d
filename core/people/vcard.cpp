#include "vcard.h"

#include <QString>
#include <QStringList>

namespace {

QByteArray unfold(QByteArray data)
{
    data.replace("\r\n", "\n");
    data.replace('\r', '\n');
    // A line that starts with a space or a tab continues the one before (RFC 6350 §3.2).
    data.replace("\n ", "");
    data.replace("\n\t", "");
    return data;
}

QString unescape(const QString &value)
{
    QString out;
    out.reserve(value.size());
    for (qsizetype i = 0; i < value.size(); ++i) {
        const QChar c = value.at(i);
        if (c != QLatin1Char('\\') || i + 1 == value.size()) {
            out += c;
            continue;
        }
        const QChar next = value.at(++i);
        if (next == QLatin1Char('n') || next == QLatin1Char('N'))
            out += QLatin1Char('\n');
        else
            out += next; // "\\", "\,", "\;" and anything else escaped stand for themselves
    }
    return out;
}

QString escape(const QString &value)
{
    QString out;
    out.reserve(value.size());
    for (const QChar c : value) {
        if (c == QLatin1Char('\\') || c == QLatin1Char(',') || c == QLatin1Char(';'))
            out += QLatin1Char('\\');
        if (c == QLatin1Char('\n')) {
            out += QStringLiteral("\\n");
            continue;
        }
        if (c == QLatin1Char('\r'))
            continue;
        out += c;
    }
    return out;
}

QByteArray decodeQuotedPrintable(const QByteArray &value)
{
    QByteArray out;
    for (qsizetype i = 0; i < value.size(); ++i) {
        const char c = value.at(i);
        if (c == '=' && i + 2 < value.size()) {
            bool ok = false;
            const int byte = value.mid(i + 1, 2).toInt(&ok, 16);
            if (ok) {
                out += char(byte);
                i += 2;
                continue;
            }
        }
        out += c;
    }
    return out;
}

// The index of the colon that ends the name and parameters, outside quoted parameter values.
qsizetype valueStart(const QByteArray &line)
{
    bool quoted = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        if (line.at(i) == '"')
            quoted = !quoted;
        else if (line.at(i) == ':' && !quoted)
            return i;
    }
    return -1;
}

void foldInto(QByteArray *out, const QByteArray &line)
{
    // At most 75 octets per line, never inside a UTF-8 sequence.
    qsizetype start = 0;
    qsizetype limit = 75;
    while (line.size() - start > limit) {
        qsizetype cut = start + limit;
        while (cut > start + 1 && (quint8(line.at(cut)) & 0xC0) == 0x80)
            --cut;
        *out += line.mid(start, cut - start) + "\r\n ";
        start = cut;
        limit = 74; // the leading space counts
    }
    *out += line.mid(start) + "\r\n";
}

} // namespace

namespace VCard {

QList<Contact> parse(const QByteArray &data)
{
    QList<Contact> contacts;
    bool inCard = false;
    QString formattedName;
    QString structuredName;
    QStringList emails;
    for (const QByteArray &rawLine : unfold(data).split('\n')) {
        const QByteArray line = rawLine.trimmed();
        const qsizetype colon = valueStart(line);
        if (colon <= 0)
            continue;
        QList<QByteArray> head = line.left(colon).split(';');
        QByteArray name = head.takeFirst().toUpper();
        const qsizetype dot = name.lastIndexOf('.'); // "item1.EMAIL": a group prefix
        if (dot >= 0)
            name = name.mid(dot + 1);
        QByteArray rawValue = line.mid(colon + 1);
        for (const QByteArray &parameter : std::as_const(head)) {
            const QByteArray p = parameter.toUpper();
            if (p == "ENCODING=QUOTED-PRINTABLE" || p == "QUOTED-PRINTABLE")
                rawValue = decodeQuotedPrintable(rawValue);
        }
        const QString value = QString::fromUtf8(rawValue);
        if (name == "BEGIN"
            && value.trimmed().compare(QStringLiteral("VCARD"), Qt::CaseInsensitive) == 0) {
            inCard = true;
            formattedName.clear();
            structuredName.clear();
            emails.clear();
        } else if (name == "END" && inCard) {
            inCard = false;
            const QString person = formattedName.isEmpty() ? structuredName : formattedName;
            for (const QString &email : std::as_const(emails))
                contacts.append(Contact {person, email, 0, {}});
        } else if (!inCard) {
            continue;
        } else if (name == "FN") {
            formattedName = unescape(value).simplified();
        } else if (name == "N") {
            // Family; Given; Additional; Prefixes; Suffixes
            QStringList parts;
            QString current;
            for (qsizetype i = 0; i < value.size(); ++i) {
                if (value.at(i) == QLatin1Char('\\') && i + 1 < value.size()) {
                    current += value.at(i);
                    current += value.at(++i);
                } else if (value.at(i) == QLatin1Char(';')) {
                    parts.append(unescape(current));
                    current.clear();
                } else {
                    current += value.at(i);
                }
            }
            parts.append(unescape(current));
            const QString family = parts.value(0).trimmed();
            const QString given = parts.value(1).trimmed();
            structuredName = QString(given + QLatin1Char(' ') + family).simplified();
        } else if (name == "EMAIL") {
            QString address = unescape(value).trimmed();
            if (address.startsWith(QStringLiteral("mailto:"), Qt::CaseInsensitive))
                address = address.mid(7);
            if (address.contains(QLatin1Char('@')))
                emails.append(address);
        }
    }
    return contacts;
}

QByteArray write(const QList<Contact> &contacts)
{
    QByteArray out;
    for (const Contact &contact : contacts) {
        out += "BEGIN:VCARD\r\nVERSION:4.0\r\n";
        const QString name = contact.name.isEmpty() ? contact.address : contact.name;
        foldInto(&out, "FN:" + escape(name).toUtf8());
        foldInto(&out, "EMAIL:" + escape(contact.address).toUtf8());
        out += "END:VCARD\r\n";
    }
    return out;
}

} // namespace VCard
