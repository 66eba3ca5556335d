#include "windowreader.h"

#include "store/messagestore.h"

#include <algorithm>

namespace {

bool asks(const QList<WindowReader::Request> &requests, int window)
{
    return std::any_of(requests.cbegin(), requests.cend(),
                       [window](const WindowReader::Request &r) { return r.window == window; });
}

} // namespace

WindowReader::WindowReader(MessageStore *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &WindowReader::onRead);
}

void WindowReader::beginRound()
{
    m_round.clear();
}

void WindowReader::ask(const Request &request)
{
    if ((request.window != m_reading || m_readingDropped) && !asks(m_round, request.window))
        m_round.append(request);
}

void WindowReader::endRound()
{
    if (m_round.isEmpty())
        return;
    QList<Request> asked = m_round;
    for (const Request &last : std::as_const(m_lastRound)) {
        if (!asks(asked, last.window) && asks(m_asked, last.window))
            asked.append(last);
    }
    m_asked = std::move(asked);
    m_lastRound = m_round;
    if (m_reading < 0)
        startNext();
}

void WindowReader::forget()
{
    m_asked.clear();
    m_round.clear();
    m_lastRound.clear();
    if (m_reading >= 0)
        m_readingDropped = true;
}

void WindowReader::startNext()
{
    if (m_asked.isEmpty() || !m_store)
        return;
    const Request request = m_asked.takeFirst();
    m_reading = request.window;
    m_readingDropped = false;
    m_readingReversed = request.reversed;
    m_watcher.setFuture(
            m_store->fetchMessagesInBackground(request.query, request.offset, request.limit));
}

void WindowReader::onRead()
{
    const int window = std::exchange(m_reading, -1);
    StoreResult<QList<MessageRecord>> rows = m_watcher.result();
    ++m_reads;
    if (!m_readingDropped) {
        if (!rows.isOk()) {
            Q_EMIT errorOccurred(rows.error());
        } else {
            QList<MessageRecord> read = std::move(rows).value();
            if (m_readingReversed)
                std::reverse(read.begin(), read.end());
            Q_EMIT windowRead(window, read);
        }
    }
    startNext();
}
