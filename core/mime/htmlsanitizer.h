#pragma once

#include "trackerdetector.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

// Turns the HTML of a message into HTML that is safe to hand to a rich-text viewer.
//
// Works on an allow-list: known presentational elements and attributes are kept, everything
// else is dropped. Scripts, styles' remote references, frames, objects, forms, meta, base and
// link elements, event handler attributes and links to anything but http, https and mailto
// never reach the output. Images are kept when they are embedded (cid:, data:image/...);
// remote images, CSS url(...) and @import pointing at the network are removed and reported
// unless remote content is allowed. Remote images that track the reader (TrackerDetector) are
// removed and reported apart, even when remote content is allowed.
//
// The input is read once by a small tolerant tokenizer (comments, CDATA, quoted and unquoted
// attributes, unterminated tags), so the work is linear in the size of the input.
class HtmlSanitizer
{
public:
    struct Result
    {
        QString html;
        // How many references to remote resources were removed (each occurrence counts).
        int blockedCount = 0;
        // The distinct URLs of those references, in the order they first appeared.
        QStringList blockedUrls;
        // Remote references kept in the output because remote content was allowed.
        QStringList remoteUrls;
        // Remote images found to be trackers (see TrackerDetector): always removed, whether
        // remote content is allowed or not, and not counted in blockedCount.
        struct Tracker
        {
            QString url;
            TrackerDetector::Verdict verdict;
        };
        QList<Tracker> trackers;
    };

    void setAllowRemoteContent(bool allow) { m_allowRemoteContent = allow; }
    bool allowRemoteContent() const { return m_allowRemoteContent; }
    // The addresses the message was sent to, for recognising per-recipient tokens in URLs.
    void setRecipients(const QStringList &addresses) { m_trackers.setRecipients(addresses); }

    Result sanitize(QStringView html) const;

    // Decodes character references (named, decimal, hex; a missing ';' tolerated) as they
    // appear in attribute values.
    static QString decodeEntities(QStringView text);
    // Escapes &, <, > and " for text and double-quoted attribute values.
    static QString escape(QStringView text);

    enum class UrlKind { Remote, Embedded, Link, Fragment, Forbidden };
    // Classifies a URL as written in an href or src attribute (entities already decoded):
    // Remote for http, https and scheme-relative "//host" URLs, Embedded for cid: and
    // data:image/..., Link for mailto:, Fragment for "#name", Forbidden for anything else.
    // Blanks and control characters inside the scheme are ignored the way browsers do.
    static UrlKind classifyUrl(QStringView url);

private:
    bool m_allowRemoteContent = false;
    TrackerDetector m_trackers;
};
