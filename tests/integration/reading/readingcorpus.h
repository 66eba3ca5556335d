#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

// Messages of every kind a reader meets, written for the real-stack reading test and the
// reading benchmark, with what a reader must see of each.
namespace ReadingCorpus {

struct Case
{
    QString name;
    QByteArray message;
    QStringList plainContains; // in the plain text shown
    QStringList htmlContains; // in the HTML shown (sanitised)
    QStringList attachments; // file names listed, in order
    QStringList inlineImages; // Content-IDs shown inline
};

QList<Case> cases();
// A message with a text body and a binary attachment of the given size (base64 on the wire).
QByteArray bigAttachmentMessage(qsizetype attachmentBytes);
// The attachment bytes bigAttachmentMessage() carries.
QByteArray bigAttachment(qsizetype attachmentBytes);
// An HTML message of about the given size: many paragraphs, tables and links.
QByteArray largeHtmlMessage(qsizetype bytes);

} // namespace ReadingCorpus
