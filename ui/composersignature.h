#pragma once

#include "accounts/identity.h"
#include "mime/outgoingmessage.h"

#include <QString>
#include <QTextCursor>

class QTextEdit;

// The signature block of one composer body: "-- " on a line of its own (RFC 3676 4.3), then
// the identity's signature: in an HTML body its HTML signature (cleaned as pasted HTML is), or
// the plain one when it has none; in a plain-text body the plain one. It is put where the new
// text ends, above any quote or forwarded message, and follows the text around it as the user
// types. Changing the sender replaces the block it put there, as long as the user left it as it
// was; one the user edited or deleted is the user's and stays as it is. There is never more
// than one. The pictures of an HTML signature (SignatureImages) become inline images of the
// body, sent as cid: parts, when the editor is an HtmlComposerEditor.
class ComposerSignature
{
public:
    explicit ComposerSignature(QTextEdit *editor);

    // The text inserted for signature: a line break before the separator line, the separator,
    // the signature. Empty for an empty signature.
    static QString block(const QString &signature);
    // The HTML put after the separator for identity in an HTML body; empty when the plain
    // signature is used there. Its pictures are referenced as cid:, each part of images.
    static QString htmlOf(const Identity &identity, QList<OutgoingAttachment> *images = nullptr);

    // After the body was replaced: puts identity's block at position (the end of the text the
    // user writes), forgetting any block of the earlier body. The text cursor stays where it was.
    void insert(int position, const Identity &identity);
    // Replaces the block put there before with identity's, unless the user changed it.
    void replace(const Identity &identity);
    // Looks for identity's block in a body restored from a draft, so that a later change of
    // sender replaces it; only above a quoted or forwarded message, never a copy inside it. False
    // when it is not there (nothing is then replaced later).
    bool adopt(const Identity &identity);
    // Puts text in place of the block, if it is there as it was put, and forgets it (the body
    // is about to be converted; the caller inserts the new block where text ends up).
    bool replaceWithText(const QString &text);
    // The block currently tracked (empty when none was put or it was adopted from nothing).
    QString currentBlock() const { return m_block; }

private:
    QString trackedText() const;
    // Where a quoted or forwarded message begins in the body (its end when there is none).
    int quoteStart() const;
    void track(int start, int end);
    bool isRich() const;
    // Inserts identity's block at cursor; returns false when there is nothing to insert. The
    // pictures of an HTML signature are made known to editor (none: they show as nothing).
    static bool insertBlock(QTextCursor *cursor, const Identity &identity, bool rich,
                            QTextEdit *editor);

    QTextEdit *m_editor;
    QTextCursor m_cursor; // selects the block; collapsed where one would go when it is empty
    QString m_block;
    bool m_placed = false;
};
