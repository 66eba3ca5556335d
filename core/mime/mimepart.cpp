#include "mimepart.h"

#include "charsetdecoder.h"
#include "encodedwords.h"
#include "flowedtext.h"

namespace {

constexpr int maxDepth = 64;

QByteArray joinSection(const QByteArray &prefix, qsizetype index)
{
    const QByteArray n = QByteArray::number(index);
    return prefix.isEmpty() ? n : prefix + '.' + n;
}

bool isValidHeaderName(QByteArrayView name)
{
    if (name.isEmpty())
        return false;
    for (char c : name) {
        const auto u = static_cast<uchar>(c);
        if (u <= 0x20 || u >= 0x7f || c == ':')
            return false;
    }
    return true;
}

bool isValidMimeType(QByteArrayView type)
{
    const qsizetype slash = type.indexOf('/');
    return slash > 0 && slash + 1 < type.size() && type.indexOf('/', slash + 1) < 0;
}

qsizetype lineEndIn(const QByteArray &data, qsizetype pos, qsizetype end, qsizetype *next)
{
    qsizetype nl = data.indexOf('\n', pos);
    if (nl < 0 || nl >= end) {
        *next = end;
        return end;
    }
    *next = nl + 1;
    return nl;
}

} // namespace

MimePart MimePart::parse(const QByteArray &message)
{
    return parseEntity(message, 0, message.size(), QByteArray(), true, false, 0);
}

MimePart MimePart::fromHeader(const QByteArray &headerBlock, const QByteArray &section)
{
    MimePart part;
    part.m_data = headerBlock;
    part.parseHeaderBlock(0, headerBlock.size());
    part.m_contentType = HeaderParameters::parse(part.header("Content-Type"));
    if (!isValidMimeType(part.m_contentType.value()))
        part.m_contentType = part.m_contentType.withValue("text/plain");
    part.m_disposition = HeaderParameters::parse(part.header("Content-Disposition"));
    part.m_encoding = TransferEncoding::fromHeader(part.header("Content-Transfer-Encoding"));
    part.m_section = section;
    part.m_data = QByteArray();
    part.m_bodyStart = part.m_bodyEnd = 0;
    part.m_hasBody = false;
    return part;
}

void MimePart::setRawBody(const QByteArray &body)
{
    m_data = body;
    m_bodyStart = 0;
    m_bodyEnd = body.size();
    m_hasBody = true;
}

void MimePart::setDecodedBody(const QByteArray &body)
{
    setRawBody(body);
    m_encoding = TransferEncoding::Kind::Binary;
}

MimePart MimePart::parseEntity(const QByteArray &data, qsizetype start, qsizetype end,
                               const QByteArray &section, bool messageRoot, bool digestChild,
                               int depth)
{
    MimePart part;
    part.m_data = data;
    part.parseHeaderBlock(start, end);

    const QByteArray defaultType = digestChild ? "message/rfc822" : "text/plain";
    part.m_contentType = HeaderParameters::parse(part.header("Content-Type"));
    // RFC 2045 section 5.2: an invalid type is read as the default one; its parameters (the
    // attachment's name above all) stay.
    if (!isValidMimeType(part.m_contentType.value()))
        part.m_contentType = part.m_contentType.withValue(defaultType);
    part.m_disposition = HeaderParameters::parse(part.header("Content-Disposition"));
    part.m_encoding = TransferEncoding::fromHeader(part.header("Content-Transfer-Encoding"));

    if (messageRoot && !part.isMultipart())
        part.m_section = joinSection(section, 1);
    else
        part.m_section = section;

    if (depth >= maxDepth)
        return part;
    if (part.isMultipart()) {
        part.parseMultipart(depth);
    } else if (part.mimeType() == "message/rfc822" || part.mimeType() == "message/global") {
        if (part.m_encoding == TransferEncoding::Kind::Base64
            || part.m_encoding == TransferEncoding::Kind::QuotedPrintable) {
            const QByteArray inner = part.decodedBody();
            part.m_children.append(
                    parseEntity(inner, 0, inner.size(), part.m_section, true, false, depth + 1));
        } else {
            part.m_children.append(parseEntity(data, part.m_bodyStart, part.m_bodyEnd,
                                               part.m_section, true, false, depth + 1));
        }
    }
    return part;
}

// fields = *(field-name ":" unstructured CRLF), folded lines start with WSP; an empty line
// ends the header (RFC 5322 section 2.2). A line that is neither a field nor a folded line
// starts the body (a missing blank line), except an mbox "From " line at the very top.
void MimePart::parseHeaderBlock(qsizetype start, qsizetype end)
{
    qsizetype pos = start;
    m_bodyStart = end;
    m_bodyEnd = end;
    if (QByteArrayView(m_data).sliced(pos, end - pos).startsWith("From ")) {
        qsizetype next = end;
        lineEndIn(m_data, pos, end, &next);
        pos = next;
    }
    Header current;
    bool haveCurrent = false;
    auto flush = [&] {
        if (haveCurrent) {
            current.value = current.value.trimmed();
            m_headers.append(current);
        }
        haveCurrent = false;
        current = Header();
    };
    while (pos < end) {
        qsizetype next = end;
        qsizetype lineEnd = lineEndIn(m_data, pos, end, &next);
        if (lineEnd > pos && m_data.at(lineEnd - 1) == '\r')
            --lineEnd;
        const QByteArrayView line = QByteArrayView(m_data).sliced(pos, lineEnd - pos);
        if (line.isEmpty()) {
            m_bodyStart = next;
            break;
        }
        if (line.at(0) == ' ' || line.at(0) == '\t') {
            if (haveCurrent) {
                current.value += line.toByteArray();
                pos = next;
                continue;
            }
            if (m_headers.isEmpty()) {
                pos = next; // leading blanks before the first field
                continue;
            }
        }
        const qsizetype colon = line.indexOf(':');
        const QByteArrayView name = colon > 0 ? line.first(colon).trimmed() : QByteArrayView();
        if (!isValidHeaderName(name)) {
            m_bodyStart = pos;
            break;
        }
        flush();
        current.name = name.toByteArray();
        current.value = line.sliced(colon + 1).toByteArray();
        haveCurrent = true;
        pos = next;
    }
    flush();
}

// multipart-body = [preamble CRLF] dash-boundary transport-padding CRLF body-part
//                  *encapsulation close-delimiter transport-padding [CRLF epilogue]
// (RFC 2046 section 5.1.1). The CRLF before each delimiter belongs to the delimiter.
void MimePart::parseMultipart(int depth)
{
    const QByteArray boundary = m_contentType.parameter("boundary").toUtf8();
    if (boundary.isEmpty())
        return;
    const QByteArray delimiter = "--" + boundary;
    struct Mark
    {
        qsizetype lineStart;
        qsizetype next;
        bool close;
    };
    QList<Mark> marks;
    qsizetype pos = m_bodyStart;
    while (pos < m_bodyEnd) {
        qsizetype next = m_bodyEnd;
        qsizetype lineEnd = lineEndIn(m_data, pos, m_bodyEnd, &next);
        const QByteArrayView line = QByteArrayView(m_data).sliced(pos, lineEnd - pos);
        if (line.startsWith(delimiter)) {
            const QByteArrayView rest = line.sliced(delimiter.size());
            const bool close = rest.startsWith("--");
            if (close || rest.trimmed().isEmpty()) {
                marks.append(Mark {pos, next, close});
                if (close)
                    break;
            }
        }
        pos = next;
    }
    const bool digest = subtype() == "digest";
    qsizetype index = 0;
    for (qsizetype i = 0; i < marks.size(); ++i) {
        if (marks.at(i).close)
            break;
        const qsizetype partStart = marks.at(i).next;
        qsizetype partEnd = m_bodyEnd;
        if (i + 1 < marks.size()) {
            partEnd = marks.at(i + 1).lineStart;
            if (partEnd > partStart && m_data.at(partEnd - 1) == '\n')
                --partEnd;
            if (partEnd > partStart && m_data.at(partEnd - 1) == '\r')
                --partEnd;
        } else {
            m_missingEnd = true;
        }
        m_children.append(parseEntity(m_data, partStart, qMax(partStart, partEnd),
                                      joinSection(m_section, ++index), false, digest, depth + 1));
    }
    if (!marks.isEmpty() && !marks.last().close)
        m_missingEnd = true;
}

bool MimePart::hasHeader(QByteArrayView name) const
{
    for (const Header &h : m_headers) {
        if (name.compare(h.name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QByteArray MimePart::header(QByteArrayView name) const
{
    for (const Header &h : m_headers) {
        if (name.compare(h.name, Qt::CaseInsensitive) == 0)
            return h.value;
    }
    return {};
}

QList<QByteArray> MimePart::headerValues(QByteArrayView name) const
{
    QList<QByteArray> values;
    for (const Header &h : m_headers) {
        if (name.compare(h.name, Qt::CaseInsensitive) == 0)
            values.append(h.value);
    }
    return values;
}

QString MimePart::decodedHeader(QByteArrayView name) const
{
    return EncodedWords::decode(header(name));
}

QByteArray MimePart::mediaType() const
{
    const QByteArray type = mimeType();
    return type.left(type.indexOf('/'));
}

QByteArray MimePart::subtype() const
{
    const QByteArray type = mimeType();
    return type.mid(type.indexOf('/') + 1);
}

QByteArray MimePart::charset() const
{
    return m_contentType.parameter("charset").toLatin1();
}

QByteArray MimePart::contentId() const
{
    QByteArray id = header("Content-ID").trimmed();
    if (id.startsWith('<'))
        id.remove(0, 1);
    if (id.endsWith('>'))
        id.chop(1);
    return id.trimmed();
}

bool MimePart::isMessage() const
{
    return (mimeType() == "message/rfc822" || mimeType() == "message/global")
           && !m_children.isEmpty();
}

QString MimePart::fileName() const
{
    QString name = m_disposition.parameter("filename");
    if (name.isEmpty())
        name = m_contentType.parameter("name");
    const qsizetype slash = qMax(name.lastIndexOf(u'/'), name.lastIndexOf(u'\\'));
    if (slash >= 0)
        name = name.mid(slash + 1);
    QString clean;
    for (QChar c : std::as_const(name)) {
        if (c.unicode() >= 0x20 && c.unicode() != 0x7f)
            clean += c;
    }
    return clean.trimmed();
}

QByteArray MimePart::rawBody() const
{
    return m_data.mid(m_bodyStart, m_bodyEnd - m_bodyStart);
}

QByteArray MimePart::decodedBody() const
{
    return TransferEncoding::decode(QByteArrayView(m_data).sliced(m_bodyStart, rawBodySize()),
                                    m_encoding);
}

qsizetype MimePart::decodedSize() const
{
    if (!m_hasBody) {
        // Base64 carries 57 bytes in each line of 76 characters and a line end.
        if (m_encoding == TransferEncoding::Kind::Base64)
            return m_declaredSize * 57 / 78;
        return m_declaredSize;
    }
    if (m_encoding == TransferEncoding::Kind::QuotedPrintable)
        return decodedBody().size();
    if (m_encoding != TransferEncoding::Kind::Base64)
        return rawBodySize();
    qsizetype sextets = 0;
    for (qsizetype i = m_bodyStart; i < m_bodyEnd; ++i) {
        const char c = m_data.at(i);
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+'
            || c == '/')
            ++sextets;
    }
    return sextets * 6 / 8;
}

QString MimePart::text() const
{
    QString text = CharsetDecoder::decode(decodedBody(), charset());
    text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    text.replace(u'\r', u'\n');
    if (mimeType() == "text/plain"
        && m_contentType.parameter("format").compare(u"flowed", Qt::CaseInsensitive) == 0) {
        const bool delSp = m_contentType.parameter("delsp").compare(u"yes", Qt::CaseInsensitive)
                           == 0;
        text = FlowedText::unflow(text, delSp);
    }
    return text;
}

const MimePart *MimePart::findSection(QByteArrayView section) const
{
    if (m_section == section)
        return this;
    for (const MimePart &child : m_children) {
        if (const MimePart *found = child.findSection(section))
            return found;
    }
    return nullptr;
}

MimePart *MimePart::findSection(QByteArrayView section)
{
    return const_cast<MimePart *>(std::as_const(*this).findSection(section));
}

const MimePart *MimePart::findContentId(QByteArrayView contentId) const
{
    QByteArray id = contentId.trimmed().toByteArray();
    if (id.startsWith("cid:") || id.startsWith("CID:"))
        id = QByteArray::fromPercentEncoding(id.mid(4));
    if (id.startsWith('<') && id.endsWith('>'))
        id = id.mid(1, id.size() - 2);
    if (id.isEmpty())
        return nullptr;
    if (this->contentId() == id)
        return this;
    for (const MimePart &child : m_children) {
        if (const MimePart *found = child.findContentId(id))
            return found;
    }
    return nullptr;
}
