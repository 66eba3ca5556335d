#include "addresslineedit.h"
#include "recipientchip.h"
#include "recipientfield.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QClipboard>
#include <QCompleter>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QStringListModel>
#include <QTest>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

// A recipient field with another field to move the focus to.
struct Form
{
    Form()
    {
        auto *layout = new QVBoxLayout(&window);
        layout->addWidget(field);
        layout->addWidget(other);
        layout->addStretch();
        window.resize(420, 300);
        window.show();
    }
    QWidget window;
    RecipientField *field = new RecipientField;
    QLineEdit *other = new QLineEdit;
};

} // namespace

class TestRecipientField : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void typedAddressBecomesAnItem_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("ending");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("address");
        const QString ann = u"Ann Example <ann@example.org>"_s;
        QTest::newRow("comma") << ann << u"comma"_s << u"Ann Example"_s << u"ann@example.org"_s;
        QTest::newRow("semicolon")
                << ann << u"semicolon"_s << u"Ann Example"_s << u"ann@example.org"_s;
        QTest::newRow("enter") << ann << u"enter"_s << u"Ann Example"_s << u"ann@example.org"_s;
        QTest::newRow("tab") << ann << u"tab"_s << u"Ann Example"_s << u"ann@example.org"_s;
        QTest::newRow("focus out") << ann << u"focus"_s << u"Ann Example"_s << u"ann@example.org"_s;
        QTest::newRow("comma inside quotes") << u"\"Doe, John\" <john@example.org>"_s << u"comma"_s
                                             << u"Doe, John"_s << u"john@example.org"_s;
        QTest::newRow("bare address")
                << u"bob@example.org"_s << u"enter"_s << QString() << u"bob@example.org"_s;
    }

    void typedAddressBecomesAnItem()
    {
        QFETCH(QString, typed);
        QFETCH(QString, ending);
        QFETCH(QString, name);
        QFETCH(QString, address);
        Form form;
        QVERIFY(QTest::qWaitForWindowActive(&form.window));
        RecipientField *field = form.field;
        field->setFocus();
        QSignalSpy changed(field, &RecipientField::textChanged);
        QTest::keyClicks(field->editor(), typed);
        QCOMPARE(field->count(), 0); // still typing
        QVERIFY(changed.size() > 0);
        if (ending == u"comma"_s)
            QTest::keyClick(field->editor(), Qt::Key_Comma);
        else if (ending == u"semicolon"_s)
            QTest::keyClick(field->editor(), Qt::Key_Semicolon);
        else if (ending == u"enter"_s)
            QTest::keyClick(field->editor(), Qt::Key_Return);
        else if (ending == u"tab"_s)
            QTest::keyClick(field->editor(), Qt::Key_Tab);
        else
            form.other->setFocus();
        QCOMPARE(field->count(), 1);
        QCOMPARE(field->chip(0)->address(), (MailAddress {name, address}));
        QVERIFY(field->chip(0)->isValid());
        QVERIFY(field->editor()->text().isEmpty());
        QCOMPARE(field->addresses(), (QList<MailAddress> {{name, address}}));
        if (ending == u"tab"_s)
            QTRY_VERIFY(form.other->hasFocus());
    }

    void keysSentToTheFieldAreTyped()
    {
        // What tests and the composer's callers did with a line edit still works on the field.
        Form form;
        QVERIFY(QTest::qWaitForWindowActive(&form.window));
        QTest::keyClicks(form.field, u"a@example.org, b@example.org"_s);
        QCOMPARE(form.field->count(), 1);
        QCOMPARE(form.field->text(), u"a@example.org, b@example.org"_s);
        form.field->setText(u"c@example.org; D <d@example.org>"_s);
        QCOMPARE(form.field->count(), 2);
        QCOMPARE(form.field->text(), u"c@example.org, D <d@example.org>"_s);
        form.field->clear();
        QCOMPARE(form.field->count(), 0);
        QVERIFY(form.field->text().isEmpty());
    }

    void pastedListIsSplitIntoItems_data()
    {
        QTest::addColumn<QString>("pasted");
        QTest::addColumn<QStringList>("items");
        QTest::newRow("comma") << u"A <a@x.example>, b@y.example"_s
                               << QStringList {u"A <a@x.example>"_s, u"b@y.example"_s};
        QTest::newRow("semicolons and lines")
                << u"a@x.example;\nb@y.example\n\"Doe, J\" <j@z.example>"_s
                << QStringList {u"a@x.example"_s, u"b@y.example"_s, u"\"Doe, J\" <j@z.example>"_s};
        QTest::newRow("one address stays in the line") << u"a@x.example"_s << QStringList {};
    }

    void pastedListIsSplitIntoItems()
    {
        QFETCH(QString, pasted);
        QFETCH(QStringList, items);
        Form form;
        QVERIFY(QTest::qWaitForWindowActive(&form.window));
        form.field->setFocus();
        QApplication::clipboard()->setText(pasted);
        QTest::keySequence(form.field->editor(), QKeySequence::Paste);
        QStringList got;
        for (const RecipientChip *chip : form.field->chips())
            got.append(chip->text());
        QCOMPARE(got, items);
        if (items.isEmpty())
            QCOMPARE(form.field->editor()->text(), pasted);
    }

    void backspaceInTheEmptyLineRemovesTheLastItem()
    {
        Form form;
        QVERIFY(QTest::qWaitForWindowActive(&form.window));
        form.field->setText(u"a@x.example, b@y.example"_s);
        form.field->setFocus();
        QTest::keyClicks(form.field->editor(), u"c"_s);
        QTest::keyClick(form.field->editor(), Qt::Key_Backspace); // removes the letter
        QCOMPARE(form.field->count(), 2);
        QVERIFY(form.field->editor()->text().isEmpty());
        QSignalSpy changed(form.field, &RecipientField::textChanged);
        QTest::keyClick(form.field->editor(), Qt::Key_Backspace);
        QCOMPARE(form.field->count(), 1);
        QCOMPARE(form.field->text(), u"a@x.example"_s);
        QCOMPARE(changed.size(), 1);
        QTest::keyClick(form.field->editor(), Qt::Key_Backspace);
        QCOMPARE(form.field->count(), 0);
        QTest::keyClick(form.field->editor(), Qt::Key_Backspace); // nothing left: no harm
        QVERIFY(form.field->text().isEmpty());
    }

    void removeButtonRemovesItsItem()
    {
        Form form;
        QVERIFY(QTest::qWaitForWindowActive(&form.window));
        form.field->setText(u"a@x.example, B <b@y.example>, c@z.example"_s);
        QVERIFY(form.field->chip(1)->removeButton()->isVisible());
        QTest::mouseClick(form.field->chip(1)->removeButton(), Qt::LeftButton);
        QCOMPARE(form.field->text(), u"a@x.example, c@z.example"_s);
    }

    void keyboardReachesEveryItem()
    {
        Form form;
        QVERIFY(QTest::qWaitForWindowActive(&form.window));
        form.field->setText(u"a@x.example, b@y.example, c@z.example"_s);
        form.field->setFocus();
        QVERIFY(form.field->editor()->hasFocus());
        // Left from the empty line onto the last item, then on to the first.
        QTest::keyClick(form.field->editor(), Qt::Key_Left);
        QTRY_VERIFY(form.field->chip(2)->hasFocus());
        QTest::keyClick(form.field->chip(2), Qt::Key_Left);
        QTRY_VERIFY(form.field->chip(1)->hasFocus());
        // Delete removes the focused one; the next one takes the focus.
        QTest::keyClick(form.field->chip(1), Qt::Key_Delete);
        QCOMPARE(form.field->text(), u"a@x.example, c@z.example"_s);
        QTRY_VERIFY(form.field->chip(1)->hasFocus());
        // Right past the last one goes back to the line.
        QTest::keyClick(form.field->chip(1), Qt::Key_Right);
        QTRY_VERIFY(form.field->editor()->hasFocus());
        // Enter on an item takes it back into the line to correct it.
        QTest::keyClick(form.field->editor(), Qt::Key_Left);
        QTRY_VERIFY(form.field->chip(1)->hasFocus());
        QTest::keyClick(form.field->chip(1), Qt::Key_Return);
        QCOMPARE(form.field->count(), 1);
        QCOMPARE(form.field->editor()->text(), u"c@z.example"_s);
        QTRY_VERIFY(form.field->editor()->hasFocus());
        QCOMPARE(form.field->text(), u"a@x.example, c@z.example"_s);
    }

    void invalidItemsAreMarked_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("invalid");
        QTest::newRow("all good") << u"a@x.example, B <b@y.example>"_s << QStringList {};
        QTest::newRow("no at") << u"a@x.example, bob.example.org"_s
                               << QStringList {u"bob.example.org"_s};
        QTest::newRow("space") << u"c d@e.example"_s << QStringList {u"c d@e.example"_s};
        QTest::newRow("two ats") << u"a@b@c.example, x@y.example"_s
                                 << QStringList {u"a@b@c.example"_s};
        QTest::newRow("name only") << u"Ann <>"_s << QStringList {u"Ann"_s};
    }

    void invalidItemsAreMarked()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, invalid);
        Form form;
        QVERIFY(QTest::qWaitForWindowExposed(&form.window));
        form.field->setText(text);
        QCOMPARE(form.field->invalidAddresses(), invalid);
        QCOMPARE(form.field->property("invalid").toBool(), !invalid.isEmpty());
        for (const RecipientChip *chip : form.field->chips()) {
            const bool bad = !chip->isValid();
            QCOMPARE(chip->property("invalid").toBool(), bad);
            // Not by colour alone: an icon and a tool tip say so too.
            auto *icon = chip->findChildren<QLabel *>().value(0);
            QVERIFY(icon);
            QCOMPARE(icon->isVisible(), bad);
            QCOMPARE(chip->toolTip().contains(u"not a valid address"_s), bad);
            QCOMPARE(chip->accessibleName().contains(u"not a valid address"_s), bad);
            const QColor normal = form.field->palette().color(QPalette::ButtonText);
            auto *label = chip->findChildren<QLabel *>().value(1);
            QVERIFY(label);
            QCOMPARE(label->palette().color(label->foregroundRole()) != normal, bad);
        }
    }

    void fieldGrowsToShowEveryAddress()
    {
        Form form;
        QVERIFY(QTest::qWaitForWindowExposed(&form.window));
        form.field->setText(u"one@example.org"_s);
        QTRY_VERIFY(form.field->chip(0)->isVisible());
        const int oneLine = form.field->height();
        QStringList many;
        for (int i = 0; i < 10; ++i)
            many.append(u"Person Number %1 <person%1@example.org>"_s.arg(i));
        form.field->setText(many.join(u", "_s));
        QCOMPARE(form.field->count(), 10);
        QTRY_VERIFY(form.field->height() > 2 * oneLine);
        // Every item lies wholly inside the field, none on top of another.
        QTRY_VERIFY(form.field->rect().contains(form.field->chip(9)->geometry()));
        for (int i = 0; i < 10; ++i) {
            const RecipientChip *chip = form.field->chip(i);
            QVERIFY(chip->isVisible());
            QVERIFY2(form.field->rect().contains(chip->geometry()), qPrintable(QString::number(i)));
            for (int j = i + 1; j < 10; ++j)
                QVERIFY(!chip->geometry().intersects(form.field->chip(j)->geometry()));
        }
        QVERIFY(form.field->rect().contains(form.field->editor()->geometry()));
    }

    void completionMakesAnItem()
    {
        QStringListModel known(
                {u"Ann Example <ann@example.org>"_s, u"Bob Sender <bob@example.org>"_s});
        Form form;
        form.field->setAddressModel(&known);
        QVERIFY(QTest::qWaitForWindowActive(&form.window));
        form.field->setFocus();
        QTest::keyClicks(form.field->editor(), u"carol@example.org, bo"_s);
        QCOMPARE(form.field->count(), 1);
        QCOMPARE(form.field->currentToken(), u"bo"_s);
        QTRY_VERIFY(form.field->completer()->popup()->isVisible());
        QCOMPARE(form.field->completer()->completionCount(), 1);
        // Chosen with the keyboard from the list.
        QTest::keyClick(form.field->completer()->popup(), Qt::Key_Down);
        QTest::keyClick(form.field->completer()->popup(), Qt::Key_Return);
        QTRY_COMPARE(form.field->count(), 2);
        QCOMPARE(form.field->chip(1)->address(),
                 (MailAddress {u"Bob Sender"_s, u"bob@example.org"_s}));
        QVERIFY(form.field->editor()->text().isEmpty());
        QVERIFY(!form.field->completer()->popup()->isVisible());
    }
};

QTEST_MAIN(TestRecipientField)
#include "tst_recipientfield.moc"
