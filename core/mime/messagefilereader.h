#pragma once

#include "common/mappedfile.h"

#include <QByteArray>
#include <QString>

// Reads a message file (one forwarded as an attachment) a piece at a time, its line ends made
// CRLF, so that it goes into a message/rfc822 part unencoded as RFC 2046 wants without sitting
// in memory whole. open() checks it can: no NUL and no line over 998 octets (those would need
// binary, which SMTP does not carry without BINARYMIME).
class MessageFileReader
{
public:
    static constexpr qint64 pieceSize = 1024 * 1024; // input bytes read per next()

    // False when the file cannot be read (errorString()) or cannot go unencoded (canGoAsIs()
    // false, errorString() empty).
    bool open(const QString &path);
    bool canGoAsIs() const { return m_asIs; }
    // Whether it has bytes over 127 (8bit rather than 7bit).
    bool isEightBit() const { return m_eightBit; }
    // The number of bytes next() hands out in total.
    qint64 outputSize() const { return m_outputSize; }
    bool atEnd() const { return m_offset >= m_file.size(); }
    // The next piece with CRLF line ends; empty at the end.
    QByteArray next();
    QString errorString() const { return m_error; }

private:
    MappedFile m_file;
    QString m_error;
    qint64 m_offset = 0;
    qint64 m_outputSize = 0;
    bool m_asIs = false;
    bool m_eightBit = false;
    bool m_skipLf = false; // the last piece ended in CR, written as CRLF
};
