#include "spoolfile.h"

#include <QDir>
#include <QFile>
#include <QTemporaryFile>

struct SpoolFile::Data
{
    QTemporaryFile file;
    qint64 size = 0;
    bool kept = false;
};

SpoolFile SpoolFile::create(const QString &directory, QString *errorMessage)
{
    SpoolFile spool;
    spool.m_file = std::make_shared<Data>();
    QTemporaryFile &file = spool.m_file->file;
    file.setFileTemplate(QDir(directory).filePath(QStringLiteral("heron-spool-XXXXXX")));
    if (!QDir().mkpath(directory) || !file.open()) {
        if (errorMessage)
            *errorMessage = file.errorString();
        return SpoolFile();
    }
    return spool;
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
