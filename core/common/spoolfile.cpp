#include "spoolfile.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryFile>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

const QLatin1StringView namePrefix("heron-spool-");

// A descriptor of its own for the lock: the file's own is closed by finish(), the lock must
// last as long as the SpoolFile.
int lockedDescriptor(const QString &path, int operation)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return -1;
    if (::flock(fd, operation) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

} // namespace

struct SpoolFile::Data
{
    ~Data()
    {
        if (lock >= 0)
            ::close(lock);
    }

    QTemporaryFile file;
    qint64 size = 0;
    bool kept = false;
    int lock = -1;
};

SpoolFile SpoolFile::create(const QString &directory, QString *errorMessage)
{
    // A removeStale() elsewhere may take the new file between its creation and its lock: then
    // it is gone (no link left), and another is made.
    for (int attempt = 0; attempt < 3; ++attempt) {
        SpoolFile spool;
        spool.m_file = std::make_shared<Data>();
        QTemporaryFile &file = spool.m_file->file;
        file.setFileTemplate(QDir(directory).filePath(namePrefix + QLatin1StringView("XXXXXX")));
        if (!QDir().mkpath(directory) || !file.open()) {
            if (errorMessage)
                *errorMessage = file.errorString();
            return SpoolFile();
        }
        spool.m_file->lock = lockedDescriptor(file.fileName(), LOCK_EX | LOCK_NB);
        struct stat status;
        if (spool.m_file->lock >= 0 && ::fstat(spool.m_file->lock, &status) == 0
            && status.st_nlink > 0)
            return spool;
    }
    if (errorMessage)
        *errorMessage = QStringLiteral("cannot lock a new file in %1").arg(directory);
    return SpoolFile();
}

int SpoolFile::removeStale(const QString &directory)
{
    // QTemporaryFile puts six letters or digits in place of XXXXXX.
    static const QRegularExpression ownName(QStringLiteral("^heron-spool-[A-Za-z0-9]{6}$"));
    const QDir dir(directory);
    int removed = 0;
    const QStringList names = dir.entryList({namePrefix + QLatin1Char('*')},
                                            QDir::Files | QDir::Hidden | QDir::NoSymLinks);
    for (const QString &name : names) {
        if (!ownName.match(name).hasMatch())
            continue;
        const QString path = dir.filePath(name);
        const int fd = lockedDescriptor(path, LOCK_EX | LOCK_NB);
        if (fd < 0)
            continue; // held: a SpoolFile of a running process
        if (QFile::remove(path))
            ++removed;
        ::close(fd);
    }
    return removed;
}

QString SpoolFile::fileName() const
{
    return m_file && !m_file->kept ? m_file->file.fileName() : QString();
}

qint64 SpoolFile::size() const
{
    return m_file ? m_file->size : 0;
}

bool SpoolFile::append(QByteArrayView bytes)
{
    if (!m_file || !m_file->file.isOpen())
        return false;
    if (m_file->file.write(bytes.data(), bytes.size()) != bytes.size())
        return false;
    m_file->size += bytes.size();
    return true;
}

bool SpoolFile::finish()
{
    if (!m_file)
        return false;
    if (!m_file->file.isOpen())
        return true;
    const bool flushed = m_file->file.flush();
    m_file->file.close();
    return flushed && m_file->file.error() == QFileDevice::NoError;
}

QByteArray SpoolFile::readAll() const
{
    if (!m_file || m_file->kept)
        return QByteArray();
    QFile file(m_file->file.fileName());
    if (!file.open(QIODevice::ReadOnly))
        return QByteArray();
    return file.readAll();
}

bool SpoolFile::keepAs(const QString &path)
{
    if (!m_file || m_file->kept || !finish())
        return false;
    QFile::remove(path);
    if (!m_file->file.rename(path))
        return false;
    m_file->file.setAutoRemove(false);
    m_file->kept = true;
    return true;
}
