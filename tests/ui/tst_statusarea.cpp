// The status bar's account indicators: the IMAP connection and the submission server, each
// with its own state, in one label per account.
#include "statusarea.h"

#include <QLabel>
#include <QTest>

using namespace Qt::StringLiterals;

using Connection = StatusArea::ConnectionState;
using Sending = StatusArea::SendingState;

class TestStatusArea : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsMailAndSendingSeparately()
    {
        StatusArea area;
        area.setConnectionState(u"a"_s, u"Work"_s, Connection::Online);
        QLabel *label = area.connectionLabel(u"a"_s);
        QVERIFY(label);
        QVERIFY2(label->toolTip().contains(u"Mail: online"_s), qPrintable(label->toolTip()));
        QVERIFY2(label->toolTip().contains(u"Sending: not tried yet"_s),
                 qPrintable(label->toolTip()));
        QVERIFY(!label->property("hasError").toBool());
        // The service's detail while online says the same again: left out.
        area.setConnectionState(u"a"_s, u"Work"_s, Connection::Online, u"Connected"_s);
        QVERIFY2(!label->toolTip().contains(u"Connected"_s), qPrintable(label->toolTip()));

        // Mail arrives, but the submission server cannot be reached: both are told, and the
        // indicator looks failed.
        area.setSendingState(u"a"_s, Sending::Unreachable, u"smtp.example.org"_s,
                             u"Connection refused"_s);
        QCOMPARE(area.connectionLabel(u"a"_s), label);
        const QString tip = label->toolTip();
        QVERIFY2(tip.contains(u"Mail: online"_s), qPrintable(tip));
        QVERIFY2(tip.contains(u"Sending: cannot reach smtp.example.org (Connection refused)"_s),
                 qPrintable(tip));
        QVERIFY2(label->text().contains(u"Work"_s), qPrintable(label->text()));
        QVERIFY2(label->text().contains(u"cannot send"_s), qPrintable(label->text()));
        QCOMPARE(label->property("sendingState").value<Sending>(), Sending::Unreachable);
        QCOMPARE(label->property("connectionState").value<Connection>(), Connection::Online);
        QVERIFY(label->property("hasError").toBool());

        // A later attempt reaches it.
        area.setSendingState(u"a"_s, Sending::Reachable, u"smtp.example.org"_s);
        QVERIFY2(label->toolTip().contains(u"Sending: smtp.example.org reachable"_s),
                 qPrintable(label->toolTip()));
        QVERIFY(!label->text().contains(u"cannot send"_s));
        QVERIFY(!label->property("hasError").toBool());

        // The IMAP side failing alone looks failed too, with its detail.
        area.setConnectionState(u"a"_s, u"Work"_s, Connection::Error, u"Login refused"_s);
        QVERIFY2(label->toolTip().contains(u"Mail: error (Login refused)"_s),
                 qPrintable(label->toolTip()));
        QVERIFY(label->toolTip().contains(u"Sending: smtp.example.org reachable"_s));
        QVERIFY(label->property("hasError").toBool());
    }

    void sendingStateBeforeTheAccountIsShown()
    {
        StatusArea area;
        area.setSendingState(u"b"_s, Sending::Unreachable, u"smtp.example.net"_s,
                             u"Host not found"_s);
        area.setConnectionState(u"b"_s, u"Home"_s, Connection::Connecting);
        QLabel *label = area.connectionLabel(u"b"_s);
        QVERIFY(label);
        QVERIFY2(label->toolTip().contains(u"Sending: cannot reach smtp.example.net (Host not "
                                           u"found)"_s),
                 qPrintable(label->toolTip()));
        QVERIFY(label->text().contains(u"Home"_s));

        area.removeAccount(u"b"_s);
        QVERIFY(!area.connectionLabel(u"b"_s));
    }
};

QTEST_MAIN(TestStatusArea)
#include "tst_statusarea.moc"
