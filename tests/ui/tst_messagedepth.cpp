// A message in depth: its source and all its headers, saved as .eml, opened from an .eml file in
// a window of its own, printed to PDF; the main window's ways there (Enter, a double click,
// File → Open, View Source, Save As); the save dialogs' remembered folder.
#include "mainactions.h"
#include "mainwindow.h"
#include "messageexporter.h"
#include "messagesourcedialog.h"
#include "messagewindow.h"
#include "savefoldermemory.h"
#include "viewer/messageheaderview.h"
#include "viewer/messagepresenter.h"
#include "viewer/messageviewer.h"
#include "viewer/safetextbrowser.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>
#include <QTreeView>

using namespace Qt::StringLiterals;

namespace {

const QByteArray sample = "Received: from mx.example.org by mail.example.org; Mon, 1 Dec 2026\r\n"
                          "From: Alice <alice@example.org>\r\nTo: Bob <bob@example.org>\r\n"
                          "Subject: Quarterly report: draft/2\r\n"
                          "Date: Mon, 1 Dec 2026 09:30:00 +0100\r\n"
                          "X-Mailer: Test Mailer 1.0\r\nMIME-Version: 1.0\r\n"
                          "Content-Type: text/plain; charset=utf-8\r\n\r\n"
                          "The numbers are in.\r\n";

QStandardItemModel *messageModel(QObject *parent)
{
    auto *model = new QStandardItemModel(0, 2, parent);
    for (int i = 0; i < 3; ++i)
        model->appendRow({new QStandardItem(u"Subject %1"_s.arg(i)),
                          new QStandardItem(u"sender%1@example.org"_s.arg(i))});
    return model;
}

} // namespace

class TestMessageDepth : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sourceAndAllHeaders();
    void windowOfAnEmlFile();
    void saveAsEml();
    void exportToPdf();
    void saveFolderIsRemembered();
    void mainWindowWaysToAMessage();

private:
    QTemporaryDir m_dir;
};

void TestMessageDepth::sourceAndAllHeaders()
{
    MessageSourceDialog dialog(sample);
    QCOMPARE(dialog.tabs()->count(), 2);
    const QString headers = dialog.headersText();
    for (const QString &field : {u"Received: from mx.example.org"_s, u"X-Mailer: Test Mailer 1.0"_s,
                                 u"Content-Type: text/plain"_s})
        QVERIFY2(headers.contains(field), qPrintable(field));
    QVERIFY(!headers.contains(u"The numbers are in."_s));
    QVERIFY(dialog.sourceText().contains(u"X-Mailer: Test Mailer 1.0\n"_s));
    QVERIFY(dialog.sourceText().endsWith(u"The numbers are in.\n"_s));
    QCOMPARE(MessageSourceDialog::headerBlock("A: 1\nB: 2\n\nbody"), QByteArray("A: 1\nB: 2"));
}

void TestMessageDepth::windowOfAnEmlFile()
{
    MessageWindow window;
    window.setRawMessage(sample);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.windowTitle(), u"Quarterly report: draft/2"_s);
    QCOMPARE(window.viewer()->headerView()->subjectText(), u"Quarterly report: draft/2"_s);
    QVERIFY(window.viewer()->browser()->toPlainText().contains(u"The numbers are in."_s));

    window.viewSourceAction()->trigger();
    auto *source = window.findChild<MessageSourceDialog *>();
    QVERIFY(source);
    QVERIFY(source->isVisible());
    QVERIFY(source->headersText().contains(u"X-Mailer"_s));
    source->close();

    // A message shown through the presenter asks the raw source for its bytes.
    MessageWindow other;
    int asked = 0;
    other.setRawSource([&asked](QObject *, std::function<void(const QByteArray &)> deliver) {
        ++asked;
        deliver(sample);
    });
    other.presenter()->showRaw(sample);
    other.viewSourceAction()->trigger();
    other.viewSourceAction()->trigger();
    QCOMPARE(asked, 1); // kept once fetched
    QCOMPARE(other.findChildren<MessageSourceDialog *>().size(), 2);
}

void TestMessageDepth::saveAsEml()
{
    const QString path = m_dir.filePath(u"saved.eml"_s);
    QVERIFY(MessageExporter::writeEml(path, sample).isEmpty());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), sample); // byte for byte
    QVERIFY(!MessageExporter::writeEml(m_dir.filePath(u"missing/dir/x.eml"_s), sample).isEmpty());
    QCOMPARE(MessageExporter::suggestedFileName(u"Quarterly report: draft/2"_s, u"eml"_s),
             u"Quarterly report_ draft_2.eml"_s);
    QCOMPARE(MessageExporter::suggestedFileName(u"  "_s, u"eml"_s), u"message.eml"_s);
    QCOMPARE(MessageExporter::suggestedFileName(u"../../etc"_s, u"pdf"_s), u"message.pdf"_s);
}

void TestMessageDepth::exportToPdf()
{
    MessageViewer viewer;
    MessagePresenter presenter(&viewer);
    const QString path = m_dir.filePath(u"message.pdf"_s);
    QString error;
    QVERIFY(!viewer.exportPdf(path, &error)); // nothing on display
    QVERIFY(!error.isEmpty());
    presenter.showRaw(sample);
    const std::unique_ptr<QTextDocument> printed = viewer.printDocument();
    const QString text = printed->toPlainText();
    QVERIFY(text.contains(u"Quarterly report: draft/2"_s));
    QVERIFY(text.contains(u"Alice <alice@example.org>"_s));
    QVERIFY(text.contains(u"Bob <bob@example.org>"_s));
    QVERIFY(text.contains(u"The numbers are in."_s));
    QVERIFY2(viewer.exportPdf(path, &error), qPrintable(error));
    QFile pdf(path);
    QVERIFY(pdf.open(QIODevice::ReadOnly));
    const QByteArray bytes = pdf.readAll();
    QVERIFY(bytes.startsWith("%PDF-"));
    QVERIFY(bytes.contains("/Type /Page"));
}

void TestMessageDepth::saveFolderIsRemembered()
{
    QSettings settings(m_dir.filePath(u"heron.ini"_s), QSettings::IniFormat);
    SaveFolderMemory memory(&settings);
    const QString first = memory.folder();
    QVERIFY(!first.isEmpty());
    QDir(m_dir.path()).mkpath(u"attachments"_s);
    memory.rememberFile(m_dir.filePath(u"attachments/report.pdf"_s));
    QCOMPARE(memory.folder(), QDir(m_dir.filePath(u"attachments"_s)).absolutePath());
    // Another dialog of the same application starts there too.
    SaveFolderMemory again(&settings);
    QCOMPARE(again.folder(), QDir(m_dir.filePath(u"attachments"_s)).absolutePath());
    // A folder that is gone: back to the default.
    QDir(m_dir.filePath(u"attachments"_s)).removeRecursively();
    QCOMPARE(again.folder(), first);
}

void TestMessageDepth::mainWindowWaysToAMessage()
{
    QSettings settings(m_dir.filePath(u"heron.ini"_s), QSettings::IniFormat);
    MainWindow window(&settings);
    window.setMessageModel(messageModel(&window));
    window.setOpenFileChooser([this] { return m_dir.filePath(u"a.eml"_s); });
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QAbstractItemView *list = window.messageView();
    list->setCurrentIndex(list->model()->index(1, 0));
    QSignalSpy inWindow(&window, &MainWindow::openInWindowRequested);
    QSignalSpy source(&window, &MainWindow::viewSourceRequested);
    QSignalSpy save(&window, &MainWindow::saveMessageRequested);
    QSignalSpy file(&window, &MainWindow::openFileRequested);

    list->setFocus();
    QTest::keyClick(list, Qt::Key_Return);
    QCOMPARE(inWindow.size(), 1);
    QCOMPARE(inWindow.last().first().toModelIndex().row(), 1);
    const QModelIndex third = list->model()->index(2, 1);
    const QPoint at = list->visualRect(third).center();
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(list->viewport(), Qt::LeftButton, {}, at);
    QCOMPARE(inWindow.size(), 2);
    QCOMPARE(inWindow.last().first().toModelIndex().row(), 2);
    window.actions()->openInWindow()->trigger();
    QCOMPARE(inWindow.size(), 3);

    window.actions()->viewSource()->trigger();
    QCOMPARE(source.size(), 1);
    QCOMPARE(source.first().first().toModelIndex().row(), 2);
    window.actions()->saveMessage()->trigger();
    QCOMPARE(save.size(), 1);
    window.actions()->openFile()->trigger();
    QCOMPARE(file.size(), 1);
    QCOMPARE(file.first().first().toString(), m_dir.filePath(u"a.eml"_s));
}

QTEST_MAIN(TestMessageDepth)
#include "tst_messagedepth.moc"
