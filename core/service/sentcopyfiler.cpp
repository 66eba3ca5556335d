#include "sentcopyfiler.h"

#include "accountservice.h"
#include "common/logging.h"

#include <QDir>
#include <QFile>
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

void SentCopyFiler::file(const QString &id, const QByteArray &message)
{
    switch (m_service->account().sentFiling()) {
    case Account::SentFiling::Server:
        return;
    case Account::SentFiling::Client:
        m_service->appendMessage(FolderRecord::SpecialUse::Sent, message, sentFlags);
        return;
    case Account::SentFiling::Unknown:
        break;
    }
    QSaveFile file(spoolPath(id));
    if (!QDir().mkpath(m_spool) || !file.open(QIODevice::WriteOnly)
        || file.write(message) != message.size() || !file.commit()) {
        // Not kept across a restart, the check still runs while this one lasts.
        qCWarning(lcStore) << "cannot keep a sent message for its Sent check:"
                           << file.errorString();
        m_service->appendMessageUnlessFiled(FolderRecord::SpecialUse::Sent, message, sentFlags);
        return;
    }
    ++m_waiting;
    QTimer::singleShot(m_checkDelay, this, [this, id] { check(id); });
}

void SentCopyFiler::check(const QString &id)
{
    --m_waiting;
    QFile file(spoolPath(id));
    if (!file.open(QIODevice::ReadOnly))
        return;
    const QByteArray message = file.readAll();
    file.close();
    // The file goes once the journal keeps the message.
    const auto filed = [path = file.fileName()](const MailError &error) {
        if (!error)
            QFile::remove(path);
    };
    // Answered meanwhile (by an earlier message), the search is not needed.
    switch (m_service->account().sentFiling()) {
    case Account::SentFiling::Server:
        QFile::remove(file.fileName());
        return;
    case Account::SentFiling::Client:
        m_service->appendMessage(FolderRecord::SpecialUse::Sent, message, sentFlags, filed);
        return;
    case Account::SentFiling::Unknown:
        m_service->appendMessageUnlessFiled(FolderRecord::SpecialUse::Sent, message, sentFlags,
                                            filed);
        return;
    }
}
