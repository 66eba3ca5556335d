#include "folderchooserdialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>

FolderChooserDialog::FolderChooserDialog(QAbstractItemModel *folders, const QModelIndex &root,
                                         std::function<bool(const QModelIndex &)> accepts,
                                         QWidget *parent)
    : QDialog(parent)
    , m_view(new QTreeView(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
    , m_accepts(std::move(accepts))
{
    setWindowTitle(tr("Move to Folder"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Move"));
    auto *label = new QLabel(tr("&Folder:"), this);
    label->setBuddy(m_view);
    m_view->setHeaderHidden(true);
    m_view->setModel(folders);
    m_view->setRootIndex(root);
    m_view->expandAll();
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(label);
    layout->addWidget(m_view);
    layout->addWidget(m_buttons);
    resize(360, 420);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &FolderChooserDialog::updateButtons);
    // Enter or a double click on a folder that may be chosen chooses it.
    connect(m_view, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        if (m_accepts(index))
            accept();
    });
    updateButtons();
    m_view->setFocus();
}

void FolderChooserDialog::setCopying(bool copying)
{
    setWindowTitle(copying ? tr("Copy to Folder") : tr("Move to Folder"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(copying ? tr("&Copy") : tr("&Move"));
}

void FolderChooserDialog::showNear(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index, QAbstractItemView::PositionAtTop);
}

QModelIndex FolderChooserDialog::chosenFolder() const
{
    if (result() != QDialog::Accepted)
        return {};
    const QModelIndex current = m_view->currentIndex();
    return m_accepts(current) ? current : QModelIndex();
}

void FolderChooserDialog::updateButtons()
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_accepts(m_view->currentIndex()));
}
