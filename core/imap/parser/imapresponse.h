#pragma once

#include "imapesearch.h"
#include "imapfetch.h"
#include "imapmailboxlisting.h"
#include "imapmailboxstatus.h"
#include "imapnamespace.h"
#include "imapsearch.h"
#include "imapstatusresponse.h"
#include "imapvalue.h"
#include "imapvanished.h"

#include <QByteArray>
#include <QList>

#include <utility>
#include <variant>

// One complete server response, typed. type() says which accessor holds the data; the other
// accessors return empty values, never throw and never crash.
class ImapResponse
{
public:
    enum class Type {
        Invalid,
        Continuation, // "+ text"; text() holds the text (base64 during AUTHENTICATE)
        Status, // tagged or untagged OK/NO/BAD/PREAUTH/BYE
        Capability,
        List,
        Lsub,
        MailboxStatus, // STATUS
        Exists,
        Recent,
        Expunge,
        Vanished,
        Fetch,
        Search,
        ESearch,
        Namespace,
        Enabled,
        Id,
        Flags,
        Unknown, // an untagged response this parser has no type for; see keyword()/values()
    };
    using IdFields = QList<std::pair<QByteArray, QByteArray>>;

    ImapResponse() = default;
    static ImapResponse continuation(QByteArray text);
    static ImapResponse status(ImapStatusResponse status);
    static ImapResponse number(Type type, quint32 value);
    static ImapResponse atoms(Type type, QList<QByteArray> atoms);
    static ImapResponse listing(ImapMailboxListing listing);
    static ImapResponse mailboxStatus(ImapMailboxStatus status);
    static ImapResponse vanished(ImapVanished vanished);
    static ImapResponse fetch(ImapFetch fetch);
    static ImapResponse search(ImapSearch search);
    static ImapResponse esearch(ImapESearch esearch);
    static ImapResponse namespaces(ImapNamespace ns);
    static ImapResponse id(IdFields fields);
    static ImapResponse unknown(QByteArray keyword, QList<ImapValue> values);

    Type type() const { return m_type; }
    bool isValid() const { return m_type != Type::Invalid; }
    bool isTagged() const { return m_type == Type::Status && statusResponse().isTagged(); }
    bool isUntaggedStatus() const { return m_type == Type::Status && !statusResponse().isTagged(); }

    QByteArray text() const; // Continuation
    const ImapStatusResponse &statusResponse() const;
    quint32 number() const; // Exists, Recent, Expunge
    // Capability (upper case), Enabled (upper case), Flags (as sent).
    const QList<QByteArray> &atoms() const;
    const ImapMailboxListing &listing() const; // List, Lsub
    const ImapMailboxStatus &mailboxStatus() const;
    const ImapVanished &vanished() const;
    const ImapFetch &fetch() const;
    // Moves the FETCH data out (an empty ImapFetch for other types); fetch() is empty after.
    ImapFetch takeFetch();
    // Marks the FETCH data as cut by the framer (nothing for other types).
    void setFetchTruncated();
    // Gives the section whose value starts offset bytes into the response the file its bytes
    // went to (ImapFramer::SpooledLiteral); false when no section starts there.
    bool setFetchSpool(qsizetype offset, const SpoolFile &file);
    const ImapSearch &search() const;
    const ImapESearch &esearch() const;
    const ImapNamespace &namespaces() const;
    const IdFields &idFields() const; // empty for "ID NIL"
    QByteArray keyword() const; // Unknown
    const QList<ImapValue> &values() const;

private:
    struct UnknownData
    {
        QByteArray keyword;
        QList<ImapValue> values;
    };
    using Data
            = std::variant<std::monostate, QByteArray, ImapStatusResponse, quint32,
                           QList<QByteArray>, ImapMailboxListing, ImapMailboxStatus, ImapVanished,
                           ImapFetch, ImapSearch, ImapESearch, ImapNamespace, IdFields, UnknownData>;

    template<typename T>
    const T &get() const;

    Type m_type = Type::Invalid;
    Data m_data;
};
