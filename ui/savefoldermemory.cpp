#include "savefoldermemory.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

#include <memory>

namespace {
const QString key = QStringLiteral("dialogs/saveFolder");
}

SaveFolderMemory::SaveFolderMemory(QSettings *settings)
    : m_settings(settings)
{ }

QString SaveFolderMemory::folder() const
{
    std::unique_ptr<QSettings> own;
    QSettings *settings = m_settings;
    if (!settings) {
        own = std::make_unique<QSettings>();
        settings = own.get();
    }
    const QString remembered = settings->value(key).toString();
    if (!remembered.isEmpty() && QFileInfo(remembered).isDir())
        return remembered;
    const QString downloads = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
    return downloads.isEmpty() ? QDir::homePath() : downloads;
}

void SaveFolderMemory::rememberFile(const QString &filePath)
{
    if (filePath.isEmpty())
        return;
    std::unique_ptr<QSettings> own;
    QSettings *settings = m_settings;
    if (!settings) {
        own = std::make_unique<QSettings>();
        settings = own.get();
    }
    const QFileInfo info(filePath);
    settings->setValue(key, info.isDir() ? QDir(filePath).absolutePath() : info.absolutePath());
}

QString SaveFolderMemory::askSaveFileName(QWidget *parent, const QString &title,
                                          const QString &suggestedName, const QString &filter)
{
    const QString path = QFileDialog::getSaveFileName(parent, title,
                                                      QDir(folder()).filePath(suggestedName),
                                                      filter);
    rememberFile(path);
    return path;
}

QString SaveFolderMemory::askFolder(QWidget *parent, const QString &title)
{
    const QString path = QFileDialog::getExistingDirectory(parent, title, folder());
    if (!path.isEmpty())
        rememberFile(path);
    return path;
}
