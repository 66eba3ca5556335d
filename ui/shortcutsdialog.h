#pragma once

#include <QDialog>
#include <QList>

class QAction;

// Help → Keyboard Shortcuts: every action given that has a shortcut, with its keys as this
// desktop writes them, and the keys of the list and filter that are no actions.
class ShortcutsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ShortcutsDialog(const QList<QAction *> &actions, QWidget *parent = nullptr);
};
