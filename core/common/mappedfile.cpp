#include "mappedfile.h"

MappedFile::~MappedFile()
{
    if (m_map)
        m_file.unmap(m_map);
}

bool MappedFile::open(const QString &path)
{
    if (m_map)
        m_file.unmap(m_map);
    m_map = nullptr;
    m_size = 0;
    m_file.close();
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::ReadOnly))
        return false;
    m_size = m_file.size();
    if (m_size == 0)
        return true;
    m_map = m_file.map(0, m_size);
    if (!m_map) {
        m_size = 0;
        return false;
    }
    return true;
}

QByteArray MappedFile::bytes() const
{
    if (!m_map)
        return QByteArray("");
    return QByteArray::fromRawData(reinterpret_cast<const char *>(m_map), qsizetype(m_size));
}
