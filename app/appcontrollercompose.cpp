// AppController: composing, answering and forwarding, and the drafts of the composers.

#include "appcontroller.h"

#include "composerdraft.h"
#include "composerequest.h"
#include "composerwindow.h"
#include "draftkeeper.h"
#include "mime/addressparser.h"
#include "mime/dateparser.h"
#include "mime/messagebuilder.h"
#include "mime/mimepart.h"
#include "originalmessage.h"
#include "outbox/messagesender.h"
#include "service/accountmanager.h"
#include "service/accountservice.h"
#include "service/runningaccount.h"
#include "viewer/messagepresenter.h"
#include "viewer/viewermessagefactory.h"
#include "wholemessagerequest.h"

#include <QStatusBar>

void AppController::respond(Response response)
{
    if (!m_display->hasMessage()) {
        showStatus(tr("Open a message first."));
        return;
    }
    const MimePart &message = m_display->message();
    OriginalMessage original;
    if (m_current)
        original.accountId = m_current->account().id();
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
    auto *request = new WholeMessageRequest(m_current->service(), m_display->folderId(),
                                            m_display->uid(), this);
    connect(request, &WholeMessageRequest::fetched, this, [this, subject](const QByteArray &bytes) {
        openComposer(ComposeRequest())->startForwardAsAttachment(subject, bytes);
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
    composer->setAddressModel(&m_addresses);
    composer->setRichText(m_settings.value(QStringLiteral("composer/richText"), false).toBool());
    m_drafts->watch(composer, draftId);
    connect(composer, &ComposerWindow::sendRequested, this,
            [this, composer](const OutgoingMessage &message) {
                RunningAccount *session = m_manager->runningAccount(composer->selectedAccountId());
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
    RunningAccount *session = m_manager->runningAccount(accountId);
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
    AccountService *service = session->service();
    const bool online = service->state() == AccountService::State::Online;
    // Kept in the account's journal, the draft reaches the Drafts folder now or once connected.
    service->appendMessage(FolderRecord::SpecialUse::Drafts, bytes,
                           {QByteArrayLiteral("\\Draft"), QByteArrayLiteral("\\Seen")},
                           [this, drafts, id, online](const MailError &failure) {
                               if (!drafts)
                                   return;
                               if (failure) {
                                   showStatus(tr("The draft was kept on this computer; it will"
                                                 " open again at the next start."));
                                   return;
                               }
                               drafts->remove(id);
                               showStatus(online ? tr("The draft was saved to the Drafts folder.")
                                                 : tr("The draft will be saved to the Drafts"
                                                      " folder once the account is connected."));
                           });
}
