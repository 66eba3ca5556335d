#include "outboxview.h"

#include "icons.h"
#include "models/outboxmodel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>

OutboxView::OutboxView(QWidget *parent)
    : QWidget(parent)
    , m_summary(new QLabel)
    , m_list(new QTreeView)
    , m_retry(new QPushButton(Icons::icon(QStringLiteral("send")), tr("Retry &Now")))
    , m_delete(new QPushButton(Icons::icon(QStringLiteral("trash")), tr("Dele&te")))
{
    setObjectName(QStringLiteral("outboxView"));
    m_summary->setObjectName(QStringLiteral("outboxSummary"));
    m_summary->setWordWrap(true);
    m_list->setObjectName(QStringLiteral("outboxList"));
    m_list->setAccessibleName(tr("Outbox"));
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAllColumnsShowFocus(true);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->header()->setStretchLastSection(true);
    m_retry->setObjectName(QStringLiteral("retryButton"));
    m_retry->setToolTip(tr("Send the selected message now, without waiting for its next attempt"));
    m_delete->setObjectName(QStringLiteral("deleteButton"));
    m_delete->setToolTip(tr("Remove the selected message without sending it"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_summary, 1);
    buttons->addWidget(m_retry);
    buttons->addWidget(m_delete);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(buttons);
    layout->addWidget(m_list, 1);

    connect(m_retry, &QPushButton::clicked, this, [this] {
        if (currentEntry().isValid())
            Q_EMIT retryRequested(currentEntry());
    });
    connect(m_delete, &QPushButton::clicked, this, &OutboxView::confirmDelete);
    updateButtons();
}

void OutboxView::setModel(QAbstractItemModel *model)
{
    m_list->setModel(model);
    if (model) {
        m_list->header()->resizeSection(OutboxModel::SubjectColumn, 240);
        m_list->header()->resizeSection(OutboxModel::RecipientsColumn, 200);
        m_list->header()->resizeSection(OutboxModel::StateColumn, 100);
        m_list->header()->resizeSection(OutboxModel::ErrorColumn, 280);
        connect(model, &QAbstractItemModel::modelReset, this, &OutboxView::updateButtons);
        connect(model, &QAbstractItemModel::layoutChanged, this, &OutboxView::updateButtons);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &OutboxView::updateButtons);
        connect(model, &QAbstractItemModel::rowsInserted, this, &OutboxView::updateButtons);
        connect(model, &QAbstractItemModel::dataChanged, this, &OutboxView::updateButtons);
    }
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &OutboxView::updateButtons);
    updateButtons();
}

QModelIndex OutboxView::currentEntry() const
{
    const QModelIndex current = m_list->currentIndex();
    return current.isValid() ? current.siblingAtColumn(0) : QModelIndex();
}

void OutboxView::updateButtons()
{
    const QModelIndex entry = currentEntry();
    m_retry->setEnabled(entry.data(OutboxModel::CanRetryRole).toBool());
    m_delete->setEnabled(entry.isValid() && !entry.data(OutboxModel::IsSendingRole).toBool());
    const int count = m_list->model() ? m_list->model()->rowCount() : 0;
    m_summary->setText(count == 0 ? tr("Every message has been sent.")
                                  : tr("%n message(s) not sent yet.", nullptr, count));
}

void OutboxView::confirmDelete()
{
    // Persistent: the outbox may change while the question is open.
    const QPersistentModelIndex entry = currentEntry();
    if (!entry.isValid())
        return;
    const QString subject
            = QModelIndex(entry).siblingAtColumn(OutboxModel::SubjectColumn).data().toString();
    const auto answer = QMessageBox::question(this, tr("Delete Unsent Message"),
                                              tr("“%1” will never be sent. Delete it?").arg(subject),
                                              QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
    if (answer == QMessageBox::Yes && entry.isValid())
        Q_EMIT deleteRequested(entry);
}
