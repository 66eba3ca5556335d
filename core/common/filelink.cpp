#include "filelink.h"

#include <QCoreApplication>
#include <QFile>

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace {

thread_local bool copied = false;

bool fail(QString *errorMessage, const QString &message)
{
    if (errorMessage)
        *errorMessage = message;
    return false;
}

bool copyInPieces(const QString &from, const QString &to, QString *errorMessage)
{
    QFile source(from);
    if (!source.open(QIODevice::ReadOnly))
        return fail(errorMessage, source.errorString());
    QFile target(to);
    if (!target.open(QIODevice::WriteOnly | QIODevice::NewOnly))
        return fail(errorMessage, target.errorString());
    QByteArray piece(1024 * 1024, Qt::Uninitialized);
    for (;;) {
        const qint64 got = source.read(piece.data(), piece.size());
        if (got < 0 || (got > 0 && target.write(piece.constData(), got) != got)) {
            const QString why = got < 0 ? source.errorString() : target.errorString();
            target.close();
            QFile::remove(to);
            return fail(errorMessage, why);
        }
        if (got == 0)
            break;
    }
    if (!target.flush()) {
        const QString why = target.errorString();
        target.close();
        QFile::remove(to);
        return fail(errorMessage, why);
    }
    return true;
}

} // namespace

bool FileLink::linkOrCopy(const QString &from, const QString &to, QString *errorMessage)
{
    copied = false;
    const QByteArray source = QFile::encodeName(from);
    const QByteArray target = QFile::encodeName(to);
    if (::link(source.constData(), target.constData()) == 0)
        return true;
    const int error = errno;
    // Another file system, or one without hard links: the bytes are copied.
    if (error != EXDEV && error != EPERM && error != EOPNOTSUPP && error != EMLINK)
        return fail(errorMessage,
                    QCoreApplication::translate("FileLink", "Cannot link %1 to %2: %3")
                            .arg(from, to, QString::fromLocal8Bit(std::strerror(error))));
    copied = true;
    return copyInPieces(from, to, errorMessage);
}

bool FileLink::move(const QString &from, const QString &to, QString *errorMessage)
{
    if (::rename(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) == 0)
        return true;
    if (!linkOrCopy(from, to, errorMessage))
        return false;
    QFile::remove(from);
    return true;
}

bool FileLink::lastWasCopy()
{
    return copied;
}
