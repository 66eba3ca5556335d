#pragma once

#include <QDir>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>

class AppController;
class QWidget;

// Drives a running application through the states a person should look at and writes one PNG
// of each into a folder, then quits: the main window with a message open, the composer with an
// attachment, and the account dialog after a connection test. For scripts/screenshots
// (heron --screenshot-dir DIR); not a user feature.
class ScreenshotRunner : public QObject
{
    Q_OBJECT
public:
    ScreenshotRunner(AppController *controller, const QString &directory, QObject *parent = nullptr);

    void start();

private:
    // Waits until ready() holds (checked every 200 ms), then runs then(); gives up after a
    // while, saying what it waited for, and goes on.
    void waitFor(const QString &what, std::function<bool()> ready, std::function<void()> then);
    void openMessage();
    void grabMainWindow();
    void openComposer();
    void openAccountDialog();
    void finish();
    void save(QWidget *window, const QString &name);

    AppController *m_controller;
    QDir m_directory;
    QString m_attachmentPath;
    QPointer<QWidget> m_composer;
    int m_failures = 0;
};
