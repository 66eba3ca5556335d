#pragma once

#include "viewermessage.h"

#include "common/messagesource.h"

#include "mime/htmlsanitizer.h"

#include <QHash>
#include <QTemporaryDir>
#include <QUrl>
#include <QWidget>

#include <functional>
#include <memory>

class AttachmentListWidget;
class LongMessageBar;
class MessageHeaderView;
class QLabel;
class QMenu;
class QPagedPaintDevice;
class QTextDocument;
class QToolButton;
class RemoteContentBar;
class SafeTextBrowser;

// Shows one message: its headers, the body (sanitised HTML or rendered plain text) in a
// browser that loads nothing from outside the message, a bar offering blocked remote content,
// and the attachments with Open / Save / Save all and dragging out.
//
// Attachment bytes are not part of the message given: the viewer asks for them with
// attachmentRequested() and the owner answers with setAttachmentProgress() and
// setAttachmentData() or setAttachmentFailed(). Links open only when clicked, through an
// opener that defaults to QDesktopServices and can be replaced (tests do).
class MessageViewer : public QWidget
{
    Q_OBJECT
public:
    enum class BodyPreference { Html, PlainText };
    // Preview: an image attachment's bytes, asked for as the message is shown, to show it.
    enum class AttachmentAction { Open, Save, Drag, Preview };
    Q_ENUM(AttachmentAction)

    using UrlOpener = std::function<bool(const QUrl &url)>;
    using SavePathChooser = std::function<QString(const QString &suggestedName)>;
    using DirectoryChooser = std::function<QString()>;

    explicit MessageViewer(QWidget *parent = nullptr);
    ~MessageViewer() override;

    void setMessage(const ViewerMessage &message);
    const ViewerMessage &message() const { return m_message; }
    // Shows no message: no header, no body, no attachments. Answers still expected for the
    // attachments of the message that was on display are forgotten.
    void clear();
    // True when no message is on display (at first and after clear()).
    bool isEmpty() const { return m_empty; }

    // Which body to show when a message has both; the other is used when one is missing.
    void setBodyPreference(BodyPreference preference);
    BodyPreference bodyPreference() const { return m_preference; }
    bool isShowingHtml() const { return m_showingHtml; }

    // Shows this message with its remote references kept (the "Load for this message" button).
    void loadRemoteContent();
    bool isRemoteContentAllowed() const { return m_remoteAllowed; }
    // Shows a remote image whose bytes the owner fetched after remoteContentRequested().
    void setRemoteImage(const QUrl &url, const QByteArray &bytes);
    // Bodies longer than this many characters are shown cut (at a tag or line boundary) with a
    // bar offering the whole: laying out megabytes of HTML would stall the window for seconds.
    void setDisplayLimit(qsizetype characters) { m_displayLimit = characters; }
    qsizetype displayLimit() const { return m_displayLimit; }
    // Shows the whole body of the message on display (the bar's "Show all").
    void showWholeBody();
    bool isBodyCut() const { return m_bodyCut; }
    // What the sanitiser reported for the HTML on display.
    const HtmlSanitizer::Result &sanitizeResult() const { return m_sanitized; }

    void setAttachmentProgress(const QString &partId, qint64 received, qint64 total);
    void setAttachmentData(const QString &partId, const QByteArray &bytes);
    // The same for a large attachment whose bytes are a file (of the cache): copied, a piece
    // at a time, never read into memory whole.
    void setAttachmentFile(const QString &partId, const QString &file);
    void setAttachmentFailed(const QString &partId, const QString &error);

    void openAttachment(const QString &partId);
    void saveAttachment(const QString &partId);
    void saveAllAttachments();

    // The context menus, built for the point they are asked at (viewport coordinates of the
    // browser, of the attachment list); the caller owns them. The browser's is about the link
    // under the point (Open Link, Copy Link Address; for mailto: Compose To, Copy Address) with
    // Copy and Select All; the attachment list's about the item there (Open, Save As, Save All).
    QMenu *createBrowserMenu(const QPoint &pos);
    QMenu *createAttachmentMenu(const QPoint &pos);

    // The message as printed: its header fields above the body on display.
    std::unique_ptr<QTextDocument> printDocument() const;
    // Prints the message on display; false when none is.
    bool print(QPagedPaintDevice *printer) const;
    // Writes the message on display to a PDF file; false (and error set) when it cannot.
    bool exportPdf(const QString &path, QString *error = nullptr) const;

    // How a blocked tracker is named in the remote content bar ("Mailchimp", "a hidden image").
    static QString trackerName(const TrackerDetector::Verdict &verdict);

    void setUrlOpener(UrlOpener opener) { m_opener = std::move(opener); }
    void setSavePathChooser(SavePathChooser chooser) { m_savePathChooser = std::move(chooser); }
    void setDirectoryChooser(DirectoryChooser chooser) { m_directoryChooser = std::move(chooser); }

    SafeTextBrowser *browser() const { return m_browser; }
    // Says "No message selected" while no message is on display.
    QLabel *placeholder() const { return m_placeholder; }
    // True while the body has the keyboard focus and shows it with a highlighted border.
    bool isShowingFocus() const { return m_showingFocus; }
    MessageHeaderView *headerView() const { return m_header; }
    RemoteContentBar *remoteContentBar() const { return m_remoteBar; }
    LongMessageBar *longMessageBar() const { return m_longBar; }
    // What the message's notes say (signed, encrypted); hidden when it has none.
    QLabel *notesLabel() const { return m_notes; }
    AttachmentListWidget *attachmentList() const { return m_attachments; }
    QToolButton *saveAllButton() const { return m_saveAll; }
    // The previews of the image attachments, one label each, under the body.
    QWidget *previewArea() const { return m_previewArea; }
    QList<QLabel *> previews() const;
    // Image attachments up to this size are previewed.
    static constexpr qint64 PreviewLimit = 8 * 1024 * 1024;
    QString hoveredLink() const { return m_hoveredLink; }

Q_SIGNALS:
    // The note on a text too long to show whole asks for the message to be saved.
    void saveMessageRequested();
    void attachmentRequested(const QString &partId, MessageViewer::AttachmentAction action);
    void attachmentSaved(const QString &partId, const QString &path);
    void attachmentFailed(const QString &partId, const QString &error);
    void alwaysAllowRemoteContent(const QString &senderAddress);
    // Remote content was allowed for the message on display: these URLs are referred to.
    void remoteContentRequested(const QStringList &urls);
    void linkActivated(const QUrl &url);
    // From the context menus of addresses and mailto: links.
    void composeToRequested(const QString &address);
    void searchFromRequested(const QString &address);
    void linkHovered(const QString &target); // empty when the pointer leaves the link

private:
    struct Pending
    {
        AttachmentAction action;
        QString target; // where to save
    };

    void showBody();
    void onLinkClicked(const QUrl &url);
    void onLinkHovered(const QUrl &url);
    void request(const QString &partId, const Pending &pending);
    void perform(const QString &partId, const Pending &pending);
    bool writeFile(const QString &path, const MessageSource &bytes, QString *error) const;
    void attachmentArrived(const QString &partId, const MessageSource &bytes);
    QString fileNameFor(const QString &partId) const;
    void updateAttachmentButtons();
    void startPreviews();
    void showPreview(const QString &partId, const QString &localFile);

    ViewerMessage m_message;
    bool m_empty = true;
    BodyPreference m_preference = BodyPreference::Html;
    bool m_showingHtml = false;
    bool m_remoteAllowed = false;
    qsizetype m_displayLimit = 64 * 1024;
    bool m_showWhole = false;
    bool m_bodyCut = false;
    HtmlSanitizer::Result m_sanitized;
    QString m_hoveredLink;

    bool eventFilter(QObject *watched, QEvent *event) override;
    void showFocus(bool focused);

    MessageHeaderView *m_header;
    QLabel *m_placeholder;
    bool m_showingFocus = false;
    RemoteContentBar *m_remoteBar;
    LongMessageBar *m_longBar;
    QLabel *m_notes;
    SafeTextBrowser *m_browser;
    QWidget *m_attachmentArea;
    QWidget *m_previewArea;
    quint64 m_generation = 0; // counts the messages shown, for late preview starts
    AttachmentListWidget *m_attachments;
    QToolButton *m_open;
    QToolButton *m_save;
    QToolButton *m_saveAll;

    UrlOpener m_opener;
    SavePathChooser m_savePathChooser;
    DirectoryChooser m_directoryChooser;
    std::unique_ptr<QTemporaryDir> m_tempDir;
    QHash<QString, QList<Pending>> m_pending;
};
