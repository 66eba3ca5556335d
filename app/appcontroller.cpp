#include "appcontroller.h"

#include "accountlistdialog.h"
#include "accounts/fallbacksecretstore.h"
#include "accounts/filesecretstore.h"
#include "accounts/keychainsecretstore.h"
#include "accountsession.h"
#include "addresslist.h"
#include "certificatedialog.h"
#include "composerdraft.h"
#include "composerequest.h"
#include "composerwindow.h"
#include "draftkeeper.h"
#include "foldericonproxymodel.h"
#include "icons.h"
#include "inboxmonitor.h"
#include "mainwindow.h"
#include "messagedisplay.h"
#include "mime/addressparser.h"
#include "mime/dateparser.h"
#include "mime/messagebuilder.h"
#include "mime/mimepart.h"
#include "models/foldertreemodel.h"
#include "models/messagelistmodel.h"
#include "models/threadlistmodel.h"
#include "models/unifiedinboxmodel.h"
#include "originalmessage.h"
#include "outbox/messagesender.h"
#include "outboxcontroller.h"
#include "service/accountservice.h"
#include "service/serverconnectiontester.h"
#include "statusarea.h"
#include "store/messagestore.h"
#include "trayindicator.h"
#include "viewer/messageviewer.h"
#include "viewer/viewermessagefactory.h"
#include "wholemessagerequest.h"

#include <QInputDialog>
#include <QLineEdit>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTreeView>

#include <algorithm>

namespace {

const QString outboxUse = QStringLiteral("\\Outbox");
const QString allInboxesUse = QStringLiteral("\\AllInboxes");

QString specialUseName(FolderRecord::SpecialUse use)
{
    switch (use) {
    case FolderRecord::SpecialUse::Inbox:
        return QStringLiteral("\\Inbox");
    case FolderRecord::SpecialUse::Drafts:
        return QStringLiteral("\\Drafts");
    case FolderRecord::SpecialUse::Sent:
        return QStringLiteral("\\Sent");
    case FolderRecord::SpecialUse::Trash:
        return QStringLiteral("\\Trash");
    case FolderRecord::SpecialUse::Junk:
        return QStringLiteral("\\Junk");
    case FolderRecord::SpecialUse::Archive:
        return QStringLiteral("\\Archive");
    case FolderRecord::SpecialUse::None:
        break;
    }
    return QString();
}

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
    , m_folderIcons(std::make_unique<FolderIconProxyModel>())
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

    m_folders.setItemRoleNames({{Qt::DisplayRole, "display"}, {SpecialUseRole, "specialUse"}});
    m_folderIcons->setSourceModel(&m_folders);
    m_window->setFolderModel(m_folderIcons.get());
    m_window->setFolderIdRole(FolderIdRole);
    m_window->setAccountIdRole(AccountIdRole);
    m_window->setUnsentMailCheck([this] { return hasUnsentMail(); });
    m_outbox = std::make_unique<OutboxController>(m_window.get());
    connect(m_outbox.get(), &OutboxController::countChanged, this, &AppController::rebuildFolders);
    connect(m_outbox.get(), &OutboxController::statusMessage, this, &AppController::showStatus);
    m_drafts = std::make_unique<DraftKeeper>(
            QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
            + QStringLiteral("/drafts"));
    m_inboxes = std::make_unique<InboxMonitor>();
    m_unified = std::make_unique<UnifiedInboxModel>();
    m_tray = std::make_unique<TrayIndicator>(m_inboxes.get(), m_window.get(), true);
    connect(m_drafts.get(), &DraftKeeper::uploadRequested, this, &AppController::uploadDraft);
    connect(m_drafts.get(), &DraftKeeper::saveFailed, this, [this](const QString &path) {
        showStatus(tr("The draft could not be saved to %1").arg(path));
    });

    MainWindow *w = m_window.get();
    connect(w, &MainWindow::newMessageRequested, this, [this] { openComposer(ComposeRequest()); });
    connect(w, &MainWindow::accountsRequested, this, &AppController::openAccounts);
    connect(w, &MainWindow::folderSelected, this, &AppController::onFolderSelected);
    // Before the message is shown: a row of the unified Inbox makes its own account current.
    connect(w, &MainWindow::messageSelected, this, [this](const QModelIndex &index) {
        const QString account = index.data(UnifiedInboxModel::AccountIdRole).toString();
        if (!account.isEmpty() && m_sessions.contains(account))
            m_current = m_sessions.value(account);
    });
    connect(w, &MainWindow::messageSelected, this, &AppController::onMessageSelected);
    connect(w, &MainWindow::moveRequested, this, &AppController::moveDropped);
    connect(w, &MainWindow::refreshRequested, this, [this] {
        for (AccountSession *session : std::as_const(m_sessions))
            session->service()->refresh();
    });
    connect(w, &MainWindow::filterTextChanged, this, [this](const QString &text) {
        if (m_current)
            m_current->service()->messageModel()->setSearchText(text);
        if (m_threads)
            m_threads->setSearchText(text);
        m_unified->setSearchText(text);
    });
    connect(w, &MainWindow::threadedChanged, this, &AppController::showMessageModel);
    connect(w, &MainWindow::deleteRequested, this, [this](const QModelIndexList &messages) {
        for (const auto &[session, uids] : byAccount(messages))
            session->service()->deleteMessages(uids);
    });
    connect(w, &MainWindow::markReadRequested, this, [this](const QModelIndexList &messages) {
        for (const auto &[session, uids] : byAccount(messages))
            session->service()->changeFlags(uids, MessageRecord::Seen, {});
    });
    connect(w, &MainWindow::markUnreadRequested, this, [this](const QModelIndexList &messages) {
        for (const auto &[session, uids] : byAccount(messages))
            session->service()->changeFlags(uids, {}, MessageRecord::Seen);
    });
    connect(w, &MainWindow::flagRequested, this, [this](const QModelIndexList &messages) {
        if (messages.isEmpty())
            return;
        const bool flagged = messages.first().data(MessageListModel::IsFlaggedRole).toBool();
        for (const auto &[session, uids] : byAccount(messages))
            session->service()->changeFlags(uids,
                                            flagged ? MessageRecord::Flags()
                                                    : MessageRecord::Flagged,
                                            flagged ? MessageRecord::Flagged
                                                    : MessageRecord::Flags());
    });
    connect(w, &MainWindow::replyRequested, this, [this] { respond(Response::Reply); });
    connect(w, &MainWindow::replyAllRequested, this, [this] { respond(Response::ReplyAll); });
    connect(w, &MainWindow::forwardRequested, this, [this] { respond(Response::Forward); });
    connect(w, &MainWindow::forwardAsAttachmentRequested, this, &AppController::forwardAsAttachment);
    m_display = new MessageDisplay(w->messageViewer(), this);
    connect(m_display, &MessageDisplay::failed, this, &AppController::showStatus);
    connect(&m_accounts, &AccountStore::changed, this, &AppController::reloadAccounts);
    reloadAccounts();
    // Opened once the window has been shown, so a restored composer comes up in front of it.
    QMetaObject::invokeMethod(this, &AppController::restoreDrafts, Qt::QueuedConnection);
}

AppController::~AppController()
{
    // Nothing may rebuild from a session while the sessions go: the hash is emptied first.
    disconnect(m_outbox.get(), nullptr, this, nullptr);
    const QHash<QString, AccountSession *> sessions = std::exchange(m_sessions, {});
    qDeleteAll(sessions);
}

void AppController::reloadAccounts()
{
    const QString dataDirectory = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QStringList addresses;
    QSet<QString> present;
    for (const Account &account : m_accounts.accounts()) {
        present.insert(account.id());
        for (const Identity &identity : account.identities())
            addresses.append(AddressList::format(MailAddress {identity.name, identity.address}));
        if (AccountSession *existing = m_sessions.value(account.id())) {
            existing->service()->setAccount(account);
            continue;
        }
        auto *session = new AccountSession(account, m_secrets.get(), dataDirectory);
        if (MailError error = session->open()) {
            showStatus(error.toString());
            delete session;
            continue;
        }
        m_sessions.insert(account.id(), session);
        connectSession(session);
        m_outbox->addSession(session);
        m_inboxes->addAccount(account.id(), account.displayName(), session->service()->store());
        m_unified->addAccount(account.id(), session->service()->store());
        m_window->statusArea()->setConnectionState(account.id(), account.displayName(),
                                                   StatusArea::ConnectionState::Offline);
        session->connectToServer();
    }
    for (const QString &id : m_sessions.keys()) {
        if (!present.contains(id)) {
            m_window->statusArea()->removeAccount(id);
            m_outbox->removeSession(id);
            m_inboxes->removeAccount(id);
            m_unified->removeAccount(id);
            delete m_sessions.take(id);
        }
    }
    m_addresses.setStringList(addresses);
    rebuildFolders();
}

void AppController::connectSession(AccountSession *session)
{
    AccountService *service = session->service();
    const QString id = session->account().id();
    connect(service, &AccountService::stateChanged, this,
            [this, session, id](AccountService::State state, const QString &detail) {
                m_window->statusArea()->setConnectionState(id, session->account().displayName(),
                                                           statusOf(state));
                if (state == AccountService::State::Failed)
                    showStatus(session->account().displayName() + QStringLiteral(": ") + detail);
            });
    connect(service->store(), &MessageStore::foldersChanged, this, &AppController::rebuildFolders);
    connect(service->folderModel(), &QAbstractItemModel::dataChanged, this,
            &AppController::rebuildFolders);
    connect(service->folderModel(), &QAbstractItemModel::modelReset, this,
            &AppController::rebuildFolders);
    connect(service, &AccountService::syncProgress, this, [this](qint64 done, qint64 total) {
        if (done >= total)
            m_window->statusArea()->clearProgress();
        else
            m_window->statusArea()->showProgress(tr("Fetching messages"), int(done), int(total));
    });
    connect(service, &AccountService::syncFinished, this,
            [this] { m_window->statusArea()->clearProgress(); });
    connect(service, &AccountService::errorOccurred, this,
            [this](const MailError &error) { showStatus(error.toString()); });
    connect(service, &AccountService::trustRequested, this,
            [this, session](const QList<QSslCertificate> &chain, const QString &reasons) {
                askTrust(session, chain, reasons, false);
            });
    connect(session, &AccountSession::passwordNeeded, this,
            [this, session] { askPassword(session); });
    connect(session->sender(), &MessageSender::trustRequested, this,
            [this, session](const QString &, const QList<QSslCertificate> &chain,
                            const QString &reasons) { askTrust(session, chain, reasons, true); });
    connect(session->sender(), &MessageSender::failed, this,
            [this](const QString &, const MailError &error) {
                showStatus(tr("Not sent: %1").arg(error.toString()));
            });
    connect(session->sender(), &MessageSender::sent, this,
            [this] { showStatus(tr("Message sent.")); });
}

void AppController::rebuildFolders()
{
    const QModelIndex current = m_window->folderView()->currentIndex();
    const qint64 currentFolder = current.data(FolderIdRole).toLongLong();
    const QString currentAccount = current.data(AccountIdRole).toString();
    const bool outboxShown = current.data(SpecialUseRole).toString() == outboxUse;
    const bool allInboxesShown = current.data(SpecialUseRole).toString() == allInboxesUse;
    m_folders.clear();
    QModelIndex toSelect;
    if (m_sessions.size() > 1) {
        const int unread = m_inboxes->unreadCount();
        auto *all = new QStandardItem(Icons::icon(QStringLiteral("unified-inbox")),
                                      unread > 0 ? tr("All Inboxes (%1)").arg(unread)
                                                 : tr("All Inboxes"));
        all->setData(allInboxesUse, SpecialUseRole);
        all->setToolTip(tr("The Inboxes of all accounts together"));
        QFont font = all->font();
        font.setBold(unread > 0);
        all->setFont(font);
        m_folders.appendRow(all);
        if (allInboxesShown)
            toSelect = all->index();
    }
    for (const Account &account : m_accounts.accounts()) {
        AccountSession *session = m_sessions.value(account.id());
        if (!session)
            continue;
        auto *accountItem = new QStandardItem(Icons::icon(QStringLiteral("accounts")),
                                              account.displayName());
        accountItem->setToolTip(account.address());
        accountItem->setData(account.id(), AccountIdRole);
        accountItem->setSelectable(false);
        m_folders.appendRow(accountItem);
        FolderTreeModel *tree = session->service()->folderModel();
        std::function<void(const QModelIndex &, QStandardItem *)> add = [&](const QModelIndex &parent,
                                                                            QStandardItem *into) {
            for (int row = 0; row < tree->rowCount(parent); ++row) {
                const QModelIndex folder = tree->index(row, 0, parent);
                const int unread = folder.data(FolderTreeModel::UnreadCountRole).toInt();
                const QString name = folder.data(Qt::DisplayRole).toString();
                auto *item = new QStandardItem(
                        unread > 0 ? QStringLiteral("%1 (%2)").arg(name).arg(unread) : name);
                const qint64 folderId = folder.data(FolderTreeModel::FolderIdRole).toLongLong();
                item->setData(account.id(), AccountIdRole);
                item->setData(folderId, FolderIdRole);
                item->setData(specialUseName(FolderRecord::SpecialUse(
                                      folder.data(FolderTreeModel::SpecialUseRole).toInt())),
                              SpecialUseRole);
                QFont font = item->font();
                font.setBold(unread > 0);
                item->setFont(font);
                item->setSelectable(folder.data(FolderTreeModel::IsSelectableRole).toBool());
                into->appendRow(item);
                if (folderId == currentFolder && account.id() == currentAccount)
                    toSelect = item->index();
                add(folder, item);
            }
        };
        add(QModelIndex(), accountItem);
    }
    if (!m_sessions.isEmpty()) {
        const int unsent = m_outbox->count();
        auto *outbox = new QStandardItem(Icons::icon(QStringLiteral("outbox")),
                                         unsent > 0 ? tr("Outbox (%1)").arg(unsent) : tr("Outbox"));
        outbox->setData(outboxUse, SpecialUseRole);
        outbox->setToolTip(tr("Messages not sent yet"));
        m_folders.appendRow(outbox);
        if (outboxShown)
            toSelect = outbox->index();
    }
    m_window->folderView()->expandAll();
    if (toSelect.isValid()) {
        const QSignalBlocker blocker(m_window->folderView()->selectionModel());
        m_window->folderView()->setCurrentIndex(m_folderIcons->mapFromSource(toSelect));
    } else if (currentFolder == 0 && !outboxShown && !allInboxesShown) {
        // Nothing chosen yet: open the first account's Inbox, as the user would.
        const QModelIndexList inboxes = m_folders.match(m_folders.index(0, 0), SpecialUseRole,
                                                        QStringLiteral("\\Inbox"), 1,
                                                        Qt::MatchExactly | Qt::MatchRecursive);
        if (!inboxes.isEmpty())
            m_window->folderView()->setCurrentIndex(m_folderIcons->mapFromSource(inboxes.first()));
    }
}

void AppController::onFolderSelected(const QModelIndex &index)
{
    if (index.data(SpecialUseRole).toString() == outboxUse) {
        m_window->showOutbox();
        return;
    }
    m_window->showMessageList();
    if (index.data(SpecialUseRole).toString() == allInboxesUse) {
        showUnifiedInbox();
        return;
    }
    AccountSession *session = m_sessions.value(index.data(AccountIdRole).toString());
    const qint64 folderId = index.data(FolderIdRole).toLongLong();
    if (!session || folderId == 0)
        return;
    m_current = session;
    session->service()->openFolder(folderId);
    showMessageModel();
}

void AppController::showUnifiedInbox()
{
    // Every account keeps its Inbox open, so its rows can be read, flagged and deleted.
    m_current = nullptr;
    for (AccountSession *session : std::as_const(m_sessions)) {
        const qint64 inbox = session->service()->folderId(FolderRecord::SpecialUse::Inbox);
        if (inbox != 0 && session->service()->currentFolderId() != inbox)
            session->service()->openFolder(inbox);
    }
    m_threads.reset();
    m_window->setMessageModel(m_unified.get());
}

QList<std::pair<AccountSession *, QList<quint32>>> AppController::byAccount(
        const QModelIndexList &rows) const
{
    QList<std::pair<AccountSession *, QList<quint32>>> groups;
    for (const QModelIndex &row : rows) {
        const QString account = row.data(UnifiedInboxModel::AccountIdRole).toString();
        AccountSession *session = account.isEmpty() ? m_current.data() : m_sessions.value(account);
        if (!session)
            continue;
        auto group = std::find_if(groups.begin(), groups.end(),
                                  [session](const auto &g) { return g.first == session; });
        if (group == groups.end()) {
            groups.append(std::make_pair(session, QList<quint32>()));
            group = groups.end() - 1;
        }
        group->second.append(row.data(MessageListModel::UidRole).toUInt());
    }
    return groups;
}

void AppController::showMessageModel()
{
    if (m_window->folderView()->currentIndex().data(SpecialUseRole).toString() == allInboxesUse)
        return; // the unified Inbox has no threads
    if (!m_current)
        return;
    AccountService *service = m_current->service();
    if (!m_window->isThreaded()) {
        m_window->setMessageModel(service->messageModel());
        m_threads.reset();
        return;
    }
    // Threads are read from the store when shown; a new model per folder keeps that simple.
    auto threads = std::make_unique<ThreadListModel>(service->store());
    threads->setSearchText(service->messageModel()->searchText());
    threads->setFolderId(service->currentFolderId());
    connect(threads.get(), &ThreadListModel::errorOccurred, this,
            [this](const MailError &error) { showStatus(error.toString()); });
    m_window->setMessageModel(threads.get());
    m_threads = std::move(threads);
}

void AppController::onMessageSelected(const QModelIndex &index)
{
    if (!m_current || !index.isValid())
        return;
    m_shownUid = index.data(MessageListModel::UidRole).toUInt();
    m_display->show(m_current->service(), m_shownUid);
    if (index.data(MessageListModel::IsUnreadRole).toBool())
        m_current->service()->changeFlags({m_shownUid}, MessageRecord::Seen, {});
}

void AppController::moveDropped(const QModelIndex &target, qint64 sourceFolderId,
                                const QList<quint32> &uids, const QString &sourceAccountId)
{
    // From the unified Inbox the drag names its account, whose Inbox is open.
    AccountSession *source = sourceAccountId.isEmpty() ? m_current.data()
                                                       : m_sessions.value(sourceAccountId);
    const qint64 folderId = target.data(FolderIdRole).toLongLong();
    if (!source || target.data(AccountIdRole).toString() != source->account().id()) {
        showStatus(tr("Messages can only be moved within their account."));
        return;
    }
    if (folderId == 0 || sourceFolderId != source->service()->currentFolderId())
        return;
    source->service()->moveMessages(uids, folderId);
}

QList<quint32> AppController::uidsOf(const QModelIndexList &indexes) const
{
    QList<quint32> uids;
    for (const QModelIndex &index : indexes)
        uids.append(index.data(MessageListModel::UidRole).toUInt());
    return uids;
}

void AppController::askTrust(AccountSession *session, const QList<QSslCertificate> &chain,
                             const QString &reasons, bool submission)
{
    const Account account = session->account();
    auto *dialog = new CertificateDialog(submission ? account.smtpHost() : account.imapHost(),
                                         chain,
                                         submission ? account.smtpPinnedFingerprints()
                                                    : account.imapPinnedFingerprints(),
                                         reasons, m_window.get());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::finished, this, [this, session, dialog, submission](int result) {
        const bool trusted = result == QDialog::Accepted;
        if (trusted) {
            const Account updated = AccountSession::withPinned(session->account(), submission,
                                                               dialog->fingerprint());
            if (MailError error = m_accounts.saveAccount(updated))
                showStatus(error.toString());
        }
        if (submission)
            session->sender()->answerTrust(trusted);
        else
            session->service()->answerTrust(trusted);
    });
    dialog->open();
}

void AppController::askPassword(AccountSession *session)
{
    const Account account = session->account();
    auto *dialog = new QInputDialog(m_window.get());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("passwordPrompt"));
    dialog->setWindowTitle(tr("Password for %1").arg(account.displayName()));
    dialog->setLabelText(tr("No password is stored for %1 (%2). It is kept in the system keychain "
                            "when one answers, otherwise in memory only until Heron quits.")
                                 .arg(account.displayName(), account.userName()));
    dialog->setTextEchoMode(QLineEdit::Password);
    connect(dialog, &QInputDialog::textValueSelected, this,
            [this, session, id = account.id()](const QString &password) {
                if (password.isEmpty() || !m_sessions.values().contains(session))
                    return;
                m_secrets->writePassword(id, password, session,
                                         [session](const SecretStore::Reply &) {
                                             session->connectToServer();
                                         });
            });
    dialog->open();
}

void AppController::respond(Response response)
{
    if (!m_display->hasMessage()) {
        showStatus(tr("Open a message first."));
        return;
    }
    const MimePart &message = m_display->message();
    OriginalMessage original;
    const QList<MailAddress> from = AddressParser::parseList(message.header("From"));
    if (!from.isEmpty())
        original.from = from.first();
    original.replyTo = AddressParser::parseList(message.header("Reply-To"));
    original.to = AddressParser::parseList(message.header("To"));
    original.cc = AddressParser::parseList(message.header("Cc"));
    original.subject = message.decodedHeader("Subject");
    original.date = DateParser::parse(message.header("Date"));
    original.plainBody = ViewerMessageFactory::fromPart(message).plainText;
    original.messageId = message.header("Message-ID").trimmed();
    original.references = message.header("References").simplified().split(' ');
    original.references.removeAll(QByteArray());

    ComposerWindow *composer = openComposer(ComposeRequest());
    if (response == Response::Forward)
        composer->startForward(original);
    else
        composer->startReply(original, response == Response::ReplyAll);
}

void AppController::forwardAsAttachment()
{
    if (!m_current || !m_display->hasMessage()) {
        showStatus(tr("Open a message first."));
        return;
    }
    const QString subject = m_display->message().decodedHeader("Subject");
    auto *request = new WholeMessageRequest(m_current->service(), m_display->uid(), this);
    connect(request, &WholeMessageRequest::fetched, this, [this, subject](const QByteArray &bytes) {
        openComposer(ComposeRequest())->startForwardAsAttachment(subject, bytes);
    });
    connect(request, &WholeMessageRequest::failed, this, [this](const MailError &error) {
        showStatus(
                tr("The message could not be forwarded as an attachment: %1").arg(error.toString()));
    });
}

bool AppController::hasUnsentMail() const
{
    for (AccountSession *session : m_sessions) {
        if (session->sender()->hasUnsent())
            return true;
    }
    return false;
}

void AppController::showStatus(const QString &message)
{
    m_window->statusBar()->showMessage(message, 8000);
}

ComposerWindow *AppController::createComposer(const QString &draftId)
{
    auto *composer = new ComposerWindow;
    composer->setAttribute(Qt::WA_DeleteOnClose);
    composer->setAccounts(m_accounts.accounts());
    composer->setAddressModel(&m_addresses);
    composer->setRichText(m_settings.value(QStringLiteral("composer/richText"), false).toBool());
    m_drafts->watch(composer, draftId);
    connect(composer, &ComposerWindow::sendRequested, this,
            [this, composer](const OutgoingMessage &message) {
                AccountSession *session = m_sessions.value(composer->selectedAccountId());
                if (!session) {
                    composer->statusBar()->showMessage(tr("Choose an account to send from."));
                    return;
                }
                MailError error;
                const QString id = session->sender()->send(message, &error);
                if (id.isEmpty()) {
                    composer->statusBar()->showMessage(tr("Not sent: %1").arg(error.toString()));
                    return;
                }
                showStatus(tr("Sending…"));
                composer->closeAfterSending();
            });
    return composer;
}

ComposerWindow *AppController::openComposer(const ComposeRequest &request)
{
    ComposerWindow *composer = createComposer();
    composer->applyRequest(request);
    composer->show();
    return composer;
}

void AppController::restoreDrafts()
{
    for (const QString &id : m_drafts->draftIds()) {
        const std::optional<ComposerDraft> draft = m_drafts->load(id);
        if (!draft) {
            m_drafts->remove(id);
            continue;
        }
        ComposerWindow *composer = createComposer(id);
        composer->restoreDraft(*draft);
        composer->show();
    }
}

void AppController::uploadDraft(const QString &id, const QString &accountId,
                                const OutgoingMessage &message)
{
    AccountSession *session = m_sessions.value(accountId);
    if (!session) {
        showStatus(tr("The draft was kept on this computer: its account is gone."));
        return;
    }
    MailError error;
    const QByteArray bytes = MessageBuilder(message).build(&error);
    if (error) {
        showStatus(tr("The draft was kept on this computer: %1").arg(error.toString()));
        return;
    }
    QPointer<DraftKeeper> drafts = m_drafts.get();
    session->service()->appendMessage(
            FolderRecord::SpecialUse::Drafts, bytes,
            {QByteArrayLiteral("\\Draft"), QByteArrayLiteral("\\Seen")},
            [this, drafts, id](const MailError &failure) {
                if (!drafts)
                    return;
                if (failure) {
                    showStatus(tr("The draft was kept on this computer; it will open again at"
                                  " the next start."));
                    return;
                }
                drafts->remove(id);
                showStatus(tr("The draft was saved to the Drafts folder."));
            });
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
    dialog->setConnectionTester(new ServerConnectionTester(dialog));
    connect(dialog, &AccountListDialog::saveFailed, this, &AppController::showStatus);
    m_accountsDialog = dialog;
    dialog->open();
    if (m_accounts.accounts().isEmpty())
        dialog->addAccount();
}
