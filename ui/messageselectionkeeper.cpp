#include "messageselectionkeeper.h"

#include "models/messagelistmodel.h"
#include "models/unifiedinboxmodel.h"

#include <QAbstractItemModel>
#include <QAbstractItemView>
#include <QItemSelectionModel>

#include <algorithm>
#include <utility>

MessageSelectionKeeper::MessageSelectionKeeper(QAbstractItemView *view, QObject *parent)
    : QObject(parent ? parent : view)
    , m_view(view)
{ }

MessageSelectionKeeper::~MessageSelectionKeeper()
{
    disconnectModel();
}

void MessageSelectionKeeper::disconnectModel()
{
    for (const QMetaObject::Connection &c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    for (const QMetaObject::Connection &c : std::as_const(m_selectionConnections))
        disconnect(c);
    m_selectionConnections.clear();
}

void MessageSelectionKeeper::connectSelection()
{
    if (!m_selection)
        return;
    m_selectionConnections << connect(m_selection, &QItemSelectionModel::currentChanged, this,
                                      &MessageSelectionKeeper::onCurrentChanged)
                           << connect(m_selection, &QItemSelectionModel::selectionChanged, this,
                                      &MessageSelectionKeeper::selectionChanged);
}

void MessageSelectionKeeper::dropSelectionModel(QItemSelectionModel *selection,
                                                QAbstractItemView *view)
{
    if (!selection || selection == m_selection)
        return;
    disconnect(selection, nullptr, this, nullptr);
    if (selection->parent() == view)
        selection->deleteLater();
}

void MessageSelectionKeeper::setModel(QAbstractItemModel *model)
{
    if (model == m_model && model == m_view->model())
        return;
    const bool wasShowing = m_showing;
    disconnectModel();
    forget();
    m_followUp = {};
    m_changing = 0;
    m_rebuilt = false;
    QItemSelectionModel *oldSelection = m_view->selectionModel();
    m_model = model;

    // The keeper hears of a change before the view's selection model (which moves the current
    // row away from rows about to go, and says so) and after it once the change is done: the
    // selection model is created by setModel(), so the order of these connections decides.
    if (model) {
        m_connections << connect(model, &QAbstractItemModel::rowsAboutToBeRemoved, this,
                                 &MessageSelectionKeeper::beginChange)
                      << connect(model, &QAbstractItemModel::modelAboutToBeReset, this,
                                 &MessageSelectionKeeper::beginChange)
                      << connect(model, &QAbstractItemModel::layoutAboutToBeChanged, this,
                                 &MessageSelectionKeeper::beginChange);
    }
    m_view->setModel(model);
    // The view sorts the new model as it takes it, before the ends of changes are heard of.
    m_changing = 0;
    m_rebuilt = false;
    if (model) {
        m_connections << connect(model, &QAbstractItemModel::rowsRemoved, this, [this] {
            endChange(false);
        }) << connect(model, &QAbstractItemModel::modelReset, this, [this] {
            endChange(true);
        }) << connect(model, &QAbstractItemModel::layoutChanged, this, [this] {
            endChange(false);
        }) << connect(model, &QObject::destroyed, this, [this] {
            // The view falls back to no model; nothing is left to show.
            disconnectModel();
            const bool showing = m_showing;
            forget();
            m_followUp = {};
            m_changing = 0;
            if (showing)
                Q_EMIT shownMessageChanged(QModelIndex());
        });
    }
    m_selection = m_view->selectionModel();
    // The view made it for the previous model and no longer uses it.
    dropSelectionModel(oldSelection, m_view);
    connectSelection();
    Q_EMIT selectionChanged();
    if (wasShowing)
        Q_EMIT shownMessageChanged(QModelIndex());
}

MessageSelectionKeeper::Identity MessageSelectionKeeper::identityOf(const QModelIndex &index)
{
    if (!index.isValid())
        return {};
    return {index.data(UnifiedInboxModel::AccountIdRole).toString(),
            index.data(MessageListModel::FolderIdRole).toLongLong(),
            index.data(MessageListModel::UidRole).toUInt()};
}

QModelIndex MessageSelectionKeeper::find(const Identity &identity, int rowHint) const
{
    if (!m_model || identity.isNull())
        return {};
    // A folder's list asks its store where the message is: one position query, where looking
    // at the old row first would read a window of rows there, and every row when it moved.
    if (auto *list = qobject_cast<MessageListModel *>(m_model.data())) {
        const QModelIndex at = list->folderId() == identity.folder ? list->indexForUid(identity.uid)
                                                                   : QModelIndex();
        return identityOf(at) == identity ? at : QModelIndex();
    }
    const int rows = m_model->rowCount();
    if (rowHint >= 0 && rowHint < rows) {
        const QModelIndex at = m_model->index(rowHint, 0);
        if (identityOf(at) == identity)
            return at;
    }
    const QModelIndexList hits = m_model->match(m_model->index(0, 0), MessageListModel::UidRole,
                                                QVariant::fromValue(identity.uid), -1,
                                                Qt::MatchExactly);
    for (const QModelIndex &hit : hits) {
        if (identityOf(hit) == identity)
            return hit.siblingAtColumn(0);
    }
    return {};
}

void MessageSelectionKeeper::prepareRemoval()
{
    m_followUp = {};
    if (!m_selection)
        return;
    // From the selection's ranges: after Select All in a large folder, selectedRows() and a set
    // of every selected row took seconds.
    const QItemSelection ranges = m_selection->selection();
    QModelIndex first;
    for (const QItemSelectionRange &range : ranges) {
        const QModelIndex top = QModelIndex(range.topLeft()).siblingAtColumn(0);
        if (top.isValid() && (!first.isValid() || top.row() < first.row()))
            first = top;
    }
    if (!first.isValid())
        return;
    const auto rangeHolding = [&ranges](const QModelIndex &at) -> const QItemSelectionRange * {
        const QModelIndex row = at.siblingAtColumn(0);
        for (const QItemSelectionRange &range : ranges) {
            if (range.contains(row))
                return &range;
        }
        return nullptr;
    };
    // The first row below the first selected one that stays takes its place; when none stays
    // below, the closest one above. A selected range is passed over in one step.
    QModelIndex successor;
    bool below = false;
    for (QModelIndex at = first.siblingAtRow(first.row() + 1); at.isValid();
         at = at.siblingAtRow(at.row() + 1)) {
        const QItemSelectionRange *range = rangeHolding(at);
        if (!range) {
            successor = at.siblingAtColumn(0);
            below = true;
            break;
        }
        at = at.siblingAtRow(range->bottom());
    }
    for (QModelIndex at = first.row() > 0 ? first.siblingAtRow(first.row() - 1) : QModelIndex();
         !successor.isValid() && at.isValid();
         at = at.row() > 0 ? at.siblingAtRow(at.row() - 1) : QModelIndex()) {
        const QItemSelectionRange *range = rangeHolding(at);
        if (!range)
            successor = at.siblingAtColumn(0);
        else
            at = at.siblingAtRow(range->top());
    }
    m_followUp.pending = true;
    m_followUp.successor = successor;
    m_followUp.identity = identityOf(successor);
    if (successor.isValid())
        m_followUp.row = below ? first.row() : successor.row();
}

void MessageSelectionKeeper::clear()
{
    m_followUp = {};
    if (m_selection) {
        m_selecting = true;
        m_selection->clear();
        m_selecting = false;
    }
    const bool wasShowing = m_showing;
    forget();
    if (wasShowing)
        Q_EMIT shownMessageChanged(QModelIndex());
}

void MessageSelectionKeeper::onCurrentChanged(const QModelIndex &current)
{
    // The selection model moves the current row off rows about to leave: that is no choice of
    // the user's, and settle() decides what is shown once they are gone.
    if (m_changing > 0 || m_selecting)
        return;
    const QModelIndex row = current.siblingAtColumn(0);
    if (m_showing && row == m_shown)
        return; // another column of the same row
    m_followUp = {};
    if (row.isValid())
        remember(row);
    else
        forget();
    Q_EMIT shownMessageChanged(row);
}

void MessageSelectionKeeper::beginChange()
{
    ++m_changing;
}

void MessageSelectionKeeper::endChange(bool rebuilt)
{
    m_rebuilt = m_rebuilt || rebuilt;
    if (m_changing > 0)
        --m_changing;
    if (m_changing > 0)
        return;
    const bool wasRebuilt = std::exchange(m_rebuilt, false);
    settle(wasRebuilt);
}

void MessageSelectionKeeper::settle(bool rebuilt)
{
    if (!m_selection)
        return;
    if (m_shown.isValid()) {
        // The message on display stays; the selection model may have moved the current row.
        if (m_selection->currentIndex().siblingAtColumn(0) != m_shown) {
            m_selecting = true;
            m_selection->setCurrentIndex(m_shown, QItemSelectionModel::NoUpdate);
            m_selecting = false;
        }
        m_shownRow = m_shown.row();
        if (m_followUp.pending && !m_selection->hasSelection())
            applyFollowUp();
        return;
    }
    // A reset keeps no row: the message is looked for again.
    if (m_showing && rebuilt && showAgain())
        return;
    const bool shownLeft = m_showing;
    if (shownLeft)
        Q_EMIT shownMessageLeft();
    if (m_followUp.pending && (shownLeft || !m_selection->hasSelection())) {
        applyFollowUp();
        return;
    }
    if (shownLeft)
        showNothing();
}

void MessageSelectionKeeper::applyFollowUp()
{
    const FollowUp followUp = std::exchange(m_followUp, {});
    QModelIndex next = followUp.successor;
    if (!next.isValid())
        next = find(followUp.identity, followUp.row);
    if (!next.isValid() && followUp.row >= 0 && m_model && m_model->rowCount() > 0) {
        // The row that was to follow went as well: the one now in its place.
        next = m_model->index(std::min(followUp.row, m_model->rowCount() - 1), 0);
    }
    if (next.isValid())
        show(next);
    else
        showNothing();
}

bool MessageSelectionKeeper::showAgain()
{
    const QModelIndex again = find(m_shownIdentity, m_shownRow);
    if (!again.isValid())
        return false;
    m_selecting = true;
    m_selection->setCurrentIndex(again,
                                 QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_selecting = false;
    remember(again);
    return true;
}

void MessageSelectionKeeper::remember(const QModelIndex &index)
{
    m_shown = index.siblingAtColumn(0);
    m_shownIdentity = identityOf(index);
    m_shownRow = index.row();
    m_showing = true;
}

void MessageSelectionKeeper::forget()
{
    m_shown = QPersistentModelIndex();
    m_shownIdentity = {};
    m_shownRow = -1;
    m_showing = false;
}

void MessageSelectionKeeper::show(const QModelIndex &index)
{
    const QModelIndex row = index.siblingAtColumn(0);
    m_selecting = true;
    m_selection->setCurrentIndex(row,
                                 QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_selecting = false;
    m_view->scrollTo(row);
    remember(row);
    Q_EMIT shownMessageChanged(row);
}

void MessageSelectionKeeper::showNothing()
{
    m_selecting = true;
    m_selection->clear();
    m_selecting = false;
    const bool wasShowing = m_showing;
    forget();
    if (wasShowing)
        Q_EMIT shownMessageChanged(QModelIndex());
}
