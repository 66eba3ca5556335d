#include "imapresponse.h"

template<typename T>
const T &ImapResponse::get() const
{
    static const T empty {};
    if (const T *value = std::get_if<T>(&m_data))
        return *value;
    return empty;
}

ImapResponse ImapResponse::continuation(QByteArray text)
{
    ImapResponse r;
    r.m_type = Type::Continuation;
    r.m_data = std::move(text);
    return r;
}

ImapResponse ImapResponse::status(ImapStatusResponse status)
{
    ImapResponse r;
    r.m_type = Type::Status;
    r.m_data = std::move(status);
    return r;
}

ImapResponse ImapResponse::number(Type type, quint32 value)
{
    ImapResponse r;
    r.m_type = type;
    r.m_data = value;
    return r;
}

ImapResponse ImapResponse::atoms(Type type, QList<QByteArray> atoms)
{
    ImapResponse r;
    r.m_type = type;
    r.m_data = std::move(atoms);
    return r;
}

ImapResponse ImapResponse::listing(ImapMailboxListing listing)
{
    ImapResponse r;
    r.m_type = listing.isLsub ? Type::Lsub : Type::List;
    r.m_data = std::move(listing);
    return r;
}

ImapResponse ImapResponse::mailboxStatus(ImapMailboxStatus status)
{
    ImapResponse r;
    r.m_type = Type::MailboxStatus;
    r.m_data = std::move(status);
    return r;
}

ImapResponse ImapResponse::vanished(ImapVanished vanished)
{
    ImapResponse r;
    r.m_type = Type::Vanished;
    r.m_data = std::move(vanished);
    return r;
}

ImapResponse ImapResponse::fetch(ImapFetch fetch)
{
    ImapResponse r;
    r.m_type = Type::Fetch;
    r.m_data = std::move(fetch);
    return r;
}

ImapResponse ImapResponse::search(ImapSearch search)
{
    ImapResponse r;
    r.m_type = Type::Search;
    r.m_data = std::move(search);
    return r;
}

ImapResponse ImapResponse::esearch(ImapESearch esearch)
{
    ImapResponse r;
    r.m_type = Type::ESearch;
    r.m_data = std::move(esearch);
    return r;
}

ImapResponse ImapResponse::namespaces(ImapNamespace ns)
{
    ImapResponse r;
    r.m_type = Type::Namespace;
    r.m_data = std::move(ns);
    return r;
}

ImapResponse ImapResponse::id(IdFields fields)
{
    ImapResponse r;
    r.m_type = Type::Id;
    r.m_data = std::move(fields);
    return r;
}

ImapResponse ImapResponse::unknown(QByteArray keyword, QList<ImapValue> values)
{
    ImapResponse r;
    r.m_type = Type::Unknown;
    r.m_data = UnknownData {std::move(keyword), std::move(values)};
    return r;
}

QByteArray ImapResponse::text() const
{
    return get<QByteArray>();
}

const ImapStatusResponse &ImapResponse::statusResponse() const
{
    return get<ImapStatusResponse>();
}

quint32 ImapResponse::number() const
{
    return get<quint32>();
}

const QList<QByteArray> &ImapResponse::atoms() const
{
    return get<QList<QByteArray>>();
}

const ImapMailboxListing &ImapResponse::listing() const
{
    return get<ImapMailboxListing>();
}

const ImapMailboxStatus &ImapResponse::mailboxStatus() const
{
    return get<ImapMailboxStatus>();
}

const ImapVanished &ImapResponse::vanished() const
{
    return get<ImapVanished>();
}

const ImapFetch &ImapResponse::fetch() const
{
    return get<ImapFetch>();
}

ImapFetch ImapResponse::takeFetch()
{
    if (ImapFetch *fetch = std::get_if<ImapFetch>(&m_data)) {
        ImapFetch taken = std::move(*fetch);
        *fetch = ImapFetch();
        return taken;
    }
    return ImapFetch();
}

void ImapResponse::setFetchTruncated()
{
    if (ImapFetch *fetch = std::get_if<ImapFetch>(&m_data))
        fetch->truncated = true;
}

bool ImapResponse::setFetchSpool(qsizetype offset, const SpoolFile &file)
{
    ImapFetch *fetch = std::get_if<ImapFetch>(&m_data);
    if (!fetch)
        return false;
    for (ImapFetchSection &section : fetch->sections) {
        if (section.valueOffset == offset && !section.isNil && section.data.isEmpty()) {
            section.spool = file;
            return true;
        }
    }
    return false;
}

const ImapSearch &ImapResponse::search() const
{
    return get<ImapSearch>();
}

const ImapESearch &ImapResponse::esearch() const
{
    return get<ImapESearch>();
}

const ImapNamespace &ImapResponse::namespaces() const
{
    return get<ImapNamespace>();
}

const ImapResponse::IdFields &ImapResponse::idFields() const
{
    return get<IdFields>();
}

QByteArray ImapResponse::keyword() const
{
    return get<UnknownData>().keyword;
}

const QList<ImapValue> &ImapResponse::values() const
{
    return get<UnknownData>().values;
}
