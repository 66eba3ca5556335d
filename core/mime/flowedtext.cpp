#include "flowedtext.h"

#include <QStringList>

namespace {

int quoteDepth(QStringView line)
{
    int depth = 0;
    while (depth < line.size() && line.at(depth) == u'>')
        ++depth;
    return depth;
}

QString quotePrefix(int depth)
{
    return depth == 0 ? QString() : QString(depth, u'>') + u' ';
}

bool isSignatureSeparator(QStringView content)
{
    return content == u"-- ";
}

} // namespace

QString FlowedText::unflow(QStringView text, bool delSp)
{
    QList<QStringView> lines = text.split(u'\n');
    const bool endsWithNewline = text.endsWith(u'\n');
    if (endsWithNewline)
        lines.removeLast();

    QStringList out;
    QString pending;
    int pendingDepth = -1;
    auto flush = [&] {
        if (pendingDepth >= 0)
            out.append(quotePrefix(pendingDepth) + pending);
        pending.clear();
        pendingDepth = -1;
    };
    for (QStringView line : lines) {
        const int depth = quoteDepth(line);
        QStringView content = line.sliced(depth);
        if (content.startsWith(u' '))
            content = content.sliced(1); // space-stuffing (or the space after the quote marks)
        if (pendingDepth >= 0 && pendingDepth != depth)
            flush(); // a change of quote depth ends a paragraph (RFC 3676 section 4.5)
        const bool soft = content.endsWith(u' ') && !isSignatureSeparator(content);
        pendingDepth = depth;
        if (soft) {
            pending += delSp ? content.chopped(1) : content;
            continue;
        }
        pending += content;
        flush();
    }
    flush();
    QString result = out.join(u'\n');
    if (endsWithNewline)
        result += u'\n';
    return result;
}

QString FlowedText::flow(QStringView text, int width)
{
    QList<QStringView> lines = text.split(u'\n');
    const bool endsWithNewline = text.endsWith(u'\n');
    if (endsWithNewline)
        lines.removeLast();

    QStringList out;
    for (QStringView line : lines) {
        if (isSignatureSeparator(line)) {
            out.append(line.toString());
            continue;
        }
        const int depth = quoteDepth(line);
        QStringView content = line.sliced(depth);
        if (depth > 0 && content.startsWith(u' '))
            content = content.sliced(1);
        // A hard line must not end in a space, or it would read as soft.
        while (content.endsWith(u' '))
            content.chop(1);
        QString prefix = quotePrefix(depth);
        if (depth == 0 && (content.startsWith(u' ') || content.startsWith(u"From ")))
            prefix = QStringLiteral(" "); // space-stuffing
        const qsizetype room = qMax(qsizetype(20), width - prefix.size());
        while (content.size() > room) {
            // Break after the last space that fits; a word longer than the room stays whole.
            qsizetype cut = content.lastIndexOf(u' ', room - 1);
            if (cut <= 0) {
                cut = content.indexOf(u' ', room);
                if (cut < 0)
                    break;
            }
            out.append(prefix + content.first(cut + 1).toString());
            content = content.sliced(cut + 1);
            if (depth == 0)
                prefix = (content.startsWith(u' ') || content.startsWith(u"From "))
                                 ? QStringLiteral(" ")
                                 : QString();
        }
        out.append(prefix + content.toString());
    }
    QString result = out.join(u'\n');
    if (endsWithNewline)
        result += u'\n';
    return result;
}
