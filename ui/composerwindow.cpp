#include "composerwindow.h"
#include "colourscheme.h"

#include "addresslineedit.h"
#include "addresslist.h"
#include "attachmentlist.h"
#include "composerdraft.h"
#include "composerequest.h"
#include "composerformatbar.h"
#include "composersignature.h"
#include "composerspelling.h"
#include "icons.h"
#include "messagequoter.h"
#include "mime/attachmentmention.h"
#include "mime/htmltoplaintext.h"
#include "originalmessage.h"
#include "recipientchip.h"
#include "recipientfield.h"

#include <QAction>
#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QShortcut>
#include <QTextEdit>
#include <QToolBar>
#include <QVBoxLayout>

namespace {
constexpr int accountIdRole = Qt::UserRole;
constexpr int identityRole = Qt::UserRole + 1;
} // namespace

ComposerWindow::ComposerWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_from(new QComboBox)
    , m_to(new RecipientField)
    , m_cc(new RecipientField)
    , m_bcc(new RecipientField)
    , m_subject(new QLineEdit)
    , m_body(new HtmlComposerEditor)
    , m_formatBar(new ComposerFormatBar(m_body, this))
    , m_signature(std::make_unique<ComposerSignature>(m_body))
    , m_attachments(new AttachmentList)
    , m_attachmentSummary(new QLabel)
    , m_error(new QLabel)
{
    setObjectName(QStringLiteral("composerWindow"));
    setAttribute(Qt::WA_DeleteOnClose, false);
    setWindowIcon(Icons::icon(QStringLiteral("mail-new")));
    setAcceptDrops(true);

    m_sendAction = new QAction(Icons::icon(QStringLiteral("send")), tr("&Send"), this);
    m_sendAction->setObjectName(QStringLiteral("send"));
    // Shown beside Send; the key itself asks first (sendFromShortcut()).
    m_sendAction->setToolTip(
            tr("Send the message (%1)")
                    .arg(QKeySequence(Qt::CTRL | Qt::Key_Return).toString(QKeySequence::NativeText)));
    for (const QKeySequence &keys :
         {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)}) {
        auto *shortcut = new QShortcut(keys, this);
        connect(shortcut, &QShortcut::activated, this, &ComposerWindow::sendFromShortcut);
    }
    for (const QKeySequence &keys :
         {QKeySequence(Qt::Key_Escape), QKeySequence(Qt::CTRL | Qt::Key_W)}) {
        auto *shortcut = new QShortcut(keys, this);
        connect(shortcut, &QShortcut::activated, this, &ComposerWindow::closeAsking);
    }
    m_attachAction = new QAction(Icons::icon(QStringLiteral("attach")), tr("&Attach…"), this);
    m_attachAction->setObjectName(QStringLiteral("attach"));
    m_attachAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    m_discardAction = new QAction(Icons::icon(QStringLiteral("trash")), tr("&Discard"), this);
    m_discardAction->setObjectName(QStringLiteral("discard"));
    m_discardAction->setToolTip(tr("Close without sending and without keeping a draft"));
    QToolBar *bar = addToolBar(tr("Composer Toolbar"));
    bar->setObjectName(QStringLiteral("composerToolBar"));
    bar->setMovable(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addAction(m_sendAction);
    bar->addAction(m_attachAction);
    bar->addAction(m_formatBar->htmlAction());
    bar->addSeparator();
    bar->addAction(m_discardAction);
    addToolBarBreak();
    addToolBar(m_formatBar);
    menuBar()->addMenu(m_formatBar->createFormatMenu(this));
    connect(m_formatBar, &ComposerFormatBar::htmlToggled, this, &ComposerWindow::switchFormat);
    connect(m_formatBar, &ComposerFormatBar::problem, this, [this](const QString &text) {
        m_error->setText(text);
        m_showsRefusal = false;
        m_error->show();
    });

    m_from->setObjectName(QStringLiteral("from"));
    m_to->setObjectName(QStringLiteral("to"));
    m_cc->setObjectName(QStringLiteral("cc"));
    m_bcc->setObjectName(QStringLiteral("bcc"));
    m_subject->setObjectName(QStringLiteral("subject"));
    m_body->setObjectName(QStringLiteral("body"));
    m_attachments->setObjectName(QStringLiteral("attachments"));
    const QString hint = tr("Name <address>, separated by commas");
    for (RecipientField *field : {m_to, m_cc, m_bcc}) {
        field->setPlaceholderText(hint);
        field->editor()->setObjectName(field->objectName() + QStringLiteral("Editor"));
    }

    auto *form = new QFormLayout;
    form->addRow(tr("&From:"), m_from);
    form->addRow(tr("&To:"), m_to);
    form->addRow(tr("&Cc:"), m_cc);
    form->addRow(tr("&Bcc:"), m_bcc);
    form->addRow(tr("S&ubject:"), m_subject);

    m_error->setObjectName(QStringLiteral("error"));
    m_error->setStyleSheet(ColourScheme::cssColour(ColourScheme::error(palette())));
    m_error->setWordWrap(true);
    m_error->hide();

    auto *buttons = new QHBoxLayout;
    auto *addButton = new QPushButton(Icons::icon(QStringLiteral("attach")), tr("Add…"));
    m_removeButton = new QPushButton(tr("Remove"));
    m_removeButton->setEnabled(false);
    buttons->addWidget(m_attachmentSummary, 1);
    buttons->addWidget(addButton);
    buttons->addWidget(m_removeButton);
    m_attachments->setMaximumHeight(120);

    auto *central = new QWidget;
    auto *layout = new QVBoxLayout(central);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(m_body, 1);
    layout->addWidget(m_attachments);
    layout->addLayout(buttons);
    setCentralWidget(central);

    connect(m_sendAction, &QAction::triggered, this, &ComposerWindow::send);
    connect(m_attachAction, &QAction::triggered, this, &ComposerWindow::chooseAttachments);
    connect(addButton, &QPushButton::clicked, this, &ComposerWindow::chooseAttachments);
    connect(m_removeButton, &QPushButton::clicked, m_attachments, &AttachmentList::removeSelected);
    connect(m_attachments, &QTreeWidget::itemSelectionChanged, this,
            [this] { m_removeButton->setEnabled(!m_attachments->selectedItems().isEmpty()); });
    connect(m_attachments, &AttachmentList::attachmentsChanged, this,
            &ComposerWindow::updateAttachmentSummary);
    connect(m_subject, &QLineEdit::textChanged, this, &ComposerWindow::updateTitle);
    connect(m_discardAction, &QAction::triggered, this, &ComposerWindow::discard);
    for (RecipientField *field : {m_to, m_cc, m_bcc}) {
        connect(field, &RecipientField::textChanged, this, &ComposerWindow::changed);
        // A refusal on show follows the corrections: it goes once nothing is left to correct.
        connect(field, &RecipientField::textChanged, this, [this] {
            if (!m_showsRefusal)
                return;
            const QString error = validationError();
            m_error->setText(error);
            m_error->setVisible(!error.isEmpty());
            m_showsRefusal = !error.isEmpty();
        });
    }
    connect(m_subject, &QLineEdit::textChanged, this, &ComposerWindow::changed);
    connect(m_body, &QTextEdit::textChanged, this, &ComposerWindow::changed);
    connect(m_attachments, &AttachmentList::attachmentsChanged, this, &ComposerWindow::changed);
    connect(m_from, &QComboBox::currentIndexChanged, this, &ComposerWindow::changed);
    connect(m_from, &QComboBox::currentIndexChanged, this,
            [this] { m_signature->replace(selectedIdentity()); });

    // Spelling in the language of the sender, else the system's (a toolbar of its own).
    m_spelling = new ComposerSpelling(this, m_body);
    m_spelling->setSubjectField(m_subject);
    connect(m_from, &QComboBox::currentIndexChanged, this,
            [this] { m_spelling->setPreferredLanguage(selectedIdentity().language); });

    m_initialFocus = m_to;
    showFormat(false);
    updateTitle();
    updateAttachmentSummary();
    resize(760, 620);
}

ComposerWindow::~ComposerWindow() = default;

void ComposerWindow::setAccounts(const QList<Account> &accounts)
{
    m_accounts = accounts;
    m_from->clear();
    for (const Account &account : accounts) {
        QList<Identity> identities = account.identities();
        if (identities.isEmpty())
            identities.append(account.defaultIdentity());
        for (int i = 0; i < identities.size(); ++i) {
            const Identity &identity = identities.at(i);
            m_from->addItem(AddressList::format(MailAddress {identity.name, identity.address}));
            m_from->setItemData(m_from->count() - 1, account.id(), accountIdRole);
            m_from->setItemData(m_from->count() - 1, i, identityRole);
        }
    }
    m_spelling->setPreferredLanguage(selectedIdentity().language);
    applyAccountFormat();
}

void ComposerWindow::applyAccountFormat()
{
    if (m_formatChosen)
        return;
    for (const Account &account : std::as_const(m_accounts))
        if (account.id() == selectedAccountId())
            showFormat(account.composesHtml());
}

QString ComposerWindow::selectedAccountId() const
{
    return m_from->currentData(accountIdRole).toString();
}

Identity ComposerWindow::identityAt(int row) const
{
    const QString id = m_from->itemData(row, accountIdRole).toString();
    const int index = m_from->itemData(row, identityRole).toInt();
    for (const Account &account : m_accounts) {
        if (account.id() != id)
            continue;
        const QList<Identity> identities = account.identities();
        return index >= 0 && index < identities.size() ? identities.at(index)
                                                       : account.defaultIdentity();
    }
    return {};
}

Identity ComposerWindow::selectedIdentity() const
{
    return identityAt(m_from->currentIndex());
}

MailAddress ComposerWindow::selectedSender() const
{
    const Identity identity = selectedIdentity();
    return MailAddress {identity.name, identity.address};
}

void ComposerWindow::selectSenderFor(const OriginalMessage &original)
{
    QStringList recipients;
    for (const QList<MailAddress> *list : {&original.to, &original.cc})
        for (const MailAddress &address : *list)
            recipients.append(address.address.trimmed().toLower());
    const auto holdsIt = [this, &original](int row) {
        return !original.accountId.isEmpty()
               && m_from->itemData(row, accountIdRole).toString() == original.accountId;
    };
    int addressed = -1; // an identity the message was sent to, of its own account first
    int accountDefault = -1;
    for (int row = 0; row < m_from->count(); ++row) {
        if (holdsIt(row) && accountDefault < 0)
            accountDefault = row;
        if (!recipients.contains(identityAt(row).address.trimmed().toLower()))
            continue;
        if (addressed < 0 || (holdsIt(row) && !holdsIt(addressed)))
            addressed = row;
    }
    if (addressed >= 0)
        m_from->setCurrentIndex(addressed);
    else if (accountDefault >= 0)
        m_from->setCurrentIndex(accountDefault);
    applyAccountFormat();
}

void ComposerWindow::insertSignature(int position)
{
    m_signature->insert(position, selectedIdentity());
}

QStringList ComposerWindow::ownAddresses() const
{
    QStringList own;
    for (const Account &account : m_accounts) {
        own.append(account.address());
        for (const Identity &identity : account.identities())
            own.append(identity.address);
    }
    return own;
}

void ComposerWindow::setAddressModel(QAbstractItemModel *model)
{
    for (RecipientField *field : {m_to, m_cc, m_bcc})
        field->setAddressModel(model);
}

void ComposerWindow::setRichText(bool rich)
{
    m_formatChosen = true;
    showFormat(rich);
}

void ComposerWindow::showFormat(bool rich)
{
    m_richText = rich;
    m_body->setAcceptRichText(rich);
    if (!rich) {
        // Plain text is shown in a fixed-width font, as it will be read by most clients.
        QFont font(QStringLiteral("monospace"));
        font.setStyleHint(QFont::TypeWriter);
        m_body->setFont(font);
    } else {
        m_body->setFont(QFont());
    }
    m_formatBar->setHtmlMode(rich);
}

void ComposerWindow::switchFormat(bool html)
{
    if (html == m_richText)
        return;
    if (!html && m_body->hasFormatting()) {
        QMessageBox box(QMessageBox::Warning, tr("Switch to Plain Text"),
                        tr("Plain text keeps no formatting: bold, italic, underline, link targets "
                           "and pictures will be lost. Switch to plain text?"),
                        QMessageBox::NoButton, this);
        box.setObjectName(QStringLiteral("plainTextWarning"));
        QPushButton *toPlain = box.addButton(tr("Switch to &Plain Text"), QMessageBox::AcceptRole);
        box.addButton(QMessageBox::Cancel);
        box.setDefaultButton(toPlain);
        box.exec();
        if (box.clickedButton() != toPlain) {
            m_formatBar->setHtmlMode(true);
            return;
        }
    }
    m_formatChosen = true;
    const Identity identity = selectedIdentity();
    if (html) {
        showFormat(true);
        m_body->quotePlainLines(); // "> " lines become quotes, not text beginning with ">"
        m_signature->replace(identity); // the plain signature becomes the HTML one
        return;
    }
    // The signature is marked where it is, to put the plain one there after the conversion.
    const QString marker = QStringLiteral("\uE000signature\uE000");
    const bool signed_ = m_signature->replaceWithText(marker);
    QString plain = HtmlToPlainText::convert(m_body->composedHtml());
    const qsizetype at = signed_ ? plain.indexOf(marker) : -1;
    if (at >= 0)
        plain.remove(at, marker.size());
    showFormat(false);
    m_body->setPlainText(plain);
    if (at >= 0)
        m_signature->insert(int(at), identity);
}

void ComposerWindow::applyRequest(const ComposeRequest &request)
{
    m_to->setText(request.to);
    m_cc->setText(request.cc);
    m_bcc->setText(request.bcc);
    m_subject->setText(request.subject);
    if (request.html) {
        setRichText(true);
        m_body->setHtml(request.body);
    } else {
        m_body->setPlainText(request.body);
    }
    if (!request.from.isEmpty()) {
        const QString wanted = request.from.toLower();
        for (int i = 0; i < m_from->count(); ++i)
            if (m_from->itemText(i).toLower().contains(wanted))
                m_from->setCurrentIndex(i);
    }
    if (!request.inReplyTo.isEmpty())
        m_inReplyTo = request.inReplyTo.toUtf8();
    for (const QString &path : request.attachments)
        addAttachment(path);
    // Under the text the request brought, with the cursor before it.
    insertSignature(m_body->document()->characterCount() - 1);
    QTextCursor start = m_body->textCursor();
    start.movePosition(QTextCursor::Start);
    m_body->setTextCursor(start);
}

void ComposerWindow::startReply(const OriginalMessage &original, bool replyAll)
{
    selectSenderFor(original);
    m_to->setText(AddressList::format(MessageQuoter::replyRecipients(original)));
    m_cc->setText(replyAll
                          ? AddressList::format(MessageQuoter::replyAllCc(original, ownAddresses()))
                          : QString());
    m_subject->setText(MessageQuoter::replySubject(original.subject));
    m_inReplyTo = original.messageId;
    m_references = MessageQuoter::replyReferences(original);
    if (m_richText)
        m_body->setHtml(QStringLiteral("<p></p>") + MessageQuoter::quoteHtml(original));
    else
        m_body->setPlainText(QStringLiteral("\n\n") + MessageQuoter::quotePlain(original));
    QTextCursor cursor = m_body->textCursor();
    cursor.movePosition(QTextCursor::Start);
    m_body->setTextCursor(cursor);
    // Above the quote, never inside it.
    insertSignature(0);
    m_initialFocus = m_body;
    m_body->setFocus();
}

void ComposerWindow::startReplyToList(const OriginalMessage &original)
{
    startReply(original, false);
    m_to->setText(AddressList::format(MailAddress {{}, original.listPost}));
}

void ComposerWindow::startForward(const OriginalMessage &original)
{
    selectSenderFor(original);
    m_subject->setText(MessageQuoter::forwardSubject(original.subject));
    if (m_richText)
        m_body->setHtml(QStringLiteral("<p></p>") + MessageQuoter::forwardHtml(original));
    else
        m_body->setPlainText(QStringLiteral("\n\n") + MessageQuoter::forwardPlain(original));
    QTextCursor cursor = m_body->textCursor();
    cursor.movePosition(QTextCursor::Start);
    m_body->setTextCursor(cursor);
    insertSignature(0); // above the forwarded message
    for (const OutgoingAttachment &attachment : original.attachments)
        m_attachments->addData(attachment);
    m_initialFocus = m_to;
    m_to->setFocus();
}

void ComposerWindow::startForwardAsAttachment(const QString &subject, const MessageSource &message)
{
    if (!message.isFile()) {
        startForwardAsAttachment(subject, message.readAll());
        return;
    }
    m_subject->setText(MessageQuoter::forwardSubject(subject));
    OutgoingAttachment attached;
    attached.filePath = message.filePath();
    attached.fileName = attachedMessageFileName(subject);
    attached.mimeType = QByteArrayLiteral("message/rfc822");
    m_attachments->addFileAs(attached);
    m_initialFocus = m_to;
    m_to->setFocus();
}

void ComposerWindow::startForwardAsAttachment(const QString &subject, const QByteArray &message)
{
    m_subject->setText(MessageQuoter::forwardSubject(subject));
    OutgoingAttachment attached;
    attached.fileName = attachedMessageFileName(subject);
    attached.mimeType = QByteArrayLiteral("message/rfc822");
    attached.data = message;
    m_attachments->addData(attached);
    m_initialFocus = m_to;
    m_to->setFocus();
}

QString ComposerWindow::attachedMessageFileName(const QString &subject)
{
    QString name;
    for (const QChar c : subject.simplified()) {
        // Characters that no file system or mail client takes in a file name.
        if (c.category() == QChar::Other_Control || QStringLiteral("/\\:*?\"<>|").contains(c))
            name += u'_';
        else
            name += c;
    }
    name = name.trimmed().left(100);
    while (name.startsWith(u'.'))
        name.remove(0, 1);
    if (name.isEmpty())
        name = tr("Forwarded message");
    return name + QStringLiteral(".eml");
}

bool ComposerWindow::addAttachment(const QString &path)
{
    const bool added = m_attachments->addFile(path);
    if (!added) {
        m_error->setText(tr("“%1” cannot be attached: it is not a readable file.").arg(path));
        m_showsRefusal = false;
        m_error->show();
    }
    return added;
}

OutgoingMessage ComposerWindow::message() const
{
    OutgoingMessage message;
    message.from = selectedSender();
    message.replyTo = AddressList::parse(selectedIdentity().replyTo);
    message.to = m_to->addresses();
    message.cc = m_cc->addresses();
    message.bcc = m_bcc->addresses();
    message.subject = m_subject->text().trimmed();
    message.plainBody = m_body->toPlainText();
    message.attachments = m_attachments->attachments();
    if (m_richText) {
        message.htmlBody = m_body->composedHtml();
        message.plainBody = HtmlToPlainText::convert(message.htmlBody);
        message.attachments += m_body->inlineImages();
    }
    message.inReplyTo = m_inReplyTo;
    message.references = m_references;
    message.forwardedMessageId = m_forwardedMessageId;
    message.language = m_spelling->language(); // sent, and kept with a draft on the server
    return message;
}

QString ComposerWindow::validationError() const
{
    const OutgoingMessage m = message();
    if (m.from.address.isEmpty())
        return tr("There is no account to send from. Add one under Edit → Accounts.");
    if (m.recipientAddresses().isEmpty())
        return tr("Add at least one recipient.");
    QStringList invalid;
    for (const QString &address : m.recipientAddresses())
        if (!AddressList::isPlausibleAddress(address))
            invalid.append(address);
    if (invalid.size() == 1)
        return tr("“%1” is not a valid address. Correct or remove the marked recipient before "
                  "sending.")
                .arg(invalid.constFirst());
    if (!invalid.isEmpty())
        return tr("%1 are not valid addresses. Correct or remove the marked recipients before "
                  "sending.")
                .arg(QLocale().createSeparatedList(invalid));
    return {};
}

void ComposerWindow::send()
{
    const QString error = validationError();
    m_error->setText(error);
    m_error->setVisible(!error.isEmpty());
    m_showsRefusal = !error.isEmpty();
    if (!error.isEmpty()) {
        // Straight to the first recipient to correct.
        for (RecipientField *field : {m_to, m_cc, m_bcc}) {
            field->commit();
            for (RecipientChip *chip : field->chips()) {
                if (!chip->isValid()) {
                    chip->setFocus(Qt::OtherFocusReason);
                    return;
                }
            }
        }
        return;
    }
    if (!confirmWithoutAttachment())
        return;
    Q_EMIT sendRequested(message());
}

bool ComposerWindow::confirmWithoutAttachment()
{
    if (m_attachments->topLevelItemCount() > 0)
        return true;
    const QString mention = AttachmentMention::find(m_body->toPlainText());
    if (mention.isEmpty())
        return true;
    QMessageBox box(QMessageBox::Question, tr("Attachment Missing?"),
                    tr("The message mentions “%1”, but nothing is attached.").arg(mention),
                    QMessageBox::NoButton, this);
    box.setObjectName(QStringLiteral("attachmentReminder"));
    QPushButton *attach = box.addButton(tr("&Attach Files…"), QMessageBox::ActionRole);
    QPushButton *sendAnyway = box.addButton(tr("&Send Anyway"), QMessageBox::AcceptRole);
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(attach);
    box.exec();
    if (box.clickedButton() == attach)
        chooseAttachments();
    return box.clickedButton() == sendAnyway;
}

void ComposerWindow::sendFromShortcut()
{
    if (m_askBeforeShortcutSend && validationError().isEmpty()) {
        QMessageBox box(QMessageBox::Question, tr("Send Message"), tr("Send this message now?"),
                        QMessageBox::NoButton, this);
        box.setObjectName(QStringLiteral("confirmSend"));
        QPushButton *sendButton = box.addButton(tr("&Send"), QMessageBox::AcceptRole);
        box.addButton(QMessageBox::Cancel);
        box.setDefaultButton(sendButton);
        auto *dontAsk = new QCheckBox(tr("&Do not ask again"));
        dontAsk->setObjectName(QStringLiteral("dontAskAgain"));
        box.setCheckBox(dontAsk);
        box.exec();
        if (box.clickedButton() != sendButton)
            return;
        if (dontAsk->isChecked()) {
            m_askBeforeShortcutSend = false;
            Q_EMIT askBeforeShortcutSendChanged(false);
        }
    }
    send();
}

void ComposerWindow::chooseAttachments()
{
    auto *dialog = new QFileDialog(this, tr("Attach Files"));
    dialog->setFileMode(QFileDialog::ExistingFiles);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::filesSelected, this, [this](const QStringList &files) {
        for (const QString &file : files)
            addAttachment(file);
    });
    dialog->open();
}

void ComposerWindow::updateTitle()
{
    const QString subject = m_subject->text().trimmed();
    setWindowTitle(subject.isEmpty() ? tr("Write Message") : tr("Write: %1").arg(subject));
}

void ComposerWindow::updateAttachmentSummary()
{
    const int count = m_attachments->topLevelItemCount();
    m_attachments->setVisible(count > 0);
    m_attachmentSummary->setText(
            count == 0
                    ? tr("No attachments. Drop files here to attach them.")
                    : tr("%n attachment(s), %1", nullptr, count)
                              .arg(QLocale().formattedDataSize(m_attachments->totalSize(), 1,
                                                               QLocale::DataSizeTraditionalFormat)));
}

void ComposerWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (AttachmentList::localFiles(event->mimeData()).isEmpty())
        return event->ignore();
    event->acceptProposedAction();
}

void ComposerWindow::dropEvent(QDropEvent *event)
{
    const QStringList files = AttachmentList::localFiles(event->mimeData());
    if (files.isEmpty())
        return event->ignore();
    for (const QString &file : files)
        addAttachment(file);
    event->acceptProposedAction();
}

ComposerDraft ComposerWindow::draft() const
{
    ComposerDraft d;
    d.accountId = selectedAccountId();
    d.from = m_from->currentText();
    d.to = m_to->text();
    d.cc = m_cc->text();
    d.bcc = m_bcc->text();
    d.subject = m_subject->text();
    d.richText = m_richText;
    d.spellingLanguage = m_spelling->language();
    d.body = m_richText ? m_body->composedHtml() : m_body->toPlainText();
    if (m_richText)
        d.inlineImages = m_body->inlineImages();
    d.attachments = m_attachments->filePaths();
    d.dataAttachments = m_attachments->dataAttachments();
    d.inReplyTo = m_inReplyTo;
    d.references = m_references;
    d.forwardedMessageId = m_forwardedMessageId;
    d.followUps = m_followUps;
    return d;
}

void ComposerWindow::restoreDraft(const ComposerDraft &draft)
{
    fillFromDraft(draft);
    m_restored = true;
}

void ComposerWindow::openDraft(const ComposerDraft &draft)
{
    fillFromDraft(draft);
    m_initialFocus = !m_to->text().isEmpty() ? static_cast<QWidget *>(m_body) : m_to;
    // Unchanged, it stays on the server as it is; the baseline is taken when shown.
    m_baseline.reset();
    m_restored = false;
}

OutboxFollowUp ComposerWindow::serverDraft() const
{
    for (const OutboxFollowUp &followUp : m_followUps)
        if (followUp.action == OutboxFollowUp::Action::DeleteDraft)
            return followUp;
    return {};
}

void ComposerWindow::fillFromDraft(const ComposerDraft &draft)
{
    for (int i = 0; i < m_from->count(); ++i) {
        if (m_from->itemData(i, accountIdRole).toString() == draft.accountId
            && m_from->itemText(i) == draft.from)
            m_from->setCurrentIndex(i);
    }
    // The language the message was being written in, whatever the sender's would be.
    m_spelling->restoreLanguage(draft.spellingLanguage);
    m_to->setText(draft.to);
    m_cc->setText(draft.cc);
    m_bcc->setText(draft.bcc);
    m_subject->setText(draft.subject);
    setRichText(draft.richText);
    if (draft.richText)
        m_body->setHtml(draft.body);
    else
        m_body->setPlainText(draft.body);
    for (const OutgoingAttachment &image : draft.inlineImages)
        m_body->addInlineImage(image);
    for (const QString &path : draft.attachments)
        addAttachment(path);
    for (const OutgoingAttachment &attachment : draft.dataAttachments)
        m_attachments->addData(attachment);
    m_inReplyTo = draft.inReplyTo;
    m_references = draft.references;
    m_forwardedMessageId = draft.forwardedMessageId;
    // The draft holds its signature already: it is found, so that another sender replaces it.
    m_signature->adopt(selectedIdentity());
    m_restored = true;
    m_followUps = draft.followUps;
}

bool ComposerWindow::isModified() const
{
    // Before the window was shown there is no baseline: everything counts.
    return m_restored || !m_baseline || draft() != *m_baseline;
}

void ComposerWindow::closeAfterSending()
{
    m_ending = Ending::Sent;
    Q_EMIT sent();
    close();
}

void ComposerWindow::discard()
{
    if (isModified()) {
        const auto answer = QMessageBox::question(
                this, tr("Discard Message"),
                tr("The message will be closed without sending it, and no draft will be kept."
                   " Discard it?"),
                QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Discard)
            return;
    }
    m_ending = Ending::Discarded;
    Q_EMIT discarded();
    close();
}

void ComposerWindow::closeAsking()
{
    if (!isModified()) {
        close();
        return;
    }
    QMessageBox box(QMessageBox::Question, tr("Close Message"),
                    tr("The message has not been sent. Keep it as a draft?"),
                    QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("keepDraft"));
    box.button(QMessageBox::Save)->setText(tr("&Keep Draft"));
    box.setDefaultButton(QMessageBox::Save);
    box.setEscapeButton(QMessageBox::Cancel);
    switch (box.exec()) {
    case QMessageBox::Save:
        close(); // closeEvent() hands the draft out
        break;
    case QMessageBox::Discard:
        m_ending = Ending::Discarded;
        Q_EMIT discarded();
        close();
        break;
    default:
        break;
    }
}

void ComposerWindow::showEvent(QShowEvent *event)
{
    // What the composer opened with (a reply's quote, a mailto: request) is not a draft yet.
    const bool first = !m_baseline;
    if (!m_baseline)
        m_baseline = std::make_unique<ComposerDraft>(draft());
    QMainWindow::showEvent(event);
    if (first && m_initialFocus)
        m_initialFocus->setFocus(Qt::OtherFocusReason);
}

void ComposerWindow::closeEvent(QCloseEvent *event)
{
    if (m_ending == Ending::Open && isModified())
        Q_EMIT closedWithDraft(message());
    else if (m_ending == Ending::Open)
        Q_EMIT discarded(); // nothing written: nothing to keep
    m_ending = Ending::Discarded;
    QMainWindow::closeEvent(event);
}
