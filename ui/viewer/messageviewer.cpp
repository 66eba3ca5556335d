#include "messageviewer.h"
#include "colourscheme.h"

#include "attachmentlistwidget.h"
#include "longmessagebar.h"
#include "messageheaderview.h"
#include "remotecontentbar.h"
#include "safetextbrowser.h"

#include "savefoldermemory.h"

#include "mime/plaintextrenderer.h"

#include <QAction>
#include <QClipboard>
#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QMenu>
#include <QPageLayout>
#include <QPdfWriter>
#include <QPixmap>
#include <QRegularExpression>
#include <QSaveFile>
#include <QScrollBar>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextTable>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

MessageViewer::MessageViewer(QWidget *parent)
    : QWidget(parent)
    , m_header(new MessageHeaderView(this))
    , m_placeholder(new QLabel(tr("No message selected"), this))
    , m_remoteBar(new RemoteContentBar(this))
    , m_longBar(new LongMessageBar(this))
    , m_notes(new QLabel(this))
    , m_browser(new SafeTextBrowser(this))
    , m_attachmentArea(new QWidget(this))
    , m_previewArea(new QWidget(this))
    , m_attachments(new AttachmentListWidget(m_attachmentArea))
    , m_open(new QToolButton(m_attachmentArea))
    , m_save(new QToolButton(m_attachmentArea))
    , m_saveAll(new QToolButton(m_attachmentArea))
    , m_opener([](const QUrl &url) { return QDesktopServices::openUrl(url); })
    , m_savePathChooser([this](const QString &name) {
        return SaveFolderMemory().askSaveFileName(this, tr("Save Attachment"), name);
    })
    , m_directoryChooser(
              [this] { return SaveFolderMemory().askFolder(this, tr("Save All Attachments")); })
{
    m_browser->document()->setDefaultStyleSheet(u".blocked-image { %1; }"_s.arg(
            ColourScheme::cssColour(ColourScheme::muted(palette()))));
    m_browser->setFrameStyle(QFrame::Box | QFrame::Plain);
    m_browser->setLineWidth(2);
    m_browser->installEventFilter(this);
    showFocus(false);
    m_notes->setObjectName(u"messageNotes"_s);
    m_notes->setWordWrap(true);
    m_notes->setMargin(6);
    m_notes->setFrameStyle(QFrame::StyledPanel | QFrame::Plain);
    m_notes->setTextFormat(Qt::PlainText);
    m_notes->setVisible(false);
    m_placeholder->setObjectName(u"noMessagePlaceholder"_s);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);
    m_placeholder->setMargin(24);
    // Over the empty body, outside the viewer's layout: nothing moves when a message comes.
    auto *overlay = new QVBoxLayout(m_browser->viewport());
    overlay->addWidget(m_placeholder, 0, Qt::AlignCenter);

    m_open->setObjectName(u"openAttachmentButton"_s);
    m_save->setObjectName(u"saveAttachmentButton"_s);
    m_saveAll->setObjectName(u"saveAllAttachmentsButton"_s);
    m_open->setText(tr("Open"));
    m_save->setText(tr("Save"));
    m_saveAll->setText(tr("Save All"));
    m_attachments->setMaximumHeight(64);
    auto *buttons = new QVBoxLayout;
    buttons->addWidget(m_open);
    buttons->addWidget(m_save);
    buttons->addWidget(m_saveAll);
    buttons->addStretch();
    auto *attachmentLayout = new QHBoxLayout(m_attachmentArea);
    attachmentLayout->setContentsMargins(4, 4, 4, 4);
    attachmentLayout->addWidget(m_attachments, 1);
    attachmentLayout->addLayout(buttons);
    m_attachmentArea->setVisible(false);
    m_previewArea->setObjectName(u"attachmentPreviews"_s);
    auto *previewLayout = new QHBoxLayout(m_previewArea);
    previewLayout->setContentsMargins(4, 4, 4, 4);
    previewLayout->addStretch();
    m_previewArea->setVisible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_header);
    layout->addWidget(m_remoteBar);
    layout->addWidget(m_notes);
    layout->addWidget(m_longBar);
    layout->addWidget(m_browser, 1);
    layout->addWidget(m_previewArea);
    layout->addWidget(m_attachmentArea);

    connect(m_browser, &QTextBrowser::anchorClicked, this, &MessageViewer::onLinkClicked);
    connect(m_browser, qOverload<const QUrl &>(&QTextBrowser::highlighted), this,
            &MessageViewer::onLinkHovered);
    connect(m_remoteBar, &RemoteContentBar::loadRequested, this, &MessageViewer::loadRemoteContent);
    connect(m_longBar, &LongMessageBar::showAllRequested, this, &MessageViewer::showWholeBody);
    connect(m_longBar, &LongMessageBar::saveMessageRequested, this,
            &MessageViewer::saveMessageRequested);
    connect(m_remoteBar, &RemoteContentBar::alwaysRequested, this, [this] {
        Q_EMIT alwaysAllowRemoteContent(m_message.from.address);
        loadRemoteContent();
    });

    connect(m_header, &MessageHeaderView::composeToRequested, this,
            &MessageViewer::composeToRequested);
    connect(m_header, &MessageHeaderView::searchFromRequested, this,
            &MessageViewer::searchFromRequested);
    m_browser->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_browser, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        QMenu *menu = createBrowserMenu(m_browser->viewport()->mapFrom(m_browser, pos));
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(m_browser->mapToGlobal(pos));
    });
    m_attachments->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_attachments, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        QMenu *menu = createAttachmentMenu(pos);
        if (menu->isEmpty()) {
            delete menu;
            return;
        }
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(m_attachments->viewport()->mapToGlobal(pos));
    });

    auto forSelected = [this](void (MessageViewer::*action)(const QString &)) {
        return [this, action] {
            const QStringList ids = m_attachments->selectedPartIds();
            for (const QString &id : ids)
                (this->*action)(id);
        };
    };
    connect(m_open, &QToolButton::clicked, this, forSelected(&MessageViewer::openAttachment));
    connect(m_save, &QToolButton::clicked, this, forSelected(&MessageViewer::saveAttachment));
    connect(m_saveAll, &QToolButton::clicked, this, &MessageViewer::saveAllAttachments);
    connect(m_attachments, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        openAttachment(item->data(AttachmentListWidget::PartIdRole).toString());
    });
    connect(m_attachments, &QListWidget::itemSelectionChanged, this,
            &MessageViewer::updateAttachmentButtons);
    connect(m_attachments, &AttachmentListWidget::bytesNeeded, this, [this](const QStringList &ids) {
        for (const QString &id : ids)
            request(id, {AttachmentAction::Drag, QString()});
    });
    clear();
}

MessageViewer::~MessageViewer() = default;

void MessageViewer::setMessage(const ViewerMessage &message)
{
    m_message = message;
    m_empty = false;
    m_header->show();
    m_placeholder->hide();
    m_remoteAllowed = message.remoteContentAllowed;
    m_showWhole = false;
    m_pending.clear();
    m_tempDir.reset();
    m_header->setMessage(message);
    m_notes->setText(message.notes.join(QLatin1Char('\n')));
    m_notes->setVisible(!message.notes.isEmpty());

    QHash<QString, QByteArray> images;
    for (auto it = message.inlineImages.cbegin(); it != message.inlineImages.cend(); ++it)
        images.insert(it.key(), it.value().data);
    m_browser->setInlineImages(images);
    m_browser->resetCounters();

    m_attachments->setAttachments(message.attachments);
    m_attachmentArea->setVisible(!message.attachments.isEmpty());
    updateAttachmentButtons();
    qDeleteAll(previews());
    m_previewArea->setVisible(false);
    ++m_generation;
    // Started once the message is up, so that showing it is not held up by asking.
    QMetaObject::invokeMethod(
            this,
            [this, generation = m_generation] {
                if (generation == m_generation)
                    startPreviews();
            },
            Qt::QueuedConnection);
    showBody();
    // A sender the user trusts: the images are asked for as the message is shown.
    if (m_remoteAllowed && !m_sanitized.remoteUrls.isEmpty())
        Q_EMIT remoteContentRequested(m_sanitized.remoteUrls);
}

void MessageViewer::clear()
{
    m_message = {};
    m_empty = true;
    m_remoteAllowed = false;
    m_showWhole = false;
    m_bodyCut = false;
    m_sanitized = {};
    m_pending.clear();
    m_tempDir.reset();
    m_header->clear();
    m_header->hide();
    m_placeholder->show();
    m_browser->setInlineImages({});
    m_browser->resetCounters();
    m_browser->clear();
    m_showingHtml = false;
    m_remoteBar->setBlockedCount(0);
    m_longBar->setCut(0, 0);
    m_notes->clear();
    m_notes->setVisible(false);
    m_attachments->setAttachments({});
    m_attachmentArea->setVisible(false);
    qDeleteAll(previews());
    m_previewArea->setVisible(false);
    ++m_generation;
    updateAttachmentButtons();
}

QList<QLabel *> MessageViewer::previews() const
{
    return m_previewArea->findChildren<QLabel *>(Qt::FindDirectChildrenOnly);
}

void MessageViewer::startPreviews()
{
    for (const ViewerMessage::Attachment &a : std::as_const(m_message.attachments)) {
        const QString type = a.mimeType.toLower();
        const bool image = type == u"image/png" || type == u"image/jpeg" || type == u"image/gif"
                           || type == u"image/bmp" || type == u"image/webp";
        if (image && a.size >= 0 && a.size <= PreviewLimit)
            request(a.partId, {AttachmentAction::Preview, QString()});
    }
}

void MessageViewer::showPreview(const QString &partId, const QString &localFile)
{
    QImage image(localFile);
    if (image.isNull())
        return; // not an image after all: the list still offers it
    const QImage scaled = image.scaled(QSize(240, 180).boundedTo(image.size()), Qt::KeepAspectRatio,
                                       Qt::SmoothTransformation);
    auto *label = new QLabel(m_previewArea);
    label->setObjectName(u"preview-"_s + partId);
    label->setPixmap(QPixmap::fromImage(scaled));
    label->setToolTip(fileNameFor(partId));
    label->setFrameShape(QFrame::StyledPanel);
    auto *layout = static_cast<QHBoxLayout *>(m_previewArea->layout());
    layout->insertWidget(layout->count() - 1, label);
    m_previewArea->setVisible(true);
    if (QListWidgetItem *item = m_attachments->itemFor(partId))
        item->setIcon(QIcon(QPixmap::fromImage(scaled)));
}

void MessageViewer::setBodyPreference(BodyPreference preference)
{
    if (m_preference == preference)
        return;
    m_preference = preference;
    showBody();
}

void MessageViewer::loadRemoteContent()
{
    m_remoteAllowed = true;
    showBody();
    if (!m_sanitized.remoteUrls.isEmpty())
        Q_EMIT remoteContentRequested(m_sanitized.remoteUrls);
}

void MessageViewer::setRemoteImage(const QUrl &url, const QByteArray &bytes)
{
    if (!m_remoteAllowed || !m_showingHtml || !m_sanitized.remoteUrls.contains(url.toString()))
        return;
    m_browser->setRemoteImage(url, bytes);
    // Lay the document out again so the image is asked for and sized.
    const int scroll = m_browser->verticalScrollBar()->value();
    m_browser->setHtml(m_sanitized.html);
    m_browser->verticalScrollBar()->setValue(scroll);
}

void MessageViewer::showWholeBody()
{
    if (m_showWhole)
        return;
    m_showWhole = true;
    showBody();
}

void MessageViewer::showBody()
{
    const bool hasHtml = !m_message.html.isEmpty();
    const bool hasPlain = !m_message.plainText.isEmpty();
    m_showingHtml = hasHtml && (m_preference == BodyPreference::Html || !hasPlain);
    m_sanitized = {};
    const QString &body = m_showingHtml ? m_message.html : m_message.plainText;
    QString shown = body;
    m_bodyCut = !m_showWhole && body.size() > m_displayLimit;
    if (m_bodyCut) {
        // Cut before a tag (HTML) or at a line end (text), never inside either.
        const QChar boundary = m_showingHtml ? u'<' : u'\n';
        qsizetype cut = body.lastIndexOf(boundary, m_displayLimit);
        if (cut <= 0)
            cut = m_displayLimit;
        shown = body.left(cut);
    }
    if (m_showingHtml) {
        HtmlSanitizer sanitizer;
        sanitizer.setAllowRemoteContent(m_remoteAllowed);
        QStringList recipients;
        for (const auto *list : {&m_message.to, &m_message.cc}) {
            for (const ViewerMessage::Address &a : *list)
                recipients << a.address;
        }
        sanitizer.setRecipients(recipients);
        m_sanitized = sanitizer.sanitize(shown);
        m_browser->setHtml(m_sanitized.html);
    } else {
        PlainTextRenderer renderer;
        renderer.setFlowed(m_message.isFlowed);
        renderer.setDeleteSpace(m_message.deleteSpace);
        m_browser->setHtml(renderer.render(shown));
    }
    QStringList trackers;
    for (const HtmlSanitizer::Result::Tracker &t : std::as_const(m_sanitized.trackers))
        trackers << trackerName(t.verdict);
    m_remoteBar->setBlocked(m_sanitized.blockedCount, trackers);
    m_longBar->setCut(shown.size(), body.size());
    // Once all that is here is shown, what could not be read for display is said.
    if (!m_bodyCut && m_message.heldBackTextSize >= 0)
        m_longBar->setHeldBack(m_message.heldBackShownSize, m_message.heldBackTextSize);
}

std::unique_ptr<QTextDocument> MessageViewer::printDocument() const
{
    std::unique_ptr<QTextDocument> document(m_browser->document()->clone());
    QTextCursor cursor(document.get());
    cursor.movePosition(QTextCursor::Start);
    auto field = [](const QString &name, const QString &value) {
        return u"<tr><td><b>"_s + name.toHtmlEscaped() + u"</b></td><td>"_s + value.toHtmlEscaped()
               + u"</td></tr>"_s;
    };
    auto list = [](const QList<ViewerMessage::Address> &addresses) {
        QStringList texts;
        for (const ViewerMessage::Address &a : addresses)
            texts << a.displayText();
        return texts.join(u", "_s);
    };
    QString header = u"<table>"_s;
    header += field(tr("Subject:"),
                    m_message.subject.isEmpty() ? tr("(no subject)") : m_message.subject);
    header += field(tr("From:"), m_message.from.displayText());
    if (!m_message.to.isEmpty())
        header += field(tr("To:"), list(m_message.to));
    if (!m_message.cc.isEmpty())
        header += field(tr("Cc:"), list(m_message.cc));
    if (m_message.date.isValid())
        header += field(tr("Date:"),
                        locale().toString(m_message.date.toLocalTime(), QLocale::LongFormat));
    header += u"</table><hr>"_s;
    cursor.insertHtml(header);
    cursor.insertBlock();
    return document;
}

bool MessageViewer::print(QPagedPaintDevice *printer) const
{
    if (m_empty)
        return false;
    printDocument()->print(printer);
    return true;
}

bool MessageViewer::exportPdf(const QString &path, QString *error) const
{
    if (m_empty) {
        if (error)
            *error = tr("No message is open");
        return false;
    }
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    QPdfWriter writer(&file);
    writer.setTitle(m_message.subject);
    writer.setCreator(u"Heron"_s);
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
    printDocument()->print(&writer);
    return true;
}

bool MessageViewer::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_browser
        && (event->type() == QEvent::FocusIn || event->type() == QEvent::FocusOut))
        showFocus(event->type() == QEvent::FocusIn);
    return QWidget::eventFilter(watched, event);
}

void MessageViewer::showFocus(bool focused)
{
    // A border in the highlight colour while the body has the focus; a clear one of the same
    // width otherwise, so nothing moves.
    m_showingFocus = focused;
    QPalette p = m_browser->palette();
    p.setColor(QPalette::WindowText,
               focused ? palette().color(QPalette::Highlight) : palette().color(QPalette::Base));
    m_browser->setPalette(p);
}

QMenu *MessageViewer::createBrowserMenu(const QPoint &pos)
{
    auto *menu = new QMenu(this);
    menu->setObjectName(u"browserMenu"_s);
    const QString anchor = m_browser->anchorAt(pos);
    const QUrl url(anchor);
    const QString scheme = url.scheme().toLower();
    if (scheme == u"mailto") {
        const QString address = url.path();
        QAction *compose = menu->addAction(tr("C&ompose To…"));
        compose->setObjectName(u"composeTo"_s);
        connect(compose, &QAction::triggered, this,
                [this, address] { Q_EMIT composeToRequested(address); });
        QAction *copy = menu->addAction(tr("Copy &Address"));
        copy->setObjectName(u"copyAddress"_s);
        connect(copy, &QAction::triggered, this,
                [address] { QGuiApplication::clipboard()->setText(address); });
        menu->addSeparator();
    } else if (scheme == u"http" || scheme == u"https") {
        QAction *open = menu->addAction(tr("&Open Link"));
        open->setObjectName(u"openLink"_s);
        connect(open, &QAction::triggered, this, [this, url] { onLinkClicked(url); });
        QAction *copy = menu->addAction(tr("Copy &Link Address"));
        copy->setObjectName(u"copyLink"_s);
        connect(copy, &QAction::triggered, this,
                [url] { QGuiApplication::clipboard()->setText(url.toString()); });
        menu->addSeparator();
    }
    QAction *copy = menu->addAction(tr("&Copy"));
    copy->setObjectName(u"copyText"_s);
    copy->setShortcut(QKeySequence::Copy);
    copy->setEnabled(m_browser->textCursor().hasSelection());
    connect(copy, &QAction::triggered, m_browser, &QTextEdit::copy);
    QAction *all = menu->addAction(tr("Select &All"));
    all->setObjectName(u"selectAll"_s);
    all->setShortcut(QKeySequence::SelectAll);
    connect(all, &QAction::triggered, m_browser, &QTextEdit::selectAll);
    return menu;
}

QMenu *MessageViewer::createAttachmentMenu(const QPoint &pos)
{
    auto *menu = new QMenu(this);
    menu->setObjectName(u"attachmentMenu"_s);
    QListWidgetItem *item = m_attachments->itemAt(pos);
    if (item) {
        if (!item->isSelected()) {
            m_attachments->clearSelection();
            item->setSelected(true);
        }
        const QString partId = item->data(AttachmentListWidget::PartIdRole).toString();
        QAction *open = menu->addAction(tr("&Open"));
        open->setObjectName(u"openAttachment"_s);
        connect(open, &QAction::triggered, this, [this, partId] { openAttachment(partId); });
        QAction *save = menu->addAction(tr("&Save As…"));
        save->setObjectName(u"saveAttachment"_s);
        connect(save, &QAction::triggered, this, [this, partId] { saveAttachment(partId); });
    }
    if (m_attachments->count() > 0) {
        QAction *all = menu->addAction(tr("Save &All…"));
        all->setObjectName(u"saveAllAttachments"_s);
        connect(all, &QAction::triggered, this, &MessageViewer::saveAllAttachments);
    }
    return menu;
}

QString MessageViewer::trackerName(const TrackerDetector::Verdict &verdict)
{
    switch (verdict.kind) {
    case TrackerDetector::Kind::KnownService:
        return verdict.serviceName;
    case TrackerDetector::Kind::Pixel:
        return tr("a 1×1 pixel");
    case TrackerDetector::Kind::Hidden:
        return tr("a hidden image");
    case TrackerDetector::Kind::RecipientToken:
        return tr("an image address naming you");
    case TrackerDetector::Kind::None:
        break;
    }
    return {};
}

void MessageViewer::onLinkClicked(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    if (url.scheme().isEmpty() && url.hasFragment()) {
        m_browser->scrollToAnchor(url.fragment());
        return;
    }
    if (scheme != u"http" && scheme != u"https" && scheme != u"mailto")
        return;
    Q_EMIT linkActivated(url);
    if (m_opener)
        m_opener(url);
}

void MessageViewer::onLinkHovered(const QUrl &url)
{
    m_hoveredLink = url.isEmpty() ? QString() : url.toDisplayString();
    m_browser->viewport()->setToolTip(m_hoveredLink);
    if (m_hoveredLink.isEmpty())
        QToolTip::hideText();
    else if (m_browser->underMouse())
        QToolTip::showText(QCursor::pos(), m_hoveredLink, m_browser->viewport());
    Q_EMIT linkHovered(m_hoveredLink);
}

void MessageViewer::openAttachment(const QString &partId)
{
    request(partId, {AttachmentAction::Open, QString()});
}

void MessageViewer::saveAttachment(const QString &partId)
{
    const QString path = m_savePathChooser ? m_savePathChooser(fileNameFor(partId)) : QString();
    if (!path.isEmpty())
        request(partId, {AttachmentAction::Save, path});
}

void MessageViewer::saveAllAttachments()
{
    const QString directory = m_directoryChooser ? m_directoryChooser() : QString();
    if (directory.isEmpty())
        return;
    const QDir dir(directory);
    QStringList used;
    for (const ViewerMessage::Attachment &a : std::as_const(m_message.attachments)) {
        const QFileInfo name(fileNameFor(a.partId));
        QString candidate = name.fileName();
        for (int n = 2; used.contains(candidate) || dir.exists(candidate); ++n) {
            candidate = name.completeBaseName() + u" ("_s + QString::number(n) + u')'
                        + (name.suffix().isEmpty() ? QString() : u'.' + name.suffix());
        }
        used << candidate;
        request(a.partId, {AttachmentAction::Save, dir.filePath(candidate)});
    }
}

QString MessageViewer::fileNameFor(const QString &partId) const
{
    for (const ViewerMessage::Attachment &a : m_message.attachments) {
        if (a.partId != partId)
            continue;
        // Only the last path component, never a way out of the chosen folder.
        QString name = QFileInfo(QString(a.fileName).replace(u'\\', u'/')).fileName();
        if (name.isEmpty() || name == u".." || name == u".")
            name = tr("attachment");
        return name;
    }
    return tr("attachment");
}

void MessageViewer::request(const QString &partId, const Pending &pending)
{
    if (!m_attachments->localFile(partId).isEmpty()) {
        perform(partId, pending);
        return;
    }
    QList<Pending> &queue = m_pending[partId];
    const bool asked = !queue.isEmpty();
    queue.append(pending);
    if (!asked) {
        m_attachments->setProgress(partId, 0, -1);
        Q_EMIT attachmentRequested(partId, pending.action);
    }
}

void MessageViewer::setAttachmentProgress(const QString &partId, qint64 received, qint64 total)
{
    m_attachments->setProgress(partId, received, total);
}

void MessageViewer::setAttachmentFailed(const QString &partId, const QString &error)
{
    m_pending.remove(partId);
    m_attachments->setFailed(partId, error);
    Q_EMIT attachmentFailed(partId, error);
}

void MessageViewer::setAttachmentData(const QString &partId, const QByteArray &bytes)
{
    attachmentArrived(partId, MessageSource::fromBytes(bytes));
}

void MessageViewer::setAttachmentFile(const QString &partId, const QString &file)
{
    attachmentArrived(partId, MessageSource::fromFile(file));
}

void MessageViewer::attachmentArrived(const QString &partId, const MessageSource &bytes)
{
    if (!m_attachments->itemFor(partId))
        return; // late bytes of a message no longer on display
    if (!m_tempDir) {
        m_tempDir = std::make_unique<QTemporaryDir>();
        if (!m_tempDir->isValid()) {
            setAttachmentFailed(partId, tr("cannot create a temporary folder"));
            return;
        }
    }
    // One folder per part keeps the attachment's own name for the temporary copy.
    QString folder = partId;
    folder.replace(QRegularExpression(u"[^A-Za-z0-9._-]"_s), u"_"_s);
    const QDir dir(m_tempDir->path());
    dir.mkpath(u"part-"_s + folder);
    const QString path = dir.filePath(u"part-"_s + folder + u'/' + fileNameFor(partId));
    QString error;
    // A file (a large part the cache holds) gets a second name here, a hard link, so that the
    // program opening it sees the attachment's own name without a copy of its bytes; a copy
    // only where the temporary folder is on another file system.
    QFile::remove(path);
    const bool kept = bytes.isFile() ? bytes.linkTo(path, &error) : writeFile(path, bytes, &error);
    if (!kept) {
        setAttachmentFailed(partId, error);
        return;
    }
    m_attachments->setLocalFile(partId, path);
    const QList<Pending> pending = m_pending.take(partId);
    for (const Pending &p : pending)
        perform(partId, p);
}

void MessageViewer::perform(const QString &partId, const Pending &pending)
{
    const QString local = m_attachments->localFile(partId);
    switch (pending.action) {
    case AttachmentAction::Open:
        // Nothing to open it with (no program for the type): said, never silent.
        if (m_opener && !m_opener(QUrl::fromLocalFile(local))) {
            const QString error = tr("No program is set up to open %1")
                                          .arg(QFileInfo(local).fileName());
            m_attachments->setFailed(partId, error);
            Q_EMIT attachmentFailed(partId, error);
        }
        break;
    case AttachmentAction::Save: {
        QString error;
        if (!QFileInfo(local).isReadable()) {
            Q_EMIT attachmentFailed(partId, tr("Cannot read %1").arg(local));
        } else if (!writeFile(pending.target, MessageSource::fromFile(local), &error)) {
            m_attachments->setFailed(partId, error);
            Q_EMIT attachmentFailed(partId, error);
        } else {
            Q_EMIT attachmentSaved(partId, pending.target);
        }
        break;
    }
    case AttachmentAction::Drag:
        break; // the item can be dragged now
    case AttachmentAction::Preview:
        showPreview(partId, local);
        break;
    }
}

bool MessageViewer::writeFile(const QString &path, const MessageSource &bytes, QString *error) const
{
    // A file is copied from a mapping of it, a piece at a time.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = file.errorString();
        return false;
    }
    if (!bytes.writeTo(&file, error)) {
        file.cancelWriting();
        return false;
    }
    if (!file.commit()) {
        *error = file.errorString();
        return false;
    }
    return true;
}

void MessageViewer::updateAttachmentButtons()
{
    const bool selected = !m_attachments->selectedPartIds().isEmpty();
    m_open->setEnabled(selected);
    m_save->setEnabled(selected);
    m_saveAll->setEnabled(m_attachments->count() > 0);
}
