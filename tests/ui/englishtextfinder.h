#pragma once

#include <QHash>
#include <QList>
#include <QRegularExpression>
#include <QSet>
#include <QString>
#include <QStringList>

class QAction;
class QMenu;
class QObject;
class QWidget;

// Decides whether a text a window shows may stand in a German window, and walks widgets, menus
// and actions for the texts that may not. A text passes when it is
//   (a) a German translation of Heron's catalogue or Qt's (the %1 of a translation standing for
//       any text that passes itself),
//   (b) data the test put in (addData()),
//   (c) numbers, punctuation, key sequences or dates, or
//   (d) a proper name of the allowlist (addProperNames()).
// Everything else is reported as English, with where it was found.
class EnglishTextFinder
{
public:
    struct Finding
    {
        QString where;
        QString text;
    };

    // Reads the translations of a .qm file (Heron's heron_de.qm, Qt's qtbase_de.qm); false when
    // the file cannot be read or holds none.
    bool addCatalogue(const QString &qmFile);
    void addData(const QStringList &texts);
    void addProperNames(const QStringList &names);
    // Data that only a tool tip shows as it is (a special folder's name on the server, which the
    // folder list shows in the user's language).
    void addToolTipData(const QStringList &texts);

    bool passes(const QString &text) const;

    // Every text of the widget and its children (labels, buttons, tool tips, placeholders, item
    // views with their headers, combo box items, tabs, window titles) and of their actions and
    // menus. Hidden children count too: their texts appear when they do.
    void walk(QWidget *widget, const QString &where);
    void walkMenu(QMenu *menu, const QString &where);
    void walkAction(QAction *action, const QString &where);
    void check(const QString &text, const QString &where);

    QList<Finding> findings() const { return m_findings; }
    QString report() const;
    void clearFindings()
    {
        m_findings.clear();
        m_checked = 0;
    }
    // How many texts were checked since the findings were cleared.
    int checkedCount() const { return m_checked; }

    // The text as a user reads it: without mnemonic ampersands, rich text as plain text.
    static QString readable(const QString &text);

private:
    bool passesAt(const QString &text, int depth) const;
    bool matchesTranslation(const QString &text, int depth) const;
    bool isKeySequence(const QString &text) const;
    bool isDate(const QString &text) const;
    void walkItemModel(QWidget *view, const QString &where);

    struct Pattern
    {
        QRegularExpression expression;
        QString longestLiteral;
    };
    QSet<QString> m_exact; // translations without placeholders, data, proper names
    QList<Pattern> m_patterns; // translations with placeholders
    QSet<QString> m_toolTipOnly;
    QStringList m_removable; // data and proper names, longest first
    QStringList m_dateWords; // German month and day names
    QList<Finding> m_findings;
    int m_checked = 0;
    QSet<QString> m_seen; // where + text, to report each once
    QSet<const QObject *> m_walkedMenus;
};
