// AppController: composing, answering and forwarding, and the drafts of the composers.

#include "appcontroller.h"

#include "composerdraft.h"
#include "composerequest.h"
#include "composersource.h"
#include "composerwindow.h"
#include "draftkeeper.h"
#include "mainwindow.h"
#include "mime/messagebuilder.h"
#include "mime/mimepart.h"
#include "models/addresscompletionmodel.h"
#include "models/messagelistmodel.h"
#include "originalmessage.h"
#include "outbox/messagesender.h"
#include "people/addressbook.h"
#include "service/accountmanager.h"
#include "service/accountservice.h"
#include "service/runningaccount.h"
#include "viewer/messagepresenter.h"
#include "viewer/viewermessagefactory.h"
#include "wholemessagerequest.h"

#include <QStatusBar>
#include <QTimer>

#include <algorithm>
#include <utility>

void AppController::respond(Response response)
{
    if (!m_current || !m_display->hasMessage()) {
        showStatus(tr("Open a message first."));
        return;
    }
    const QString accountId = m_current->account().id();
    const qint64 folderId = m_display->folderId();
    const quint32 uid = m_display->uid();
    if (response == Response::Forward) {
        // The attachments travel on: the whole message is read (from the cache when there).
        auto *request = new WholeMessageRequest(m_current->service(), folderId, uid, this);
        connect(request, &WholeMessageRequest::fetched, this,
                [this, accountId, folderId, uid](const QByteArray &bytes) {
                    OriginalMessage original = ComposerSource::original(MimePart::parse(bytes),
                                                                        true);
                    original.accountId = accountId;
                    ComposerWindow *composer = openComposer(ComposeRequest());
                    composer->startForward(original);
                    composer->setForwardedMessageId(original.messageId);
                    composer->setFollowUps({OutboxFollowUp {OutboxFollowUp::Action::MarkForwarded,
                                                            accountId, folderId, uid}});
                });
        connect(request, &WholeMessageRequest::failed, this, [this](const MailError &error) {
            showStatus(tr("The message could not be forwarded: %1").arg(error.toString()));
        });
        return;
    }
    OriginalMessage original = ComposerSource::original(m_display->message(), false);
    original.accountId = accountId;
    if (response == Response::ReplyList && original.listPost.isEmpty()) {
        showStatus(tr("The message did not come through a mailing list that takes replies."));
        return;
    }
    ComposerWindow *composer = openComposer(ComposeRequest());
    if (response == Response::ReplyList)
        composer->startReplyToList(original);
    else
        composer->startReply(original, response == Response::ReplyAll);
    composer->setFollowUps(
            {OutboxFollowUp {OutboxFollowUp::Action::MarkAnswered, accountId, folderId, uid}});
}

bool AppController::openDraft(const QModelIndex &index)
{
    if (!m_current || !index.isValid())
        return false;
    AccountService *service = m_current->service();
    const qint64 folderId = index.data(MessageListModel::FolderIdRole).toLongLong();
    const quint32 uid = index.data(MessageListModel::UidRole).toUInt();
    const bool isDraft = folderId == service->folderId(FolderRecord::SpecialUse::Drafts)
                         || (index.data(MessageListModel::FlagsRole).toInt() & MessageRecord::Draft);
    if (!isDraft || folderId == 0 || uid == 0)
        return false;
    const QString accountId = m_current->account().id();
    auto *request = new WholeMessageRequest(service, folderId, uid, this);
    connect(request, &WholeMessageRequest::fetched, this,
            [this, accountId, folderId, uid](const QByteArray &bytes) {
                ComposerDraft draft = ComposerSource::draft(MimePart::parse(bytes), accountId);
                // A reply remembers what it answers by its In-Reply-To: that message gets
                // \Answered once this one is sent.
                RunningAccount *session = m_manager->runningAccount(accountId);
                if (session && !draft.inReplyTo.isEmpty()) {
                    const auto [answeredFolder, answeredUid] = session->service()->findMessage(
                            draft.inReplyTo);
                    if (answeredFolder != 0)
                        draft.followUps.append(OutboxFollowUp {OutboxFollowUp::Action::MarkAnswered,
                                                               accountId, answeredFolder,
                                                               answeredUid});
                }
                // A forward remembers what it forwards by its X-Forwarded-Message-Id: that
                // message gets $Forwarded.
                if (session && !draft.forwardedMessageId.isEmpty()) {
                    const auto [forwardedFolder, forwardedUid] = session->service()->findMessage(
                            draft.forwardedMessageId);
                    if (forwardedFolder != 0)
                        draft.followUps.append(
                                OutboxFollowUp {OutboxFollowUp::Action::MarkForwarded, accountId,
                                                forwardedFolder, forwardedUid});
                }
                // Saved again, it replaces this copy; sent, this copy goes.
                draft.followUps.append(OutboxFollowUp {OutboxFollowUp::Action::DeleteDraft,
                                                       accountId, folderId, uid});
                ComposerWindow *composer = createComposer();
                composer->openDraft(draft);
                composer->show();
            });
    connect(request, &WholeMessageRequest::failed, this, [this](const MailError &error) {
        showStatus(tr("The draft could not be opened: %1").arg(error.toString()));
    });
    return true;
}

void AppController::forwardAsAttachment()
{
    if (!m_current || !m_display->hasMessage()) {
        showStatus(tr("Open a message first."));
        return;
    }
    const QString subject = m_display->message().decodedHeader("Subject");
    const QByteArray messageId = m_display->message().header("Message-ID").trimmed();
    const OutboxFollowUp forwarded {OutboxFollowUp::Action::MarkForwarded,
                                    m_current->account().id(), m_display->folderId(),
                                    m_display->uid()};
    auto *request = new WholeMessageRequest(m_current->service(), m_display->folderId(),
                                            m_display->uid(), this);
    const QPointer<RunningAccount> session = m_current;
    connect(request, &WholeMessageRequest::fetchedSource, this,
            [this, subject, messageId, forwarded, session](const MessageSource &message) {
                MessageSource attached = message;
                if (message.isFile()) {
                    // A file of the cache goes when its message is moved or deleted: the
                    // composer attaches the outbox's own name for its bytes (a hard link), so
                    // that the message can still be sent, or its draft opened, after that.
                    if (!session) {
                        showStatus(tr("The message could not be forwarded as an attachment: "
                                      "its account is gone."));
                        return;
                    }
                    MailError error;
                    const QString kept = session->outbox()->keepAttachment(
                            message.filePath(), ComposerWindow::attachedMessageFileName(subject),
                            &error);
                    if (kept.isEmpty()) {
                        showStatus(tr("The message could not be forwarded as an attachment: %1")
                                           .arg(error.toString()));
                        return;
                    }
                    attached = MessageSource::fromFile(kept);
                }
                ComposerWindow *composer = openComposer(ComposeRequest());
                composer->startForwardAsAttachment(subject, attached);
                // Sent, the message forwarded gets $Forwarded, as with an inline forward.
                composer->setForwardedMessageId(messageId);
                composer->setFollowUps({forwarded});
            });
    connect(request, &WholeMessageRequest::failed, this, [this](const MailError &error) {
        showStatus(
                tr("The message could not be forwarded as an attachment: %1").arg(error.toString()));
    });
}

ComposerWindow *AppController::createComposer(const QString &draftId)
{
    auto *composer = new ComposerWindow;
    composer->setAttribute(Qt::WA_DeleteOnClose);
    composer->setAccounts(m_accounts.accounts());
    composer->setAddressModel(new AddressCompletionModel(m_people.get(), composer));
    composer->setAskBeforeShortcutSend(
            m_settings.value(QStringLiteral("composer/askBeforeShortcutSend"), true).toBool());
    connect(composer, &ComposerWindow::askBeforeShortcutSendChanged, this, [this](bool ask) {
        m_settings.setValue(QStringLiteral("composer/askBeforeShortcutSend"), ask);
    });
    m_drafts->watch(composer, draftId);
    connect(composer, &ComposerWindow::sendRequested, this,
            [this, composer](const OutgoingMessage &message) {
                RunningAccount *session = m_manager->runningAccount(composer->selectedAccountId());
                if (!session) {
                    composer->statusBar()->showMessage(tr("Choose an account to send from."));
                    return;
                }
                MailError error;
                // The message waits this long in the Outbox, where Undo can take it back.
                // (Settings → Sending), read afresh for every message.
                const int delay = m_sending.undoSendSeconds();
                session->sender()->setSendDelay(delay * 1000);
                const QString id = session->sender()->send(message, &error, composer->followUps());
                session->sender()->setSendDelay(0);
                if (id.isEmpty()) {
                    composer->statusBar()->showMessage(tr("Not sent: %1").arg(error.toString()));
                    return;
                }
                if (delay > 0) {
                    m_undoSend = UndoSend {session,
                                           id,
                                           {},
                                           std::make_shared<ComposerDraft>(composer->draft())};
                    m_window->setUndoText(tr("Send “%1”").arg(message.subject));
                    QTimer::singleShot(delay * 1000, this, [this, id] {
                        if (m_undoSend.outboxId != id)
                            return;
                        m_undoSend = {};
                        m_window->setUndoText({});
                    });
                }
                // Everyone written to is remembered for completion, the sender answered too.
                m_people->recordUse(message.to + message.cc + message.bcc);
                showStatus(tr("Sending…"));
                composer->closeAfterSending();
            });
    return composer;
}

bool AppController::undoSend()
{
    const UndoSend undo = std::exchange(m_undoSend, UndoSend {});
    if (!undo.session || undo.outboxId.isEmpty() || !undo.draft)
        return false;
    m_window->setUndoText({});
    if (MailError error = undo.session->sender()->discard(undo.outboxId)) {
        showStatus(tr("Too late to take the message back: %1").arg(error.toString()));
        return true;
    }
    ComposerWindow *composer = createComposer();
    composer->restoreDraft(*undo.draft);
    composer->show();
    showStatus(tr("The message was not sent; it is open again."));
    return true;
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
    // Files the composer kept for its attachments that no draft holds any more (their composer
    // was closed without a draft, or the message went).
    QStringList inUse;
    for (const QString &id : m_drafts->draftIds()) {
        if (const std::optional<ComposerDraft> draft = m_drafts->load(id))
            inUse += draft->attachments;
    }
    for (RunningAccount *session : m_manager->runningAccounts())
        session->outbox()->removeKeptAttachmentsExcept(inUse);

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
                                const OutgoingMessage &message, const OutboxFollowUp &replaces)
{
    RunningAccount *session = m_manager->runningAccount(accountId);
    if (!session) {
        showStatus(tr("The draft was kept on this computer: its account is gone."));
        return;
    }
    MailError error;
    MessageBuilder builder(message);
    builder.setWriteBcc(true); // a draft remembers its Bcc; a sent message never shows it
    const QByteArray bytes = builder.build(&error);
    if (error) {
        showStatus(tr("The draft was kept on this computer: %1").arg(error.toString()));
        return;
    }
    QPointer<DraftKeeper> drafts = m_drafts.get();
    AccountService *service = session->service();
    const bool online = service->state() == AccountService::State::Online;
    // Kept in the account's journal, the draft reaches the Drafts folder now or once connected.
    // The copy it was opened from goes once the new one is there (in another account: after it
    // was kept in the journal).
    const bool sameAccount = replaces.isValid() && replaces.accountId == accountId;
    service->replaceMessage(FolderRecord::SpecialUse::Drafts, bytes,
                            {QByteArrayLiteral("\\Draft"), QByteArrayLiteral("\\Seen")},
                            sameAccount ? replaces.folderId : 0,
                            sameAccount ? QList<quint32> {replaces.uid} : QList<quint32> {},
                            [this, drafts, id, online, replaces,
                             sameAccount](const MailError &failure) {
                                if (!drafts)
                                    return;
                                if (failure) {
                                    showStatus(tr("The draft was kept on this computer; it will"
                                                  " open again at the next start."));
                                    return;
                                }
                                drafts->remove(id);
                                if (replaces.isValid() && !sameAccount) {
                                    if (RunningAccount *owner = m_manager->runningAccount(
                                                replaces.accountId))
                                        owner->service()->expungeMessages(replaces.folderId,
                                                                          {replaces.uid});
                                }
                                showStatus(online ? tr("The draft was saved to the Drafts folder.")
                                                  : tr("The draft will be saved to the Drafts"
                                                       " folder once the account is connected."));
                            });
}
