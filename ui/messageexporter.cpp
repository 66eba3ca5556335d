#include "messageexporter.h"

#include "messagesourcedialog.h"
#include "savefoldermemory.h"
#include "viewer/messageviewer.h"

#include <QCoreApplication>
#include <QPrintDialog>
#include <QPrinter>
#include <QRegularExpression>
#include <QSaveFile>

QString MessageExporter::suggestedFileName(const QString &subject, const QString &suffix)
{
    QString name = subject.simplified();
    name.replace(QRegularExpression(QStringLiteral("[\\\\/:*?\"<>|\\x00-\\x1f]")),
                 QStringLiteral("_"));
    name = name.left(80).trimmed();
    if (name.isEmpty() || name.startsWith(QLatin1Char('.')))
        name = tr("message");
    return name + QLatin1Char('.') + suffix;
}

QString MessageExporter::writeEml(const QString &path, const QByteArray &message)
{
    return writeEml(path, MessageSource::fromBytes(message));
}

QString MessageExporter::writeEml(const QString &path, const MessageSource &message)
{
    QSaveFile file(path);
    QString error;
    if (!file.open(QIODevice::WriteOnly))
        error = file.errorString();
    else if (!message.writeTo(&file, &error))
        file.cancelWriting();
    else if (!file.commit())
        error = file.errorString();
    if (!error.isEmpty())
        return tr("The message could not be saved to %1: %2").arg(path, error);
    return {};
}

QString MessageExporter::saveAs(QWidget *parent, const QByteArray &message, const QString &subject)
{
    return saveAs(parent, MessageSource::fromBytes(message), subject);
}

QString MessageExporter::saveAs(QWidget *parent, const MessageSource &message,
                                const QString &subject)
{
    const QString path = SaveFolderMemory()
                                 .askSaveFileName(parent, tr("Save Message"),
                                                  suggestedFileName(subject, QStringLiteral("eml")),
                                                  tr("Email messages (*.eml);;All files (*)"));
    return path.isEmpty() ? QString() : writeEml(path, message);
}

QString MessageExporter::print(QWidget *parent, const MessageViewer *viewer)
{
    if (viewer->isEmpty())
        return tr("No message is open");
    QPrinter printer(QPrinter::HighResolution);
    QPrintDialog dialog(&printer, parent);
    dialog.setWindowTitle(tr("Print Message"));
    if (dialog.exec() != QDialog::Accepted)
        return {};
    viewer->print(&printer);
    return {};
}

QString MessageExporter::exportPdf(QWidget *parent, const MessageViewer *viewer)
{
    if (viewer->isEmpty())
        return tr("No message is open");
    const QString path = SaveFolderMemory()
                                 .askSaveFileName(parent, tr("Export as PDF"),
                                                  suggestedFileName(viewer->message().subject,
                                                                    QStringLiteral("pdf")),
                                                  tr("PDF files (*.pdf)"));
    QString error;
    if (!path.isEmpty() && !viewer->exportPdf(path, &error))
        return tr("The PDF could not be written to %1: %2").arg(path, error);
    return {};
}

void MessageExporter::showSource(QWidget *parent, const QByteArray &message)
{
    auto *dialog = new MessageSourceDialog(message, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}
