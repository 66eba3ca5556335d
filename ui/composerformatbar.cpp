#include "composerformatbar.h"

#include "htmlcomposereditor.h"

#include <QAction>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextList>
#include <QUrl>

namespace {

// A web or mail address as typed: "heron.example" becomes https://heron.example, an address
// with @ a mailto: link.
QUrl linkTarget(const QString &typed)
{
    const QString text = typed.trimmed();
    if (text.isEmpty())
        return {};
    // Typed without a scheme, a web address is taken as https.
    const QUrl url = QUrl::fromUserInput(text.contains(u':') ? text
                                                             : QStringLiteral("https://") + text);
    if (!text.contains(QStringLiteral("://")) && !text.startsWith(QStringLiteral("mailto:"))
        && text.contains(u'@') && !text.contains(u'/'))
        return QUrl(QStringLiteral("mailto:") + text);
    if (url.scheme() != QStringLiteral("http") && url.scheme() != QStringLiteral("https")
        && url.scheme() != QStringLiteral("mailto"))
        return {};
    return url;
}

} // namespace

ComposerFormatBar::ComposerFormatBar(HtmlComposerEditor *editor, QWidget *parent)
    : QToolBar(tr("Format Toolbar"), parent)
    , m_editor(editor)
{
    setObjectName(QStringLiteral("formatToolBar"));
    setMovable(false);
    setToolButtonStyle(Qt::ToolButtonTextOnly);

    m_html = new QAction(tr("&HTML"), this);
    m_html->setObjectName(QStringLiteral("htmlMode"));
    m_html->setCheckable(true);
    m_html->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H));
    m_html->setToolTip(tr("Write this message in HTML, with formatting (%1); unchecked, it is "
                          "plain text")
                               .arg(m_html->shortcut().toString(QKeySequence::NativeText)));
    connect(m_html, &QAction::triggered, this, &ComposerFormatBar::htmlToggled);

    m_bold = addFormatAction(tr("&Bold"), tr("Bold"), QKeySequence::Bold, "bold", true);
    m_italic = addFormatAction(tr("&Italic"), tr("Italic"), QKeySequence::Italic, "italic", true);
    m_underline = addFormatAction(tr("&Underline"), tr("Underline"), QKeySequence::Underline,
                                  "underline", true);
    addSeparator();
    m_bullets = addFormatAction(tr("• &List"), tr("Bulleted list"),
                                QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_8), "bulletList", true);
    m_numbers = addFormatAction(tr("1. &Numbered"), tr("Numbered list"),
                                QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_7), "numberedList",
                                true);
    addSeparator();
    m_quoteMore = addFormatAction(tr("&Quote +"), tr("Quote level up"),
                                  QKeySequence(Qt::CTRL | Qt::Key_BracketRight), "quoteMore",
                                  false);
    m_quoteLess = addFormatAction(tr("Q&uote −"), tr("Quote level down"),
                                  QKeySequence(Qt::CTRL | Qt::Key_BracketLeft), "quoteLess", false);
    addSeparator();
    m_link = addFormatAction(tr("Lin&k…"), tr("Insert or change a link"),
                             QKeySequence(Qt::CTRL | Qt::Key_L), "link", false);
    m_image = addFormatAction(tr("I&mage…"), tr("Insert a picture into the text"),
                              QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I), "image", false);

    QFont boldFont = font();
    boldFont.setBold(true);
    QFont italicFont = font();
    italicFont.setItalic(true);
    QFont underlineFont = font();
    underlineFont.setUnderline(true);
    m_bold->setFont(boldFont);
    m_italic->setFont(italicFont);
    m_underline->setFont(underlineFont);

    connect(m_bold, &QAction::triggered, this, [this](bool on) {
        QTextCharFormat format;
        format.setFontWeight(on ? QFont::Bold : QFont::Normal);
        m_editor->mergeCurrentCharFormat(format);
    });
    connect(m_italic, &QAction::triggered, this, [this](bool on) {
        QTextCharFormat format;
        format.setFontItalic(on);
        m_editor->mergeCurrentCharFormat(format);
    });
    connect(m_underline, &QAction::triggered, this, [this](bool on) {
        QTextCharFormat format;
        format.setFontUnderline(on);
        m_editor->mergeCurrentCharFormat(format);
    });
    connect(m_bullets, &QAction::triggered, this, [this] { toggleList(false); });
    connect(m_numbers, &QAction::triggered, this, [this] { toggleList(true); });
    connect(m_quoteMore, &QAction::triggered, this, [this] { m_editor->changeQuoteLevel(1); });
    connect(m_quoteLess, &QAction::triggered, this, [this] { m_editor->changeQuoteLevel(-1); });
    connect(m_link, &QAction::triggered, this, &ComposerFormatBar::editLink);
    connect(m_image, &QAction::triggered, this, &ComposerFormatBar::chooseImage);
    connect(m_editor, &QTextEdit::currentCharFormatChanged, this, &ComposerFormatBar::updateChecks);
    connect(m_editor, &QTextEdit::cursorPositionChanged, this, &ComposerFormatBar::updateChecks);

    setHtmlMode(false);
}

QAction *ComposerFormatBar::addFormatAction(const QString &text, const QString &tip,
                                            const QKeySequence &keys, const char *name,
                                            bool checkable)
{
    auto *action = addAction(text);
    action->setObjectName(QString::fromLatin1(name));
    action->setCheckable(checkable);
    action->setShortcut(keys);
    action->setToolTip(tip + QStringLiteral(" (%1)").arg(keys.toString(QKeySequence::NativeText)));
    return action;
}

QList<QAction *> ComposerFormatBar::formatActions() const
{
    return {m_bold,      m_italic,    m_underline, m_bullets, m_numbers,
            m_quoteMore, m_quoteLess, m_link,      m_image};
}

QMenu *ComposerFormatBar::createFormatMenu(QWidget *parent)
{
    auto *menu = new QMenu(tr("F&ormat"), parent);
    menu->setObjectName(QStringLiteral("formatMenu"));
    menu->addAction(m_html);
    menu->addSeparator();
    menu->addActions({m_bold, m_italic, m_underline});
    menu->addSeparator();
    menu->addActions({m_bullets, m_numbers, m_quoteMore, m_quoteLess});
    menu->addSeparator();
    menu->addActions({m_link, m_image});
    menu->setToolTipsVisible(true);
    return menu;
}

void ComposerFormatBar::setHtmlMode(bool html)
{
    m_htmlMode = html;
    m_html->setChecked(html);
    for (QAction *action : formatActions())
        action->setEnabled(html);
    setVisible(html);
    updateChecks();
}

void ComposerFormatBar::updateChecks()
{
    const QTextCharFormat format = m_editor->currentCharFormat();
    m_bold->setChecked(format.fontWeight() >= QFont::DemiBold);
    m_italic->setChecked(format.fontItalic());
    m_underline->setChecked(format.fontUnderline() && !format.isAnchor());
    const QTextList *list = m_editor->textCursor().currentList();
    const bool numbered = list && list->format().style() == QTextListFormat::ListDecimal;
    m_bullets->setChecked(list && !numbered);
    m_numbers->setChecked(numbered);
}

void ComposerFormatBar::toggleList(bool numbered)
{
    const QTextListFormat::Style style = numbered ? QTextListFormat::ListDecimal
                                                  : QTextListFormat::ListDisc;
    QTextCursor cursor = m_editor->textCursor();
    cursor.beginEditBlock();
    QTextList *list = cursor.currentList();
    if (list && list->format().style() == style) {
        // Off again: the selected blocks leave the list.
        QTextCursor walker(m_editor->document());
        walker.setPosition(cursor.selectionStart());
        const int end = cursor.selectionEnd();
        while (true) {
            if (QTextList *current = walker.currentList()) {
                current->remove(walker.block());
                QTextBlockFormat format = walker.blockFormat();
                format.setIndent(0);
                walker.setBlockFormat(format);
            }
            if (walker.block().position() + walker.block().length() > end
                || !walker.movePosition(QTextCursor::NextBlock))
                break;
        }
    } else if (list) {
        QTextListFormat format = list->format();
        format.setStyle(style);
        list->setFormat(format);
    } else {
        QTextListFormat format;
        format.setStyle(style);
        format.setIndent(1);
        cursor.createList(format);
    }
    cursor.endEditBlock();
    updateChecks();
}

void ComposerFormatBar::editLink()
{
    QTextCursor cursor = m_editor->textCursor();
    const QTextCharFormat current = cursor.charFormat();
    QDialog dialog(window());
    dialog.setObjectName(QStringLiteral("linkDialog"));
    dialog.setWindowTitle(tr("Link"));
    auto *text = new QLineEdit(cursor.selectedText());
    text->setObjectName(QStringLiteral("linkText"));
    auto *address = new QLineEdit(current.isAnchor() ? current.anchorHref() : QString());
    address->setObjectName(QStringLiteral("linkAddress"));
    address->setPlaceholderText(tr("https://… or someone@example.org"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    auto *form = new QFormLayout(&dialog);
    form->addRow(tr("&Text:"), text);
    form->addRow(tr("&Address:"), address);
    form->addRow(buttons);
    QPushButton *ok = buttons->button(QDialogButtonBox::Ok);
    ok->setEnabled(linkTarget(address->text()).isValid());
    connect(address, &QLineEdit::textChanged, ok,
            [ok](const QString &typed) { ok->setEnabled(linkTarget(typed).isValid()); });
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    (cursor.hasSelection() ? address : text)->setFocus();
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QUrl url = linkTarget(address->text());
    if (!url.isValid())
        return;
    m_editor->setLink(text->text(), url);
    m_editor->setFocus();
}

void ComposerFormatBar::chooseImage()
{
    auto *dialog = new QFileDialog(window(), tr("Insert Picture"));
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setNameFilter(tr("Pictures (*.png *.jpg *.jpeg *.gif *.webp *.bmp)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &file) {
        const QString error = m_editor->insertImageFile(file);
        if (!error.isEmpty())
            Q_EMIT problem(error);
        m_editor->setFocus();
    });
    dialog->open();
}
