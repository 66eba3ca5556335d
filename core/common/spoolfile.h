#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <memory>

class QTemporaryFile;

// Bytes received from a server and kept in a file rather than in memory (a large body section
// as it arrives). Copies share the file; it is removed when the last copy goes, unless keepAs()
// gave it a lasting name first. A null SpoolFile has no file.
//
// While a SpoolFile holds its file it holds an flock() on it too, which the kernel drops when
// the process ends however it ends: removeStale() tells by that lock the files a crash left
// behind from those a running process (this one or another) still writes or reads.
class SpoolFile
{
public:
    SpoolFile() = default;

    // A new empty file in directory, open for append(); null (and *errorMessage set) when it
    // cannot be created there.
    static SpoolFile create(const QString &directory, QString *errorMessage = nullptr);

    bool isNull() const { return !m_file; }
    QString fileName() const;
    // Bytes appended so far.
    qint64 size() const;
    bool append(QByteArrayView bytes);
    // Flushes and closes the file: nothing more is appended. False if the data did not reach it.
    bool finish();
    // The whole content, read back into memory.
    QByteArray readAll() const;
    // Moves the file to path (same file system) and stops its removal: the file is the
    // caller's from now, and this SpoolFile and its copies no longer name it.
    bool keepAs(const QString &path);

    // Removes the spool files in directory that nobody holds (left by a process that ended
    // without removing them, a crash or a kill): only files named as create() names them, only
    // those whose lock can be taken. Returns how many were removed.
    static int removeStale(const QString &directory);

private:
    struct Data;
    std::shared_ptr<Data> m_file;
};
