// The settings dialog edits the senders allowed to show remote content and the undo-send
// delay: OK keeps the changes, Cancel drops them.
#include "accounts/remotecontentpolicy.h"
#include "accounts/sendingpreferences.h"
#include "settingsdialog.h"

#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

class TestSettingsDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void editsTheAllowedSenders();
    void cancelKeepsTheList();
    void sendingPageEditsTheUndoSendDelay_data();
    void sendingPageEditsTheUndoSendDelay();
    void withoutSendingPreferencesNoSendingPage();
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

void TestSettingsDialog::sendingPageEditsTheUndoSendDelay_data()
{
    QTest::addColumn<QVariant>("stored");
    QTest::addColumn<int>("shown");
    QTest::addColumn<QString>("typed");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<int>("kept");
    QTest::newRow("default to off") << QVariant() << 5 << QStringLiteral("0") << true << 0;
    QTest::newRow("default to 20") << QVariant() << 5 << QStringLiteral("20") << true << 20;
    QTest::newRow("off to 10") << QVariant(0) << 0 << QStringLiteral("10") << true << 10;
    QTest::newRow("cancelled") << QVariant(8) << 8 << QStringLiteral("30") << false << 8;
}

void TestSettingsDialog::sendingPageEditsTheUndoSendDelay()
{
    QFETCH(QVariant, stored);
    QFETCH(int, shown);
    QFETCH(QString, typed);
    QFETCH(bool, ok);
    QFETCH(int, kept);
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("heron.ini")), QSettings::IniFormat);
    if (stored.isValid())
        settings.setValue(QStringLiteral("composer/undoSendSeconds"), stored);
    RemoteContentPolicy policy(&settings);
    SendingPreferences sending(&settings);
    SettingsDialog dialog(&policy, &sending);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QSpinBox *delay = dialog.undoSendField();
    QVERIFY(delay);
    QCOMPARE(dialog.tabs()->count(), 2);
    dialog.tabs()->setCurrentIndex(1);
    QVERIFY(delay->isVisible());
    QCOMPARE(delay->value(), shown);
    QCOMPARE(delay->text() == QStringLiteral("Off (send at once)"), shown == 0);
    // Typed as a user would: select what is there, type the new number.
    delay->setFocus();
    delay->selectAll();
    QTest::keyClicks(delay, typed);
    QCOMPARE(delay->value(), typed.toInt());
    QCOMPARE(sending.undoSendSeconds(), shown); // nothing written before OK
    if (ok)
        dialog.accept();
    else
        dialog.reject();
    QCOMPARE(sending.undoSendSeconds(), kept);
    QCOMPARE(settings.value(QStringLiteral("composer/undoSendSeconds"), 5).toInt(), kept);
}

void TestSettingsDialog::withoutSendingPreferencesNoSendingPage()
{
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("heron.ini")), QSettings::IniFormat);
    RemoteContentPolicy policy(&settings);
    SettingsDialog dialog(&policy);
    QCOMPARE(dialog.tabs()->count(), 1);
    QVERIFY(!dialog.undoSendField());
    dialog.accept();
    QVERIFY(!settings.contains(QStringLiteral("composer/undoSendSeconds")));
}

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
