// The settings dialog edits the senders allowed to show remote content: OK keeps the changes,
// Cancel drops them.
#include "accounts/remotecontentpolicy.h"
#include "settingsdialog.h"

#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

class TestSettingsDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void editsTheAllowedSenders();
    void cancelKeepsTheList();
};

void TestSettingsDialog::editsTheAllowedSenders()
{
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("heron.ini")), QSettings::IniFormat);
    RemoteContentPolicy policy(&settings);
    policy.allow(QStringLiteral("news@shop.example"));
    policy.allow(QStringLiteral("alice@example.org"));
    SettingsDialog dialog(&policy);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCOMPARE(dialog.senderList()->count(), 2);
    QVERIFY(!dialog.removeButton()->isEnabled());
    QVERIFY(!dialog.addButton()->isEnabled());

    dialog.senderList()->item(1)->setSelected(true); // news@shop.example
    QVERIFY(dialog.removeButton()->isEnabled());
    QTest::mouseClick(dialog.removeButton(), Qt::LeftButton);
    QCOMPARE(dialog.senderList()->count(), 1);

    QTest::keyClicks(dialog.senderField(), QStringLiteral("Bob@Example.org"));
    QVERIFY(dialog.addButton()->isEnabled());
    QTest::mouseClick(dialog.addButton(), Qt::LeftButton);
    QVERIFY(dialog.senderField()->text().isEmpty());
    QCOMPARE(dialog.senderList()->count(), 2);
    // Nothing is written before OK.
    QVERIFY(policy.isAllowed(QStringLiteral("news@shop.example")));
    dialog.accept();
    QCOMPARE(policy.allowedSenders(),
             QStringList({QStringLiteral("alice@example.org"), QStringLiteral("bob@example.org")}));
}

void TestSettingsDialog::cancelKeepsTheList()
{
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("heron.ini")), QSettings::IniFormat);
    RemoteContentPolicy policy(&settings);
    policy.allow(QStringLiteral("news@shop.example"));
    SettingsDialog dialog(&policy);
    dialog.senderList()->item(0)->setSelected(true);
    QTest::mouseClick(dialog.removeButton(), Qt::LeftButton);
    dialog.reject();
    QVERIFY(policy.isAllowed(QStringLiteral("news@shop.example")));
}

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
