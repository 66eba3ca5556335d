// Mailbox-level data responses: LIST/LSUB, STATUS, SEARCH, ESEARCH, NAMESPACE, ID, VANISHED.
#include "imapparserdetail.h"

namespace ImapParserDetail {

namespace {

struct AttributeName
{
    const char *name;
    ImapMailboxListing::Attribute attribute;
};

constexpr AttributeName attributeNames[] = {
        {"\\NOINFERIORS", ImapMailboxListing::NoInferiors},
        {"\\NOSELECT", ImapMailboxListing::NoSelect},
        {"\\MARKED", ImapMailboxListing::Marked},
        {"\\UNMARKED", ImapMailboxListing::Unmarked},
        {"\\HASCHILDREN", ImapMailboxListing::HasChildren},
        {"\\HASNOCHILDREN", ImapMailboxListing::HasNoChildren},
        {"\\NONEXISTENT", ImapMailboxListing::NonExistent},
        {"\\SUBSCRIBED", ImapMailboxListing::Subscribed},
        {"\\REMOTE", ImapMailboxListing::Remote},
        {"\\ALL", ImapMailboxListing::All},
        {"\\ARCHIVE", ImapMailboxListing::Archive},
        {"\\DRAFTS", ImapMailboxListing::Drafts},
        {"\\FLAGGED", ImapMailboxListing::Flagged},
        {"\\JUNK", ImapMailboxListing::Junk},
        {"\\SENT", ImapMailboxListing::Sent},
        {"\\TRASH", ImapMailboxListing::Trash},
        {"\\IMPORTANT", ImapMailboxListing::Important},
};

QByteArray readMailboxName(const ImapValue &value)
{
    if (!value.isAString())
        fail("malformed mailbox name");
    QByteArray name = value.astring();
    if (name.size() == 5 && name.toUpper() == "INBOX")
        name = "INBOX";
    return name;
}

} // namespace

ImapResponse readListing(const QList<ImapValue> &values, bool lsub)
{
    // mailbox-list = "(" [mbx-list-flags] ")" SP (DQUOTE QUOTED-CHAR DQUOTE / nil) SP mailbox
    //                [SP mbox-list-extended]
    if (values.size() < 3 || !values.at(0).isList())
        fail("malformed LIST response");
    ImapMailboxListing listing;
    listing.isLsub = lsub;
    for (const ImapValue &a : values.at(0).items()) {
        if (!a.isAtom())
            fail("mailbox attribute is not an atom");
        listing.rawAttributes.append(a.atomText());
        const QByteArray upper = a.keyword();
        for (const AttributeName &known : attributeNames) {
            if (upper == known.name)
                listing.attributes |= known.attribute;
        }
    }
    const ImapValue &delimiter = values.at(1);
    if (delimiter.isString())
        listing.delimiter = delimiter.stringBytes();
    else if (!delimiter.isNil())
        fail("malformed hierarchy delimiter");
    listing.name = readMailboxName(values.at(2));
    if (values.size() > 3) {
        // mbox-list-extended = "(" [mbox-list-extended-item *(SP ...)] ")"
        const ImapValue &ext = values.at(3);
        if (!ext.isList() || ext.size() % 2 != 0 || values.size() > 4)
            fail("malformed LIST extended data");
        for (qsizetype i = 0; i < ext.size(); i += 2) {
            const QByteArray tag = ext.at(i).astring().toUpper();
            const ImapValue &item = ext.at(i + 1);
            if (tag == "CHILDINFO" && item.isList()) {
                for (const ImapValue &c : item.items())
                    listing.childInfo.append(c.astring().toUpper());
            } else if (tag == "OLDNAME" && item.isList() && item.size() == 1) {
                listing.oldName = readMailboxName(item.at(0));
            } else {
                listing.extendedData.append({tag, item});
            }
        }
    }
    return ImapResponse::listing(std::move(listing));
}

ImapResponse readMailboxStatus(const QList<ImapValue> &values)
{
    // mailbox-data =/ "STATUS" SP mailbox SP "(" [status-att-list] ")"
    if (values.size() != 2 || !values.at(1).isList() || values.at(1).size() % 2 != 0)
        fail("malformed STATUS response");
    ImapMailboxStatus status;
    status.name = readMailboxName(values.at(0));
    const ImapValue &items = values.at(1);
    for (qsizetype i = 0; i < items.size(); i += 2) {
        const QByteArray key = items.at(i).keyword();
        const ImapValue &v = items.at(i + 1);
        if (key == "MESSAGES")
            status.messages = toNumber32(v, "MESSAGES");
        else if (key == "RECENT")
            status.recent = toNumber32(v, "RECENT");
        else if (key == "UIDNEXT")
            status.uidNext = toNumber32(v, "UIDNEXT");
        else if (key == "UIDVALIDITY")
            status.uidValidity = toNumber32(v, "UIDVALIDITY");
        else if (key == "UNSEEN")
            status.unseen = toNumber32(v, "UNSEEN");
        else if (key == "DELETED")
            status.deleted = toNumber32(v, "DELETED");
        else if (key == "SIZE")
            status.size = toNumber64(v, "SIZE");
        else if (key == "HIGHESTMODSEQ")
            status.highestModSeq = toNumber64(v, "HIGHESTMODSEQ");
        else if (key.isEmpty())
            fail("STATUS item name is not an atom");
        else
            status.other.append({key, toNumber64(v, "STATUS item")});
    }
    return ImapResponse::mailboxStatus(std::move(status));
}

ImapResponse readSearch(const QList<ImapValue> &values)
{
    // mailbox-data =/ "SEARCH" *(SP nz-number) [SP "(" "MODSEQ" SP mod-sequence-value ")"]
    ImapSearch search;
    search.numbers.reserve(values.size());
    for (qsizetype i = 0; i < values.size(); ++i) {
        const ImapValue &v = values.at(i);
        if (v.isList() && i == values.size() - 1) {
            if (v.size() != 2 || v.at(0).keyword() != "MODSEQ")
                fail("malformed SEARCH modseq");
            search.modSeq = toNumber64(v.at(1), "MODSEQ");
        } else {
            search.numbers.append(toNumber32(v, "SEARCH"));
        }
    }
    return ImapResponse::search(std::move(search));
}

ImapResponse readESearch(const QList<ImapValue> &values)
{
    // esearch-response = "ESEARCH" [search-correlator] [SP "UID"] *(SP search-return-data)
    ImapESearch result;
    qsizetype i = 0;
    if (values.value(0).isList()) {
        const ImapValue &corr = values.at(0);
        if (corr.size() != 2 || corr.at(0).keyword() != "TAG" || !corr.at(1).isAString())
            fail("malformed ESEARCH correlator");
        result.tag = corr.at(1).astring();
        ++i;
    }
    if (values.value(i).keyword() == "UID") {
        result.uid = true;
        ++i;
    }
    for (; i < values.size(); i += 2) {
        const QByteArray key = values.at(i).keyword();
        const ImapValue &v = values.value(i + 1);
        if (key.isEmpty() || v.isAbsent())
            fail("malformed ESEARCH data");
        if (key == "MIN") {
            result.min = toNumber32(v, "MIN");
        } else if (key == "MAX") {
            result.max = toNumber32(v, "MAX");
        } else if (key == "COUNT") {
            result.count = toNumber32(v, "COUNT");
        } else if (key == "ALL") {
            const auto set = UidSet::parse(v.atomText());
            if (!set)
                fail("malformed ESEARCH ALL");
            result.all = *set;
        } else if (key == "MODSEQ") {
            result.modSeq = toNumber64(v, "MODSEQ");
        }
        // Other return data (PARTIAL, RELEVANCY, ...) is skipped: one value each.
    }
    return ImapResponse::esearch(std::move(result));
}

ImapResponse readNamespace(const QList<ImapValue> &values)
{
    // namespace-response = "NAMESPACE" SP namespace SP namespace SP namespace
    // namespace = nil / "(" 1*namespace-descr ")"
    if (values.size() != 3)
        fail("NAMESPACE needs three name spaces");
    ImapNamespace ns;
    QList<ImapNamespace::Entry> *targets[] = {&ns.personal, &ns.otherUsers, &ns.shared};
    for (int k = 0; k < 3; ++k) {
        const ImapValue &v = values.at(k);
        if (v.isNil())
            continue;
        if (!v.isList())
            fail("malformed NAMESPACE");
        for (const ImapValue &d : v.items()) {
            // namespace-descr = "(" string SP (DQUOTE QUOTED-CHAR DQUOTE / nil) *ext ")"
            if (!d.isList() || d.size() < 2 || !d.at(0).isString() || !d.at(1).isNString())
                fail("malformed NAMESPACE entry");
            targets[k]->append({d.at(0).stringBytes(), d.at(1).nstring()});
        }
    }
    return ImapResponse::namespaces(std::move(ns));
}

ImapResponse readId(const QList<ImapValue> &values)
{
    // id-response = "ID" SP id-params-list ; id-params-list = "(" *(string SP nstring) ")" / nil
    ImapResponse::IdFields fields;
    if (values.size() != 1)
        fail("malformed ID response");
    const ImapValue &v = values.at(0);
    if (v.isNil())
        return ImapResponse::id(fields);
    if (!v.isList() || v.size() % 2 != 0)
        fail("malformed ID response");
    for (qsizetype i = 0; i < v.size(); i += 2) {
        if (!v.at(i).isString() || !v.at(i + 1).isNString())
            fail("malformed ID field");
        fields.append({v.at(i).stringBytes(), v.at(i + 1).nstring()});
    }
    return ImapResponse::id(fields);
}

ImapResponse readVanished(const QList<ImapValue> &values)
{
    // expunged-resp = "VANISHED" [SP "(EARLIER)"] SP known-uids
    ImapVanished vanished;
    qsizetype i = 0;
    if (values.value(0).isList()) {
        if (values.at(0).size() != 1 || values.at(0).at(0).keyword() != "EARLIER")
            fail("malformed VANISHED");
        vanished.earlier = true;
        ++i;
    }
    if (values.size() != i + 1)
        fail("malformed VANISHED");
    const auto set = UidSet::parse(values.at(i).atomText());
    if (!set)
        fail("malformed VANISHED UID set");
    vanished.uids = *set;
    return ImapResponse::vanished(std::move(vanished));
}

} // namespace ImapParserDetail
