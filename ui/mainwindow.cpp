#include "mainwindow.h"

#include "models/accountfoldermodel.h"
#include "models/messagegroups.h"
#include "models/messagelistmodel.h"
#include "models/treerowsmodel.h"
#include "models/unifiedinboxmodel.h"
#include "viewer/messageviewer.h"

#include "folderchooserdialog.h"
#include "foldernamedialog.h"
#include "foldertreeview.h"
#include "icons.h"
#include "mainactions.h"
#include "messageexporter.h"
#include "messageitemdelegate.h"
#include "messageselectionkeeper.h"
#include "messagetableview.h"
#include "outboxview.h"
#include "shortcutsdialog.h"
#include "statusarea.h"

#include <QAbstractButton>
#include <QAction>
#include <QCloseEvent>
#include <QComboBox>
#include <QCoreApplication>
#include <QDialog>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;

namespace {
const QString geometryKey = QStringLiteral("mainWindow/geometry");
const QString stateKey = QStringLiteral("mainWindow/state");
const QString mainSplitterKey = QStringLiteral("mainWindow/mainSplitter");
const QString messageSplitterKey = QStringLiteral("mainWindow/messageSplitter");
const QString messageHeaderKey = QStringLiteral("mainWindow/messageListHeader");
const QString threadedKey = QStringLiteral("mainWindow/threaded");
const QString subscribedOnlyKey = QStringLiteral("mainWindow/subscribedFoldersOnly");
const QString flatThreadsKey = QStringLiteral("mainWindow/flatThreads");
const QString searchScopeKey = QStringLiteral("mainWindow/searchAllFolders");
} // namespace

MainWindow::MainWindow(QSettings *settings, QWidget *parent)
    : QMainWindow(parent)
    , m_settings(settings)
    , m_actions(new MainActions(this))
    , m_mainSplitter(new QSplitter(Qt::Horizontal, this))
    , m_messageSplitter(new QSplitter(Qt::Vertical, m_mainSplitter))
    , m_folderView(new FolderTreeView)
    , m_messagePane(new QStackedWidget)
    , m_listPane(new QWidget)
    , m_outboxView(new OutboxView)
    , m_messageTable(new MessageTableView)
    , m_threadRows(new TreeRowsModel(this))
    , m_selectionKeeper(new MessageSelectionKeeper(m_messageTable, this))
    , m_filterField(new QLineEdit)
    , m_searchScope(new QComboBox)
    , m_emptySearch(new QLabel)
    , m_messageViewer(new MessageViewer)
    , m_statusArea(new StatusArea(this))
    , m_readTimer(new QTimer(this))
{
    m_readTimer->setSingleShot(true);
    m_readTimer->setInterval(800);
    if (!m_settings) {
        m_settings = new QSettings;
        m_ownsSettings = true;
    }
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Heron"));
    setWindowIcon(Icons::icon(QStringLiteral("heron")));

    m_folderView->setObjectName(QStringLiteral("folderView"));
    m_folderView->setHeaderHidden(true);
    m_folderView->setUniformRowHeights(true);
    m_folderView->setAccessibleName(tr("Folders"));

    // A flat list and threads alike show in a table, which lays out no rows: a million
    // messages or conversations cost it nothing. Threads come as rows through m_threadRows.
    m_messageTable->setObjectName(QStringLiteral("messageTable"));
    m_messageTable->setItemDelegate(new MessageItemDelegate(m_messageTable));
    m_messageTable->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_messageTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    // Ctrl+A selects the rows as one range, threads' replies shown included: a million rows
    // selected are one range.
    auto *selectAll = new QAction(m_messageTable);
    selectAll->setShortcut(QKeySequence::SelectAll);
    selectAll->setShortcutContext(Qt::WidgetShortcut);
    m_messageTable->addAction(selectAll);
    connect(selectAll, &QAction::triggered, this, [this] {
        QAbstractItemModel *model = m_messageTable->model();
        QItemSelectionModel *selection = m_messageTable->selectionModel();
        if (!model || !selection || model->rowCount() == 0)
            return;
        const QItemSelection all(model->index(0, 0),
                                 model->index(model->rowCount() - 1, model->columnCount() - 1));
        selection->select(all, QItemSelectionModel::ClearAndSelect);
    });
    m_messageTable->setDragEnabled(true);
    m_messageTable->setDragDropMode(QAbstractItemView::DragOnly);
    // A drag moves; with Ctrl held it copies (the folder tree decides).
    m_messageTable->setDefaultDropAction(Qt::MoveAction);
    m_messageTable->setAccessibleName(tr("Messages"));
    // The empty search's label sits over the list.
    new QVBoxLayout(m_messageTable->viewport());
    QHeaderView *header = m_messageTable->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive); // never resize to contents
    header->setSectionsMovable(true);
    header->setStretchLastSection(true);
    header->setSortIndicatorShown(true);
    // Newest first until the user picks another order; set before sorting is enabled, which
    // sorts by the indicator.
    header->setSortIndicator(MessageListModel::DateColumn, Qt::DescendingOrder);
    m_messageTable->setSortingEnabled(true);

    m_filterField->setObjectName(QStringLiteral("filterField"));
    m_filterField->setPlaceholderText(tr("Filter messages (Esc to close)"));
    m_filterField->setClearButtonEnabled(true);
    m_filterField->addAction(Icons::icon(QStringLiteral("search")), QLineEdit::LeadingPosition);
    m_filterField->hide();
    m_searchScope->setObjectName(QStringLiteral("searchScope"));
    m_searchScope->addItem(tr("This Folder"));
    m_searchScope->addItem(tr("All Folders"));
    m_searchScope->setToolTip(tr("Search this folder, or every folder of every account and"
                                 " their servers. Try from:, to:, subject:, has:attachment,"
                                 " is:unread, is:flagged, before:YYYY-MM-DD, after:YYYY-MM-DD."));
    m_searchScope->setAccessibleName(tr("Search in"));
    m_searchScope->hide();
    m_emptySearch->setObjectName(QStringLiteral("emptySearch"));
    m_emptySearch->setAlignment(Qt::AlignCenter);
    m_emptySearch->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_emptySearch->setEnabled(false); // drawn in the disabled text colour
    m_emptySearch->hide();
    static_cast<QVBoxLayout *>(m_messageTable->viewport()->layout())
            ->addWidget(m_emptySearch, 0, Qt::AlignCenter);

    m_messageViewer->setObjectName(QStringLiteral("messageViewer"));
    m_messageViewer->setAccessibleName(tr("Message"));

    auto *listLayout = new QVBoxLayout(m_listPane);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->setSpacing(2);
    auto *searchRow = new QHBoxLayout;
    searchRow->setSpacing(4);
    searchRow->addWidget(m_filterField, 1);
    searchRow->addWidget(m_searchScope);
    listLayout->addLayout(searchRow);
    listLayout->addWidget(m_messageTable);

    m_mainSplitter->setObjectName(QStringLiteral("mainSplitter"));
    m_messageSplitter->setObjectName(QStringLiteral("messageSplitter"));
    m_mainSplitter->insertWidget(0, m_folderView);
    m_messagePane->setObjectName(QStringLiteral("messagePane"));
    m_messagePane->addWidget(m_listPane);
    m_messagePane->addWidget(m_outboxView);
    m_messageSplitter->addWidget(m_messagePane);
    m_messageSplitter->addWidget(m_messageViewer);
    m_mainSplitter->setStretchFactor(0, 0);
    m_mainSplitter->setStretchFactor(1, 1);
    m_messageSplitter->setStretchFactor(0, 2);
    m_messageSplitter->setStretchFactor(1, 3);
    m_mainSplitter->setSizes({240, 860});
    m_messageSplitter->setSizes({280, 420});
    m_mainSplitter->setChildrenCollapsible(false);
    setCentralWidget(m_mainSplitter);
    // Tab walks folders, filter, list and message in reading order.
    setTabOrder(m_folderView, m_filterField);
    setTabOrder(m_filterField, m_messageTable);
    setTabOrder(m_messageTable, m_messageViewer);

    statusBar()->addPermanentWidget(m_statusArea);

    createMenus();
    createToolBar();
    connectActions();
    resize(1100, 720);
    restoreLayout();
    updateMessageActions();
}

MainWindow::~MainWindow()
{
    // The thread rows are the window's own and go with its children: the list's end is no
    // message to clear from a viewer that may be gone before them.
    disconnect(m_selectionKeeper, nullptr, this, nullptr);
    if (m_ownsSettings)
        delete m_settings;
}

void MainWindow::setUndoText(const QString &text)
{
    QAction *undo = m_actions->undo();
    undo->setEnabled(!text.isEmpty());
    undo->setText(text.isEmpty() ? tr("&Undo") : tr("&Undo: %1").arg(text));
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_actions->newMessage());
    file->addAction(m_actions->openFile());
    file->addSeparator();
    file->addAction(m_actions->saveMessage());
    file->addAction(m_actions->print());
    file->addAction(m_actions->exportPdf());
    file->addSeparator();
    file->addAction(m_actions->refresh());
    file->addSeparator();
    file->addAction(m_actions->importContacts());
    file->addAction(m_actions->exportContacts());
    file->addSeparator();
    file->addAction(m_actions->quit());

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_actions->undo());
    edit->addSeparator();
    edit->addAction(m_actions->search());
    edit->addSeparator();
    edit->addAction(m_actions->accounts());
    edit->addAction(m_actions->settings());

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_actions->threadedView());
    view->addAction(m_actions->flatThreads());
    view->addAction(m_actions->expandThreads());
    view->addSeparator();
    view->addAction(m_actions->subscribedOnly());

    QMenu *folder = menuBar()->addMenu(tr("F&older"));
    folder->addAction(m_actions->newFolder());
    folder->addAction(m_actions->renameFolder());
    folder->addAction(m_actions->deleteFolder());
    folder->addSeparator();
    folder->addAction(m_actions->subscribeFolder());
    folder->addAction(m_actions->keepOffline());

    QMenu *message = menuBar()->addMenu(tr("&Message"));
    message->addAction(m_actions->reply());
    message->addAction(m_actions->replyAll());
    message->addAction(m_actions->replyToList());
    message->addAction(m_actions->forward());
    message->addAction(m_actions->forwardAsAttachment());
    message->addSeparator();
    message->addAction(m_actions->markRead());
    message->addAction(m_actions->markUnread());
    message->addAction(m_actions->flag());
    message->addAction(m_actions->nextUnread());
    message->addSeparator();
    message->addAction(m_actions->moveTo());
    message->addAction(m_actions->copyTo());
    message->addAction(m_actions->deleteMessage());
    message->addSeparator();
    message->addAction(m_actions->viewSource());
    message->addAction(m_actions->openInWindow());

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_actions->shortcuts());
    help->addAction(m_actions->about());
}

void MainWindow::createToolBar()
{
    QToolBar *bar = addToolBar(tr("Main Toolbar"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->setMovable(false);
    bar->addAction(m_actions->refresh());
    bar->addAction(m_actions->newMessage());
    bar->addSeparator();
    bar->addAction(m_actions->reply());
    bar->addAction(m_actions->replyAll());
    bar->addAction(m_actions->forward());
    // Forward's button opens a menu with its other way: the whole message as an attachment.
    if (auto *button = qobject_cast<QToolButton *>(bar->widgetForAction(m_actions->forward()))) {
        auto *ways = new QMenu(button);
        ways->addAction(m_actions->forward());
        ways->addAction(m_actions->forwardAsAttachment());
        button->setMenu(ways);
        button->setPopupMode(QToolButton::MenuButtonPopup);
    }
    bar->addSeparator();
    bar->addAction(m_actions->flag());
    bar->addAction(m_actions->deleteMessage());
    bar->addSeparator();
    bar->addAction(m_actions->search());
}

void MainWindow::connectActions()
{
    MainActions *a = m_actions;
    connect(a->newMessage(), &QAction::triggered, this, &MainWindow::newMessageRequested);
    connect(a->refresh(), &QAction::triggered, this, &MainWindow::refreshRequested);
    connect(a->accounts(), &QAction::triggered, this, &MainWindow::accountsRequested);
    connect(a->settings(), &QAction::triggered, this, &MainWindow::settingsRequested);
    connect(a->quit(), &QAction::triggered, this, &MainWindow::close);
    connect(a->search(), &QAction::triggered, this, &MainWindow::showFilter);
    connect(a->subscribedOnly(), &QAction::toggled, m_folderView,
            &FolderTreeView::setSubscribedOnly);
    connect(a->threadedView(), &QAction::toggled, this, [this](bool threaded) {
        m_actions->flatThreads()->setEnabled(threaded);
        m_actions->expandThreads()->setEnabled(threaded);
        // The list on display shows as it belongs now; a list that is replaced on
        // threadedChanged() is replaced there.
        if (QAbstractItemModel *model = messageModel())
            setMessageModel(model);
        Q_EMIT threadedChanged(threaded);
    });
    connect(a->flatThreads(), &QAction::toggled, this, &MainWindow::flatThreadsChanged);
    connect(a->expandThreads(), &QAction::triggered, m_threadRows, &TreeRowsModel::expandAll);
    connect(a->reply(), &QAction::triggered, this,
            [this] { Q_EMIT replyRequested(currentMessage()); });
    connect(a->replyAll(), &QAction::triggered, this,
            [this] { Q_EMIT replyAllRequested(currentMessage()); });
    connect(a->importContacts(), &QAction::triggered, this, &MainWindow::importContactsRequested);
    connect(a->exportContacts(), &QAction::triggered, this, &MainWindow::exportContactsRequested);
    connect(a->replyToList(), &QAction::triggered, this,
            [this] { Q_EMIT replyToListRequested(currentMessage()); });
    connect(a->forward(), &QAction::triggered, this,
            [this] { Q_EMIT forwardRequested(currentMessage()); });
    connect(a->forwardAsAttachment(), &QAction::triggered, this,
            [this] { Q_EMIT forwardAsAttachmentRequested(currentMessage()); });
    connect(a->deleteMessage(), &QAction::triggered, this, [this] {
        m_selectionKeeper->prepareRemoval();
        Q_EMIT deleteRequested(selectedMessages());
    });
    connect(a->moveTo(), &QAction::triggered, this, [this] { chooseMoveTarget(false); });
    connect(a->copyTo(), &QAction::triggered, this, [this] { chooseMoveTarget(true); });
    connect(a->newFolder(), &QAction::triggered, this,
            [this] { askNewFolder(m_folderView->currentIndex()); });
    connect(a->renameFolder(), &QAction::triggered, this,
            [this] { askRenameFolder(m_folderView->currentIndex()); });
    connect(a->deleteFolder(), &QAction::triggered, this,
            [this] { askDeleteFolder(m_folderView->currentIndex()); });
    connect(a->subscribeFolder(), &QAction::triggered, this, [this](bool subscribed) {
        const QModelIndex current = m_folderView->currentIndex();
        if (m_folderView->isFolder(current))
            Q_EMIT subscribeFolderRequested(current, subscribed);
    });
    connect(a->undo(), &QAction::triggered, this, [this] {
        setUndoText({});
        Q_EMIT undoRequested();
    });
    connect(a->markRead(), &QAction::triggered, this,
            [this] { Q_EMIT markReadRequested(selectedMessages()); });
    connect(a->markUnread(), &QAction::triggered, this,
            [this] { Q_EMIT markUnreadRequested(selectedMessages()); });
    connect(a->flag(), &QAction::triggered, this,
            [this] { Q_EMIT flagRequested(selectedMessages()); });

    connect(m_folderView, &FolderTreeView::messagesDropped, this,
            [this](const QModelIndex &target, qint64 sourceFolderId, const QList<quint32> &uids,
                   const QString &sourceAccountId, bool copy) {
                const MessageGroup messages {sourceAccountId, sourceFolderId, uids};
                if (copy) {
                    Q_EMIT copyRequested(target, messages);
                    return;
                }
                m_selectionKeeper->prepareRemoval();
                Q_EMIT moveRequested(target, messages);
            });
    connect(m_selectionKeeper, &MessageSelectionKeeper::selectionChanged, this,
            &MainWindow::updateMessageActions);
    // The viewer never keeps a message that left the list, even while the next one is fetched.
    connect(m_selectionKeeper, &MessageSelectionKeeper::shownMessageLeft, m_messageViewer,
            &MessageViewer::clear);
    connect(m_selectionKeeper, &MessageSelectionKeeper::shownMessageChanged, this,
            [this](const QModelIndex &message) {
                if (!message.isValid())
                    m_messageViewer->clear();
                m_readPending = message;
                if (message.isValid())
                    m_readTimer->start();
                else
                    m_readTimer->stop();
                Q_EMIT messageSelected(message);
            });
    connect(m_filterField, &QLineEdit::textChanged, this, &MainWindow::filterTextChanged);
    connect(m_filterField, &QLineEdit::textChanged, this, &MainWindow::updateEmptySearch);
    connect(m_searchScope, &QComboBox::currentIndexChanged, this, [this] {
        m_settings->setValue(searchScopeKey, isSearchingAllFolders());
        Q_EMIT searchScopeChanged(isSearchingAllFolders());
    });
    connect(a->keepOffline(), &QAction::triggered, this,
            [this](bool keep) { Q_EMIT keepOfflineRequested(m_folderView->currentIndex(), keep); });
    connect(m_readTimer, &QTimer::timeout, this, [this] {
        const QModelIndex message = m_readPending;
        if (message.isValid() && message.data(MessageListModel::IsUnreadRole).toBool()
            && message.row() == currentMessage().row()
            && message.parent() == currentMessage().parent())
            Q_EMIT markReadRequested(
                    QItemSelection(message.siblingAtColumn(0), message.siblingAtColumn(0)));
    });
    connect(a->openFile(), &QAction::triggered, this, [this] {
        const QString path = m_openFileChooser ? m_openFileChooser()
                                               : QFileDialog::getOpenFileName(
                                                       this, tr("Open Message File"), QString(),
                                                       tr("Email messages (*.eml);;All files (*)"));
        if (!path.isEmpty())
            Q_EMIT openFileRequested(path);
    });
    connect(a->saveMessage(), &QAction::triggered, this,
            [this] { Q_EMIT saveMessageRequested(currentMessage()); });
    connect(a->viewSource(), &QAction::triggered, this,
            [this] { Q_EMIT viewSourceRequested(currentMessage()); });
    connect(a->openInWindow(), &QAction::triggered, this,
            [this] { Q_EMIT openInWindowRequested(currentMessage()); });
    connect(a->print(), &QAction::triggered, this, [this] {
        const QString error = MessageExporter::print(this, m_messageViewer);
        if (!error.isEmpty())
            statusBar()->showMessage(error, 8000);
    });
    connect(a->exportPdf(), &QAction::triggered, this, [this] {
        const QString error = MessageExporter::exportPdf(this, m_messageViewer);
        if (!error.isEmpty())
            statusBar()->showMessage(error, 8000);
    });
    connect(a->shortcuts(), &QAction::triggered, this, [this] {
        QDialog *dialog = createShortcutsDialog();
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    });
    connect(a->about(), &QAction::triggered, this, [this] {
        QMessageBox::about(
                this, tr("About Heron"),
                tr("<h3>Heron %1</h3><p>A desktop mail client for people who care about their "
                   "tools.</p><p>Built with Qt %2.</p>")
                        .arg(QCoreApplication::applicationVersion().toHtmlEscaped(),
                             QString::fromLatin1(qVersion())));
    });
    // Enter or a double click: the message in a window of its own.
    connect(m_messageTable, &QAbstractItemView::doubleClicked, this,
            [this](const QModelIndex &index) {
                if (index.isValid())
                    Q_EMIT openInWindowRequested(index.siblingAtColumn(0));
            });
    m_messageTable->installEventFilter(this);
    m_messageTable->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_messageTable, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        const QModelIndex at = m_messageTable->indexAt(pos);
        if (!at.isValid())
            return;
        // A right click outside the selection acts on the message clicked, as everywhere.
        QItemSelectionModel *selection = m_messageTable->selectionModel();
        if (!selection->isRowSelected(at.row(), at.parent()))
            selection->setCurrentIndex(at, QItemSelectionModel::ClearAndSelect
                                                   | QItemSelectionModel::Rows);
        QMenu *menu = createMessageMenu();
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(m_messageTable->viewport()->mapToGlobal(pos));
    });
    connect(a->nextUnread(), &QAction::triggered, this, [this] {
        if (!selectNextUnread())
            statusBar()->showMessage(tr("No more unread messages"), 4000);
    });

    m_folderView->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_folderView, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        const QModelIndex at = m_folderView->indexAt(pos);
        if (!at.isValid())
            return;
        QMenu *menu = createFolderMenu(at);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(m_folderView->viewport()->mapToGlobal(pos));
    });
    connect(m_messageViewer, &MessageViewer::composeToRequested, this,
            &MainWindow::composeToRequested);
    connect(m_messageViewer, &MessageViewer::searchFromRequested, this, &MainWindow::searchFrom);
    connect(m_messageViewer, &MessageViewer::saveMessageRequested, m_actions->saveMessage(),
            &QAction::trigger);
    auto *escape = new QShortcut(QKeySequence(Qt::Key_Escape), m_filterField);
    escape->setContext(Qt::WidgetShortcut);
    connect(escape, &QShortcut::activated, this, &MainWindow::hideFilter);
}

QMenu *MainWindow::createMessageMenu()
{
    auto *menu = new QMenu(this);
    menu->setObjectName(u"messageMenu"_s);
    MainActions *a = m_actions;
    menu->addActions({a->reply(), a->replyAll(), a->forward(), a->forwardAsAttachment()});
    menu->addSeparator();
    menu->addActions({a->markRead(), a->markUnread(), a->flag()});
    menu->addSeparator();
    menu->addActions({a->moveTo(), a->copyTo(), a->deleteMessage()});
    menu->addSeparator();
    menu->addActions({a->openInWindow(), a->viewSource(), a->saveMessage()});
    return menu;
}

QDialog *MainWindow::createShortcutsDialog()
{
    return new ShortcutsDialog(QWidget::actions(), this);
}

void MainWindow::setMarkReadDelay(int milliseconds)
{
    m_readTimer->setInterval(milliseconds);
}

int MainWindow::markReadDelay() const
{
    return m_readTimer->interval();
}

bool MainWindow::selectNextUnread()
{
    QAbstractItemModel *model = m_messageTable->model();
    if (!model)
        return false;
    // In the order the list shows, from the row after the current one, threads unfolded.
    QModelIndex at = currentMessage().siblingAtColumn(0);
    for (;;) {
        at = at.isValid() ? at.siblingAtRow(at.row() + 1) : model->index(0, 0);
        if (!at.isValid())
            return false;
        if (at.data(MessageListModel::IsUnreadRole).toBool())
            break;
        if (model == m_threadRows)
            m_threadRows->setExpanded(at, true); // its replies come next
    }
    m_messageTable->selectionModel()->setCurrentIndex(at, QItemSelectionModel::ClearAndSelect
                                                                  | QItemSelectionModel::Rows);
    m_messageTable->scrollTo(at);
    return true;
}

void MainWindow::searchFrom(const QString &address)
{
    showFilter();
    m_filterField->setText(u"from:"_s + address);
}

void MainWindow::showFilter()
{
    m_filterField->show();
    m_searchScope->show();
    m_filterField->setFocus(Qt::ShortcutFocusReason);
    m_filterField->selectAll();
}

void MainWindow::hideFilter()
{
    m_filterField->clear(); // emits filterTextChanged("") so the list shows everything again
    m_filterField->hide();
    m_searchScope->hide();
    m_messageTable->setFocus(Qt::OtherFocusReason);
}

bool MainWindow::isSearchingAllFolders() const
{
    return m_searchScope->currentIndex() == 1;
}

void MainWindow::setSearchingAllFolders(bool all)
{
    m_searchScope->setCurrentIndex(all ? 1 : 0);
}

void MainWindow::setSearchBusy(bool busy)
{
    m_searchBusy = busy;
    updateEmptySearch();
}

void MainWindow::setKeepOfflineState(bool enabled, bool kept)
{
    QAction *keep = m_actions->keepOffline();
    keep->setEnabled(enabled);
    keep->setChecked(enabled && kept);
}

void MainWindow::fitSearchColumns()
{
    // Search results say where each message lives and who found it, after the list's own
    // columns: the subject gives up the room they need, so that they are in sight.
    QHeaderView *header = messageHeader();
    const int location = MessageListModel::ColumnCount;
    header->resizeSection(location, 200);
    header->resizeSection(location + 1, 140);
    int others = 0;
    for (int column = 0; column < header->count(); ++column) {
        if (column != MessageListModel::SubjectColumn && !header->isSectionHidden(column))
            others += header->sectionSize(column);
    }
    header->resizeSection(MessageListModel::SubjectColumn,
                          std::max(160, m_messageTable->viewport()->width() - others));
}

void MainWindow::updateEmptySearch()
{
    const QAbstractItemModel *model = m_messageTable->model();
    const bool empty = !m_filterField->text().trimmed().isEmpty() && model
                       && model->rowCount() == 0;
    m_emptySearch->setText(m_searchBusy ? tr("Searching…") : tr("No messages match"));
    m_emptySearch->setVisible(empty);
}

QTreeView *MainWindow::folderView() const
{
    return m_folderView;
}

bool MainWindow::isThreaded() const
{
    return m_actions->threadedView()->isChecked();
}

void MainWindow::setThreaded(bool threaded)
{
    m_actions->threadedView()->setChecked(threaded);
}

bool MainWindow::isFlatThreads() const
{
    return m_actions->flatThreads()->isChecked();
}

void MainWindow::setFolderIdRole(int role)
{
    m_folderView->setFolderIdRole(role);
}

void MainWindow::setAccountIdRole(int role)
{
    m_folderView->setAccountIdRole(role);
}

void MainWindow::setOutboxModel(QAbstractItemModel *model)
{
    m_outboxView->setModel(model);
}

void MainWindow::showMessageList()
{
    m_messagePane->setCurrentWidget(m_listPane);
    m_messageViewer->show();
    m_actions->search()->setEnabled(true);
    updateMessageActions();
}

void MainWindow::showOutbox()
{
    if (!m_filterField->isHidden())
        hideFilter();
    m_messagePane->setCurrentWidget(m_outboxView);
    m_messageViewer->hide();
    m_actions->search()->setEnabled(false);
    for (QAction *action : m_actions->messageActions())
        action->setEnabled(false);
}

bool MainWindow::isShowingOutbox() const
{
    return m_messagePane->currentWidget() == m_outboxView;
}

void MainWindow::onCurrentFolderChanged(const QModelIndex &current)
{
    // Another folder: its messages are not those on display.
    m_selectionKeeper->clear();
    m_messageViewer->clear();
    // Choosing a folder while every folder is searched searches that folder.
    if (isSearchingAllFolders() && !m_filterField->text().trimmed().isEmpty())
        setSearchingAllFolders(false);
    updateFolderActions();
    Q_EMIT folderSelected(current);
}

void MainWindow::setFolderModel(QAbstractItemModel *model)
{
    m_folderView->setModel(model);
    disconnect(m_folderCurrentConnection);
    m_folderCurrentConnection = connect(m_folderView, &FolderTreeView::currentFolderChanged, this,
                                        &MainWindow::onCurrentFolderChanged);
    // A folder renamed or (un)subscribed elsewhere changes what the actions say.
    connect(model, &QAbstractItemModel::dataChanged, this, &MainWindow::updateFolderActions);
    connect(model, &QAbstractItemModel::modelReset, this, &MainWindow::updateFolderActions);
    updateFolderActions();
}

void MainWindow::updateMessageActions()
{
    // hasSelection(), not selectedRows(): after Select All in a large folder the latter would
    // make an index for every row on each change of the selection.
    const QItemSelectionModel *selection = m_messageTable->selectionModel();
    const bool any = !isShowingOutbox() && selection && selection->hasSelection();
    for (QAction *action : m_actions->messageActions())
        action->setEnabled(any);
    m_actions->replyToList()->setEnabled(any && m_listReplyAvailable);
}

void MainWindow::setListReplyAvailable(bool available)
{
    m_listReplyAvailable = available;
    updateMessageActions();
}

void MainWindow::chooseMoveTarget(bool copy)
{
    QAbstractItemModel *messages = m_messageTable->model();
    QAbstractItemModel *folders = m_folderView->model();
    if (!messages || !folders)
        return;
    // The same drag data the list gives the folder tree, and the same rules for where it may go.
    // A whole folder's first row stands for it: its UIDs are read on a worker as it moves.
    const QItemSelection selection = selectedMessages();
    const std::optional<MessageGroup> wholeFolder = MessageGroups::wholeFolderOf(selection);
    const QModelIndexList rows = wholeFolder ? QModelIndexList {selection.constFirst().topLeft()}
                                             : MessageGroups::rowsOf(selection);
    std::shared_ptr<QMimeData> mime(messages->mimeData(rows));
    MessageGroup chosen;
    if (!MessageListModel::decodeMimeData(mime.get(), &chosen.folderId, &chosen.uids)) {
        statusBar()->showMessage(tr("Messages of different accounts cannot be moved together."),
                                 8000);
        return;
    }
    // Every account's folders, the messages' own account first in view: the one the messages
    // name (All Inboxes), else the one of the folder on display.
    const QString account = UnifiedInboxModel::accountOf(mime.get());
    chosen.accountId = account;
    if (wholeFolder) {
        chosen.uids.clear();
        chosen.wholeFolder = true;
    }
    auto *dialog = new FolderChooserDialog(
            folders, QModelIndex(),
            [this, mime](const QModelIndex &folder) {
                return m_folderView->acceptsMessages(folder, mime.get());
            },
            this);
    dialog->setCopying(copy);
    dialog->showNear(m_folderView->accountRoot(account));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, chosen, copy] {
        const QModelIndex target = dialog->chosenFolder();
        if (!target.isValid())
            return;
        if (copy) {
            Q_EMIT copyRequested(target, chosen);
            return;
        }
        m_selectionKeeper->prepareRemoval();
        Q_EMIT moveRequested(target, chosen);
    });
    dialog->open();
}

void MainWindow::saveLayout()
{
    m_settings->setValue(geometryKey, saveGeometry());
    m_settings->setValue(stateKey, saveState());
    m_settings->setValue(mainSplitterKey, m_mainSplitter->saveState());
    m_settings->setValue(messageSplitterKey, m_messageSplitter->saveState());
    m_settings->setValue(threadedKey, isThreaded());
    m_settings->setValue(subscribedOnlyKey, m_actions->subscribedOnly()->isChecked());
    m_settings->setValue(flatThreadsKey, isFlatThreads());
    // The columns of a folder's list; those of search results are laid out when shown.
    if (m_messageTable->model()
        && m_messageTable->model()->columnCount() <= MessageListModel::ColumnCount)
        m_settings->setValue(messageHeaderKey, messageHeader()->saveState());
    m_settings->sync();
}

void MainWindow::restoreLayout()
{
    restoreGeometry(m_settings->value(geometryKey).toByteArray());
    restoreState(m_settings->value(stateKey).toByteArray());
    m_mainSplitter->restoreState(m_settings->value(mainSplitterKey).toByteArray());
    m_messageSplitter->restoreState(m_settings->value(messageSplitterKey).toByteArray());
    setThreaded(m_settings->value(threadedKey, false).toBool());
    m_actions->subscribedOnly()->setChecked(m_settings->value(subscribedOnlyKey, false).toBool());
    m_actions->flatThreads()->setChecked(m_settings->value(flatThreadsKey, false).toBool());
    setSearchingAllFolders(m_settings->value(searchScopeKey, false).toBool());
    // Column widths need the model's columns: kept until a model is set.
    m_pendingHeaderState = m_settings->value(messageHeaderKey).toByteArray();
    if (m_messageTable->model() && !m_pendingHeaderState.isEmpty()) {
        messageHeader()->restoreState(m_pendingHeaderState);
        fitColumns();
    }
}

bool MainWindow::confirmQuitWithUnsentMail()
{
    if (!m_hasUnsentMail || !m_hasUnsentMail())
        return true;
    QMessageBox question(QMessageBox::Question, tr("Unsent Messages"),
                         tr("Some messages have not been sent yet. They stay in the Outbox and"
                            " are sent when Heron starts again.\n\nQuit anyway?"),
                         QMessageBox::Yes | QMessageBox::No, this);
    question.setObjectName(QStringLiteral("unsentMailQuestion"));
    question.setDefaultButton(QMessageBox::No);
    question.button(QMessageBox::Yes)->setText(tr("&Quit"));
    question.button(QMessageBox::No)->setText(tr("&Keep Running"));
    return question.exec() == QMessageBox::Yes;
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_messageTable && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)
            && key->modifiers() == Qt::NoModifier && currentMessage().isValid()) {
            Q_EMIT openInWindowRequested(currentMessage().siblingAtColumn(0));
            return true;
        }
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!confirmQuitWithUnsentMail()) {
        event->ignore();
        return;
    }
    saveLayout();
    QMainWindow::closeEvent(event);
}
