#pragma once

#include <QByteArray>
#include <QFile>
#include <QString>

// Reads a file a chunk at a time and hands out its base64 form in lines of 76 characters
// separated by CRLF (no line end after the last line), so that a large attachment never sits
// in memory whole.
class Base64FileReader
{
public:
    static constexpr qint64 chunkSize = 57 * 1024; // whole lines of 76 characters

    bool open(const QString &path);
    bool atEnd() const { return m_done; }
    // The next piece of encoded text; empty at the end or on a read error (see errorString).
    QByteArray next();
    QString errorString() const { return m_error; }

    // The number of bytes next() hands out in total for a file of fileSize bytes.
    static qint64 encodedSize(qint64 fileSize);

private:
    QFile m_file;
    QString m_error;
    bool m_first = true;
    bool m_done = true;
};
