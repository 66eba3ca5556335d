// The folder list of all accounts: its layout (All Inboxes, accounts, Outbox), and that it
// follows the accounts' folder trees in place.
#include "models/accountfoldermodel.h"
#include "models/foldertreemodel.h"
#include "store/messagestore.h"

#include <QAbstractItemModelTester>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace {

using Kind = AccountFolderModel::Kind;

struct Account
{
    explicit Account(const QString &path)
    {
        if (store.open(path))
            return;
        inbox = addFolder(QStringLiteral("INBOX"), FolderRecord::SpecialUse::Inbox);
        addFolder(QStringLiteral("Trash"), FolderRecord::SpecialUse::Trash);
        tree = std::make_unique<FolderTreeModel>(&store);
    }

    qint64 addFolder(const QString &path, FolderRecord::SpecialUse use = {})
    {
        FolderRecord folder;
        folder.path = path;
        folder.delimiter = QLatin1Char('/');
        folder.specialUse = use;
        return store.upsertFolder(folder).value();
    }

    MessageStore store;
    qint64 inbox = 0;
    std::unique_ptr<FolderTreeModel> tree;
};

Kind kindOf(const QModelIndex &index)
{
    return Kind(index.data(AccountFolderModel::KindRole).toInt());
}

// German names for the roles of special folders, as the translation file has them.
class RoleTranslator : public QTranslator
{
public:
    QString translate(const char *context, const char *sourceText, const char *, int) const override
    {
        if (QByteArrayView(context) != "FolderDisplayName")
            return {};
        static const QHash<QByteArray, QString> german = {
                {"Inbox", QStringLiteral("Posteingang")}, {"Drafts", QStringLiteral("Entwürfe")},
                {"Sent", QStringLiteral("Gesendet")},     {"Trash", QStringLiteral("Papierkorb")},
                {"Junk", QStringLiteral("Spam")},         {"Archive", QStringLiteral("Archiv")},
        };
        return german.value(QByteArray(sourceText));
    }
    bool isEmpty() const override { return false; }
};

} // namespace

class TestAccountFolderModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Special folders are shown by their role in the user's language, whatever the server
    // calls them; the tooltip keeps the server's name. Other folders keep theirs.
    void specialFoldersShowTheirRole_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("use");
        QTest::addColumn<bool>("german");
        QTest::addColumn<QString>("shown");
        using Use = FolderRecord::SpecialUse;
        QTest::newRow("inbox") << u"INBOX"_s << int(Use::Inbox) << false << u"Inbox"_s;
        QTest::newRow("inbox-de") << u"INBOX"_s << int(Use::Inbox) << true << u"Posteingang"_s;
        QTest::newRow("trash") << u"Deleted Items"_s << int(Use::Trash) << false << u"Trash"_s;
        QTest::newRow("trash-de") << u"Deleted Items"_s << int(Use::Trash) << true
                                  << u"Papierkorb"_s;
        QTest::newRow("sent-de") << u"Sent Messages"_s << int(Use::Sent) << true << u"Gesendet"_s;
        QTest::newRow("drafts-de") << u"Drafts"_s << int(Use::Drafts) << true << u"Entwürfe"_s;
        QTest::newRow("junk-de") << u"Bulk Mail"_s << int(Use::Junk) << true << u"Spam"_s;
        QTest::newRow("archive-de") << u"Archives"_s << int(Use::Archive) << true << u"Archiv"_s;
        QTest::newRow("plain-de") << u"Projects"_s << int(Use::None) << true << u"Projects"_s;
        QTest::newRow("trash-name-without-role-de")
                << u"Trash"_s << int(Use::None) << true << u"Trash"_s;
    }

    void specialFoldersShowTheirRole()
    {
        QFETCH(QString, path);
        QFETCH(int, use);
        QFETCH(bool, german);
        QFETCH(QString, shown);
        RoleTranslator translator;
        if (german)
            QCoreApplication::installTranslator(&translator);
        auto removeTranslator = qScopeGuard(
                [&] { QCoreApplication::removeTranslator(&translator); });

        QTemporaryDir dir;
        MessageStore store;
        QVERIFY(!store.open(dir.filePath(u"a.sqlite"_s)));
        FolderRecord folder;
        folder.path = path;
        folder.delimiter = u'/';
        folder.specialUse = FolderRecord::SpecialUse(use);
        const qint64 id = store.upsertFolder(folder).value();
        FolderTreeModel tree(&store);
        AccountFolderModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.addAccount(0, u"a"_s, u"A"_s, {}, &tree);
        const QModelIndex index = model.folderIndex(u"a"_s, id);
        QVERIFY(index.isValid());
        QCOMPARE(index.data().toString(), shown);
        QCOMPARE(index.data(Qt::ToolTipRole).toString(), path);
        QCOMPARE(index.data(FolderTreeModel::PathRole).toString(), path);
    }

    void layoutFollowsTheAccounts()
    {
        QTemporaryDir dir;
        Account work(dir.filePath(QStringLiteral("work.sqlite")));
        Account home(dir.filePath(QStringLiteral("home.sqlite")));
        AccountFolderModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);

        // One account: its row, then the Outbox; no All Inboxes.
        model.addAccount(0, QStringLiteral("w"), QStringLiteral("Work"),
                         QStringLiteral("me@work.test"), work.tree.get());
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(kindOf(model.index(0, 0)), Kind::Account);
        QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("Work"));
        QCOMPARE(kindOf(model.index(1, 0)), Kind::Outbox);
        QVERIFY(!model.allInboxesIndex().isValid());
        const QModelIndex workInbox = model.folderIndex(QStringLiteral("w"), work.inbox);
        QVERIFY(workInbox.isValid());
        QCOMPARE(workInbox.parent(), model.accountIndex(QStringLiteral("w")));
        QCOMPARE(workInbox.data(AccountFolderModel::IconNameRole).toString(),
                 QStringLiteral("inbox"));
        QCOMPARE(workInbox.data(AccountFolderModel::AccountIdRole).toString(), QStringLiteral("w"));
        QCOMPARE(workInbox.data(FolderTreeModel::FolderIdRole).toLongLong(), work.inbox);
        QVERIFY(workInbox.flags() & Qt::ItemIsSelectable);
        QVERIFY(!(model.accountIndex(QStringLiteral("w")).flags() & Qt::ItemIsSelectable));

        // A second account before it: All Inboxes comes first.
        model.addAccount(0, QStringLiteral("h"), QStringLiteral("Home"),
                         QStringLiteral("me@home.test"), home.tree.get());
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(kindOf(model.index(0, 0)), Kind::AllInboxes);
        QCOMPARE(model.index(1, 0).data().toString(), QStringLiteral("Home"));
        QCOMPARE(model.index(2, 0).data().toString(), QStringLiteral("Work"));
        QCOMPARE(kindOf(model.index(3, 0)), Kind::Outbox);

        model.setAllInboxesUnread(5);
        model.setOutboxCount(2);
        QCOMPARE(model.allInboxesIndex().data().toString(), QStringLiteral("All Inboxes (5)"));
        QCOMPARE(model.outboxIndex().data().toString(), QStringLiteral("Outbox (2)"));
        model.setAccountName(QStringLiteral("w"), QStringLiteral("Office"), {});
        QCOMPARE(model.accountIndex(QStringLiteral("w")).data().toString(),
                 QStringLiteral("Office"));

        model.removeAccount(QStringLiteral("h"));
        QCOMPARE(model.rowCount(), 2);
        QVERIFY(!model.allInboxesIndex().isValid());
        model.removeAccount(QStringLiteral("w"));
        QCOMPARE(model.rowCount(), 0);
    }

    void unreadCountsChangeInPlace()
    {
        QTemporaryDir dir;
        Account work(dir.filePath(QStringLiteral("work.sqlite")));
        AccountFolderModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.addAccount(0, QStringLiteral("w"), QStringLiteral("Work"), {}, work.tree.get());
        const QPersistentModelIndex inbox = model.folderIndex(QStringLiteral("w"), work.inbox);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

        MessageRecord message;
        message.uid = 1;
        QVERIFY(!work.store.upsertMessages(work.inbox, {message}));
        QTRY_COMPARE(inbox.data(FolderTreeModel::UnreadCountRole).toInt(), 1);
        QCOMPARE(inbox.data().toString(), QStringLiteral("Inbox (1)"));
        QCOMPARE(inbox.data(Qt::EditRole).toString(), QStringLiteral("Inbox")); // the name alone
        QVERIFY(std::any_of(changed.cbegin(), changed.cend(), [&](const QList<QVariant> &args) {
            return args.at(0).toModelIndex() == inbox;
        }));
        QVERIFY(inbox.isValid());
        QCOMPARE(removed.size(), 0);
        QCOMPARE(reset.size(), 0);

        // A new folder replaces that account's rows, and only those.
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        work.addFolder(QStringLiteral("Projects"));
        QTRY_VERIFY(!inserted.isEmpty());
        QCOMPARE(inserted.first().at(0).toModelIndex(), model.accountIndex(QStringLiteral("w")));
        QCOMPARE(reset.size(), 0);
        QCOMPARE(model.rowCount(model.accountIndex(QStringLiteral("w"))), 3);
        QVERIFY(model.folderIndex(QStringLiteral("w"), work.inbox).isValid());
    }
};

QTEST_GUILESS_MAIN(TestAccountFolderModel)
#include "tst_accountfoldermodel.moc"
