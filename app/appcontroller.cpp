#include "appcontroller.h"

#include "accountlistdialog.h"
#include "accounts/fallbacksecretstore.h"
#include "accounts/filesecretstore.h"
#include "accounts/keychainsecretstore.h"
#include "addresslist.h"
#include "composerequest.h"
#include "composerwindow.h"
#include "desktopnotifier.h"
#include "draftkeeper.h"
#include "foldericonproxymodel.h"
#include "mainwindow.h"
#include "messageexporter.h"
#include "messagewindow.h"
#include "mime/listpostheader.h"
#include "mime/mimepart.h"
#include "models/accountfoldermodel.h"
#include "models/foldertreemodel.h"
#include "models/messagelistmodel.h"
#include "models/searchresultsmodel.h"
#include "models/threadlistmodel.h"
#include "models/unifiedinboxmodel.h"
#include "outbox/messagesender.h"
#include "outboxcontroller.h"
#include "people/addressbook.h"
#include "service/accountmanager.h"
#include "service/accountservice.h"
#include "service/crossaccounttransfer.h"
#include "service/runningaccount.h"
#include "service/serverconnectiontester.h"
#include "settingsdialog.h"
#include "statusarea.h"
#include "trayindicator.h"
#include "viewer/messagepresenter.h"
#include "viewer/messageviewer.h"
#include "wholemessagerequest.h"

#include <QFile>

#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QLineEdit>
#include <QSaveFile>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTreeView>

#include <algorithm>

namespace {

StatusArea::ConnectionState statusOf(AccountService::State state)
{
    switch (state) {
    case AccountService::State::Connecting:
        return StatusArea::ConnectionState::Connecting;
    case AccountService::State::Online:
        return StatusArea::ConnectionState::Online;
    case AccountService::State::Failed:
        return StatusArea::ConnectionState::Error;
    case AccountService::State::Offline:
        break;
    }
    return StatusArea::ConnectionState::Offline;
}

} // namespace

AppController::AppController(QObject *parent)
    : QObject(parent)
    , m_accounts(&m_settings)
    , m_remoteContent(&m_settings)
    , m_folderIcons(std::make_unique<FolderIconProxyModel>())
    , m_people(std::make_unique<AddressBook>())
    , m_window(std::make_unique<MainWindow>(&m_settings))
{
    // Passwords: the demo's private file when HERON_DEMO_PASSWORD_FILE names one; otherwise the
    // system keychain, falling back to memory for this session when no keychain answers.
    const QString demoFile = FileSecretStore::pathFromEnvironment();
    if (!demoFile.isEmpty()) {
        m_secrets = std::make_unique<FileSecretStore>(demoFile);
    } else {
        m_primarySecrets = std::make_unique<KeychainSecretStore>(QStringLiteral("heron"));
        m_secrets = std::make_unique<FallbackSecretStore>(m_primarySecrets.get(), &m_sessionSecrets);
    }

    m_manager = std::make_unique<AccountManager>(&m_accounts, m_secrets.get(),
                                                 QStandardPaths::writableLocation(
                                                         QStandardPaths::AppDataLocation));
    m_folderIcons->setSourceModel(m_manager->folderModel());
    m_window->setFolderModel(m_folderIcons.get());
    m_window->setFolderIdRole(FolderTreeModel::FolderIdRole);
    m_window->setAccountIdRole(AccountFolderModel::AccountIdRole);
    m_window->setUnsentMailCheck([this] { return hasUnsentMail(); });
    m_outbox = std::make_unique<OutboxController>(m_window.get(), m_manager->outboxModel());
    connect(m_outbox.get(), &OutboxController::statusMessage, this, &AppController::showStatus);
    m_drafts = std::make_unique<DraftKeeper>(
            QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
            + QStringLiteral("/drafts"));
    m_tray = std::make_unique<TrayIndicator>(m_manager->newMail(), m_window.get(), true);
    // New mail is announced by the desktop's notification service; the tray shows it only
    // where no such service answers.
    m_notifier = std::make_unique<DesktopNotifier>(m_manager->newMail());
    m_tray->setAnnouncesNewMail(false);
    connect(m_notifier.get(), &DesktopNotifier::notificationFailed, m_tray.get(),
            &TrayIndicator::notify);
    connect(m_notifier.get(), &DesktopNotifier::openRequested, this,
            &AppController::openNotifiedMessage);
    connect(m_drafts.get(), &DraftKeeper::uploadRequested, this, &AppController::uploadDraft);
    connect(m_drafts.get(), &DraftKeeper::saveFailed, this, [this](const QString &path) {
        showStatus(tr("The draft could not be saved to %1").arg(path));
    });

    MainWindow *w = m_window.get();
    connect(w, &MainWindow::newMessageRequested, this, [this] { openComposer(ComposeRequest()); });
    connect(w, &MainWindow::accountsRequested, this, &AppController::openAccounts);
    connect(w, &MainWindow::importContactsRequested, this, [this] { chooseContactsFile(true); });
    connect(w, &MainWindow::exportContactsRequested, this, [this] { chooseContactsFile(false); });
    connect(w, &MainWindow::settingsRequested, this, &AppController::openSettings);
    connect(w, &MainWindow::openFileRequested, this, &AppController::openMessageFile);
    connect(w, &MainWindow::openInWindowRequested, this, &AppController::openInWindow);
    connect(w, &MainWindow::viewSourceRequested, this, [this](const QModelIndex &row) {
        withWholeMessage(row, this, [this](const QByteArray &raw) {
            MessageExporter::showSource(m_window.get(), raw);
        });
    });
    connect(w, &MainWindow::saveMessageRequested, this, [this](const QModelIndex &row) {
        const QString subject = row.data(MessageListModel::SubjectRole).toString();
        withWholeMessageSource(row, this, [this, subject](const MessageSource &message) {
            const QString error = MessageExporter::saveAs(m_window.get(), message, subject);
            if (!error.isEmpty())
                showStatus(error);
        });
    });
    connect(w, &MainWindow::composeToRequested, this, [this](const QString &address) {
        ComposeRequest request;
        request.to = address;
        openComposer(request);
    });
    connect(w, &MainWindow::markFolderReadRequested, this, [this](const QModelIndex &folder) {
        RunningAccount *session = m_manager->runningAccount(
                folder.data(AccountFolderModel::AccountIdRole).toString());
        const qint64 folderId = folder.data(FolderTreeModel::FolderIdRole).toLongLong();
        if (!session || folderId == 0)
            return;
        session->service()->markFolderRead(folderId);
    });
    w->setFolderChangeCheck([this](const QModelIndex &folder, bool deleting) {
        RunningAccount *session = m_manager->runningAccount(
                folder.data(AccountFolderModel::AccountIdRole).toString());
        const qint64 folderId = folder.data(FolderTreeModel::FolderIdRole).toLongLong();
        if (!session || folderId == 0)
            return QString();
        return session->service()->checkFolderChange(folderId, deleting).message();
    });
    connect(w, &MainWindow::createFolderRequested, this,
            [this](const QModelIndex &at, bool inside, const QString &name) {
                RunningAccount *session = m_manager->runningAccount(
                        at.data(AccountFolderModel::AccountIdRole).toString());
                if (!session)
                    return;
                const qint64 parentFolder
                        = inside ? at.data(FolderTreeModel::FolderIdRole).toLongLong() : 0;
                if (const MailError refused = session->service()->createFolder(parentFolder, name))
                    m_window->showFolderError(refused.toString());
            });
    connect(w, &MainWindow::renameFolderRequested, this,
            [this](const QModelIndex &folder, const QString &name) {
                RunningAccount *session = m_manager->runningAccount(
                        folder.data(AccountFolderModel::AccountIdRole).toString());
                const qint64 folderId = folder.data(FolderTreeModel::FolderIdRole).toLongLong();
                if (!session || folderId == 0)
                    return;
                if (const MailError refused = session->service()->renameFolder(folderId, name))
                    m_window->showFolderError(refused.toString());
            });
    connect(w, &MainWindow::deleteFolderRequested, this, [this](const QModelIndex &folder) {
        RunningAccount *session = m_manager->runningAccount(
                folder.data(AccountFolderModel::AccountIdRole).toString());
        const qint64 folderId = folder.data(FolderTreeModel::FolderIdRole).toLongLong();
        if (!session || folderId == 0)
            return;
        if (const MailError refused = session->service()->deleteFolder(folderId))
            m_window->showFolderError(refused.toString());
    });
    connect(w, &MainWindow::emptyFolderRequested, this, [this](const QModelIndex &folder) {
        RunningAccount *session = m_manager->runningAccount(
                folder.data(AccountFolderModel::AccountIdRole).toString());
        const qint64 folderId = folder.data(FolderTreeModel::FolderIdRole).toLongLong();
        if (!session || folderId == 0)
            return;
        if (const MailError refused = session->service()->emptyFolder(folderId))
            m_window->showFolderError(refused.toString());
    });
    connect(w, &MainWindow::subscribeFolderRequested, this,
            [this](const QModelIndex &folder, bool subscribed) {
                RunningAccount *session = m_manager->runningAccount(
                        folder.data(AccountFolderModel::AccountIdRole).toString());
                const qint64 folderId = folder.data(FolderTreeModel::FolderIdRole).toLongLong();
                if (!session || folderId == 0)
                    return;
                const MailError refused = session->service()->setFolderSubscribed(folderId,
                                                                                  subscribed);
                if (refused)
                    m_window->showFolderError(refused.toString());
            });
    connect(w->messageViewer(), &MessageViewer::attachmentFailed, this,
            [this](const QString &, const QString &error) { showStatus(error); });
    connect(w, &MainWindow::folderSelected, this, &AppController::onFolderSelected);
    // Before the message is shown: a row of the unified Inbox makes its own account current.
    connect(w, &MainWindow::messageSelected, this, [this](const QModelIndex &index) {
        const QString account = index.data(UnifiedInboxModel::AccountIdRole).toString();
        if (RunningAccount *session = account.isEmpty() ? nullptr
                                                        : m_manager->runningAccount(account))
            m_current = session;
    });
    connect(w, &MainWindow::messageSelected, this, &AppController::onMessageSelected);
    connect(w, &MainWindow::moveRequested, this,
            [this](const QModelIndex &target, const MessageGroup &messages) {
                transferMessages(target, messages, false);
            });
    connect(w, &MainWindow::copyRequested, this,
            [this](const QModelIndex &target, const MessageGroup &messages) {
                transferMessages(target, messages, true);
            });
    CrossAccountTransfer *transfers = m_manager->transfers();
    connect(transfers, &CrossAccountTransfer::progress, this, [this](int done, int total) {
        if (done >= total)
            m_window->statusArea()->clearProgress();
        else
            m_window->statusArea()->showProgress(tr("Moving and copying messages"), done, total);
    });
    connect(transfers, &CrossAccountTransfer::notice, this, &AppController::showStatus);
    connect(transfers, &CrossAccountTransfer::errorOccurred, this,
            [this](const MailError &error) { showStatus(error.toString()); });
    connect(w, &MainWindow::refreshRequested, this, [this] {
        for (RunningAccount *session : m_manager->runningAccounts())
            session->service()->refresh();
    });
    connect(w, &MainWindow::filterTextChanged, this, &AppController::applySearch);
    connect(w, &MainWindow::searchScopeChanged, this, &AppController::applySearch);
    connect(m_manager->searchResults(), &SearchResultsModel::serverSearchingChanged, w,
            &MainWindow::setSearchBusy);
    connect(m_manager->searchResults(), &SearchResultsModel::errorOccurred, this,
            [this](const MailError &error) { showStatus(error.toString()); });
    connect(w, &MainWindow::keepOfflineRequested, this,
            [this](const QModelIndex &folder, bool keep) {
                RunningAccount *session = m_manager->runningAccount(
                        folder.data(AccountFolderModel::AccountIdRole).toString());
                const qint64 folderId = folder.data(FolderTreeModel::FolderIdRole).toLongLong();
                if (session && folderId != 0)
                    session->service()->setKeepOffline(folderId, keep);
            });
    connect(w, &MainWindow::threadedChanged, this, &AppController::showMessageModel);
    connect(w, &MainWindow::flatThreadsChanged, this, [this](bool flat) {
        if (m_threads)
            m_threads->setFlat(flat);
    });
    connect(w, &MainWindow::deleteRequested, this, [this](const QItemSelection &messages) {
        for (const SessionMessages &group : byFolder(messages))
            group.session->service()->deleteMessages(group.messages);
    });
    connect(w, &MainWindow::markReadRequested, this, [this](const QItemSelection &messages) {
        for (const SessionMessages &group : byFolder(messages))
            group.session->service()->changeFlags(group.messages, MessageRecord::Seen, {});
    });
    connect(w, &MainWindow::markUnreadRequested, this, [this](const QItemSelection &messages) {
        for (const SessionMessages &group : byFolder(messages))
            group.session->service()->changeFlags(group.messages, {}, MessageRecord::Seen);
    });
    connect(w, &MainWindow::flagRequested, this, [this](const QItemSelection &messages) {
        if (messages.isEmpty())
            return;
        // As the first selected message is: flagged, all lose the flag; else all get it.
        const bool flagged
                = messages.first().topLeft().data(MessageListModel::IsFlaggedRole).toBool();
        const MessageRecord::Flags add = flagged ? MessageRecord::Flags() : MessageRecord::Flagged;
        const MessageRecord::Flags remove = flagged ? MessageRecord::Flagged
                                                    : MessageRecord::Flags();
        for (const SessionMessages &group : byFolder(messages))
            group.session->service()->changeFlags(group.messages, add, remove);
    });
    // Takes back the last move or deletion into Trash, on the server.
    connect(w, &MainWindow::undoRequested, this, [this] {
        if (undoSend())
            return;
        if (m_undoAccount && m_undoAccount->service()->canUndo())
            m_undoAccount->service()->undo();
    });
    connect(w, &MainWindow::replyRequested, this, [this] { respond(Response::Reply); });
    connect(w, &MainWindow::replyAllRequested, this, [this] { respond(Response::ReplyAll); });
    connect(w, &MainWindow::replyToListRequested, this, [this] { respond(Response::ReplyList); });
    connect(w, &MainWindow::forwardRequested, this, [this] { respond(Response::Forward); });
    connect(w, &MainWindow::forwardAsAttachmentRequested, this, &AppController::forwardAsAttachment);
    m_display = new MessagePresenter(w->messageViewer(), this);
    m_display->setRemoteContent(&m_remoteContent, &m_remoteImages);
    connect(m_display, &MessagePresenter::failed, this, &AppController::showStatus);
    connect(m_display, &MessagePresenter::shown, w, [this, w] {
        w->setListReplyAvailable(
                !ListPostHeader::address(m_display->message().header("List-Post")).isEmpty());
    });
    connect(m_manager.get(), &AccountManager::accountStarted, this, &AppController::connectSession);
    connect(m_manager.get(), &AccountManager::accountStopping, this,
            [this](RunningAccount *session) {
                m_window->statusArea()->removeAccount(session->account().id());
                m_outbox->removeSender(session->account().id());
                if (session == m_undoAccount)
                    m_window->setUndoText({});
            });
    connect(m_manager.get(), &AccountManager::errorOccurred, this, &AppController::showStatus);
    // Nothing chosen yet: the first account's Inbox opens as soon as it is listed.
    connect(m_manager->folderModel(), &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &under, int first, int last) {
                // An account's folders show unfolded, as they come.
                QTreeView *view = m_window->folderView();
                if (under.isValid()) {
                    view->expandRecursively(m_folderIcons->mapFromSource(under));
                } else {
                    for (int row = first; row <= last; ++row)
                        view->expandRecursively(m_folderIcons->mapFromSource(
                                m_manager->folderModel()->index(row, 0)));
                }
                openFirstInbox();
            });
    openAddressBook();
    m_manager->start();
    // Opened once the window has been shown, so a restored composer comes up in front of it.
    QMetaObject::invokeMethod(this, &AppController::restoreDrafts, Qt::QueuedConnection);
}

AppController::~AppController()
{
    // The sessions go before the widgets that show them. The window's signals are cut first:
    // the folder rows leaving with the sessions move its selection, which must not reach a
    // manager being destroyed.
    disconnect(m_window.get(), nullptr, this, nullptr);
    disconnect(m_manager.get(), nullptr, this, nullptr);
    m_manager.reset();
}

void AppController::openAddressBook()
{
    const QString directory = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(directory);
    if (MailError error = m_people->open(directory + QStringLiteral("/addressbook.sqlite"))) {
        showStatus(tr("The address book could not be opened: %1").arg(error.toString()));
        m_people->open(QStringLiteral(":memory:")); // completion still learns this session
    }
}

QString AppController::importContacts(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return tr("“%1” could not be read: %2").arg(path, file.errorString());
    const StoreResult<int> added = m_people->importVCard(file.readAll());
    if (!added)
        return tr("The contacts could not be imported: %1").arg(added.error().toString());
    return tr("%n new address(es) imported from “%1”.", nullptr, added.value()).arg(path);
}

QString AppController::exportContacts(const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(m_people->exportVCard()) < 0
        || !file.commit())
        return tr("“%1” could not be written: %2").arg(path, file.errorString());
    return tr("%n address(es) exported to “%1”.", nullptr, m_people->count()).arg(path);
}

void AppController::chooseContactsFile(bool import)
{
    auto *dialog = new QFileDialog(m_window.get(),
                                   import ? tr("Import Contacts") : tr("Export Contacts"));
    dialog->setObjectName(QStringLiteral("contactsFileDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setNameFilters({tr("vCard files (*.vcf *.vcard)"), tr("All files (*)")});
    dialog->setAcceptMode(import ? QFileDialog::AcceptOpen : QFileDialog::AcceptSave);
    dialog->setFileMode(import ? QFileDialog::ExistingFile : QFileDialog::AnyFile);
    if (!import) {
        dialog->setDefaultSuffix(QStringLiteral("vcf"));
        dialog->selectFile(tr("contacts.vcf"));
    }
    connect(dialog, &QFileDialog::fileSelected, this, [this, import](const QString &path) {
        showStatus(import ? importContacts(path) : exportContacts(path));
    });
    dialog->open();
}

void AppController::connectSession(RunningAccount *session)
{
    AccountService *service = session->service();
    const QString id = session->account().id();
    m_window->statusArea()->setConnectionState(id, session->account().displayName(),
                                               StatusArea::ConnectionState::Offline);
    m_outbox->addSender(id, session->sender());
    connect(service, &AccountService::stateChanged, this,
            [this, session, id](AccountService::State state, const QString &detail) {
                m_window->statusArea()->setConnectionState(id, session->account().displayName(),
                                                           statusOf(state), detail);
                if (state == AccountService::State::Failed)
                    showStatus(session->account().displayName() + QStringLiteral(": ") + detail);
            });
    connect(service, &AccountService::syncProgress, this, [this](qint64 done, qint64 total) {
        if (done >= total)
            m_window->statusArea()->clearProgress();
        else
            m_window->statusArea()->showProgress(tr("Fetching messages"), int(done), int(total));
    });
    connect(service, &AccountService::syncFinished, this,
            [this] { m_window->statusArea()->clearProgress(); });
    // A large change (Select All, then Move) is one command the server may take a while over:
    // busy until it answers.
    connect(service, &AccountService::changesProgress, this,
            [this](const QString &text, int done, int total) {
                if (text.isEmpty())
                    m_window->statusArea()->clearProgress();
                else
                    m_window->statusArea()->showProgress(text, total > 1 ? done : 0,
                                                         total > 1 ? total : 0);
            });
    connect(service, &AccountService::offlineProgress, this,
            [this, service](qint64 folderId, int done, int total) {
                if (done >= total) {
                    m_window->statusArea()->clearProgress();
                    return;
                }
                m_window->statusArea()->showProgress(tr("Keeping %1 for offline use")
                                                             .arg(service->folderName(folderId)),
                                                     done, total);
            });
    connect(service, &AccountService::errorOccurred, this,
            [this](const MailError &error) { showStatus(error.toString()); });
    connect(service, &AccountService::notice, this, &AppController::showStatus);
    connect(service, &AccountService::folderChanged, this,
            [this](FolderEditor::Operation operation, qint64, const QString &path,
                   const QString &newPath, const MailError &error) {
                if (error) {
                    m_window->showFolderError(error.toString());
                    return;
                }
                using O = FolderEditor::Operation;
                switch (operation) {
                case O::Create:
                    showStatus(tr("Created the folder %1").arg(path));
                    break;
                case O::Rename:
                    showStatus(tr("Renamed the folder %1 to %2").arg(path, newPath));
                    break;
                case O::Delete:
                    showStatus(tr("Deleted the folder %1").arg(path));
                    break;
                case O::Subscribe:
                    showStatus(tr("Subscribed to the folder %1").arg(path));
                    break;
                case O::Unsubscribe:
                    showStatus(tr("Unsubscribed from the folder %1").arg(path));
                    break;
                }
            });
    connect(service, &AccountService::undoAvailable, this, [this, session](const QString &text) {
        m_undoAccount = session;
        m_window->setUndoText(text);
        showStatus(
                tr("%1 — Undo with %2")
                        .arg(text,
                             QKeySequence(QKeySequence::Undo).toString(QKeySequence::NativeText)));
    });
    connect(service, &AccountService::trustRequested, this,
            [this, session](const QList<QSslCertificate> &chain, const QString &reasons) {
                askTrust(session, chain, reasons, false);
            });
    connect(service, &AccountService::passwordRequested, this,
            [this, session](AccountService::PasswordReason reason, const QString &detail) {
                askPassword(session, reason, detail);
            });
    // The OAuth 2.0 sign-in happens in the system browser.
    connect(service, &AccountService::browserRequested, this,
            [](const QUrl &url) { QDesktopServices::openUrl(url); });
    connect(service, &AccountService::submissionPasswordRequested, this,
            [this, session](AccountService::PasswordReason reason, const QString &detail) {
                askPassword(session, reason, detail, true);
            });
    connect(service, &AccountService::trashFolderRequested, this,
            [this, session](const QStringList &candidates) { askTrashFolder(session, candidates); });
    connect(service, &AccountService::expungeAllRequested, this,
            [this, session](qint64 folderId, int count, int others) {
                askExpungeAll(session, folderId, count, others);
            });
    connect(session->sender(), &MessageSender::trustRequested, this,
            [this, session](const QString &, const QList<QSslCertificate> &chain,
                            const QString &reasons) { askTrust(session, chain, reasons, true); });
    // Each attempt's outcome reaches the status bar through OutboxController::statusMessage.
}

void AppController::openFirstInbox()
{
    if (m_window->folderView()->currentIndex().isValid())
        return;
    const AccountFolderModel *folders = m_manager->folderModel();
    for (RunningAccount *session : m_manager->runningAccounts()) {
        const qint64 inbox = session->service()->folderId(FolderRecord::SpecialUse::Inbox);
        const QModelIndex index = folders->folderIndex(session->account().id(), inbox);
        if (inbox != 0 && index.isValid()) {
            m_window->folderView()->setCurrentIndex(m_folderIcons->mapFromSource(index));
            return;
        }
    }
}

void AppController::openNotifiedMessage(const QString &accountId, qint64 folderId, quint32 uid)
{
    m_window->showNormal();
    m_window->raise();
    m_window->activateWindow();
    const QModelIndex folder = m_manager->folderModel()->folderIndex(accountId, folderId);
    if (!folder.isValid())
        return;
    m_window->folderView()->setCurrentIndex(m_folderIcons->mapFromSource(folder));
    QAbstractItemView *list = m_window->messageView();
    QAbstractItemModel *model = list->model();
    if (!model || uid == 0)
        return;
    QModelIndex row;
    if (auto *messages = qobject_cast<MessageListModel *>(model)) {
        row = messages->indexForUid(uid);
    } else {
        const QModelIndexList found = model->match(model->index(0, 0), MessageListModel::UidRole,
                                                   uid, 1, Qt::MatchExactly | Qt::MatchRecursive);
        row = found.value(0);
    }
    if (row.isValid()) {
        list->setCurrentIndex(row);
        list->scrollTo(row);
    }
}

void AppController::onFolderSelected(const QModelIndex &index)
{
    const auto kind = AccountFolderModel::Kind(index.data(AccountFolderModel::KindRole).toInt());
    if (kind == AccountFolderModel::Kind::Outbox) {
        m_window->showOutbox();
        return;
    }
    m_window->showMessageList();
    m_window->setKeepOfflineState(false, false);
    if (kind == AccountFolderModel::Kind::AllInboxes) {
        showUnifiedInbox();
        return;
    }
    RunningAccount *session = m_manager->runningAccount(
            index.data(AccountFolderModel::AccountIdRole).toString());
    const qint64 folderId = index.data(FolderTreeModel::FolderIdRole).toLongLong();
    if (!session || folderId == 0)
        return;
    m_current = session;
    session->service()->openFolder(folderId);
    m_window->setKeepOfflineState(true, session->service()->isKeptOffline(folderId));
    showMessageModel();
}

void AppController::applySearch()
{
    const QString text = m_window->filterField()->text();
    const bool everywhere = m_window->isSearchingAllFolders() && !text.trimmed().isEmpty();
    // The folder's own filter applies only while it is what the list shows.
    const QString folderFilter = everywhere ? QString() : text;
    if (m_current)
        m_current->service()->messageModel()->setSearchText(folderFilter);
    if (m_threads)
        m_threads->setSearchText(folderFilter);
    m_manager->unifiedInbox()->setSearchText(folderFilter);
    m_manager->search(everywhere ? text : QString());
    const bool showingResults = m_window->messageView()->model() == m_manager->searchResults();
    if (everywhere && !showingResults)
        m_window->setMessageModel(m_manager->searchResults());
    else if (!everywhere && showingResults)
        showFolderList();
}

void AppController::showFolderList()
{
    const QModelIndex folder = m_window->folderView()->currentIndex();
    if (AccountFolderModel::Kind(folder.data(AccountFolderModel::KindRole).toInt())
        == AccountFolderModel::Kind::AllInboxes) {
        m_window->setMessageModel(m_manager->unifiedInbox());
        return;
    }
    showMessageModel();
}

void AppController::showUnifiedInbox()
{
    // Every account keeps its Inbox open, so its rows can be read, flagged and deleted.
    m_current = nullptr;
    for (RunningAccount *session : m_manager->runningAccounts()) {
        const qint64 inbox = session->service()->folderId(FolderRecord::SpecialUse::Inbox);
        if (inbox != 0 && session->service()->currentFolderId() != inbox)
            session->service()->openFolder(inbox);
    }
    m_threads.reset();
    m_window->setMessageModel(m_manager->unifiedInbox());
}

QList<AppController::SessionMessages> AppController::byFolder(const QItemSelection &selection) const
{
    QList<SessionMessages> groups;
    for (MessageGroup &group : MessageGroups::of(selection)) {
        RunningAccount *session = group.accountId.isEmpty()
                                          ? m_current.data()
                                          : m_manager->runningAccount(group.accountId);
        if (session)
            groups.append(SessionMessages {session, std::move(group)});
    }
    return groups;
}

void AppController::showMessageModel()
{
    if (AccountFolderModel::Kind(
                m_window->folderView()->currentIndex().data(AccountFolderModel::KindRole).toInt())
        == AccountFolderModel::Kind::AllInboxes)
        return; // the unified Inbox has no threads
    if (!m_current)
        return;
    AccountService *service = m_current->service();
    if (m_window->isSearchingAllFolders() && !m_window->filterField()->text().trimmed().isEmpty())
        return; // the search results stay on display
    if (!m_window->isThreaded()) {
        m_window->setMessageModel(service->messageModel());
        m_threads.reset();
        return;
    }
    // Threads are read from the store when shown; a new model per folder keeps that simple.
    auto threads = std::make_unique<ThreadListModel>(service->store());
    threads->setFlat(m_window->isFlatThreads());
    threads->setSearchText(service->messageModel()->searchText());
    threads->setFolderId(service->currentFolderId());
    connect(threads.get(), &ThreadListModel::errorOccurred, this,
            [this](const MailError &error) { showStatus(error.toString()); });
    m_window->setMessageModel(threads.get());
    m_threads = std::move(threads);
}

void AppController::onMessageSelected(const QModelIndex &index)
{
    if (!index.isValid()) {
        // No message selected (another folder, an empty list, the message left it).
        m_shownUid = 0;
        m_display->clear();
        m_window->setListReplyAvailable(false);
        return;
    }
    if (!m_current)
        return;
    m_window->setListReplyAvailable(false); // until the message has come and shows a List-Post
    m_shownUid = index.data(MessageListModel::UidRole).toUInt();
    m_display->show(m_current->service(), index.data(MessageListModel::FolderIdRole).toLongLong(),
                    m_shownUid);
    // Marked read by the window once it has stayed on display a moment (markReadRequested).
}

void AppController::transferMessages(const QModelIndex &target, const MessageGroup &messages,
                                     bool copy)
{
    // From the unified Inbox the drag names its account.
    RunningAccount *source = messages.accountId.isEmpty()
                                     ? m_current.data()
                                     : m_manager->runningAccount(messages.accountId);
    const qint64 folderId = target.data(FolderTreeModel::FolderIdRole).toLongLong();
    const QString targetAccount = target.data(AccountFolderModel::AccountIdRole).toString();
    if (!source || folderId == 0 || messages.folderId == 0) {
        showStatus(copy ? tr("Choose a folder to copy the messages to.")
                        : tr("Choose a folder to move the messages to."));
        return;
    }
    // Within the account the server moves them itself; a copy, or a move to another account,
    // is stored in the target and (for a move) then removed from the source.
    if (!copy && targetAccount == source->account().id()) {
        source->service()->moveMessages(messages, folderId);
        return;
    }
    if (MailError refused = m_manager->transfers()->transfer(source->account().id(), messages,
                                                             targetAccount, folderId, !copy))
        showStatus(refused.toString());
}

bool AppController::hasUnsentMail() const
{
    return m_manager->hasUnsentMail();
}

void AppController::showStatus(const QString &message)
{
    m_window->statusBar()->showMessage(message, 8000);
}

void AppController::openAccounts()
{
    if (m_accountsDialog) {
        m_accountsDialog->raise();
        m_accountsDialog->activateWindow();
        return;
    }
    auto *dialog = new AccountListDialog(&m_accounts, m_secrets.get(), m_window.get());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    auto *tester = new ServerConnectionTester(dialog);
    // An unchanged password field tests with the stored password.
    tester->setSecretStore(m_secrets.get());
    dialog->setConnectionTester(tester);
    dialog->setAutoconfigSettings(AutoconfigLookup::settingsFrom(m_settings));
    connect(dialog, &AccountListDialog::saveFailed, this, &AppController::showStatus);
    m_accountsDialog = dialog;
    dialog->open();
    if (m_accounts.accounts().isEmpty())
        dialog->addAccount();
}

void AppController::openSettings()
{
    if (m_settingsDialog) {
        m_settingsDialog->raise();
        m_settingsDialog->activateWindow();
        return;
    }
    auto *dialog = new SettingsDialog(&m_remoteContent, &m_sending, m_window.get());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_settingsDialog = dialog;
    dialog->open();
}

void AppController::withWholeMessage(const QModelIndex &row, QObject *context,
                                     std::function<void(const QByteArray &)> use)
{
    withWholeMessageSource(row, context, [use = std::move(use)](const MessageSource &message) {
        use(message.readAll());
    });
}

void AppController::withWholeMessageSource(const QModelIndex &row, QObject *context,
                                           std::function<void(const MessageSource &)> use)
{
    const QString account = row.data(UnifiedInboxModel::AccountIdRole).toString();
    RunningAccount *session = account.isEmpty() ? m_current.data()
                                                : m_manager->runningAccount(account);
    const qint64 folderId = row.data(MessageListModel::FolderIdRole).toLongLong();
    const quint32 uid = row.data(MessageListModel::UidRole).toUInt();
    if (!session || folderId == 0 || uid == 0) {
        showStatus(tr("Choose a message first."));
        return;
    }
    auto *request = new WholeMessageRequest(session->service(), folderId, uid, this);
    connect(request, &WholeMessageRequest::fetchedSource, context, std::move(use));
    connect(request, &WholeMessageRequest::failed, this,
            [this](const MailError &error) { showStatus(error.toString()); });
}

void AppController::openInWindow(const QModelIndex &row)
{
    if (openDraft(row))
        return;
    const QString account = row.data(UnifiedInboxModel::AccountIdRole).toString();
    RunningAccount *session = account.isEmpty() ? m_current.data()
                                                : m_manager->runningAccount(account);
    const qint64 folderId = row.data(MessageListModel::FolderIdRole).toLongLong();
    const quint32 uid = row.data(MessageListModel::UidRole).toUInt();
    if (!session || folderId == 0 || uid == 0)
        return;
    auto *window = new MessageWindow(m_window.get());
    connectMessageWindow(window);
    const QPointer<RunningAccount> owner(session);
    window->setRawSource([this, owner, folderId,
                          uid](QObject *context, std::function<void(const QByteArray &)> deliver) {
        if (!owner) {
            showStatus(tr("The account was closed"));
            return;
        }
        auto *request = new WholeMessageRequest(owner->service(), folderId, uid, this);
        connect(request, &WholeMessageRequest::fetched, context, std::move(deliver));
        connect(request, &WholeMessageRequest::failed, this,
                [this](const MailError &error) { showStatus(error.toString()); });
    });
    window->presenter()->show(session->service(), folderId, uid);
    window->show();
}

void AppController::connectMessageWindow(MessageWindow *window)
{
    window->setWindowFlag(Qt::Window);
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->presenter()->setRemoteContent(&m_remoteContent, new RemoteImageFetcher(window));
    connect(window->viewer(), &MessageViewer::composeToRequested, this,
            [this](const QString &address) {
                ComposeRequest request;
                request.to = address;
                openComposer(request);
            });
    connect(window->viewer(), &MessageViewer::searchFromRequested, this,
            [this](const QString &address) {
                m_window->searchFrom(address);
                m_window->raise();
                m_window->activateWindow();
            });
}

bool AppController::openMessageFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        showStatus(tr("%1 cannot be opened: %2").arg(path, file.errorString()));
        return false;
    }
    auto *window = new MessageWindow(m_window.get());
    connectMessageWindow(window);
    window->setRawMessage(file.readAll());
    window->show();
    return true;
}
