// Feeds arbitrary bytes to the IMAP response parser as one response (as the framer would hand
// it over, with a line end added when missing), and to the sequence-set parser. Every accessor
// of the result is read; a parse error must be a value with a message.

#include "imap/parser/imapparser.h"
#include "imap/parser/uidmapping.h"
#include "imap/parser/uidset.h"

#include "../../core/imap/imapdescribe.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    if (!bytes.endsWith('\n'))
        bytes += "\r\n";

    const ImapParser::Result result = ImapParser::parse(bytes);
    if (result.isOk() == result.error.isError())
        std::abort();
    if (!result.isOk() && result.error.message().isEmpty())
        std::abort();
    (void) ImapDescribe::describe(result.response);
    if (result.isOk() && result.response.type() == ImapResponse::Type::Fetch) {
        const ImapFetch &fetch = result.response.fetch();
        if (fetch.bodyStructure) {
            (void) fetch.bodyStructure->findPart("1");
            (void) fetch.bodyStructure->findPart("2.1");
        }
    }

    const QByteArrayView line = QByteArrayView(data, qsizetype(size))
                                        .first(qMin(qsizetype(size), qsizetype(256)));
    const std::optional<UidSet> set = UidSet::parse(line);
    if (set && !set->isEmpty()) {
        // A set written out reads back as the same set.
        const std::optional<UidSet> again = UidSet::parse(set->toString());
        if (!again || *again != *set)
            std::abort();
    }
    // COPYUID's two sets: every pair's source UID is one of the source set.
    const qsizetype space = line.indexOf(' ');
    if (space > 0) {
        const auto mapping = UidMapping::parse(line.first(space), line.sliced(space + 1));
        const std::optional<UidSet> source = UidSet::parse(line.first(space));
        if (mapping && !source)
            std::abort();
        if (mapping) {
            for (const auto &[from, to] : mapping->pairsFor(*source, 4096)) {
                if (!source->contains(from) || to == 0)
                    std::abort();
            }
        }
    }
    return 0;
}
