#include "messagequoter.h"

#include "addresslist.h"

#include <QLocale>
#include <QRegularExpression>

QString MessageQuoter::attribution(const OriginalMessage &original)
{
    const QString sender = original.from.name.isEmpty() ? original.from.address
                                                        : original.from.name;
    if (!original.date.isValid())
        return tr("%1 wrote:").arg(sender);
    // The reader's clock and conventions, not the sender's: 19:23 -0500 reads 01:23 in Berlin.
    const QString date = QLocale().toString(original.date.toLocalTime(), QLocale::ShortFormat);
    return tr("On %1, %2 wrote:").arg(date, sender);
}

QString MessageQuoter::quotePlain(const OriginalMessage &original)
{
    QString body = original.plainBody;
    body.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    while (body.endsWith(QLatin1Char('\n')))
        body.chop(1);
    QString out = attribution(original) + QLatin1Char('\n');
    for (const QString &line : body.split(QLatin1Char('\n'))) {
        if (line.isEmpty())
            out += QStringLiteral(">\n");
        else if (line.startsWith(QLatin1Char('>')))
            out += QLatin1Char('>') + line + QLatin1Char('\n'); // ">> deeper" stays compact
        else
            out += QStringLiteral("> ") + line + QLatin1Char('\n');
    }
    return out;
}

static QString bodyAsHtml(const OriginalMessage &original)
{
    if (!original.htmlBody.isEmpty())
        return original.htmlBody;
    return QStringLiteral("<pre style=\"white-space: pre-wrap\">")
           + original.plainBody.toHtmlEscaped() + QStringLiteral("</pre>");
}

QString MessageQuoter::quoteHtml(const OriginalMessage &original)
{
    return QStringLiteral("<p>") + attribution(original).toHtmlEscaped()
           + QStringLiteral("</p><blockquote type=\"cite\">") + bodyAsHtml(original)
           + QStringLiteral("</blockquote>");
}

static QStringList forwardHeaderLines(const OriginalMessage &original)
{
    QStringList lines;
    lines << MessageQuoter::tr("Subject: %1").arg(original.subject);
    if (original.date.isValid())
        lines << MessageQuoter::tr("Date: %1")
                         .arg(QLocale().toString(original.date.toLocalTime(), QLocale::LongFormat));
    lines << MessageQuoter::tr("From: %1").arg(AddressList::format(original.from));
    if (!original.to.isEmpty())
        lines << MessageQuoter::tr("To: %1").arg(AddressList::format(original.to));
    if (!original.cc.isEmpty())
        lines << MessageQuoter::tr("Cc: %1").arg(AddressList::format(original.cc));
    return lines;
}

QString MessageQuoter::forwardSeparator()
{
    return QStringLiteral("-------- ") + tr("Forwarded Message") + QStringLiteral(" --------");
}

QString MessageQuoter::forwardPlain(const OriginalMessage &original)
{
    return forwardSeparator() + QLatin1Char('\n')
           + forwardHeaderLines(original).join(QLatin1Char('\n')) + QStringLiteral("\n\n")
           + original.plainBody;
}

QString MessageQuoter::forwardHtml(const OriginalMessage &original)
{
    QString header;
    for (const QString &line : forwardHeaderLines(original))
        header += line.toHtmlEscaped() + QStringLiteral("<br>");
    return QStringLiteral("<p>") + forwardSeparator().toHtmlEscaped() + QStringLiteral("</p><p>")
           + header + QStringLiteral("</p>") + bodyAsHtml(original);
}

static const QRegularExpression &replyPrefix()
{
    // "Re:", "RE:", "Re[2]:", "AW:" (German clients), "Fwd:" is not a reply prefix.
    static const QRegularExpression re(QStringLiteral("^\\s*(re|aw)(\\[\\d+\\])?\\s*:\\s*"),
                                       QRegularExpression::CaseInsensitiveOption);
    return re;
}

QString MessageQuoter::replySubject(const QString &subject)
{
    QString rest = subject.trimmed();
    while (true) {
        const QRegularExpressionMatch m = replyPrefix().match(rest);
        if (!m.hasMatch())
            break;
        rest = rest.mid(m.capturedLength());
    }
    return QStringLiteral("Re: ") + rest;
}

QString MessageQuoter::forwardSubject(const QString &subject)
{
    return QStringLiteral("Fwd: ") + subject.trimmed();
}

QList<MailAddress> MessageQuoter::replyRecipients(const OriginalMessage &original)
{
    if (!original.replyTo.isEmpty())
        return original.replyTo;
    return {original.from};
}

QList<MailAddress> MessageQuoter::replyAllCc(const OriginalMessage &original,
                                             const QStringList &ownAddresses)
{
    QStringList seen;
    for (const QString &own : ownAddresses)
        seen.append(own.toLower());
    for (const MailAddress &a : replyRecipients(original))
        seen.append(a.address.toLower());
    QList<MailAddress> cc;
    for (const QList<MailAddress> *list : {&original.to, &original.cc}) {
        for (const MailAddress &a : *list) {
            const QString key = a.address.toLower();
            if (key.isEmpty() || seen.contains(key))
                continue;
            seen.append(key);
            cc.append(a);
        }
    }
    return cc;
}

QList<QByteArray> MessageQuoter::replyReferences(const OriginalMessage &original)
{
    QList<QByteArray> refs = original.references;
    if (!original.messageId.isEmpty() && !refs.contains(original.messageId))
        refs.append(original.messageId);
    return refs;
}
