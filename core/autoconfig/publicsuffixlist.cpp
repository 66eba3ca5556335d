#include "publicsuffixlist.h"

#include <QFile>
#include <QStringList>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace {

// A host's labels, lower case and in ASCII, without a trailing dot.
QStringList labelsOf(QString host)
{
    if (host.endsWith(u'.'))
        host.chop(1);
    return QString::fromLatin1(QUrl::toAce(host.toLower())).split(u'.', Qt::SkipEmptyParts);
}

} // namespace

QString PublicSuffixList::systemFile()
{
    return u"/usr/share/publicsuffix/public_suffix_list.dat"_s;
}

PublicSuffixList PublicSuffixList::fromFile(const QString &path)
{
    QFile file(path);
    // The list is about 230 KB; a file far larger is not one.
    if (!file.open(QIODevice::ReadOnly) || file.size() > 16 * 1024 * 1024)
        return {};
    return fromText(file.readAll());
}

PublicSuffixList PublicSuffixList::fromText(const QByteArray &text)
{
    PublicSuffixList list;
    for (const QByteArray &rawLine : text.split('\n')) {
        const QByteArray line = rawLine.trimmed();
        if (line.isEmpty() || line.startsWith("//"))
            continue;
        // A rule ends at the first white space.
        const qsizetype end = line.indexOf(' ');
        QString rule = QString::fromUtf8(end < 0 ? line : line.left(end));
        QSet<QString> *set = &list.m_rules;
        if (rule.startsWith(u'!')) {
            rule.remove(0, 1);
            set = &list.m_exceptions;
        } else if (rule.startsWith(u"*."_s)) {
            rule.remove(0, 2);
            set = &list.m_wildcards;
        }
        const QString ascii = labelsOf(rule).join(u'.');
        if (!ascii.isEmpty())
            set->insert(ascii);
    }
    return list;
}

QString PublicSuffixList::publicSuffix(const QString &host) const
{
    const QStringList labels = labelsOf(host);
    if (labels.isEmpty())
        return {};
    // From the longest candidate down: the first rule that matches is the longest one.
    for (qsizetype first = 0; first < labels.size(); ++first) {
        const QString candidate = labels.mid(first).join(u'.');
        // An exception rule makes its own name registrable: the suffix is one label shorter.
        if (m_exceptions.contains(candidate))
            return labels.mid(first + 1).join(u'.');
        if (m_rules.contains(candidate))
            return candidate;
        if (first + 1 < labels.size() && m_wildcards.contains(labels.mid(first + 1).join(u'.')))
            return candidate;
    }
    return labels.constLast();
}

QString PublicSuffixList::registrableDomain(const QString &host) const
{
    const QStringList labels = labelsOf(host);
    if (isEmpty())
        return labels.mid(qMax<qsizetype>(0, labels.size() - 2)).join(u'.');
    const qsizetype suffixLabels = publicSuffix(host).count(u'.') + 1;
    if (labels.size() <= suffixLabels)
        return {};
    return labels.mid(labels.size() - suffixLabels - 1).join(u'.');
}
