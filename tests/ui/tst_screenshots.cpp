// Renders each window with sample content into PNG files a person can look at, and checks that
// every picture really shows something. The files go to HERON_SCREENSHOT_DIR, or to the
// "screenshots" folder next to the test binary.
#include "accountdialog.h"
#include "accounts/connectiontester.h"
#include "certificatedialog.h"
#include "composerwindow.h"
#include "connectiontestpanel.h"
#include "foldericonproxymodel.h"
#include "mainwindow.h"
#include "originalmessage.h"
#include "statusarea.h"
#include "testcertificates.h"
#include "viewer/messageviewer.h"

#include <QComboBox>
#include <QDir>
#include <QHeaderView>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QSet>
#include <QSettings>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTreeView>

using namespace Qt::StringLiterals;

namespace {

class ScriptedTester : public ConnectionTester
{
    Q_OBJECT
public:
    using ConnectionTester::ConnectionTester;
    QList<ConnectionTestResult> results;
    void start(const Account &, const QString &) override
    {
        for (const ConnectionTestResult &r : std::as_const(results))
            Q_EMIT serverFinished(r);
        Q_EMIT finished();
    }
    void cancel() override { }
};

QString outputDir()
{
    QString dir = qEnvironmentVariable("HERON_SCREENSHOT_DIR");
    if (dir.isEmpty())
        dir = QCoreApplication::applicationDirPath() + u"/screenshots"_s;
    QDir().mkpath(dir);
    return dir;
}

// Saves the widget's picture and checks it is not blank: many colours, text drawn.
bool saveAndCheck(QWidget *widget, const QString &name)
{
    const QImage image = widget->grab().toImage();
    if (image.isNull() || image.width() < 200 || image.height() < 150)
        return false;
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 3)
        for (int x = 0; x < image.width(); x += 3)
            colours.insert(image.pixel(x, y));
    if (colours.size() < 20)
        return false;
    return image.save(outputDir() + u'/' + name + u".png"_s);
}

} // namespace

class TestScreenshots : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mainWindow()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(u"heron.ini"_s), QSettings::IniFormat);
        MainWindow window(&settings);
        QStandardItemModel folders;
        for (const QString &account : {u"Alice Liddell"_s, u"Bob Marley"_s}) {
            auto *item = new QStandardItem(account);
            for (const QString &folder : {u"Inbox"_s, u"Drafts"_s, u"Sent"_s, u"Archive"_s,
                                          u"Junk"_s, u"Trash"_s, u"Projects"_s})
                item->appendRow(new QStandardItem(folder));
            folders.appendRow(item);
        }
        FolderIconProxyModel icons;
        icons.setSourceModel(&folders);
        window.setFolderModel(&icons);
        QStandardItemModel messages(0, 3);
        messages.setHorizontalHeaderLabels({u"Subject"_s, u"From"_s, u"Date"_s});
        const QStringList subjects = {u"Quarterly report"_s, u"Lunch on Friday?"_s,
                                      u"Re: Build is green again"_s, u"Your invoice 2026-114"_s,
                                      u"Photos from the trip"_s};
        for (int i = 0; i < subjects.size(); ++i)
            messages.appendRow({new QStandardItem(subjects.at(i)),
                                new QStandardItem(u"Carol Example"_s),
                                new QStandardItem(u"2026-11-2%1 09:1%1"_s.arg(i))});
        window.setMessageModel(&messages);
        window.messageTable()->sortByColumn(2, Qt::DescendingOrder);
        window.messageHeader()->resizeSection(0, 380);
        window.messageHeader()->resizeSection(1, 180);
        window.folderView()->expandAll();
        window.folderView()->setCurrentIndex(icons.index(0, 0, icons.index(0, 0)));
        window.messageView()->setCurrentIndex(
                messages.match(messages.index(0, 0), Qt::DisplayRole, subjects.at(1)).value(0));
        ViewerMessage shown;
        shown.from = {u"Carol Singer"_s, u"carol@example.test"_s};
        shown.to = {{u"Alice Liddell"_s, u"alice@example.test"_s}};
        shown.subject = subjects.at(1);
        shown.date = QDateTime(QDate(2026, 11, 20), QTime(12, 30));
        shown.plainText
                = u"Hi Alice,\n\nshall we have lunch on Friday?\n\n> Any day but Monday.\n\nCarol"_s;
        window.messageViewer()->setMessage(shown);
        window.statusArea()->setConnectionState(u"a"_s, u"Alice Liddell"_s,
                                                StatusArea::ConnectionState::Online);
        window.statusArea()->setConnectionState(u"b"_s, u"Bob Marley"_s,
                                                StatusArea::ConnectionState::Connecting);
        window.statusArea()->showProgress(u"Fetching headers"_s, 40, 100);
        window.resize(1100, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(saveAndCheck(&window, u"mainwindow"_s));
    }

    void composer()
    {
        Account account;
        account.setDisplayName(u"Alice Liddell"_s);
        account.setAddress(u"alice@example.org"_s);
        ComposerWindow composer;
        composer.setAccounts({account});
        OriginalMessage original;
        original.from = {u"Carol Example"_s, u"carol@example.org"_s};
        original.to = {{u"Alice Liddell"_s, u"alice@example.org"_s}};
        original.subject = u"Lunch on Friday?"_s;
        original.date = QDateTime(QDate(2026, 11, 21), QTime(9, 11));
        original.plainBody = u"Hi Alice,\n\nshall we have lunch on Friday?\n\nCarol"_s;
        composer.startReply(original, false);
        QTemporaryDir dir;
        QFile file(dir.filePath(u"menu.pdf"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(48000, 'x'));
        file.close();
        QVERIFY(composer.addAttachment(file.fileName()));
        composer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&composer));
        QVERIFY(saveAndCheck(&composer, u"composer"_s));
    }

    void composerHtml()
    {
        Account account;
        account.setDisplayName(u"Alice Liddell"_s);
        account.setAddress(u"alice@example.org"_s);
        account.setComposesHtml(true);
        account.setIdentities({Identity {u"Alice Liddell"_s,
                                         u"alice@example.org"_s,
                                         u"Alice"_s,
                                         {},
                                         u"<b>Alice Liddell</b> · <i>Wonderland Ltd</i>"_s}});
        ComposerWindow composer;
        composer.setAccounts({account});
        OriginalMessage original;
        original.from = {u"Carol Example"_s, u"carol@example.org"_s};
        original.to = {{u"Alice Liddell"_s, u"alice@example.org"_s}};
        original.subject = u"Lunch on Friday?"_s;
        original.date = QDateTime(QDate(2026, 11, 21), QTime(9, 11));
        original.plainBody = u"Hi Alice,\n\nshall we have lunch on Friday?\n\nCarol"_s;
        composer.startReply(original, false);
        composer.bodyEditor()->insertHtml(
                u"Friday suits me. <b>Two</b> places to choose from:<ul><li>the <i>Hatter</i>"
                "</li><li>the <a href=\"https://example.org/dormouse\">Dormouse</a></li></ul>"_s);
        composer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&composer));
        QVERIFY(composer.isRichText());
        QVERIFY(saveAndCheck(&composer, u"composer-html"_s));
    }

    void accountDialog()
    {
        AccountDialog dialog;
        ScriptedTester tester;
        dialog.setConnectionTester(&tester);
        dialog.addressField()->setText(u"alice@example.org"_s);
        dialog.nameField()->setText(u"Alice Liddell"_s);
        dialog.imapHostField()->setText(u"imap.example.org"_s);
        dialog.smtpHostField()->setText(u"smtp.example.org"_s);
        dialog.smtpSecurityBox()->setCurrentIndex(
                dialog.smtpSecurityBox()->findData(int(Security::None)));
        dialog.imapPortField()->setText(u"99999"_s);
        dialog.findChild<QTabWidget *>()->setCurrentIndex(1);
        ConnectionTestResult refused;
        refused.server = ConnectionTestResult::Server::Imap;
        refused.outcome = ConnectionTestResult::Outcome::ConnectionRefused;
        ConnectionTestResult untrusted;
        untrusted.server = ConnectionTestResult::Server::Smtp;
        untrusted.outcome = ConnectionTestResult::Outcome::CertificateUntrusted;
        untrusted.certificateChain = QSslCertificate::fromData(TestCertificates::first);
        tester.results = {refused, untrusted};
        dialog.resize(600, 900);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.testPanel()->start(dialog.account(), u"pw"_s);
        QCOMPARE(dialog.testPanel()->resultLabels().size(), 2);
        QTRY_VERIFY(dialog.testPanel()->resultLabels().at(1)->isVisible());
        QVERIFY(!dialog.validate());
        QVERIFY(saveAndCheck(&dialog, u"accountdialog"_s));
    }

    void certificateDialog()
    {
        const auto first = QSslCertificate::fromData(TestCertificates::first);
        const auto second = QSslCertificate::fromData(TestCertificates::second);
        CertificateDialog dialog(u"imap.example.org"_s, second, {Account::fingerprint(first.at(0))},
                                 u"The certificate is self-signed, and untrusted"_s);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(saveAndCheck(&dialog, u"certificatedialog"_s));
    }
};

QTEST_MAIN(TestScreenshots)
#include "tst_screenshots.moc"
