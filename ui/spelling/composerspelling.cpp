#include "composerspelling.h"

#include "spellchecker.h"
#include "spellhighlighter.h"
#include "subjectspelling.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMainWindow>
#include <QMenu>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextEdit>
#include <QToolBar>

ComposerSpelling::ComposerSpelling(QMainWindow *window, QTextEdit *body)
    : QObject(window)
    , m_body(body)
    , m_highlighter(new SpellHighlighter(body->document()))
    , m_toolBar(new QToolBar(tr("Spelling"), window))
    , m_languages(new QComboBox)
{
    m_toolBar->setObjectName(QStringLiteral("spellingToolBar"));
    m_toolBar->setMovable(false);
    m_languages->setObjectName(QStringLiteral("spellingLanguage"));
    m_languages->setToolTip(tr("The language this message is checked in"));
    m_languages->addItem(tr("No Spell Checking"), QString());
    for (const QString &language : SpellChecker::availableLanguages())
        m_languages->addItem(SpellChecker::displayName(language), language);
    auto *label = new QLabel(tr("S&pelling:"));
    label->setBuddy(m_languages);
    m_toolBar->addWidget(label);
    m_toolBar->addWidget(m_languages);
    window->addToolBar(m_toolBar);
    connect(m_languages, &QComboBox::activated, this, [this](int index) {
        m_chosenByUser = true;
        apply(m_languages->itemData(index).toString());
    });

    m_body->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_body, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        QMenu *menu = createContextMenu(pos);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(m_body->viewport()->mapToGlobal(pos));
    });
    setPreferredLanguage({});
}

ComposerSpelling::~ComposerSpelling() = default;

void ComposerSpelling::setPreferredLanguage(const QString &language)
{
    if (m_chosenByUser)
        return;
    QString best = SpellChecker::bestLanguage(language);
    if (best.isEmpty())
        best = SpellChecker::bestLanguage(QLocale::system().name());
    apply(best);
}

void ComposerSpelling::chooseLanguage(const QString &language)
{
    m_chosenByUser = true;
    apply(language);
}

bool ComposerSpelling::restoreLanguage(const QString &language)
{
    QString name = language.trimmed();
    name.replace(QLatin1Char('-'), QLatin1Char('_'));
    const QString best = name.isEmpty() ? QString() : SpellChecker::bestLanguage(name);
    if (best.isEmpty())
        return false;
    chooseLanguage(best);
    return true;
}

QString ComposerSpelling::language() const
{
    return m_highlighter->language();
}

void ComposerSpelling::apply(const QString &language)
{
    const int index = m_languages->findData(language);
    m_languages->setCurrentIndex(index < 0 ? 0 : index);
    m_highlighter->setLanguage(index < 0 ? QString() : language);
}

QMenu *ComposerSpelling::createContextMenu(const QPoint &pos)
{
    QMenu *menu = m_body->createStandardContextMenu();
    const QTextCursor at = m_body->cursorForPosition(pos);
    const QTextBlock block = at.block();
    const QString text = block.text();
    const int offset = at.positionInBlock();
    SpellHighlighter::Word found {-1, 0};
    for (const SpellHighlighter::Word &word : SpellHighlighter::checkedWords(text)) {
        if (offset >= word.start && offset <= word.start + word.length)
            found = word;
    }
    if (found.start < 0)
        return menu;
    const QString word = text.mid(found.start, found.length);
    if (!m_highlighter->isMisspelt(word))
        return menu;

    const int start = block.position() + found.start;
    const int length = found.length;
    offerCorrections(menu, word, [this, start, length](const QString &suggestion) {
        QTextCursor cursor(m_body->document());
        cursor.setPosition(start);
        cursor.setPosition(start + length, QTextCursor::KeepAnchor);
        cursor.insertText(suggestion);
    });
    return menu;
}

void ComposerSpelling::setSubjectField(QLineEdit *subject)
{
    m_subject = subject;
    m_subjectSpelling = new SubjectSpelling(subject, m_highlighter);
    subject->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(subject, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        QMenu *menu = createSubjectContextMenu(pos);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(m_subject->mapToGlobal(pos));
    });
    m_subjectSpelling->recheck();
}

QMenu *ComposerSpelling::createSubjectContextMenu(const QPoint &pos)
{
    QMenu *menu = m_subject->createStandardContextMenu();
    const QString text = m_subject->text();
    const int offset = m_subject->cursorPositionAt(pos);
    for (const SpellHighlighter::Word &found : SpellHighlighter::checkedWords(text)) {
        if (offset < found.start || offset > found.start + found.length)
            continue;
        const QString word = text.mid(found.start, found.length);
        if (!m_highlighter->isMisspelt(word))
            break;
        offerCorrections(menu, word, [this, found](const QString &suggestion) {
            // As typed over a selection: Ctrl+Z takes it back.
            m_subject->setSelection(found.start, found.length);
            m_subject->insert(suggestion);
        });
        break;
    }
    return menu;
}

void ComposerSpelling::offerCorrections(QMenu *menu, const QString &word,
                                        const std::function<void(const QString &)> &replace)
{
    QAction *first = menu->actions().value(0);
    const QStringList suggestions = m_highlighter->checker()->suggestions(word);
    QList<QAction *> added;
    for (const QString &suggestion : suggestions) {
        auto *action = new QAction(suggestion, menu);
        QFont bold = action->font();
        bold.setBold(true);
        action->setFont(bold);
        action->setObjectName(QStringLiteral("suggestion"));
        connect(action, &QAction::triggered, this, [replace, suggestion] { replace(suggestion); });
        added.append(action);
    }
    if (suggestions.isEmpty()) {
        auto *none = new QAction(tr("No Suggestions"), menu);
        none->setEnabled(false);
        added.append(none);
    }
    auto *addWord = new QAction(tr("Add “%1” to Dictionary").arg(word), menu);
    addWord->setObjectName(QStringLiteral("addToDictionary"));
    connect(addWord, &QAction::triggered, this, [this, word] {
        SpellChecker::addToPersonalDictionary(word);
        m_highlighter->refresh();
    });
    auto *ignore = new QAction(tr("Ignore “%1”").arg(word), menu);
    ignore->setObjectName(QStringLiteral("ignoreWord"));
    connect(ignore, &QAction::triggered, this, [this, word] { m_highlighter->ignore(word); });
    added << addWord << ignore;
    menu->insertActions(first, added);
    menu->insertSeparator(first);
}
