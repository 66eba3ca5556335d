#include "rowpositions.h"

RowPositions::RowPositions(QObject *parent)
    : QObject(parent)
{
    connect(&m_reader, &SearchRunner::found, this, &RowPositions::onFound);
    connect(&m_reader, &SearchRunner::finished, this, &RowPositions::onFinished);
}

void RowPositions::start(MessageStore *store, const MessageQuery &query, int rows)
{
    forget();
    m_expected = rows;
    m_uids.reserve(rows / step);
    m_reader.start(store, query);
}

void RowPositions::forget()
{
    m_reader.cancel();
    m_uids.clear();
    m_read = 0;
    m_expected = 0;
    m_ready = false;
}

bool RowPositions::anchorFor(int offset, quint32 *uid, int *skip) const
{
    const int steps = offset / step;
    if (!m_ready || steps == 0 || steps > m_uids.size())
        return false;
    *uid = m_uids.at(steps - 1);
    *skip = offset - steps * step;
    return true;
}

void RowPositions::onFound(const QList<quint32> &uids)
{
    // The first UID of the batch that ends a step.
    for (qsizetype i = (step - 1 - m_read % step) % step; i < uids.size(); i += step)
        m_uids.append(uids.at(i));
    m_read += int(uids.size());
}

void RowPositions::onFinished(const MailError &error)
{
    if (error || m_read != m_expected) {
        forget();
        return;
    }
    m_ready = true;
}
