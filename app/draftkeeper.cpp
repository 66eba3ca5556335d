#include "draftkeeper.h"

#include "composerwindow.h"
#include "mime/outgoingmessage.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>
#include <QTimer>
#include <QUuid>

#include <algorithm>

namespace {
const QString suffix = QStringLiteral(".json");
} // namespace

DraftKeeper::DraftKeeper(QString directory, QObject *parent)
    : QObject(parent)
    , m_directory(std::move(directory))
{ }

DraftKeeper::~DraftKeeper() = default;

QString DraftKeeper::filePath(const QString &id) const
{
    return m_directory + QLatin1Char('/') + id + suffix;
}

QString DraftKeeper::watch(ComposerWindow *composer, const QString &draftId)
{
    const QString id = draftId.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces)
                                         : draftId;
    auto *timer = new QTimer(this);
    timer->setSingleShot(true);
    m_watched.insert(id, Watched {composer, timer});
    connect(timer, &QTimer::timeout, this, [this, id] { saveNow(id); });
    connect(composer, &ComposerWindow::changed, timer, [this, timer] { timer->start(m_interval); });
    connect(composer, &ComposerWindow::closedWithDraft, this,
            [this, id, composer](const OutgoingMessage &message) {
                saveNow(id);
                const QString accountId = composer->selectedAccountId();
                const OutboxFollowUp replaces = composer->serverDraft();
                forget(id);
                Q_EMIT uploadRequested(id, accountId, message, replaces);
            });
    for (auto signal : {&ComposerWindow::discarded, &ComposerWindow::sent}) {
        connect(composer, signal, this, [this, id] {
            forget(id);
            remove(id);
        });
    }
    // While it is destroyed the composer is no longer a ComposerWindow: its pointer is not read.
    connect(composer, &QObject::destroyed, this, [this, id] { drop(id); });
    return id;
}

void DraftKeeper::forget(const QString &id)
{
    const auto found = m_watched.find(id);
    if (found == m_watched.end())
        return;
    if (found->composer)
        disconnect(found->composer, nullptr, this, nullptr);
    drop(id);
}

void DraftKeeper::drop(const QString &id)
{
    const auto found = m_watched.find(id);
    if (found == m_watched.end())
        return;
    delete found->timer;
    m_watched.erase(found);
}

void DraftKeeper::saveNow(const QString &id)
{
    const Watched watched = m_watched.value(id);
    if (!watched.composer)
        return;
    if (watched.timer)
        watched.timer->stop();
    if (watched.composer->isModified())
        save(id, watched.composer->draft());
    else
        remove(id);
}

QStringList DraftKeeper::draftIds() const
{
    const QFileInfoList files = QDir(m_directory)
                                        .entryInfoList({QLatin1Char('*') + suffix}, QDir::Files,
                                                       QDir::Time | QDir::Reversed);
    QStringList ids;
    for (const QFileInfo &file : files)
        ids.append(file.completeBaseName());
    return ids;
}

std::optional<ComposerDraft> DraftKeeper::load(const QString &id) const
{
    QFile file(filePath(id));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll());
    if (!document.isObject())
        return std::nullopt;
    return ComposerDraft::fromJson(document.object());
}

bool DraftKeeper::save(const QString &id, const ComposerDraft &draft)
{
    const QString path = filePath(id);
    QSaveFile file(path);
    const bool ok = QDir().mkpath(m_directory) && file.open(QIODevice::WriteOnly)
                    && file.write(QJsonDocument(draft.toJson()).toJson()) >= 0 && file.commit();
    if (!ok)
        Q_EMIT saveFailed(path);
    return ok;
}

void DraftKeeper::remove(const QString &id)
{
    QFile::remove(filePath(id));
}
