#include "sentcopyfiler.h"

#include "accountservice.h"
#include "common/filelink.h"
#include "common/logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QTimer>

namespace {

const QList<QByteArray> sentFlags = {QByteArrayLiteral("\\Seen")};

} // namespace

SentCopyFiler::SentCopyFiler(AccountService *service, const QString &spoolDirectory, QObject *parent)
    : QObject(parent)
    , m_service(service)
    , m_spool(spoolDirectory)
{ }

QString SentCopyFiler::spoolPath(const QString &id) const
{
    return m_spool + QLatin1Char('/') + id + QStringLiteral(".eml");
}

void SentCopyFiler::start()
{
    const QStringList left = QDir(m_spool).entryList({QStringLiteral("*.eml")}, QDir::Files,
                                                     QDir::Name);
    for (const QString &name : left) {
        ++m_waiting;
        check(name.chopped(4));
    }
}

bool SentCopyFiler::keep(const MessageSource &message, const QString &path)
{
    QString why;
    QFile::remove(path); // left by an earlier run
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        why = QStringLiteral("cannot create the folder");
    } else if (message.isFile()) {
        if (FileLink::linkOrCopy(message.filePath(), path, &why))
            return true;
    } else {
        QSaveFile file(path);
        if (file.open(QIODevice::WriteOnly) && message.writeTo(&file, &why) && file.commit())
            return true;
        if (why.isEmpty())
            why = file.errorString();
    }
    qCWarning(lcStore) << "cannot keep a sent message for its Sent copy:" << path << why;
    return false;
}

void SentCopyFiler::file(const QString &id, const MessageSource &message)
{
    if (message.isNull()) {
        qCWarning(lcStore) << "a sent message could not be read for its Sent copy:" << id;
        return;
    }
    const Account::SentFiling filing = m_service->account().sentFiling();
    if (filing == Account::SentFiling::Server)
        return;
    if (filing == Account::SentFiling::Client) {
        const QString path = filingPath(id);
        if (!keep(message, path)) {
            // Only where no file can be written: in memory, as it is.
            m_service->appendMessage(FolderRecord::SpecialUse::Sent, message.readAll(), sentFlags);
            return;
        }
        m_service->appendMessage(FolderRecord::SpecialUse::Sent, MessageSource::fromFile(path),
                                 sentFlags, [path](const MailError &error) {
                                     if (error)
                                         QFile::remove(path);
                                 });
        return;
    }
    if (!keep(message, spoolPath(id))) {
        // Not kept across a restart, the check still runs while this one lasts.
        m_service->appendMessageUnlessFiled(FolderRecord::SpecialUse::Sent, message.readAll(),
                                            sentFlags);
        return;
    }
    ++m_waiting;
    QTimer::singleShot(m_checkDelay, this, [this, id] { check(id); });
}

QString SentCopyFiler::filingPath(const QString &id) const
{
    return m_spool + QStringLiteral("/filing/") + id + QStringLiteral(".eml");
}

void SentCopyFiler::check(const QString &id)
{
    --m_waiting;
    const QString spooled = spoolPath(id);
    if (!QFile::exists(spooled))
        return;
    // Answered meanwhile (by an earlier message), the search is not needed.
    const Account::SentFiling filing = m_service->account().sentFiling();
    if (filing == Account::SentFiling::Server) {
        QFile::remove(spooled);
        return;
    }
    // The file becomes the journal's; back in the spool when the journal cannot keep it.
    const QString path = filingPath(id);
    QString why;
    if (!QDir().mkpath(QFileInfo(path).absolutePath()) || !FileLink::move(spooled, path, &why)) {
        qCWarning(lcStore) << "cannot hand a sent message to the journal:" << why;
        return;
    }
    const auto kept = [path, spooled](const MailError &error) {
        if (error)
            FileLink::move(path, spooled);
    };
    const MessageSource message = MessageSource::fromFile(path);
    if (filing == Account::SentFiling::Client)
        m_service->appendMessage(FolderRecord::SpecialUse::Sent, message, sentFlags, kept);
    else
        m_service->appendMessageUnlessFiled(FolderRecord::SpecialUse::Sent, message, sentFlags,
                                            kept);
}
