#pragma once

#include "accounts/account.h"
#include "common/messagesource.h"
#include "htmlcomposereditor.h"
#include "mime/outgoingmessage.h"
#include "outbox/outboxfollowup.h"
#include "recipientfield.h" // toField() and the others are used with the composer

#include <QList>
#include <QMainWindow>

#include <memory>

class AttachmentList;
class ComposerFormatBar;
class ComposerSignature;
class ComposerSpelling;
class QAbstractItemModel;
class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTextEdit;
class QWidget;
struct ComposeRequest;
struct ComposerDraft;
struct OriginalMessage;

// Writes one message. Knows no service: Send hands the finished OutgoingMessage out as a signal.
class ComposerWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit ComposerWindow(QWidget *parent = nullptr);
    ~ComposerWindow() override;

    // The From choices: every identity of every account.
    void setAccounts(const QList<Account> &accounts);
    QString selectedAccountId() const;
    // Known addresses for completion in To, Cc and Bcc (any list model). Not owned.
    void setAddressModel(QAbstractItemModel *model);

    // Compose HTML (true) or plain text (false). Without a word from the request or the user, the
    // sending account's choice (Account::composesHtml()) decides.
    void setRichText(bool rich);
    // What the HTML switch does: asks before formatting is lost, converts the body and keeps
    // the signature at its place in the new form.
    void switchFormat(bool html);
    bool isRichText() const { return m_richText; }

    void applyRequest(const ComposeRequest &request);
    void startReply(const OriginalMessage &original, bool replyAll);
    // To the list's posting address (original.listPost), quoting as a reply does.
    void startReplyToList(const OriginalMessage &original);
    // Quotes the original under a header block and attaches its attachments again.
    void startForward(const OriginalMessage &original);
    // Opens a draft kept on the server: its fields as they were, not counted as a change.
    void openDraft(const ComposerDraft &draft);
    // Forwards message (its whole RFC 5322 bytes) as a message/rfc822 attachment named after
    // its subject, with "Fwd:" before the subject.
    void startForwardAsAttachment(const QString &subject, const QByteArray &message);
    // The same for a message that may be a file of the cache: such a file is attached as it
    // is, read only when the message is sent.
    void startForwardAsAttachment(const QString &subject, const MessageSource &message);
    // The file name a forwarded message is attached under: its subject, made safe, + ".eml".
    static QString attachedMessageFileName(const QString &subject);

    bool addAttachment(const QString &path);

    // Every field, for a local draft; restoreDraft() fills the composer from one.
    ComposerDraft draft() const;
    void restoreDraft(const ComposerDraft &draft);
    // Something differs from what the composer showed when it opened.
    bool isModified() const;
    // The message was handed to the outbox: closes without keeping a draft.
    void closeAfterSending();
    // Asks, then closes without keeping a draft.
    void discard();

    // What to change on other messages once this one is sent (the answered message gets
    // \Answered, the forwarded one $Forwarded, a draft opened from the server goes).
    void setFollowUps(const QList<OutboxFollowUp> &followUps) { m_followUps = followUps; }
    QList<OutboxFollowUp> followUps() const { return m_followUps; }
    // The message this one forwards ("<...>"), kept with its drafts.
    void setForwardedMessageId(const QByteArray &id) { m_forwardedMessageId = id; }
    QByteArray forwardedMessageId() const { return m_forwardedMessageId; }
    // The copy on the server this composer was opened from; invalid for a new message.
    OutboxFollowUp serverDraft() const;

    // Ctrl+Enter asks before sending unless the user said not to (askBeforeSendChanged()).
    void setAskBeforeShortcutSend(bool ask) { m_askBeforeShortcutSend = ask; }
    bool asksBeforeShortcutSend() const { return m_askBeforeShortcutSend; }
    // Esc and Ctrl+W: closes, asking first whether to keep unsent work as a draft.
    void closeAsking();

    // What Send would hand out now.
    OutgoingMessage message() const;
    // Why Send would refuse now (no recipient, an implausible address), or empty.
    QString validationError() const;

    QComboBox *fromCombo() const { return m_from; }
    RecipientField *toField() const { return m_to; }
    RecipientField *ccField() const { return m_cc; }
    RecipientField *bccField() const { return m_bcc; }
    QLineEdit *subjectField() const { return m_subject; }
    QTextEdit *bodyEditor() const { return m_body; }
    HtmlComposerEditor *htmlEditor() const { return m_body; }
    ComposerFormatBar *formatBar() const { return m_formatBar; }
    AttachmentList *attachmentList() const { return m_attachments; }
    ComposerSpelling *spelling() const { return m_spelling; }
    QAction *sendAction() const { return m_sendAction; }
    QAction *discardAction() const { return m_discardAction; }
    QLabel *errorLabel() const { return m_error; }
    // The field that gets the focus when the window opens.
    QWidget *initialFocus() const { return m_initialFocus; }

Q_SIGNALS:
    void sendRequested(const OutgoingMessage &message);
    // Any field changed (typing, attachments, sender).
    void changed();
    // Closed without sending or discarding while modified: the draft should be kept.
    void closedWithDraft(const OutgoingMessage &message);
    void discarded();
    void sent();
    // The user ticked "don't ask again" in the question Ctrl+Enter asks.
    void askBeforeShortcutSendChanged(bool ask);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void send();
    // Ctrl+Enter: the first time (until the user says otherwise) asks before sending.
    void sendFromShortcut();
    void fillFromDraft(const ComposerDraft &draft);
    // The text speaks of an attachment and none is there: asks whether to send anyway (or
    // opens the file chooser). True to send.
    bool confirmWithoutAttachment();
    void chooseAttachments();
    void updateTitle();
    void updateAttachmentSummary();
    // The identity shown in row of the From list.
    Identity identityAt(int row) const;
    Identity selectedIdentity() const;
    MailAddress selectedSender() const;
    // Chooses the identity a reply or forward of original is sent as: the one the message was
    // addressed to (its account's first), else the default one of the account holding it.
    void selectSenderFor(const OriginalMessage &original);
    // Puts the chosen identity's signature into a body just set, at position.
    void insertSignature(int position);
    // The HTML or plain-text choice of the account sending now, unless one was made for this
    // message (setRichText(), the switch, a draft).
    void applyAccountFormat();
    void showFormat(bool rich);
    QStringList ownAddresses() const;

    bool m_richText = false;
    bool m_formatChosen = false;
    QList<Account> m_accounts;
    QComboBox *m_from;
    RecipientField *m_to;
    RecipientField *m_cc;
    RecipientField *m_bcc;
    QLineEdit *m_subject;
    HtmlComposerEditor *m_body;
    ComposerFormatBar *m_formatBar;
    std::unique_ptr<ComposerSignature> m_signature;
    ComposerSpelling *m_spelling = nullptr;
    AttachmentList *m_attachments;
    QLabel *m_attachmentSummary;
    QPushButton *m_removeButton;
    QLabel *m_error;
    QAction *m_sendAction;
    QAction *m_attachAction;
    QAction *m_discardAction;
    enum class Ending { Open, Sent, Discarded };
    Ending m_ending = Ending::Open;
    std::unique_ptr<ComposerDraft> m_baseline;
    bool m_restored = false; // a draft kept from an earlier session is unsaved work as it is
    QByteArray m_inReplyTo;
    QList<QByteArray> m_references;
    QByteArray m_forwardedMessageId;
    QList<OutboxFollowUp> m_followUps;
    QWidget *m_initialFocus = nullptr;
    bool m_askBeforeShortcutSend = true;
    bool m_showsRefusal = false; // m_error shows why Send refused
};
