#include "deflatestream.h"

#include <QCoreApplication>

#include <zlib.h>

#include <algorithm>
#include <cstring>

namespace {
// Raw deflate: negative window bits leave out the zlib header and checksum (RFC 4978 section 4).
constexpr int WindowBits = -15;
constexpr int MemoryLevel = 8;
// zlib counts in unsigned int: larger inputs go in slices of this.
constexpr qsizetype MaxSlice = 1 << 30;
} // namespace

struct DeflateStream::Streams
{
    z_stream deflater {};
    z_stream inflater {};
    bool deflaterReady = false;
    bool inflaterReady = false;
    bool ended = false; // the inflater met the end of the stream
    bool outputPending = false; // the last inflate() filled its buffer
};

DeflateStream::DeflateStream()
    : m_streams(std::make_unique<Streams>())
{
    m_streams->deflaterReady = deflateInit2(&m_streams->deflater, Z_DEFAULT_COMPRESSION, Z_DEFLATED,
                                            WindowBits, MemoryLevel, Z_DEFAULT_STRATEGY)
                               == Z_OK;
    m_streams->inflaterReady = inflateInit2(&m_streams->inflater, WindowBits) == Z_OK;
    if (!m_streams->deflaterReady || !m_streams->inflaterReady)
        setError("initialisation failed");
}

DeflateStream::~DeflateStream()
{
    if (m_streams->deflaterReady)
        deflateEnd(&m_streams->deflater);
    if (m_streams->inflaterReady)
        inflateEnd(&m_streams->inflater);
}

void DeflateStream::setError(const char *zlibMessage)
{
    if (hasError())
        return;
    m_error = MailError(MailError::Kind::Protocol,
                        QCoreApplication::translate("DeflateStream",
                                                    "The server's compressed data is corrupt"),
                        QString::fromLatin1(zlibMessage ? zlibMessage : "zlib error"));
    m_input.clear();
    m_inputPos = 0;
}

QByteArray DeflateStream::compress(QByteArrayView bytes)
{
    if (!m_streams->deflaterReady)
        return {};
    z_stream &z = m_streams->deflater;
    QByteArray out;
    qsizetype used = 0;
    do {
        const qsizetype slice = std::min(bytes.size() - used, MaxSlice);
        z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(bytes.data() + used));
        z.avail_in = uInt(slice);
        used += slice;
        const int flush = used == bytes.size() ? Z_SYNC_FLUSH : Z_NO_FLUSH;
        // Grow the output until deflate has taken the whole slice and, at the end, flushed.
        do {
            const qsizetype room = std::max<qsizetype>(deflateBound(&z, z.avail_in) + 16, 4096);
            const qsizetype before = out.size();
            out.resize(before + room);
            z.next_out = reinterpret_cast<Bytef *>(out.data() + before);
            z.avail_out = uInt(room);
            deflate(&z, flush); // only Z_OK or Z_BUF_ERROR (no progress) for a valid stream
            out.resize(before + room - qsizetype(z.avail_out));
        } while (z.avail_out == 0 || z.avail_in > 0);
    } while (used < bytes.size());
    m_plainOut += bytes.size();
    m_compressedOut += out.size();
    return out;
}

void DeflateStream::feed(QByteArrayView bytes)
{
    if (hasError() || bytes.isEmpty())
        return;
    // Drop the used part once it dominates: amortised linear.
    if (m_inputPos > 0 && m_inputPos >= m_input.size() / 2) {
        m_input.remove(0, m_inputPos);
        m_inputPos = 0;
    }
    m_input.append(bytes.data(), bytes.size());
}

QByteArray DeflateStream::inflate(qsizetype maxBytes)
{
    if (hasError() || maxBytes <= 0 || (pendingInput() == 0 && !m_streams->outputPending))
        return {};
    if (m_streams->ended) {
        setError("data after the end of the compressed stream");
        return {};
    }
    z_stream &z = m_streams->inflater;
    QByteArray out(std::min(maxBytes, MaxSlice), Qt::Uninitialized);
    z.next_out = reinterpret_cast<Bytef *>(out.data());
    z.avail_out = uInt(out.size());
    while (z.avail_out > 0) {
        const qsizetype slice = std::min(pendingInput(), MaxSlice);
        const uInt roomBefore = z.avail_out;
        z.next_in = reinterpret_cast<Bytef *>(m_input.data() + m_inputPos);
        z.avail_in = uInt(slice);
        const int rc = ::inflate(&z, Z_SYNC_FLUSH);
        const qsizetype taken = slice - qsizetype(z.avail_in);
        m_inputPos += taken;
        m_compressedIn += taken;
        if (rc == Z_STREAM_END) {
            m_streams->ended = true;
            if (pendingInput() > 0)
                setError("data after the end of the compressed stream");
            break;
        }
        if (rc == Z_NEED_DICT) {
            setError("a preset dictionary was asked for");
            break;
        }
        if (rc != Z_OK && rc != Z_BUF_ERROR) {
            setError(z.msg);
            break;
        }
        // No progress, or every byte fed is decoded with room to spare: nothing more to get.
        if (rc == Z_BUF_ERROR || (taken == 0 && z.avail_out == roomBefore)
            || (pendingInput() == 0 && z.avail_out > 0)) {
            break;
        }
    }
    if (hasError())
        return {};
    // A full buffer may leave decoded bytes inside zlib with no input left to push them out.
    m_streams->outputPending = z.avail_out == 0;
    out.resize(out.size() - qsizetype(z.avail_out));
    m_plainIn += out.size();
    if (pendingInput() == 0) {
        m_input.clear();
        m_inputPos = 0;
    }
    return out;
}
