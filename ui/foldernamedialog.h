#pragma once

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLineEdit;

// Asks for a folder's name: a new folder's (New Folder, with the choice to create it inside the
// selected folder or at the top level of the account), or a folder's new name (Rename).
class FolderNameDialog : public QDialog
{
    Q_OBJECT
public:
    // A new folder: parentName is the folder it may go inside; empty: only the top level.
    static FolderNameDialog *forNewFolder(const QString &parentName, QWidget *parent);
    // A new name for the folder now called name.
    static FolderNameDialog *forRename(const QString &name, QWidget *parent);

    QString name() const;
    // For a new folder: inside the folder named, rather than at the top level.
    bool isInside() const;
    QLineEdit *nameField() const { return m_name; }
    QCheckBox *insideBox() const { return m_inside; }

private:
    explicit FolderNameDialog(QWidget *parent);
    void updateButtons();

    QLineEdit *m_name;
    QCheckBox *m_inside;
    QDialogButtonBox *m_buttons;
    QString m_original;
};
