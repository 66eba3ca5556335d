#pragma once

#include "benchserver.h"

#include <QByteArray>
#include <QList>
#include <QSslSocket>
#include <QString>

#include <functional>

// An IMAP client over a bare QSslSocket that parses nothing: it only looks for the tagged
// completion of each command in the bytes that arrive. `heron-bench imap` measures its floors
// with it: what the server needs to answer, with a client that costs next to nothing.
class RawImapClient
{
public:
    explicit RawImapClient(const BenchServer &server);

    QString error() const { return m_error; }

    // Connects, reads the greeting, does STARTTLS when asked and logs in.
    bool login();
    // Sends the commands at once, pipelined, and waits for the last one's tagged OK.
    bool commands(const QList<QByteArray> &texts);
    // Sends one command and waits for its tagged OK.
    bool command(const QByteArray &text);
    // The server's capabilities (CAPABILITY, upper case); empty with error set on failure.
    QList<QByteArray> capabilities();

private:
    bool wait(const std::function<bool()> &done, int timeoutMs);
    void wake();
    bool fail(const QString &what);
    void onReadyRead();

    BenchServer m_server;
    QSslSocket m_socket;
    QByteArray m_needle;
    QByteArray m_tail;
    QByteArray m_status;
    // While set, every byte that arrives is kept in m_captured (for short answers).
    bool m_capture = false;
    QByteArray m_captured;
    QString m_error;
    std::function<void()> m_wake;
    int m_tagCounter = 0;
    bool m_found = false;
};

// The raw first fetch: SELECT then every message's metadata; seconds, or -1 with error set.
double rawColdFetch(const BenchServer &server, const QString &folder, QString *error);

// The raw first fetch again, in the synchronisation's own commands: the UIDs newest first, a
// first batch then batches of the given size, all pipelined. Beside floor_s it tells what the
// command pattern costs the server, apart from what the client does with the answers.
double rawBatchedFetch(const BenchServer &server, const QString &folder,
                       const QList<quint32> &ascending, int firstBatch, int batch, QString *error);

// The raw resync from a known state, in the way the server offers: SELECT with QRESYNC (enabled
// only when offered); else SELECT (CONDSTORE) and the flags changed since modSeq; else SELECT
// and every message's flags. Seconds, or -1 with error set; *method (when given) names the way:
// "qresync", "condstore" or "flags".
double rawResync(const BenchServer &server, const QString &folder, quint32 uidValidity,
                 quint64 modSeq, const QByteArray &knownUids, QString *error,
                 QByteArray *method = nullptr);
