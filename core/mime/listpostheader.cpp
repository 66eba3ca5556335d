#include "listpostheader.h"

#include <QByteArray>
#include <QUrl>

QString ListPostHeader::address(QByteArrayView value)
{
    // List-Post := "<" URL ">" *("," "<" URL ">") / "NO", with comments allowed in between.
    qsizetype pos = 0;
    while (true) {
        const qsizetype open = value.indexOf('<', pos);
        if (open < 0)
            return {};
        const qsizetype close = value.indexOf('>', open + 1);
        if (close < 0)
            return {};
        QByteArray url = value.sliced(open + 1, close - open - 1).toByteArray();
        url = url.simplified().replace(' ', QByteArray()); // folded URLs (RFC 2369 §2)
        pos = close + 1;
        if (!url.startsWith("mailto:") && !url.startsWith("MAILTO:"))
            continue;
        QByteArray address = url.mid(7);
        const qsizetype query = address.indexOf('?');
        if (query >= 0)
            address.truncate(query);
        const QString decoded = QUrl::fromPercentEncoding(address).trimmed();
        if (decoded.contains(QLatin1Char('@')))
            return decoded;
    }
}
