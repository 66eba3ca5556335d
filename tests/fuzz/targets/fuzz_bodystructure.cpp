// Feeds arbitrary bytes to the parser as the BODYSTRUCTURE of a FETCH response, and keeps what
// it accepts the way the cache does (BodyStructureCodec). A structure written for the cache
// must read back as the same structure: encoding what was decoded gives the same bytes.

#include "imap/parser/imapparser.h"
#include "sync/bodystructurecodec.h"

#include <cstdint>
#include <cstdlib>

namespace {

void walk(const ImapBodyPart &root, const ImapBodyPart &part)
{
    (void) part.fileName();
    (void) part.mimeType();
    if (!part.isMultipart() && root.findPart(part.partNumber) == nullptr)
        std::abort();
    for (const ImapBodyPart &child : part.children)
        walk(root, child);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray structure(reinterpret_cast<const char *>(data), qsizetype(size));
    const QByteArray response = "* 1 FETCH (UID 7 BODYSTRUCTURE " + structure + ")\r\n";
    const ImapParser::Result result = ImapParser::parse(response);
    if (!result.isOk() || result.response.type() != ImapResponse::Type::Fetch)
        return 0;
    const ImapFetch &fetch = result.response.fetch();
    if (!fetch.bodyStructure)
        std::abort();
    walk(*fetch.bodyStructure, *fetch.bodyStructure);

    const QByteArray encoded = BodyStructureCodec::encode(*fetch.bodyStructure);
    const std::optional<ImapBodyPart> decoded = BodyStructureCodec::decode(encoded);
    if (!decoded || BodyStructureCodec::encode(*decoded) != encoded)
        std::abort();
    return 0;
}
