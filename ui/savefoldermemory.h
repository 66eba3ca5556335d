#pragma once

#include <QString>

class QSettings;

// The folder the save dialogs open in: the one the user saved into last (an attachment, a
// message, a PDF), kept in the settings under "dialogs/saveFolder"; the Downloads folder at first
// and when the remembered one is gone.
class SaveFolderMemory
{
public:
    // nullptr: the application's default QSettings.
    explicit SaveFolderMemory(QSettings *settings = nullptr);

    QString folder() const;
    // Remembers the folder of a file just saved.
    void rememberFile(const QString &filePath);

    // Asks for a file to save to, starting in folder() with the suggested name, and remembers
    // the folder of the answer. Empty when the user cancels.
    QString askSaveFileName(class QWidget *parent, const QString &title,
                            const QString &suggestedName, const QString &filter = {});
    // The same for a folder (Save All).
    QString askFolder(class QWidget *parent, const QString &title);

private:
    QSettings *m_settings;
};
