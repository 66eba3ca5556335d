// The undo-send delay: 5 s unless set, 0 turns it off, kept in the settings within bounds.
#include "accounts/sendingpreferences.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

class TestSendingPreferences : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void undoSendDelay_data();
    void undoSendDelay();
    void keptAcrossRestarts();
};

void TestSendingPreferences::undoSendDelay_data()
{
    QTest::addColumn<QVariant>("stored");
    QTest::addColumn<int>("seconds");
    QTest::newRow("unset") << QVariant() << 5;
    QTest::newRow("off") << QVariant(0) << 0;
    QTest::newRow("ten") << QVariant(10) << 10;
    QTest::newRow("as text") << QVariant(QStringLiteral("30")) << 30;
    QTest::newRow("negative") << QVariant(-4) << 0;
    QTest::newRow("too long") << QVariant(100000) << SendingPreferences::maximumUndoSendSeconds;
    QTest::newRow("garbage") << QVariant(QStringLiteral("soon")) << 5;
}

void TestSendingPreferences::undoSendDelay()
{
    QFETCH(QVariant, stored);
    QFETCH(int, seconds);
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("heron.ini")), QSettings::IniFormat);
    if (stored.isValid())
        settings.setValue(QStringLiteral("composer/undoSendSeconds"), stored);
    const SendingPreferences preferences(&settings);
    QCOMPARE(preferences.undoSendSeconds(), seconds);
}

void TestSendingPreferences::keptAcrossRestarts()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("heron.ini"));
    {
        QSettings settings(file, QSettings::IniFormat);
        SendingPreferences preferences(&settings);
        preferences.setUndoSendSeconds(0);
        QCOMPARE(preferences.undoSendSeconds(), 0);
        preferences.setUndoSendSeconds(-1);
        QCOMPARE(preferences.undoSendSeconds(), 0);
        preferences.setUndoSendSeconds(12);
    }
    QSettings settings(file, QSettings::IniFormat);
    QCOMPARE(settings.value(QStringLiteral("composer/undoSendSeconds")).toInt(), 12);
    QCOMPARE(SendingPreferences(&settings).undoSendSeconds(), 12);
}

QTEST_GUILESS_MAIN(TestSendingPreferences)
#include "tst_sendingpreferences.moc"
