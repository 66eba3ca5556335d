#include "chunkedtransferdecoder.h"

#include "common/mappedfile.h"

#include <QCoreApplication>
#include <QSaveFile>

namespace {

bool isBase64Character(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+'
           || c == '/' || c == '=';
}

// Where base64 can be cut: after the last complete quantum of four characters (padding
// counted), so that both sides decode as they would together.
qsizetype base64Cut(QByteArrayView data)
{
    qsizetype characters = 0;
    qsizetype cut = 0;
    for (qsizetype i = 0; i < data.size(); ++i) {
        if (isBase64Character(data[i]) && ++characters % 4 == 0)
            cut = i + 1;
    }
    return cut;
}

// Where quoted-printable can be cut: after the last line end. A line longer than a piece is cut
// where no escape ("=" and two hex digits, or a soft break) is open.
qsizetype quotedPrintableCut(QByteArrayView data)
{
    const qsizetype lineEnd = data.lastIndexOf('\n');
    if (lineEnd >= 0)
        return lineEnd + 1;
    // Blanks at the end of a line are dropped, and with a soft break: never cut after one, so
    // that they stay with what follows.
    // A CR waits for its LF.
    const auto isBlank = [](char c) {
        return c == ' ' || c == '\t' || c == '\r';
    };
    qsizetype cut = data.size();
    while (cut > 0 && isBlank(data[cut - 1]))
        --cut;
    for (qsizetype back = 1; back <= 2 && back <= cut; ++back) {
        if (data[cut - back] == '=') {
            cut -= back;
            while (cut > 0 && isBlank(data[cut - 1]))
                --cut;
            break;
        }
    }
    return cut;
}

} // namespace

ChunkedTransferDecoder::ChunkedTransferDecoder(TransferEncoding::Kind kind)
    : m_kind(kind)
{ }

QByteArray ChunkedTransferDecoder::decode(QByteArrayView piece)
{
    if (m_kind != TransferEncoding::Kind::Base64
        && m_kind != TransferEncoding::Kind::QuotedPrintable)
        return piece.toByteArray();
    m_pending.append(piece);
    const qsizetype cut = m_kind == TransferEncoding::Kind::Base64 ? base64Cut(m_pending)
                                                                   : quotedPrintableCut(m_pending);
    if (cut == 0)
        return QByteArray();
    const QByteArray decoded = TransferEncoding::decode(QByteArrayView(m_pending).first(cut),
                                                        m_kind);
    m_pending.remove(0, cut);
    return decoded;
}

QByteArray ChunkedTransferDecoder::finish()
{
    const QByteArray rest = std::exchange(m_pending, QByteArray());
    return rest.isEmpty() ? QByteArray() : TransferEncoding::decode(rest, m_kind);
}

bool ChunkedTransferDecoder::decodeFile(const QString &source, TransferEncoding::Kind kind,
                                        const QString &destination, QString *errorMessage,
                                        qsizetype pieceSize)
{
    const auto fail = [errorMessage](const QString &message) {
        if (errorMessage)
            *errorMessage = message;
        return false;
    };
    MappedFile input;
    if (!input.open(source))
        return fail(QCoreApplication::translate("ChunkedTransferDecoder", "Cannot read %1: %2")
                            .arg(source, input.errorString()));
    QSaveFile output(destination);
    if (!output.open(QIODevice::WriteOnly))
        return fail(QCoreApplication::translate("ChunkedTransferDecoder", "Cannot write %1: %2")
                            .arg(destination, output.errorString()));
    ChunkedTransferDecoder decoder(kind);
    const QByteArray bytes = input.bytes();
    bool written = true;
    for (qsizetype offset = 0; written && offset < bytes.size(); offset += pieceSize) {
        const QByteArrayView piece = QByteArrayView(bytes).sliced(offset,
                                                                  std::min(pieceSize,
                                                                           bytes.size() - offset));
        const QByteArray decoded = decoder.decode(piece);
        written = output.write(decoded) == decoded.size();
    }
    const QByteArray rest = decoder.finish();
    if (!written || output.write(rest) != rest.size() || !output.commit())
        return fail(QCoreApplication::translate("ChunkedTransferDecoder", "Cannot write %1: %2")
                            .arg(destination, output.errorString()));
    return true;
}
