#include "composerspelling.h"

#include "spellchecker.h"
#include "spellhighlighter.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
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

    QAction *first = menu->actions().value(0);
    const int start = block.position() + found.start;
    const int length = found.length;
    const QStringList suggestions = m_highlighter->checker()->suggestions(word);
    QList<QAction *> added;
    for (const QString &suggestion : suggestions) {
        auto *replace = new QAction(suggestion, menu);
        QFont bold = replace->font();
        bold.setBold(true);
        replace->setFont(bold);
        connect(replace, &QAction::triggered, this, [this, start, length, suggestion] {
            QTextCursor cursor(m_body->document());
            cursor.setPosition(start);
            cursor.setPosition(start + length, QTextCursor::KeepAnchor);
            cursor.insertText(suggestion);
        });
        added.append(replace);
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
    for (int i = 0; i < suggestions.size(); ++i)
        added.at(i)->setObjectName(QStringLiteral("suggestion"));
    return menu;
}
