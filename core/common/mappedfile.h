#pragma once

#include <QByteArray>
#include <QFile>
#include <QString>

// A file mapped into memory read-only, to parse it in place: bytes() points into the mapping,
// so a message of hundreds of megabytes costs address space and page cache, not heap. The bytes
// (and every QByteArray copied from them) are valid only while the MappedFile lives; a part
// of them that must outlive it has to be copied (QByteArray(data, size), not a copy of bytes()).
class MappedFile
{
public:
    MappedFile() = default;
    ~MappedFile();
    MappedFile(const MappedFile &) = delete;
    MappedFile &operator=(const MappedFile &) = delete;

    // False (errorString() says why) when the file cannot be opened or mapped. An empty file
    // maps to empty bytes.
    bool open(const QString &path);
    QByteArray bytes() const;
    qint64 size() const { return m_size; }
    QString errorString() const { return m_file.errorString(); }

private:
    QFile m_file;
    uchar *m_map = nullptr;
    qint64 m_size = 0;
};
