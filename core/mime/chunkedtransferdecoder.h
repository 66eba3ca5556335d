#pragma once

#include "transferencoding.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

// Transfer decoding (TransferEncoding::decode) of a body that comes in pieces, so that a body of
// hundreds of megabytes is decoded with buffers the size of one piece: each piece gives what can
// be decoded of it, and the few bytes that cannot yet (part of a base64 quantum, a
// quoted-printable line not yet ended) wait for the next. The output of all pieces together is
// what decode() gives for the whole body.
class ChunkedTransferDecoder
{
public:
    explicit ChunkedTransferDecoder(TransferEncoding::Kind kind);

    QByteArray decode(QByteArrayView piece);
    // What remains once the last piece has come.
    QByteArray finish();

    // The decoded bytes of the body held in file source, written to destination (replaced) in
    // pieces of at most pieceSize input bytes, read from a mapping of the file. False (and
    // *errorMessage set) when a file cannot be read or written.
    static bool decodeFile(const QString &source, TransferEncoding::Kind kind,
                           const QString &destination, QString *errorMessage = nullptr,
                           qsizetype pieceSize = 1024 * 1024);

private:
    TransferEncoding::Kind m_kind;
    QByteArray m_pending;
};
