#include "searchfolding.h"

namespace SearchFolding {

QString fold(const QString &text)
{
    const QString decomposed = text.normalized(QString::NormalizationForm_KD);
    QString out;
    out.reserve(decomposed.size());
    for (const QChar c : decomposed) {
        switch (c.category()) {
        case QChar::Mark_NonSpacing:
        case QChar::Mark_SpacingCombining:
        case QChar::Mark_Enclosing:
            continue;
        default:
            break;
        }
        switch (c.unicode()) {
        case 0x00DF: // ß
        case 0x1E9E: // ẞ
            out += QStringLiteral("ss");
            continue;
        case 0x00C6: // Æ
        case 0x00E6: // æ
            out += QStringLiteral("ae");
            continue;
        case 0x0152: // Œ
        case 0x0153: // œ
            out += QStringLiteral("oe");
            continue;
        case 0x00D8: // Ø
        case 0x00F8: // ø
            out += QLatin1Char('o');
            continue;
        case 0x0141: // Ł
        case 0x0142: // ł
            out += QLatin1Char('l');
            continue;
        case 0x0110: // Đ
        case 0x0111: // đ
            out += QLatin1Char('d');
            continue;
        case 0x00DE: // Þ
        case 0x00FE: // þ
            out += QStringLiteral("th");
            continue;
        default:
            break;
        }
        out += c;
    }
    return out.toCaseFolded();
}

} // namespace SearchFolding
