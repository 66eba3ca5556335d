#include "attachmentmention.h"

#include <QRegularExpression>
#include <QStringList>

namespace AttachmentMention {

QString find(const QString &plainText)
{
    // Word beginnings in English, German, French, Spanish, Italian and Dutch; "attach" also
    // catches attached, attachment, attaching.
    static const QRegularExpression
            mention(QStringLiteral(
                            "\\b(attach\\w*|enclos\\w*|anbei|angeh(ä|ae)ngt\\w*|anhang\\w*|"
                            "beigef(ü|ue)gt\\w*|beiliegend\\w*|ci-joint\\w*|pi(è|e)ces? jointes?|"
                            "adjunt\\w*|allegat\\w*|bijgevoegd\\w*|bijlage\\w*)"),
                    QRegularExpression::CaseInsensitiveOption
                            | QRegularExpression::UseUnicodePropertiesOption);
    for (const QString &line : plainText.split(QLatin1Char('\n'))) {
        const QString trimmed = line.trimmed();
        if (trimmed.startsWith(QLatin1Char('>')))
            continue;
        // A forward's own header block: what follows is the forwarded message.
        if (trimmed.startsWith(QStringLiteral("-------- "))
            && trimmed.endsWith(QStringLiteral(" --------")))
            break;
        const QRegularExpressionMatch match = mention.match(line);
        if (match.hasMatch())
            return match.captured(1);
    }
    return {};
}

} // namespace AttachmentMention
