#include "englishtextfinder.h"

#include "models/accountfoldermodel.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAction>
#include <QComboBox>
#include <QDebug>
#include <QFile>
#include <QGroupBox>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QSpinBox>
#include <QTabBar>
#include <QTabWidget>
#include <QTextDocumentFragment>
#include <QTextEdit>
#include <QToolButton>
#include <QtEndian>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

// The tags of a .qm file (Qt's binary catalogue format) that this reader needs.
constexpr quint8 MessagesBlock = 0x69;
constexpr quint8 TagEnd = 1;
constexpr quint8 TagTranslation = 3;
constexpr quint8 TagObsolete1 = 5;
constexpr quint8 TagSourceText = 6;
constexpr quint8 TagContext = 7;
constexpr quint8 TagComment = 8;

const QByteArray qmMagic = QByteArray::fromHex("3cb86418caef9c95cd211cbf60a1bddd");

// The translations (each numerus form on its own) of a .qm file's messages block.
QStringList translationsOf(const QByteArray &block)
{
    QStringList texts;
    const char *p = block.constData();
    const char *end = p + block.size();
    while (p < end) {
        const quint8 tag = quint8(*p++);
        switch (tag) {
        case TagEnd:
            break;
        case TagTranslation: {
            if (end - p < 4)
                return texts;
            const quint32 length = qFromBigEndian<quint32>(p);
            p += 4;
            if (length == 0xffffffff)
                break;
            if (quint32(end - p) < length)
                return texts;
            QString text(int(length / 2), Qt::Uninitialized);
            for (quint32 i = 0; i < length / 2; ++i)
                text[i] = QChar(qFromBigEndian<quint16>(p + 2 * i));
            texts.append(text);
            p += length;
            break;
        }
        case TagObsolete1:
            p += 4;
            break;
        case TagSourceText:
        case TagContext:
        case TagComment: {
            if (end - p < 4)
                return texts;
            const quint32 length = qFromBigEndian<quint32>(p);
            p += 4 + length;
            break;
        }
        default:
            return texts; // not a .qm this reader understands
        }
    }
    return texts;
}

// %1, %L1, %n, %Ln: the placeholders of a translation.
const QRegularExpression &placeholder()
{
    static const QRegularExpression expression(u"%L?(?:[1-9][0-9]?|n)"_s);
    return expression;
}

// Hexadecimal byte lists (fingerprints, serial numbers) are numbers.
const QRegularExpression &hexBytes()
{
    static const QRegularExpression expression(u"\\b[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2})+:?"_s);
    return expression;
}

// A size or a time as QLocale writes it: "58 Bytes", "1,5 MB", "60 s".
const QRegularExpression &quantity()
{
    static const QRegularExpression expression(u"^[0-9][0-9.,\\s]*(?:Bytes?|[kKMGT]i?B|s|ms)$"_s);
    return expression;
}

bool hasLetters(const QString &text)
{
    QString rest = text;
    rest.remove(hexBytes());
    return std::any_of(rest.cbegin(), rest.cend(), [](QChar c) { return c.isLetter(); });
}

} // namespace

QString EnglishTextFinder::readable(const QString &text)
{
    QString plain = text;
    if (Qt::mightBeRichText(plain))
        plain = QTextDocumentFragment::fromHtml(plain).toPlainText();
    // Mnemonics: "&Datei" reads "Datei", "A && B" reads "A & B".
    QString out;
    out.reserve(plain.size());
    for (qsizetype i = 0; i < plain.size(); ++i) {
        if (plain.at(i) == u'&' && i + 1 < plain.size()) {
            if (plain.at(i + 1) == u'&') {
                out.append(u'&');
                ++i;
                continue;
            }
            if (plain.at(i + 1) != u' ')
                continue;
        }
        out.append(plain.at(i));
    }
    out.replace(QChar::Nbsp, u' ');
    out.replace(QChar::ParagraphSeparator, u'\n');
    out.replace(QChar::LineSeparator, u'\n');
    return out.trimmed();
}

bool EnglishTextFinder::addCatalogue(const QString &qmFile)
{
    QFile file(qmFile);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray data = file.readAll();
    if (!data.startsWith(qmMagic))
        return false;
    qsizetype at = qmMagic.size();
    int added = 0;
    while (at + 5 <= data.size()) {
        const quint8 tag = quint8(data.at(at));
        const quint32 length = qFromBigEndian<quint32>(data.constData() + at + 1);
        at += 5;
        if (at + qsizetype(length) > data.size())
            return false;
        if (tag == MessagesBlock) {
            for (const QString &translation : translationsOf(data.mid(at, length))) {
                const QString text = readable(translation);
                if (text.isEmpty())
                    continue;
                ++added;
                if (!text.contains(placeholder())) {
                    m_exact.insert(text);
                    // Lists of commands drop the dots that say a dialog follows.
                    if (text.endsWith(u'…'))
                        m_exact.insert(text.chopped(1).trimmed());
                    else if (text.endsWith(u"..."_s))
                        m_exact.insert(text.chopped(3).trimmed());
                    continue;
                }
                // Literal parts escaped, each placeholder any text (checked on its own).
                QString pattern = u"^"_s;
                QString longest;
                qsizetype last = 0;
                for (auto it = placeholder().globalMatch(text); it.hasNext();) {
                    const QRegularExpressionMatch match = it.next();
                    const QString literal = text.mid(last, match.capturedStart() - last);
                    if (literal.size() > longest.size())
                        longest = literal;
                    pattern += QRegularExpression::escape(literal) + u"(.*?)"_s;
                    last = match.capturedEnd();
                }
                const QString tail = text.mid(last);
                if (tail.size() > longest.size())
                    longest = tail;
                pattern += QRegularExpression::escape(tail) + u"$"_s;
                m_patterns.append(
                        {QRegularExpression(pattern, QRegularExpression::DotMatchesEverythingOption),
                         longest});
            }
        }
        at += length;
    }
    if (m_dateWords.isEmpty()) {
        const QLocale german(QLocale::German, QLocale::Germany);
        for (int i = 1; i <= 12; ++i)
            m_dateWords << german.monthName(i, QLocale::LongFormat)
                        << german.monthName(i, QLocale::ShortFormat)
                        << german.standaloneMonthName(i, QLocale::ShortFormat);
        for (int i = 1; i <= 7; ++i)
            m_dateWords << german.dayName(i, QLocale::LongFormat)
                        << german.dayName(i, QLocale::ShortFormat);
        m_dateWords << u"Uhr"_s << u"UTC"_s << u"MEZ"_s << u"MESZ"_s;
        std::sort(m_dateWords.begin(), m_dateWords.end(),
                  [](const QString &a, const QString &b) { return a.size() > b.size(); });
    }
    return added > 0;
}

void EnglishTextFinder::addData(const QStringList &texts)
{
    for (const QString &text : texts) {
        if (text.isEmpty())
            continue;
        m_exact.insert(text);
        m_removable.append(text);
    }
    std::sort(m_removable.begin(), m_removable.end(),
              [](const QString &a, const QString &b) { return a.size() > b.size(); });
}

void EnglishTextFinder::addProperNames(const QStringList &names)
{
    addData(names);
}

void EnglishTextFinder::addToolTipData(const QStringList &texts)
{
    for (const QString &text : texts)
        m_toolTipOnly.insert(text);
}

bool EnglishTextFinder::passes(const QString &text) const
{
    return passesAt(readable(text), 0);
}

bool EnglishTextFinder::passesAt(const QString &text, int depth) const
{
    const QString trimmed = text.trimmed();
    if (!hasLetters(trimmed) || m_exact.contains(trimmed))
        return true;
    if (depth > 4)
        return false;
    if (isKeySequence(trimmed) || isDate(trimmed) || quantity().match(trimmed).hasMatch())
        return true;
    if (matchesTranslation(trimmed, depth))
        return true;
    // Punctuation around a translation ("-------- Weitergeleitete Nachricht --------").
    qsizetype first = 0;
    qsizetype last = trimmed.size();
    while (first < last && !trimmed.at(first).isLetterOrNumber())
        ++first;
    while (last > first && !trimmed.at(last - 1).isLetterOrNumber())
        --last;
    if ((first > 0 || last < trimmed.size())
        && passesAt(trimmed.mid(first, last - first), depth + 1))
        return true;
    // Several lines: each on its own.
    if (trimmed.contains(u'\n')) {
        const QStringList lines = trimmed.split(u'\n', Qt::SkipEmptyParts);
        return std::all_of(lines.cbegin(), lines.cend(),
                           [&](const QString &line) { return passesAt(line, depth + 1); });
    }
    // Sentences put together: each part on its own.
    static const QRegularExpression sentenceEnd(u"[.!?:]\\s+"_s);
    for (auto it = sentenceEnd.globalMatch(trimmed); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        if (passesAt(trimmed.left(match.capturedStart() + 1), depth + 1)
            && passesAt(trimmed.mid(match.capturedEnd()), depth + 1))
            return true;
    }
    // Data and proper names inside a text ("Dora <dora@example.test>"): what is left must pass.
    QString rest = trimmed;
    for (const QString &known : m_removable)
        rest.replace(known, u" "_s);
    rest = rest.simplified();
    if (rest != trimmed.simplified())
        return passesAt(rest, depth + 1);
    return false;
}

bool EnglishTextFinder::matchesTranslation(const QString &text, int depth) const
{
    for (const Pattern &pattern : m_patterns) {
        if (!pattern.longestLiteral.isEmpty() && !text.contains(pattern.longestLiteral))
            continue;
        const QRegularExpressionMatch match = pattern.expression.match(text);
        if (!match.hasMatch())
            continue;
        bool argumentsPass = true;
        for (int i = 1; i <= match.lastCapturedIndex() && argumentsPass; ++i)
            argumentsPass = passesAt(match.captured(i), depth + 1);
        if (argumentsPass)
            return true;
    }
    return false;
}

bool EnglishTextFinder::isKeySequence(const QString &text) const
{
    // "Strg+Umschalt+R", "F5", "M": as Qt writes key sequences in the language loaded.
    const QStringList sequences = text.split(u", "_s);
    return std::all_of(sequences.cbegin(), sequences.cend(), [](const QString &sequence) {
        const QKeySequence keys = QKeySequence::fromString(sequence, QKeySequence::NativeText);
        return !keys.isEmpty() && keys.toString(QKeySequence::NativeText) == sequence
               && (sequence.size() <= 3 || sequence.contains(u'+'));
    });
}

bool EnglishTextFinder::isDate(const QString &text) const
{
    QString rest = text;
    for (const QString &word : m_dateWords)
        rest.remove(word);
    return rest != text && !hasLetters(rest);
}

void EnglishTextFinder::check(const QString &text, const QString &where)
{
    const QString shown = readable(text);
    if (shown.isEmpty())
        return;
    ++m_checked;
    if (qEnvironmentVariableIsSet("HERON_GERMAN_DUMP"))
        qDebug().noquote() << "CHECK" << where << "=" << shown;
    if (passesAt(shown, 0))
        return;
    const QString key = where + u'\n' + shown;
    if (m_seen.contains(key))
        return;
    m_seen.insert(key);
    m_findings.append({where, shown});
}

QString EnglishTextFinder::report() const
{
    QStringList lines;
    for (const Finding &finding : m_findings)
        lines << u"  %1: \"%2\""_s.arg(finding.where, finding.text);
    return u"%1 English text(s):\n"_s.arg(m_findings.size()) + lines.join(u'\n');
}

void EnglishTextFinder::walkAction(QAction *action, const QString &where)
{
    if (action->isSeparator())
        return;
    const QString name = where + u" › "_s
                         + (action->objectName().isEmpty() ? readable(action->text())
                                                           : action->objectName());
    check(action->text(), name + u" (text)"_s);
    check(action->iconText(), name + u" (icon text)"_s);
    // Qt derives a tool tip from the text when none is set; only one of Heron's own counts.
    if (action->toolTip() != readable(action->text()))
        check(action->toolTip(), name + u" (tool tip)"_s);
    check(action->statusTip(), name + u" (status tip)"_s);
    check(action->whatsThis(), name + u" (what's this)"_s);
    if (QMenu *menu = action->menu())
        walkMenu(menu, name);
}

void EnglishTextFinder::walkMenu(QMenu *menu, const QString &where)
{
    if (m_walkedMenus.contains(menu))
        return;
    m_walkedMenus.insert(menu);
    check(menu->title(), where + u" (menu title)"_s);
    // A menu may fill itself when it is about to show.
    QMetaObject::invokeMethod(menu, "aboutToShow");
    for (QAction *action : menu->actions())
        walkAction(action, where);
}

void EnglishTextFinder::walkItemModel(QWidget *widget, const QString &where)
{
    auto *view = qobject_cast<QAbstractItemView *>(widget);
    const QAbstractItemModel *model = view ? view->model() : nullptr;
    if (!model)
        return;
    for (int column = 0; column < model->columnCount(); ++column) {
        for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole)})
            check(model->headerData(column, Qt::Horizontal, role).toString(),
                  where + u" (header %1)"_s.arg(column));
    }
    // Breadth first over the first few hundred items.
    QList<QModelIndex> parents {QModelIndex()};
    int visited = 0;
    while (!parents.isEmpty() && visited < 400) {
        const QModelIndex parent = parents.takeFirst();
        for (int row = 0; row < model->rowCount(parent) && visited < 400; ++row) {
            for (int column = 0; column < model->columnCount(parent); ++column) {
                const QModelIndex index = model->index(row, column, parent);
                ++visited;
                // A folder the server names (any other test may make one) shows only the
                // server's data: its name and path. Special folders, shown translated, and every
                // other row are checked.
                const bool serverNamed = index.data(AccountFolderModel::IconNameRole).toString()
                                         == u"folder"_s;
                for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole),
                                 int(Qt::AccessibleTextRole), int(Qt::StatusTipRole)}) {
                    const QVariant value = index.data(role);
                    if (serverNamed
                        || (role == Qt::ToolTipRole && m_toolTipOnly.contains(value.toString())))
                        continue;
                    if (value.typeId() == QMetaType::QString)
                        check(value.toString(), where + u" (item %1,%2)"_s.arg(row).arg(column));
                }
                if (column == 0 && model->hasChildren(index))
                    parents.append(index);
            }
        }
    }
}

void EnglishTextFinder::walk(QWidget *widget, const QString &where)
{
    const QString name = where
                         + (widget->objectName().isEmpty() ? QString()
                                                           : u" ‹%1›"_s.arg(widget->objectName()));
    if (widget->isWindow())
        check(widget->windowTitle(), name + u" (window title)"_s);
    check(widget->toolTip(), name + u" (tool tip)"_s);
    check(widget->whatsThis(), name + u" (what's this)"_s);
    check(widget->statusTip(), name + u" (status tip)"_s);

    if (auto *label = qobject_cast<QLabel *>(widget))
        check(label->text(), name + u" (label)"_s);
    if (auto *button = qobject_cast<QAbstractButton *>(widget))
        check(button->text(), name + u" (button)"_s);
    if (auto *group = qobject_cast<QGroupBox *>(widget))
        check(group->title(), name + u" (group)"_s);
    if (auto *line = qobject_cast<QLineEdit *>(widget)) {
        check(line->placeholderText(), name + u" (placeholder)"_s);
        // A spin box's field is its value with the prefix and suffix, checked on their own.
        if (!qobject_cast<QAbstractSpinBox *>(line->parentWidget()))
            check(line->text(), name + u" (field)"_s);
    }
    if (auto *edit = qobject_cast<QTextEdit *>(widget)) {
        check(edit->placeholderText(), name + u" (placeholder)"_s);
        check(edit->toPlainText(), name + u" (text)"_s);
    }
    if (auto *edit = qobject_cast<QPlainTextEdit *>(widget))
        check(edit->placeholderText(), name + u" (placeholder)"_s);
    if (auto *combo = qobject_cast<QComboBox *>(widget)) {
        for (int i = 0; i < combo->count(); ++i) {
            check(combo->itemText(i), name + u" (item %1)"_s.arg(i));
            check(combo->itemData(i, Qt::ToolTipRole).toString(),
                  name + u" (item %1 tool tip)"_s.arg(i));
        }
        check(combo->placeholderText(), name + u" (placeholder)"_s);
    }
    if (auto *tabs = qobject_cast<QTabBar *>(widget)) {
        for (int i = 0; i < tabs->count(); ++i) {
            check(tabs->tabText(i), name + u" (tab %1)"_s.arg(i));
            check(tabs->tabToolTip(i), name + u" (tab %1 tool tip)"_s.arg(i));
        }
    }
    if (auto *spin = qobject_cast<QSpinBox *>(widget)) {
        check(spin->prefix(), name + u" (prefix)"_s);
        check(spin->suffix(), name + u" (suffix)"_s);
        check(spin->specialValueText(), name + u" (special value)"_s);
    }
    if (auto *progress = qobject_cast<QProgressBar *>(widget); progress && progress->isVisible())
        check(progress->text(), name + u" (progress)"_s);
    if (qobject_cast<QAbstractItemView *>(widget) && !qobject_cast<QHeaderView *>(widget))
        walkItemModel(widget, name);
    if (auto *tool = qobject_cast<QToolButton *>(widget); tool && tool->menu())
        walkMenu(tool->menu(), name);
    if (auto *bar = qobject_cast<QMenuBar *>(widget)) {
        for (QAction *action : bar->actions())
            walkAction(action, name);
    }
    if (auto *menu = qobject_cast<QMenu *>(widget)) {
        walkMenu(menu, name);
        return;
    }
    for (QAction *action : widget->actions())
        walkAction(action, name);

    const QList<QWidget *> children = widget->findChildren<QWidget *>(Qt::FindDirectChildrenOnly);
    for (QWidget *child : children) {
        // Windows of their own (dialogs, menus opened later) are walked when they are shown.
        if (child->isWindow() && !qobject_cast<QMenu *>(child))
            continue;
        const QString childName = QString::fromLatin1(child->metaObject()->className());
        walk(child, where + u" / "_s + childName);
    }
}
