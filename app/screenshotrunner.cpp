#include "screenshotrunner.h"

#include "accountdialog.h"
#include "accountlistdialog.h"
#include "accounts/filesecretstore.h"
#include "appcontroller.h"
#include "composerequest.h"
#include "composerwindow.h"
#include "connectiontestpanel.h"
#include "mainwindow.h"
#include "viewer/messageviewer.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFile>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTabWidget>
#include <QTreeView>

#include <cstdio>

namespace {

constexpr int waitLimitMs = 60000;

void report(const QString &line)
{
    std::fprintf(stderr, "heron screenshots: %s\n", qPrintable(line));
}

} // namespace

ScreenshotRunner::ScreenshotRunner(AppController *controller, const QString &directory,
                                   QObject *parent)
    : QObject(parent)
    , m_controller(controller)
    , m_directory(directory)
{ }

void ScreenshotRunner::start()
{
    m_directory.mkpath(QStringLiteral("."));
    MainWindow *window = m_controller->mainWindow();
    window->resize(1280, 800);
    waitFor(
            QStringLiteral("the Inbox's messages"),
            [window] {
                const QAbstractItemModel *model = window->messageView()->model();
                return model && model->rowCount() > 0;
            },
            [this] { openMessage(); });
}

void ScreenshotRunner::waitFor(const QString &what, std::function<bool()> ready,
                               std::function<void()> then)
{
    auto *timer = new QTimer(this);
    const QDeadlineTimer deadline(waitLimitMs);
    connect(timer, &QTimer::timeout, this, [this, timer, what, ready, then, deadline] {
        if (!ready()) {
            if (!deadline.hasExpired())
                return;
            report(QStringLiteral("gave up waiting for %1").arg(what));
            ++m_failures;
        }
        timer->deleteLater();
        then();
    });
    timer->start(200);
}

void ScreenshotRunner::openMessage()
{
    QAbstractItemView *list = m_controller->mainWindow()->messageView();
    // The newest message: the list's order is the user's, so take the row the view shows first.
    list->setCurrentIndex(list->model()->index(0, 0));
    MessageViewer *viewer = m_controller->mainWindow()->messageViewer();
    waitFor(
            QStringLiteral("the message to show"),
            [viewer] { return !viewer->message().subject.isEmpty(); },
            [this] {
                // Let the viewer lay out its body before the picture.
                QTimer::singleShot(500, this, &ScreenshotRunner::grabMainWindow);
            });
}

void ScreenshotRunner::grabMainWindow()
{
    save(m_controller->mainWindow(), QStringLiteral("main-window.png"));
    openComposer();
}

void ScreenshotRunner::openComposer()
{
    m_attachmentPath = m_directory.filePath(QStringLiteral("Quarterly report.pdf"));
    QFile file(m_attachmentPath);
    if (file.open(QIODevice::WriteOnly))
        file.write("%PDF-1.4\n% A sample attachment for the screenshot\n"
                   + QByteArray(48 * 1024, ' ') + "\n%%EOF\n");
    file.close();

    ComposeRequest request;
    request.to = QStringLiteral("Bob Marley <bob@example.test>");
    request.subject = QStringLiteral("Quarterly report");
    request.body = QStringLiteral("Hello Bob,\n\nthe report for the last quarter is attached. "
                                  "The numbers look better than we feared.\n\nSee you on "
                                  "Monday,\nAlice\n");
    request.attachments = {m_attachmentPath};
    ComposerWindow *composer = m_controller->openComposer(request);
    composer->resize(820, 640);
    m_composer = composer;
    QTimer::singleShot(800, this, [this] {
        if (m_composer) {
            save(m_composer, QStringLiteral("composer.png"));
            m_composer->close();
        }
        QFile::remove(m_attachmentPath);
        openAccountDialog();
    });
}

void ScreenshotRunner::openAccountDialog()
{
    MainWindow *window = m_controller->mainWindow();
    m_controller->openAccounts();
    auto *list = window->findChild<AccountListDialog *>();
    if (!list || list->list()->count() == 0) {
        report(QStringLiteral("no account to show"));
        ++m_failures;
        finish();
        return;
    }
    list->editAccount(list->list()->item(0)->data(Qt::UserRole).toString());
    waitFor(
            QStringLiteral("the account dialog"),
            [window] { return window->findChild<AccountDialog *>() != nullptr; },
            [this, window] {
                AccountDialog *dialog = window->findChild<AccountDialog *>();
                if (!dialog) {
                    finish();
                    return;
                }
                // The servers, next to the test's results about them.
                if (auto *tabs = dialog->findChild<QTabWidget *>())
                    tabs->setCurrentIndex(1);
                // An edited account shows no password; the test needs it typed again. The demo
                // keeps it in its password file.
                const QString file = FileSecretStore::pathFromEnvironment();
                if (!file.isEmpty()) {
                    FileSecretStore secrets(file);
                    secrets.readPassword(dialog->account().id(), dialog,
                                         [dialog](const SecretStore::Reply &reply) {
                                             dialog->passwordField()->setText(reply.password);
                                         });
                }
                QTimer::singleShot(300, dialog,
                                   [dialog] { dialog->testPanel()->testButton()->click(); });
                waitFor(
                        QStringLiteral("the connection test"),
                        [dialog] {
                            return !dialog->testPanel()->isRunning()
                                   && dialog->testPanel()->resultLabels().size() == 2;
                        },
                        [this, dialog] {
                            save(dialog, QStringLiteral("account-dialog.png"));
                            finish();
                        });
            });
}

void ScreenshotRunner::save(QWidget *window, const QString &name)
{
    const QString path = m_directory.filePath(name);
    if (window->grab().save(path)) {
        report(QStringLiteral("wrote %1").arg(path));
    } else {
        report(QStringLiteral("cannot write %1").arg(path));
        ++m_failures;
    }
}

void ScreenshotRunner::finish()
{
    QCoreApplication::exit(m_failures == 0 ? 0 : 1);
}
