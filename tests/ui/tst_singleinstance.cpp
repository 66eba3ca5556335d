#include "singleinstance.h"

#include <QSignalSpy>
#include <QTest>
#include <QUuid>

using namespace Qt::StringLiterals;

class TestSingleInstance : public QObject
{
    Q_OBJECT

private:
    static QString uniqueKey()
    {
        return u"heron-test-"_s + QUuid::createUuid().toString(QUuid::Id128).left(12);
    }

private Q_SLOTS:
    void firstBecomesPrimary()
    {
        SingleInstance first(uniqueKey());
        QSignalSpy primary(&first, &SingleInstance::becamePrimary);
        QSignalSpy forwarded(&first, &SingleInstance::forwarded);
        first.start({});
        QTRY_COMPARE(primary.size(), 1);
        QCOMPARE(forwarded.size(), 0);
        QVERIFY(first.isPrimary());
    }

    void laterStartsHandOverTheirArguments()
    {
        const QString key = uniqueKey();
        SingleInstance first(key);
        QSignalSpy primary(&first, &SingleInstance::becamePrimary);
        QSignalSpy received(&first, &SingleInstance::argumentsReceived);
        first.start({});
        QTRY_COMPARE(primary.size(), 1);

        const QStringList arguments = {u"mailto:bob@example.org?subject=Grüße"_s, u"--compose"_s,
                                       u"to='a@b.example'"_s};
        SingleInstance second(key);
        QSignalSpy forwarded(&second, &SingleInstance::forwarded);
        QSignalSpy secondPrimary(&second, &SingleInstance::becamePrimary);
        second.start(arguments);
        QTRY_COMPARE(forwarded.size(), 1);
        QTRY_COMPARE(received.size(), 1);
        QCOMPARE(received.at(0).at(0).toStringList(), arguments);
        QCOMPARE(secondPrimary.size(), 0);
        QVERIFY(!second.isPrimary());

        // An empty command line is handed over too (the running instance shows its window).
        SingleInstance third(key);
        QSignalSpy thirdForwarded(&third, &SingleInstance::forwarded);
        third.start({});
        QTRY_COMPARE(thirdForwarded.size(), 1);
        QTRY_COMPARE(received.size(), 2);
        QVERIFY(received.at(1).at(0).toStringList().isEmpty());
    }

    void defaultKeyIsStable()
    {
        QCOMPARE(SingleInstance::defaultKey(), SingleInstance::defaultKey());
        QVERIFY(SingleInstance::defaultKey().startsWith(u"heron-"_s));
    }
};

QTEST_GUILESS_MAIN(TestSingleInstance)
#include "tst_singleinstance.moc"
