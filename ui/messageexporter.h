#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include "common/messagesource.h"

class MessageViewer;
class QWidget;

// What can be done with a whole message besides reading it: save it as an .eml file, print it,
// write it to a PDF file, look at its source. The file dialogs start in the folder saved into
// last. Each returns an error text, empty on success or when the user cancelled.
class MessageExporter
{
    Q_DECLARE_TR_FUNCTIONS(MessageExporter)
public:
    // A file name for the message: its subject without characters file systems refuse.
    static QString suggestedFileName(const QString &subject, const QString &suffix);

    static QString writeEml(const QString &path, const QByteArray &message);
    static QString saveAs(QWidget *parent, const QByteArray &message, const QString &subject);
    // The same for a message that may be a file of the cache: it is copied in pieces, never
    // read into memory whole.
    static QString writeEml(const QString &path, const MessageSource &message);
    static QString saveAs(QWidget *parent, const MessageSource &message, const QString &subject);
    static QString print(QWidget *parent, const MessageViewer *viewer);
    static QString exportPdf(QWidget *parent, const MessageViewer *viewer);
    static void showSource(QWidget *parent, const QByteArray &message);
};
