#pragma once

#include "base64filereader.h"
#include "messagebuilder.h"
#include "messagefilereader.h"

#include <QIODevice>
#include <QList>

// A message produced while it is read: the builder's headers and text parts are ready when
// the stream opens, attachment files are read and encoded a chunk at a time as the reader
// asks for more. Sequential and read-only; size() is known up front.
class MessageStream : public QIODevice
{
    Q_OBJECT

public:
    explicit MessageStream(MessageBuilder builder, QObject *parent = nullptr);
    ~MessageStream() override;

    // Builds the plan; fails (buildError() says why) when the message cannot be built.
    bool open(OpenMode mode) override;
    MailError buildError() const { return m_buildError; }

    bool isSequential() const override { return true; }
    qint64 size() const override { return m_totalSize; }
    qint64 bytesAvailable() const override;

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    bool refill();

    MessageBuilder m_builder;
    MailError m_buildError;
    QList<MessageBuilder::Piece> m_pieces;
    qsizetype m_nextPiece = 0;
    Base64FileReader m_reader;
    bool m_readingFile = false;
    MessageFileReader m_messageReader;
    bool m_readingMessage = false;
    QByteArray m_pending;
    qsizetype m_pendingPos = 0;
    qint64 m_totalSize = 0;
    qint64 m_produced = 0;
    bool m_failed = false;
};
