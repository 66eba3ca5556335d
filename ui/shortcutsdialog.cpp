#include "shortcutsdialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QRegularExpression>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

ShortcutsDialog::ShortcutsDialog(const QList<QAction *> &actions, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(u"shortcutsDialog"_s);
    setWindowTitle(tr("Keyboard Shortcuts"));
    auto *table = new QTreeWidget(this);
    table->setObjectName(u"shortcutsTable"_s);
    table->setRootIsDecorated(false);
    table->setHeaderLabels({tr("Action"), tr("Shortcut")});
    for (QAction *action : actions) {
        if (action->shortcut().isEmpty())
            continue;
        QString text = action->text();
        text.remove(QRegularExpression(u"&(?!&)"_s));
        text.remove(u'…');
        auto *item = new QTreeWidgetItem(table, {text, action->shortcut().toString(
                                                               QKeySequence::NativeText)});
        item->setData(0, Qt::UserRole, action->objectName());
    }
    // Keys of the list and the filter that are no actions.
    new QTreeWidgetItem(table, {tr("Open the message in its own window"), tr("Enter")});
    new QTreeWidgetItem(table, {tr("Close the filter"), tr("Esc")});
    table->resizeColumnToContents(0);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(table);
    layout->addWidget(buttons);
    resize(480, 520);
}
