#include "foldernamedialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

FolderNameDialog::FolderNameDialog(QWidget *parent)
    : QDialog(parent)
    , m_name(new QLineEdit(this))
    , m_inside(new QCheckBox(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    m_name->setObjectName(u"folderNameField"_s);
    m_inside->setObjectName(u"insideFolderBox"_s);
    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_inside);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_name, &QLineEdit::textChanged, this, &FolderNameDialog::updateButtons);
    setMinimumWidth(360);
}

FolderNameDialog *FolderNameDialog::forNewFolder(const QString &parentName, QWidget *parent)
{
    auto *dialog = new FolderNameDialog(parent);
    dialog->setObjectName(u"newFolderDialog"_s);
    dialog->setWindowTitle(tr("New Folder"));
    dialog->m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Create"));
    dialog->m_inside->setText(tr("Create &inside “%1”").arg(parentName));
    dialog->m_inside->setChecked(!parentName.isEmpty());
    dialog->m_inside->setVisible(!parentName.isEmpty());
    dialog->updateButtons();
    return dialog;
}

FolderNameDialog *FolderNameDialog::forRename(const QString &name, QWidget *parent)
{
    auto *dialog = new FolderNameDialog(parent);
    dialog->setObjectName(u"renameFolderDialog"_s);
    dialog->setWindowTitle(tr("Rename Folder"));
    dialog->m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Rename"));
    dialog->m_inside->hide();
    dialog->m_original = name;
    dialog->m_name->setText(name);
    dialog->m_name->selectAll();
    dialog->updateButtons();
    return dialog;
}

QString FolderNameDialog::name() const
{
    return m_name->text().trimmed();
}

bool FolderNameDialog::isInside() const
{
    return !m_inside->isHidden() && m_inside->isChecked();
}

void FolderNameDialog::updateButtons()
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!name().isEmpty() && name() != m_original);
}
