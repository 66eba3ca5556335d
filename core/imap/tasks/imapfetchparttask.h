#pragma once

#include "imaptask.h"

// Fetches one body part (or the whole message with an empty section) of one message by UID:
// BODY.PEEK[section]<offset.length>, or BINARY.PEEK when binary decoding is asked for and the
// server has BINARY (RFC 3516), in which case data() is already transfer-decoded.
class ImapFetchPartTask : public ImapTask
{
    Q_OBJECT
public:
    enum class State { Idle, Fetching, Done, Failed };

    ImapFetchPartTask(ImapConnection *connection, quint32 uid, const QByteArray &section,
                      QObject *parent = nullptr);

    void setRange(qint64 offset, qint64 length);
    void setPreferBinary(bool binary) { m_preferBinary = binary; }

    State state() const { return m_state; }
    QByteArray data() const { return m_data; }
    bool isBinary() const { return m_binary; }
    // True when the server answered NIL or the message vanished meanwhile (no FETCH line).
    bool isMissing() const { return m_missing; }

protected:
    void run() override;

private:
    State m_state = State::Idle;
    quint32 m_uid;
    QByteArray m_section;
    qint64 m_offset = -1;
    qint64 m_length = -1;
    bool m_preferBinary = false;
    bool m_binary = false;
    bool m_missing = true;
    QByteArray m_data;
};
