#include "messagestream.h"

#include <QCoreApplication>
#include <QFileInfo>

MessageStream::MessageStream(MessageBuilder builder, QObject *parent)
    : QIODevice(parent)
    , m_builder(std::move(builder))
{ }

MessageStream::~MessageStream() = default;

bool MessageStream::open(OpenMode mode)
{
    if ((mode & QIODevice::WriteOnly) || !(mode & QIODevice::ReadOnly)) {
        setErrorString(QStringLiteral("A message stream can only be read"));
        return false;
    }
    m_buildError = m_builder.plan(&m_pieces);
    if (m_buildError) {
        setErrorString(m_buildError.toString());
        return false;
    }
    m_totalSize = 0;
    for (const MessageBuilder::Piece &piece : std::as_const(m_pieces)) {
        if (piece.asIs) {
            // The size of a message after its line ends are made CRLF takes a pass over it.
            MessageFileReader reader;
            if (!reader.open(piece.filePath) || !reader.canGoAsIs()) {
                m_buildError
                        = MailError(MailError::Kind::Storage,
                                    QCoreApplication::translate("MessageBuilder",
                                                                "Cannot read the attachment %1")
                                            .arg(piece.filePath));
                setErrorString(m_buildError.toString());
                return false;
            }
            m_totalSize += reader.outputSize();
            continue;
        }
        m_totalSize += piece.filePath.isEmpty()
                               ? piece.bytes.size()
                               : Base64FileReader::encodedSize(QFileInfo(piece.filePath).size());
    }
    m_nextPiece = 0;
    m_readingFile = false;
    m_readingMessage = false;
    m_pending.clear();
    m_pendingPos = 0;
    m_produced = 0;
    m_failed = false;
    return QIODevice::open(mode);
}

qint64 MessageStream::bytesAvailable() const
{
    return qMax(qint64(0), m_totalSize - m_produced) + QIODevice::bytesAvailable();
}

bool MessageStream::refill()
{
    m_pending.clear();
    m_pendingPos = 0;
    while (m_pending.isEmpty()) {
        if (m_readingMessage) {
            m_pending = m_messageReader.next();
            m_readingMessage = !m_messageReader.atEnd();
            continue;
        }
        if (m_readingFile) {
            m_pending = m_reader.next();
            if (m_reader.atEnd()) {
                m_readingFile = false;
                if (!m_reader.errorString().isEmpty()) {
                    setErrorString(m_reader.errorString());
                    m_failed = true;
                    return false;
                }
            }
            continue;
        }
        if (m_nextPiece >= m_pieces.size())
            return false;
        const MessageBuilder::Piece &piece = m_pieces.at(m_nextPiece++);
        if (piece.filePath.isEmpty()) {
            m_pending = piece.bytes;
        } else if (piece.asIs) {
            if (!m_messageReader.open(piece.filePath) || !m_messageReader.canGoAsIs()) {
                setErrorString(m_messageReader.errorString());
                m_failed = true;
                return false;
            }
            m_readingMessage = !m_messageReader.atEnd();
        } else if (m_reader.open(piece.filePath)) {
            m_readingFile = !m_reader.atEnd();
        } else {
            setErrorString(m_reader.errorString());
            m_failed = true;
            return false;
        }
    }
    return true;
}

qint64 MessageStream::readData(char *data, qint64 maxSize)
{
    qint64 copied = 0;
    while (copied < maxSize) {
        if (m_pendingPos >= m_pending.size() && !refill())
            break;
        const qint64 n = qMin(maxSize - copied, qint64(m_pending.size() - m_pendingPos));
        memcpy(data + copied, m_pending.constData() + m_pendingPos, size_t(n));
        m_pendingPos += n;
        copied += n;
    }
    m_produced += copied;
    if (copied == 0 && m_failed)
        return -1;
    return copied;
}
