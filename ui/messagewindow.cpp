#include "messagewindow.h"

#include "icons.h"
#include "messageexporter.h"
#include "viewer/messagepresenter.h"
#include "viewer/messageviewer.h"

#include <QAction>
#include <QMenuBar>
#include <QPointer>
#include <QStatusBar>
#include <QToolBar>

MessageWindow::MessageWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_viewer(new MessageViewer(this))
    , m_presenter(new MessagePresenter(m_viewer, this))
{
    setObjectName(QStringLiteral("messageWindow"));
    setWindowTitle(tr("Message"));
    setCentralWidget(m_viewer);
    m_save = new QAction(tr("&Save As…"), this);
    m_save->setObjectName(QStringLiteral("saveMessage"));
    m_save->setShortcut(QKeySequence::Save);
    m_print = new QAction(tr("&Print…"), this);
    m_print->setObjectName(QStringLiteral("printMessage"));
    m_print->setShortcut(QKeySequence::Print);
    m_exportPdf = new QAction(tr("&Export as PDF…"), this);
    m_exportPdf->setObjectName(QStringLiteral("exportPdf"));
    m_viewSource = new QAction(tr("View &Source"), this);
    m_viewSource->setObjectName(QStringLiteral("viewSource"));
    m_viewSource->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_U));
    auto *close = new QAction(tr("&Close"), this);
    close->setShortcut(QKeySequence::Close);

    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addActions({m_save, m_print, m_exportPdf});
    file->addSeparator();
    file->addAction(close);
    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_viewSource);

    connect(close, &QAction::triggered, this, &QWidget::close);
    connect(m_save, &QAction::triggered, this, [this] {
        withRaw([this](const QByteArray &raw) {
            report(MessageExporter::saveAs(this, raw, m_viewer->message().subject));
        });
    });
    connect(m_viewer, &MessageViewer::saveMessageRequested, m_save, &QAction::trigger);
    connect(m_print, &QAction::triggered, this,
            [this] { report(MessageExporter::print(this, m_viewer)); });
    connect(m_exportPdf, &QAction::triggered, this,
            [this] { report(MessageExporter::exportPdf(this, m_viewer)); });
    connect(m_viewSource, &QAction::triggered, this, [this] {
        withRaw([this](const QByteArray &raw) { MessageExporter::showSource(this, raw); });
    });
    connect(m_presenter, &MessagePresenter::shown, this, [this] {
        const QString subject = m_viewer->message().subject;
        setWindowTitle(subject.isEmpty() ? tr("(no subject)") : subject);
    });
    connect(m_presenter, &MessagePresenter::failed, this, &MessageWindow::report);
    connect(m_viewer, &MessageViewer::attachmentFailed, this,
            [this](const QString &, const QString &error) { report(error); });
    resize(820, 680);
}

void MessageWindow::setRawMessage(const QByteArray &message)
{
    m_raw = message;
    m_presenter->showRaw(message);
}

void MessageWindow::withRaw(std::function<void(const QByteArray &)> use)
{
    if (!m_raw.isEmpty()) {
        use(m_raw);
        return;
    }
    if (!m_rawSource) {
        report(tr("The message is not available"));
        return;
    }
    QPointer<MessageWindow> self(this);
    m_rawSource(this, [self, use](const QByteArray &raw) {
        if (!self)
            return;
        self->m_raw = raw;
        use(raw);
    });
}

void MessageWindow::report(const QString &error)
{
    if (error.isEmpty())
        return;
    statusBar()->showMessage(error, 8000);
    Q_EMIT errorOccurred(error);
}
