#pragma once

#include <QByteArray>
#include <QMetaType>
#include <QString>

// The bytes of a whole message as they were read: in memory, or in a file of the cache (a
// large message, which arrived in a file rather than in memory). A file-backed source is only
// read when the caller asks for its bytes; MappedFile lets a parser look at them without
// copying them onto the heap.
class QIODevice;

class MessageSource
{
public:
    MessageSource() = default;
    static MessageSource fromBytes(const QByteArray &bytes);
    static MessageSource fromFile(const QString &path);

    bool isNull() const { return !m_isFile && m_bytes.isNull(); }
    bool isFile() const { return m_isFile; }
    // The file holding the message; empty for one in memory.
    QString filePath() const { return m_path; }
    qint64 size() const;
    // The whole message in memory: for a file, it is read (empty when it cannot be).
    QByteArray readAll() const;
    // Writes the message to device; a file is copied from a mapping of it, pieceSize bytes at a
    // time, never read into memory whole. False (and *errorMessage set) when it cannot be read
    // or written.
    bool writeTo(QIODevice *device, QString *errorMessage = nullptr,
                 qint64 pieceSize = 1024 * 1024) const;
    // Gives the message a second name at path (which must not exist): a file gets a hard link
    // (a copy where path is on another file system), bytes in memory are written there. False
    // (and *errorMessage set) when it cannot be made.
    bool linkTo(const QString &path, QString *errorMessage = nullptr) const;
    // The header section, its blank line included (the whole message when it has none), read
    // no further than limit bytes: a file is read line by line, never whole.
    QByteArray header(qint64 limit = 1024 * 1024) const;

private:
    QByteArray m_bytes;
    QString m_path;
    bool m_isFile = false;
};

Q_DECLARE_METATYPE(MessageSource)
