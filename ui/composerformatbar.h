#pragma once

#include <QToolBar>

class HtmlComposerEditor;
class QAction;
class QMenu;

// The composer's formatting tools: the HTML/plain-text switch of the message, and, usable in
// HTML mode only, bold, italic, underline, bulleted and numbered lists, quote level up and
// down, link and inline image. Each is an action with a shortcut and a tooltip, shown in this
// toolbar and in the Format menu (formatMenu()). The bar itself is shown in HTML mode only; the
// switch is meant for the composer's main toolbar too.
class ComposerFormatBar : public QToolBar
{
    Q_OBJECT
public:
    explicit ComposerFormatBar(HtmlComposerEditor *editor, QWidget *parent = nullptr);

    // Checked in HTML mode. Toggling it asks the owner to switch (htmlToggled()).
    QAction *htmlAction() const { return m_html; }
    QAction *boldAction() const { return m_bold; }
    QAction *italicAction() const { return m_italic; }
    QAction *underlineAction() const { return m_underline; }
    QAction *bulletListAction() const { return m_bullets; }
    QAction *numberedListAction() const { return m_numbers; }
    QAction *quoteMoreAction() const { return m_quoteMore; }
    QAction *quoteLessAction() const { return m_quoteLess; }
    QAction *linkAction() const { return m_link; }
    QAction *imageAction() const { return m_image; }
    QList<QAction *> formatActions() const;

    // The Format menu for the composer's menu bar (owned by parent).
    QMenu *createFormatMenu(QWidget *parent);

    // Shows the bar and enables its actions in HTML mode; checks the switch without a signal.
    void setHtmlMode(bool html);
    bool isHtmlMode() const { return m_htmlMode; }

    // Toggles a list of the given kind on the blocks of the selection.
    void toggleList(bool numbered);
    // Asks for a link text and address (a dialog named "linkDialog") and puts the link in.
    void editLink();
    // Asks for a picture file and puts it in at the cursor.
    void chooseImage();

Q_SIGNALS:
    // The user asked for HTML (true) or plain text (false).
    void htmlToggled(bool html);
    // Something went wrong that the user should read (a picture that cannot be read).
    void problem(const QString &text);

private:
    QAction *addFormatAction(const QString &text, const QString &tip, const QKeySequence &keys,
                             const char *name, bool checkable);
    void updateChecks();

    HtmlComposerEditor *m_editor;
    bool m_htmlMode = false;
    QAction *m_html;
    QAction *m_bold;
    QAction *m_italic;
    QAction *m_underline;
    QAction *m_bullets;
    QAction *m_numbers;
    QAction *m_quoteMore;
    QAction *m_quoteLess;
    QAction *m_link;
    QAction *m_image;
};
