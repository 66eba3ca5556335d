// The whole application in German, as a German user runs it: Heron's and Qt's translations
// loaded as the application loads them, an account on the local Dovecot and Postfix with a
// folder and messages the test puts there. Every window and dialog a user can reach is opened
// (the main window with its menus and context menus, the composer, the account list and dialog,
// the settings, the keyboard shortcuts, About, the folder dialogs and questions, a message in a
// window of its own, its source, the Outbox, a certificate question, the question on quitting
// with unsent mail) and every text it shows is checked: a German translation, the test's own
// data, numbers and dates, or a proper name. Anything else is English and fails the test. The
// German catalogue itself must be complete.
#include "accountdialog.h"
#include "accountlistdialog.h"
#include "appcontroller.h"
#include "apptesthome.h"
#include "certificatedialog.h"
#include "composerequest.h"
#include "composerwindow.h"
#include "connectiontestpanel.h"
#include "englishtextfinder.h"
#include "mailstackinfo.h"
#include "mainactions.h"
#include "mainwindow.h"
#include "models/accountfoldermodel.h"
#include "models/foldertreemodel.h"
#include "outboxview.h"
#include "recipientfield.h"
#include "settingsdialog.h"
#include "spelling/spellchecker.h"
#include "store/folderrecord.h"
#include "testcertificates.h"
#include "translationloader.h"
#include "viewer/messageheaderview.h"
#include "viewer/messageviewer.h"

#include <QAction>
#include <QApplication>
#include <QDialog>
#include <QFile>
#include <QInputDialog>
#include <QLibraryInfo>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QTabWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTextEdit>
#include <QTimer>
#include <QTranslator>
#include <QTreeView>
#include <QXmlStreamReader>

#include <algorithm>
#include <functional>
#include <memory>
#include <tuple>

using namespace Qt::StringLiterals;

namespace {

// Names that read the same in every language.
const QStringList properNames = {
        u"Heron"_s,
        u"IMAP"_s,
        u"SMTP"_s,
        u"OAuth 2.0"_s,
        u"OAuth"_s,
        u"STARTTLS"_s,
        u"TLS"_s,
        u"SSL"_s,
        u"PLAIN"_s,
        u"LOGIN"_s,
        u"XOAUTH2"_s,
        u"OAUTHBEARER"_s,
        u"Qt"_s,
        u"vCard"_s,
        u"PDF"_s,
        u"HTML"_s,
        u"SHA-256"_s,
        u"Google"_s,
        u"Microsoft"_s,
        u"Yahoo"_s,
        u"AOL"_s,
        u"URL"_s,
        u"D-Bus"_s,
        u"Dovecot"_s,
        u"Postfix"_s,
        u"GPL"_s,
        u"Linux"_s,
        u"MIME"_s,
        u"UID"_s,
        u"UTF-8"_s,
        // The subject prefixes of replies and forwards, the same in every language.
        u"Re:"_s,
        u"Fwd:"_s,
};

// Words German shares with English: a translation may equal its source when, without them,
// the proper names, example addresses and placeholders, no letter is left.
const QStringList sameInGerman = {
        u"Server"_s, u"Port"_s, u"Name"_s, u"Status"_s, u"Details"_s, u"Filter"_s, u"Text"_s,
        u"Start"_s,  u"Link"_s, u"Esc"_s,  u"OK"_s,     u"SSL"_s,     u"s"_s,
};

bool mayStayAsWritten(const QString &source)
{
    QString rest = source;
    rest.remove(QRegularExpression(u"%L?(?:[1-9]|n)"_s));
    rest.remove(QRegularExpression(u"\\S*example\\.(?:org|com|net)\\S*"_s));
    QStringList words = properNames + sameInGerman;
    std::sort(words.begin(), words.end(),
              [](const QString &a, const QString &b) { return a.size() > b.size(); });
    for (const QString &word : std::as_const(words))
        rest.remove(QRegularExpression(u"\\b"_s + QRegularExpression::escape(word) + u"\\b"_s));
    return std::none_of(rest.cbegin(), rest.cend(), [](QChar c) { return c.isLetter(); });
}

struct TestMessage
{
    QString from;
    QString fromAddress;
    QString subject;
    QString body;
};

const QList<TestMessage> testMessages = {
        {u"Dora Kraemer"_s, u"dora@example.test"_s, u"Einladung zum Sommerfest"_s,
         u"Hallo Carola,\n\nam Freitag feiern wir im Garten. Kommst du?\n\nDora"_s},
        {u"Emil Brandt"_s, u"emil@example.test"_s, u"Protokoll der Sitzung"_s,
         u"Guten Tag,\n\nanbei das Protokoll der letzten Sitzung.\n\nEmil"_s},
        {u"Frieda Vogel"_s, u"frieda@example.test"_s, u"Fotos vom Ausflug"_s,
         u"Liebe Carola,\n\ndie Fotos vom Ausflug sind fertig.\n\nFrieda"_s},
};

const QString accountName = u"Carola Reiher"_s;
const QString ownFolder = u"Projekte"_s;
const QString secondAccountName = u"Bruno Haller"_s;
const QString secondAddress = u"bruno@example.test"_s;

template<typename T>
QList<T *> visibleWindows()
{
    QList<T *> found;
    for (QWidget *widget : QApplication::topLevelWidgets()) {
        if (auto *window = qobject_cast<T *>(widget); window && window->isVisible())
            found.append(window);
    }
    return found;
}

// The translations of heron_de.ts, with what is wrong with them.
struct TsProblems
{
    int messages = 0;
    QStringList problems;
};

TsProblems checkTsFile(const QString &path)
{
    TsProblems result;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        result.problems << u"cannot read "_s + path;
        return result;
    }
    QXmlStreamReader xml(&file);
    QString context;
    QString source;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == u"name") {
            context = xml.readElementText();
        } else if (xml.name() == u"source") {
            source = xml.readElementText();
        } else if (xml.name() == u"translation") {
            ++result.messages;
            const QString type = xml.attributes().value(u"type"_s).toString();
            const QString where = context + u" \""_s + source + u'"';
            if (!type.isEmpty()) {
                result.problems << u"%1: %2"_s.arg(type, where);
                xml.skipCurrentElement();
                continue;
            }
            QStringList forms;
            while (xml.readNext() != QXmlStreamReader::EndElement || xml.name() != u"translation") {
                if (xml.isCharacters() && !xml.isWhitespace())
                    forms << xml.text().toString();
                else if (xml.isStartElement() && xml.name() == u"numerusform")
                    forms << xml.readElementText();
                if (xml.atEnd())
                    break;
            }
            const QString translation = forms.join(QString());
            if (translation.isEmpty())
                result.problems << u"empty: "_s + where;
            else if (forms.size() == 1 && translation == source && !mayStayAsWritten(source))
                result.problems << u"same as English: "_s + where;
        }
    }
    if (xml.hasError())
        result.problems << u"%1: %2"_s.arg(path, xml.errorString());
    return result;
}

} // namespace

class TestGermanWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void finderTellsEnglishFromGerman_data();
    void finderTellsEnglishFromGerman();
    void catalogueIsComplete();
    void mainWindowMenusAndContextMenus();
    void windowsAndDialogs_data();
    void windowsAndDialogs();
    void accountDialogs();
    void settingsOnEveryPage();
    void composerAndOutbox();
    void certificateQuestion();

private:
    // Runs trigger and waits for a window that was not shown before (a dialog's exec() inside
    // trigger included); prepare may act on it, then it is walked and closed. False when none
    // came within 30 s.
    bool walkNextWindow(const QString &where, const std::function<void()> &trigger,
                        const std::function<void(QWidget *)> &prepare = {});
    QString saveMessage(const TestMessage &message, const QString &folder) const;
    QModelIndex folderIndex(const QString &path) const;
    QModelIndex folderWithUse(FolderRecord::SpecialUse use) const;
    QModelIndex findFolder(const std::function<bool(const QModelIndex &)> &match) const;
    void selectFolder(const QModelIndex &folder);
    // The first account's row of the folder tree.
    QModelIndex accountRow() const
    {
        return findFolder([](const QModelIndex &index) {
            return index.data(AccountFolderModel::KindRole).toInt()
                           == int(AccountFolderModel::Kind::Account)
                   && index.data().toString() == accountName;
        });
    }
    MainWindow *window() const { return m_app->mainWindow(); }

    MailStackInfo m_stack;
    QTemporaryDir m_home;
    std::unique_ptr<QTranslator> m_qtTranslator;
    std::unique_ptr<QTranslator> m_heronTranslator;
    std::unique_ptr<AppController> m_app;
    EnglishTextFinder m_finder;
};

QString TestGermanWindow::saveMessage(const TestMessage &message, const QString &folder) const
{
    QStringList command = m_stack.value("DOVEADM").split(u' ', Qt::SkipEmptyParts);
    if (command.isEmpty())
        return u"no doveadm"_s;
    const QString program = command.takeFirst();
    QProcess process;
    process.start(program, command
                                   + QStringList {u"save"_s, u"-u"_s, m_stack.address(u"carol"_s),
                                                  u"-m"_s, folder});
    const QString text = u"From: %1 <%2>\r\nTo: %3 <%4>\r\nSubject: %5\r\n"
                         u"Date: Fri, 20 Nov 2026 09:30:00 +0100\r\n"
                         u"Message-ID: <%6@example.test>\r\nMIME-Version: 1.0\r\n"
                         u"Content-Type: text/plain; charset=utf-8\r\n\r\n%7\r\n"_s
                                 .arg(message.from, message.fromAddress, accountName,
                                      m_stack.address(u"carol"_s), message.subject,
                                      QString::number(qHash(message.subject)),
                                      QString(message.body).replace(u"\n"_s, u"\r\n"_s));
    process.write(text.toUtf8());
    process.closeWriteChannel();
    if (!process.waitForFinished(60000) || process.exitCode() != 0)
        return QString::fromUtf8(process.readAllStandardError());
    return QString();
}

void TestGermanWindow::initTestCase()
{
    m_stack = MailStackInfo::fromEnvironment();
    if (!m_stack.isValid())
        QFAIL(qPrintable(m_stack.error()));
    const QString home = AppTestHome::enter(m_home, u"heron-german"_s);
    QVERIFY2(home.isEmpty(), qPrintable(home));

    // German, as the application sets itself up on a German desktop.
    const QLocale german(QLocale::German, QLocale::Germany);
    QLocale::setDefault(german);
    m_qtTranslator.reset(TranslationLoader::loadQt(german, nullptr));
    QVERIFY2(m_qtTranslator, "Qt's German translations are missing (qt6-translations-l10n)");
    QVERIFY(QCoreApplication::installTranslator(m_qtTranslator.get()));
    m_heronTranslator.reset(TranslationLoader::load(german, QStringLiteral(HERON_QM_DIR), nullptr));
    QVERIFY(m_heronTranslator);
    QCOMPARE(m_heronTranslator->language(), u"de_DE"_s);
    QVERIFY(QCoreApplication::installTranslator(m_heronTranslator.get()));

    QVERIFY(m_finder.addCatalogue(QStringLiteral(HERON_QM_DIR "/heron_de.qm")));
    QVERIFY(m_finder.addCatalogue(QLibraryInfo::path(QLibraryInfo::TranslationsPath)
                                  + u"/qtbase_de.qm"_s));
    m_finder.addProperNames(properNames);
    // The spelling languages go by their own names ("Deutsch (Deutschland)", "American English
    // (United States)"), as language lists do, whatever the language of the window.
    QStringList languageNames;
    for (const QString &language : SpellChecker::availableLanguages())
        languageNames << SpellChecker::displayName(language);
    m_finder.addProperNames(languageNames);
    QCoreApplication::setApplicationVersion(u"0.9.1"_s);

    // Carol's mail: only what this test puts there.
    const QString carol = m_stack.address(u"carol"_s);
    QVERIFY(!m_stack.doveadm({u"expunge"_s, u"-u"_s, carol, u"mailbox"_s, u"*"_s, u"all"_s})
                     .isNull());
    m_stack.doveadm({u"mailbox"_s, u"create"_s, u"-s"_s, u"-u"_s, carol, ownFolder});
    for (const TestMessage &message : testMessages) {
        const QString error = saveMessage(message, u"INBOX"_s);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }
    QVERIFY2(saveMessage(testMessages.first(), ownFolder).isEmpty(), "no message in Projekte");
    QStringList data = {accountName,
                        carol,
                        secondAccountName,
                        secondAddress,
                        m_stack.host(),
                        ownFolder,
                        m_stack.caFile(),
                        QString::number(m_stack.imapTlsPort()),
                        QString::number(m_stack.smtpStartTlsPort()),
                        u"carol"_s};
    for (const TestMessage &message : testMessages) {
        data << message.from << message.fromAddress << message.subject;
        data << message.body.split(u'\n', Qt::SkipEmptyParts);
    }
    data << u"anbei"_s; // the word of a body that speaks of an attachment
    // The test certificates' names.
    for (const QByteArray &pem : {TestCertificates::first, TestCertificates::second}) {
        for (const QSslCertificate &certificate : QSslCertificate::fromData(pem)) {
            for (const auto attribute :
                 {QSslCertificate::CommonName, QSslCertificate::Organization,
                  QSslCertificate::OrganizationalUnitName, QSslCertificate::CountryName})
                data << certificate.subjectInfo(attribute) << certificate.issuerInfo(attribute);
            data << certificate.subjectAlternativeNames().values();
        }
    }
    m_finder.addData(data);
    m_finder.addToolTipData(
            {u"INBOX"_s, u"Drafts"_s, u"Sent"_s, u"Trash"_s, u"Junk"_s, u"Archive"_s});

    // The account, as the settings keep it; its password where the application reads it.
    {
        QSettings settings;
        // A second account has no password stored: Heron asks for it.
        settings.setValue(u"accountOrder"_s, QStringList {u"carol"_s, u"bruno"_s});
        for (const auto &[id, name, address] :
             {std::tuple {u"carol"_s, accountName, carol},
              std::tuple {u"bruno"_s, secondAccountName, secondAddress}}) {
            settings.beginGroup(u"accounts/"_s + id);
            settings.setValue(u"displayName"_s, name);
            settings.setValue(u"address"_s, address);
            settings.setValue(u"userName"_s, address);
            settings.setValue(u"authMethod"_s, u"auto"_s);
            settings.setValue(u"caFile"_s, m_stack.caFile());
            settings.setValue(u"serverSavesSentMail"_s, false);
            settings.setValue(u"imap/host"_s, m_stack.host());
            settings.setValue(u"imap/port"_s, m_stack.imapTlsPort());
            settings.setValue(u"imap/security"_s, u"tls"_s);
            settings.setValue(u"smtp/host"_s, m_stack.host());
            settings.setValue(u"smtp/port"_s, m_stack.smtpStartTlsPort());
            settings.setValue(u"smtp/security"_s, u"starttls"_s);
            settings.setValue(u"identities/size"_s, 1);
            settings.setValue(u"identities/1/name"_s, name);
            settings.setValue(u"identities/1/address"_s, address);
            settings.endGroup();
        }
        // A sent message waits in the Outbox long enough to be looked at there.
        settings.setValue(u"composer/undoSendSeconds"_s, 60);
    }
    QFile passwords(m_home.filePath(u"passwords"_s));
    QVERIFY(passwords.open(QIODevice::WriteOnly));
    passwords.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    passwords.write("carol=" + m_stack.password().toUtf8() + "\n");
    passwords.close();

    m_app = std::make_unique<AppController>();
    window()->resize(1200, 800);
    window()->show();
    QVERIFY(QTest::qWaitForWindowExposed(window()));
    // The second account's password question; left unanswered.
    QInputDialog *prompt = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((prompt = window()->findChild<QInputDialog *>(u"passwordPrompt"_s))
                                     && prompt->isVisible(),
                             30000);
    m_finder.walk(prompt, u"password question"_s);
    QVERIFY2(m_finder.findings().isEmpty(), qPrintable(m_finder.report()));
    prompt->reject();
    // The Inbox with the three messages; the first is shown.
    QTRY_VERIFY_WITH_TIMEOUT(folderWithUse(FolderRecord::SpecialUse::Inbox).isValid(), 30000);
    selectFolder(folderWithUse(FolderRecord::SpecialUse::Inbox));
    QTRY_COMPARE_WITH_TIMEOUT(window()->messageView()->model()
                                      ? window()->messageView()->model()->rowCount()
                                      : 0,
                              3, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(folderIndex(ownFolder).isValid(), 30000);
    window()->messageView()->setCurrentIndex(window()->messageView()->model()->index(0, 0));
    QTRY_VERIFY_WITH_TIMEOUT(window()->messageViewer()
                                     ->findChild<QTextBrowser *>()
                                     ->toPlainText()
                                     .contains(u"Carola"_s),
                             30000);
}

void TestGermanWindow::cleanupTestCase()
{
    for (ComposerWindow *composer : visibleWindows<ComposerWindow>())
        delete composer;
    m_app.reset();
    if (m_heronTranslator)
        QCoreApplication::removeTranslator(m_heronTranslator.get());
    if (m_qtTranslator)
        QCoreApplication::removeTranslator(m_qtTranslator.get());
}

QModelIndex TestGermanWindow::findFolder(const std::function<bool(const QModelIndex &)> &match) const
{
    const QAbstractItemModel *model = window()->folderView()->model();
    QList<QModelIndex> parents {QModelIndex()};
    while (!parents.isEmpty()) {
        const QModelIndex parent = parents.takeFirst();
        for (int row = 0; row < model->rowCount(parent); ++row) {
            const QModelIndex index = model->index(row, 0, parent);
            if (match(index))
                return index;
            parents.append(index);
        }
    }
    return {};
}

QModelIndex TestGermanWindow::folderIndex(const QString &path) const
{
    return findFolder([&](const QModelIndex &index) {
        return index.data(FolderTreeModel::PathRole).toString() == path;
    });
}

QModelIndex TestGermanWindow::folderWithUse(FolderRecord::SpecialUse use) const
{
    return findFolder([&](const QModelIndex &index) {
        return index.data(FolderTreeModel::SpecialUseRole).toInt() == int(use);
    });
}

void TestGermanWindow::selectFolder(const QModelIndex &folder)
{
    window()->folderView()->setCurrentIndex(folder);
}

bool TestGermanWindow::walkNextWindow(const QString &where, const std::function<void()> &trigger,
                                      const std::function<void(QWidget *)> &prepare)
{
    QSet<QWidget *> before;
    for (QWidget *widget : QApplication::topLevelWidgets()) {
        if (widget->isVisible())
            before.insert(widget);
    }
    bool walked = false;
    QTimer poll;
    poll.setInterval(20);
    connect(&poll, &QTimer::timeout, this, [&] {
        for (QWidget *widget : QApplication::topLevelWidgets()) {
            if (!widget->isVisible() || before.contains(widget) || qobject_cast<QMenu *>(widget)
                || widget->metaObject()->className() == QByteArray("QTipLabel"))
                continue;
            poll.stop();
            if (prepare)
                prepare(widget);
            m_finder.walk(widget, where);
            walked = true;
            // A composer with text would ask whether to keep it: the caller deletes it.
            if (qobject_cast<ComposerWindow *>(widget))
                return;
            if (auto *dialog = qobject_cast<QDialog *>(widget))
                dialog->reject();
            else
                widget->close();
            return;
        }
    });
    poll.start();
    trigger();
    return QTest::qWaitFor([&] { return walked; }, 30000);
}

void TestGermanWindow::finderTellsEnglishFromGerman_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("passes");
    QTest::newRow("Heron's German") << u"&Neue Nachricht"_s << true;
    QTest::newRow("Heron's English") << u"&New Message"_s << false;
    QTest::newRow("Qt's German") << u"Abbrechen"_s << true;
    QTest::newRow("Qt's English") << u"Cancel"_s << false;
    QTest::newRow("data") << u"Einladung zum Sommerfest"_s << true;
    QTest::newRow("data with address") << u"Dora Kraemer <dora@example.test>"_s << true;
    QTest::newRow("number") << u"42"_s << true;
    QTest::newRow("date") << u"20.11.26 09:30"_s << true;
    QTest::newRow("long date") << u"Freitag, 20. November 2026 09:30"_s << true;
    QTest::newRow("key sequence") << u"Strg+Umschalt+R"_s << true;
    QTest::newRow("proper name") << u"IMAP"_s << true;
    QTest::newRow("English word") << u"Inbox"_s << false;
    QTest::newRow("English folder") << u"Trash"_s << false;
    QTest::newRow("English state") << u"connecting"_s << false;
    QTest::newRow("rich English") << u"<b>Hello</b> there"_s << false;
    QTest::newRow("German sentences") << u"Neue Nachricht. Abbrechen"_s << true;
    QTest::newRow("German and English sentences") << u"Neue Nachricht. Cancel"_s << false;
    QTest::newRow("English argument") << u"Verfassen: Draft"_s << false;
    QTest::newRow("German argument") << u"Verfassen: Neue Nachricht"_s << true;
}

void TestGermanWindow::finderTellsEnglishFromGerman()
{
    QFETCH(QString, text);
    QFETCH(bool, passes);
    QCOMPARE(m_finder.passes(text), passes);
}

void TestGermanWindow::catalogueIsComplete()
{
    const TsProblems german = checkTsFile(QStringLiteral(HERON_TS_DIR "/heron_de.ts"));
    QVERIFY(german.messages > 100);
    QVERIFY2(german.problems.isEmpty(), qPrintable(german.problems.join(u'\n')));
}

void TestGermanWindow::mainWindowMenusAndContextMenus()
{
    m_finder.clearFindings();
    // The Inbox with its messages, one on display; every folder of the tree expanded.
    window()->folderView()->expandAll();
    m_finder.walk(window(), u"main window"_s);

    QVERIFY2(m_finder.checkedCount() > 100, "the main window showed hardly any text");
    std::unique_ptr<QMenu> toolBars(window()->createPopupMenu());
    QVERIFY(toolBars);
    m_finder.walk(toolBars.get(), u"tool bar menu"_s);
    // The message viewer's: an address of the header, the text.
    MessageViewer *viewer = window()->messageViewer();
    std::unique_ptr<QMenu> addressMenu(
            viewer->headerView()->addressMenu(testMessages.at(0).fromAddress, window()));
    m_finder.walk(addressMenu.get(), u"address context menu"_s);
    std::unique_ptr<QMenu> textMenu(viewer->createBrowserMenu(QPoint(5, 5)));
    m_finder.walk(textMenu.get(), u"message text context menu"_s);
    std::unique_ptr<QMenu> messageMenu(window()->createMessageMenu());
    m_finder.walk(messageMenu.get(), u"message context menu"_s);
    for (const QModelIndex &folder :
         {folderWithUse(FolderRecord::SpecialUse::Inbox),
          folderWithUse(FolderRecord::SpecialUse::Trash),
          folderWithUse(FolderRecord::SpecialUse::Junk), folderIndex(ownFolder), accountRow(),
          window()->folderView()->model()->index(0, 0)}) {
        QVERIFY(folder.isValid());
        std::unique_ptr<QMenu> menu(window()->createFolderMenu(folder));
        m_finder.walk(menu.get(), u"folder context menu of "_s + folder.data().toString());
    }
    QVERIFY2(m_finder.findings().isEmpty(), qPrintable(m_finder.report()));
}

void TestGermanWindow::windowsAndDialogs_data()
{
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("folder");
    for (const char *action :
         {"shortcuts", "about", "newFolder", "renameFolder", "deleteFolder", "moveTo", "viewSource",
          "openInWindow", "newMessage", "reply", "replyAll", "forward"})
        QTest::newRow(action) << QString::fromLatin1(action) << ownFolder;
    QTest::newRow("empty Trash") << u"emptyFolder"_s << u"Trash"_s;
    QTest::newRow("empty Junk") << u"emptyFolder"_s << u"Junk"_s;
    QTest::newRow("new folder in the account") << u"newFolderHere"_s << QString();
}

void TestGermanWindow::windowsAndDialogs()
{
    QFETCH(QString, action);
    QFETCH(QString, folder);
    m_finder.clearFindings();
    std::unique_ptr<QMenu> menu;
    QAction *trigger = window()->findChild<QAction *>(action);
    if (!trigger) {
        // An action of a folder's context menu.
        const QModelIndex at = folder.isEmpty() ? accountRow() : folderIndex(folder);
        QVERIFY(at.isValid());
        menu.reset(window()->createFolderMenu(at));
        trigger = menu->findChild<QAction *>(action);
    } else if (action.contains(u"Folder"_s)) {
        selectFolder(folderIndex(folder));
    } else {
        // The message actions act on the message on display in the Inbox.
        selectFolder(folderWithUse(FolderRecord::SpecialUse::Inbox));
        QTRY_COMPARE(window()->messageView()->model()->rowCount(), 3);
        window()->messageView()->setCurrentIndex(window()->messageView()->model()->index(0, 0));
    }
    QVERIFY(trigger);
    QTRY_VERIFY(trigger->isEnabled());
    const bool composer = action == u"newMessage" || action.startsWith(u"reply")
                          || action == u"forward";
    QVERIFY(walkNextWindow(
            action, [trigger] { trigger->trigger(); },
            [composer](QWidget *shown) {
                QCOMPARE(qobject_cast<ComposerWindow *>(shown) != nullptr, composer);
            }));
    for (ComposerWindow *open : visibleWindows<ComposerWindow>())
        delete open;
    QVERIFY2(m_finder.findings().isEmpty(), qPrintable(m_finder.report()));
}

void TestGermanWindow::accountDialogs()
{
    m_finder.clearFindings();
    m_app->openAccounts();
    AccountListDialog *list = nullptr;
    QTRY_VERIFY((list = window()->findChild<AccountListDialog *>()) && list->isVisible());
    m_finder.walk(list, u"account list"_s);
    // The account's dialog, each tab, then a new account's.
    for (const bool existing : {true, false}) {
        const QString where = existing ? u"account dialog"_s : u"new account dialog"_s;
        QVERIFY(walkNextWindow(
                where,
                [list, existing] {
                    if (existing)
                        list->editAccount(u"carol"_s);
                    else
                        list->addAccount();
                },
                [this, where, existing](QWidget *shown) {
                    auto *dialog = qobject_cast<AccountDialog *>(shown);
                    QVERIFY(dialog);
                    auto *tabs = dialog->findChild<QTabWidget *>();
                    for (int i = 0; tabs && i < tabs->count(); ++i) {
                        tabs->setCurrentIndex(i);
                        m_finder.walk(dialog, where + u" tab %1"_s.arg(i));
                    }
                    if (!existing)
                        return;
                    // The connection test against ports where nobody answers: the core's
                    // reports, in German.
                    QTcpServer probe;
                    QVERIFY(probe.listen(QHostAddress::LocalHost));
                    const QString closed = QString::number(probe.serverPort());
                    probe.close();
                    m_finder.addData({closed});
                    dialog->imapPortField()->setText(closed);
                    dialog->smtpPortField()->setText(closed);
                    QTest::mouseClick(dialog->testPanel()->testButton(), Qt::LeftButton);
                    QTRY_COMPARE_WITH_TIMEOUT(dialog->testPanel()->resultLabels().size(), 2, 30000);
                    QTRY_VERIFY_WITH_TIMEOUT(!dialog->testPanel()->isRunning(), 30000);
                    m_finder.walk(dialog, where + u" after a failed connection test"_s);
                }));
    }
    list->reject();
    QVERIFY2(m_finder.findings().isEmpty(), qPrintable(m_finder.report()));
}

void TestGermanWindow::settingsOnEveryPage()
{
    m_finder.clearFindings();
    QVERIFY(walkNextWindow(
            u"settings"_s, [this] { m_app->openSettings(); },
            [this](QWidget *shown) {
                auto *dialog = qobject_cast<SettingsDialog *>(shown);
                QVERIFY(dialog);
                for (int i = 0; i < dialog->tabs()->count(); ++i) {
                    dialog->tabs()->setCurrentIndex(i);
                    m_finder.walk(dialog, u"settings page %1"_s.arg(i));
                }
            }));
    QVERIFY2(m_finder.findings().isEmpty(), qPrintable(m_finder.report()));
}

void TestGermanWindow::composerAndOutbox()
{
    m_finder.clearFindings();
    // A message written and sent: it waits in the Outbox for the undo delay.
    ComposerWindow *composer = m_app->openComposer(ComposeRequest());
    QVERIFY(composer);
    QVERIFY(QTest::qWaitForWindowExposed(composer));
    composer->toField()->setText(u"dora@example.test"_s);
    composer->subjectField()->setText(testMessages.at(0).subject);
    // A text that speaks of an attachment, and none: Send asks first.
    composer->bodyEditor()->setPlainText(testMessages.at(1).body);
    m_finder.walk(composer, u"composer"_s);
    QVERIFY(walkNextWindow(u"attachment question"_s,
                           [composer] { composer->sendAction()->trigger(); }));
    QVERIFY(composer->isVisible());
    composer->bodyEditor()->setPlainText(testMessages.at(0).body);
    composer->sendAction()->trigger();
    const QModelIndex outbox = findFolder([](const QModelIndex &index) {
        return index.data(AccountFolderModel::KindRole).toInt()
               == int(AccountFolderModel::Kind::Outbox);
    });
    QTRY_VERIFY(outbox.isValid() || findFolder([](const QModelIndex &index) {
                                        return index.data(AccountFolderModel::KindRole).toInt()
                                               == int(AccountFolderModel::Kind::Outbox);
                                    }).isValid());
    selectFolder(findFolder([](const QModelIndex &index) {
        return index.data(AccountFolderModel::KindRole).toInt()
               == int(AccountFolderModel::Kind::Outbox);
    }));
    QVERIFY(window()->isShowingOutbox());
    QTRY_COMPARE(window()->outboxView()->list()->model()->rowCount(), 1);
    window()->outboxView()->list()->setCurrentIndex(
            window()->outboxView()->list()->model()->index(0, 0));
    m_finder.walk(window(), u"main window with the Outbox"_s);
    QVERIFY(walkNextWindow(u"Outbox delete question"_s,
                           [this] { window()->outboxView()->deleteButton()->click(); }));
    QCOMPARE(window()->outboxView()->list()->model()->rowCount(), 1);

    // Quitting while it waits asks first; the user keeps Heron running.
    QVERIFY(walkNextWindow(u"quit question"_s, [this] { window()->close(); }));
    QVERIFY(window()->isVisible());
    QVERIFY2(m_finder.findings().isEmpty(), qPrintable(m_finder.report()));
}

void TestGermanWindow::certificateQuestion()
{
    m_finder.clearFindings();
    const auto first = QSslCertificate::fromData(TestCertificates::first);
    const auto second = QSslCertificate::fromData(TestCertificates::second);
    CertificateDialog dialog(m_stack.host(), second, {Account::fingerprint(first.at(0))},
                             QSslError(QSslError::SelfSignedCertificate, second.at(0)).errorString());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    m_finder.walk(&dialog, u"certificate question"_s);
    QVERIFY2(m_finder.findings().isEmpty(), qPrintable(m_finder.report()));
}

QTEST_MAIN(TestGermanWindow)
#include "tst_germanwindow.moc"
