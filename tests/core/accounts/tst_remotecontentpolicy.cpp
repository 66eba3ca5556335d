// The senders allowed to show remote content: kept in the settings, case-blind, editable.
#include "accounts/remotecontentpolicy.h"

#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

class TestRemoteContentPolicy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void keptAcrossRestarts();
};

void TestRemoteContentPolicy::keptAcrossRestarts()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("heron.ini"));
    {
        QSettings settings(file, QSettings::IniFormat);
        RemoteContentPolicy policy(&settings);
        QSignalSpy changed(&policy, &RemoteContentPolicy::changed);
        QVERIFY(!policy.isAllowed(QStringLiteral("news@shop.example")));
        policy.allow(QStringLiteral(" News@Shop.example "));
        policy.allow(QStringLiteral("news@shop.example")); // already there
        policy.allow(QString());
        policy.allow(QStringLiteral("alice@example.org"));
        QCOMPARE(changed.size(), 2);
        QVERIFY(policy.isAllowed(QStringLiteral("NEWS@shop.example")));
        QVERIFY(!policy.isAllowed(QString()));
    }
    QSettings settings(file, QSettings::IniFormat);
    RemoteContentPolicy policy(&settings);
    QCOMPARE(policy.allowedSenders(), QStringList({QStringLiteral("alice@example.org"),
                                                   QStringLiteral("news@shop.example")}));
    policy.disallow(QStringLiteral("Alice@example.org"));
    QVERIFY(!policy.isAllowed(QStringLiteral("alice@example.org")));
    policy.setAllowedSenders({QStringLiteral("b@x.example"), QStringLiteral("B@x.example"),
                              QStringLiteral("a@x.example")});
    QCOMPARE(policy.allowedSenders(),
             QStringList({QStringLiteral("a@x.example"), QStringLiteral("b@x.example")}));
    policy.setAllowedSenders({});
    QVERIFY(policy.allowedSenders().isEmpty());
}

QTEST_GUILESS_MAIN(TestRemoteContentPolicy)
#include "tst_remotecontentpolicy.moc"
