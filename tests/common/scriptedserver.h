#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>

class FakeTransport;

// Plays one scripted conversation over a FakeTransport. The script is a list of lines:
//
//   "S: 220 mail.example.org ESMTP"   the server sends this line (CRLF appended)
//   "C: EHLO heron.local"             the client must send exactly this line next (CRLF appended)
//   "S: <disconnect>"                 the server closes the link (after delivering what it sent)
//   "S: <starttls>"                   wait until the client calls startTls(), then succeed
//   "S: <starttls-fail>"              wait until the client calls startTls(), then fail it
//   "C: <close>"                      the client must close the link now
//   "# ..." and empty lines           ignored
//
// Consecutive "C:" lines are matched against the client's byte stream, however it was split
// into writes, so a pipelined batch is written as several "C:" lines. The server starts with
// the first step once the transport reports connected(). Bytes that diverge from the script,
// or arrive after it is done, fail the run; failure() then says where and what.
//
// Typical use:
//   FakeTransport transport;
//   ScriptedServer server(&transport, {"S: 220 hi", "C: EHLO x", "S: 250 ok"});
//   client.start(...);
//   QTRY_VERIFY2(server.isComplete(), qPrintable(server.status()));
class ScriptedServer : public QObject
{
    Q_OBJECT
public:
    ScriptedServer(FakeTransport *transport, const QList<QByteArray> &script,
                   QObject *parent = nullptr);
    ~ScriptedServer() override;

    // Splits a block of text into script lines (on '\n').
    static QList<QByteArray> lines(const QByteArray &text);

    // Steps can also be appended in code, e.g. for bytes without a line end.
    void appendSend(const QByteArray &bytes);
    void appendExpect(const QByteArray &bytes);

    // Every step ran and the client sent nothing beyond the script.
    bool isComplete() const { return m_index == m_steps.size() && m_failure.isEmpty(); }
    bool hasFailed() const { return !m_failure.isEmpty(); }
    QString failure() const { return m_failure; }
    // Where the run stands: the step awaited and what the client sent that is not matched yet.
    QString status() const;
    // The index of the next step to run.
    int position() const { return int(m_index); }

Q_SIGNALS:
    void completed();
    void failed(const QString &reason);

private:
    enum class Kind { Send, Expect, Disconnect, StartTls, StartTlsFail, ExpectClose };
    struct Step
    {
        Kind kind;
        QByteArray bytes;
        QByteArray source; // the script line, for messages
    };

    void parseLine(const QByteArray &line);
    void onClientWrote(const QByteArray &bytes);
    void advance();
    void setFailed(const QString &reason);
    static QString printable(const QByteArray &bytes);

    FakeTransport *m_transport;
    QList<Step> m_steps;
    qsizetype m_index = 0;
    QByteArray m_received;
    QString m_failure;
    bool m_started = false;
    bool m_closed = false;
    bool m_completedEmitted = false;
    int m_startTlsSeen = 0;
};
