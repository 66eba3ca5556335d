// Spell checking in the composer with Hunspell and the system's real en_US and de_DE
// dictionaries (hunspell-en-us, hunspell-de-de): words, suggestions, the underline as the user
// types, paragraph by paragraph, the context menu's suggestions, "Add to Dictionary" and
// "Ignore", and the language of each message.
#include "accounts/account.h"
#include "colourscheme.h"
#include "composerspelling.h"
#include "composerwindow.h"
#include "identitylisteditor.h"
#include "spellchecker.h"
#include "spellhighlighter.h"
#include "subjectspelling.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFile>
#include <QLineEdit>
#include <QMenu>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextEdit>
#include <QTextLayout>

#include <functional>

namespace {

// The words of a block underlined as misspelt.
QStringList markedWords(const QTextBlock &block)
{
    QStringList words;
    for (const QTextLayout::FormatRange &range : block.layout()->formats()) {
        if (range.format.underlineStyle() == QTextCharFormat::SpellCheckUnderline)
            words.append(block.text().mid(range.start, range.length));
    }
    return words;
}

QStringList markedWords(const QTextDocument *document)
{
    QStringList words;
    for (QTextBlock block = document->begin(); block.isValid(); block = block.next())
        words += markedWords(block);
    return words;
}

// Counts the paragraphs checked, to see how much work a keystroke costs.
class CountingHighlighter : public SpellHighlighter
{
public:
    using SpellHighlighter::SpellHighlighter;
    int blocksChecked = 0;

protected:
    void highlightBlock(const QString &text) override
    {
        ++blocksChecked;
        SpellHighlighter::highlightBlock(text);
    }
};

// The point of a word of the body, in viewport coordinates.
QPoint pointOf(QTextEdit *body, const QString &word)
{
    const int at = body->toPlainText().indexOf(word);
    QTextCursor cursor(body->document());
    cursor.setPosition(at + 1);
    return body->cursorRect(cursor).center();
}

// The words of the subject line marked as misspelt.
QStringList markedWords(const QLineEdit *subject, const SubjectSpelling *spelling)
{
    QStringList words;
    for (const SpellHighlighter::Word &word : spelling->marks())
        words.append(subject->text().mid(word.start, word.length));
    return words;
}

// The point of a word of a one-line field, in its coordinates.
QPoint pointOf(QLineEdit *field, const QString &word)
{
    field->setCursorPosition(int(field->text().indexOf(word)) + 1);
    return field->inputMethodQuery(Qt::ImCursorRectangle).toRect().center();
}

// How many pixels of the field as drawn have the hue of the spelling marks (the wavy line is
// drawn smoothed: its pixels are paler than the colour itself, but of its hue).
int markPixels(QWidget *field)
{
    const QColor mark = ColourScheme::error(QGuiApplication::palette());
    const QImage image = field->grab().toImage();
    int count = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            const int hueDistance = qAbs(c.hsvHue() - mark.hsvHue());
            if (c.hsvSaturation() > 60 && qMin(hueDistance, 360 - hueDistance) < 20)
                ++count;
        }
    }
    return count;
}

Account accountWith(const QList<Identity> &identities)
{
    Account a;
    a.setId(QStringLiteral("acc"));
    a.setDisplayName(QStringLiteral("Work"));
    a.setAddress(identities.first().address);
    a.setIdentities(identities);
    return a;
}

} // namespace

class TestSpelling : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void words_data();
    void words();
    void suggestions_data();
    void suggestions();
    void bestLanguage_data();
    void bestLanguage();
    void checkedWords_data();
    void checkedWords();
    void typingChecksOnlyTheParagraphTyped();
    void newLanguageChecksAFewParagraphsAtATime();
    void contextMenuReplacesAddsAndIgnores();
    void languageFollowsTheSenderUntilChosen();
    void subjectIsCheckedInTheBodysLanguage();
    void identityEditorKeepsTheLanguage();

private:
    QTemporaryDir m_dir;
};

void TestSpelling::initTestCase()
{
    const QStringList languages = SpellChecker::availableLanguages();
    QVERIFY2(languages.contains(QStringLiteral("en_US"))
                     && languages.contains(QStringLiteral("de_DE")),
             qPrintable(QStringLiteral("dictionaries found: ") + languages.join(u' ')));
    SpellChecker::setPersonalDictionaryPath(m_dir.filePath(QStringLiteral("words.txt")));
}

void TestSpelling::words_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("word");
    QTest::addColumn<bool>("correct");
    QTest::addRow("en house") << "en_US"
                              << "house" << true;
    QTest::addRow("en hosue") << "en_US"
                              << "hosue" << false;
    QTest::addRow("en plural") << "en_US"
                               << "messages" << true;
    QTest::addRow("en don't") << "en_US"
                              << "don't" << true;
    QTest::addRow("en capitalised") << "en_US"
                                    << "Tomorrow" << true;
    QTest::addRow("de Straße") << "de_DE" << QStringLiteral("Straße") << true;
    QTest::addRow("de Grüße") << "de_DE" << QStringLiteral("Grüße") << true;
    QTest::addRow("de Nachrichten") << "de_DE"
                                    << "Nachrichten" << true;
    QTest::addRow("de Nachrichetn") << "de_DE"
                                    << "Nachrichetn" << false;
    QTest::addRow("de english word") << "de_DE"
                                     << "tomorrow" << false;
    QTest::addRow("en german word") << "en_US"
                                    << "Nachrichten" << false;
}

void TestSpelling::words()
{
    QFETCH(QString, language);
    QFETCH(QString, word);
    QFETCH(bool, correct);
    const std::shared_ptr<SpellChecker> checker = SpellChecker::forLanguage(language);
    QVERIFY(checker);
    QCOMPARE(checker->isCorrect(word), correct);
}

void TestSpelling::suggestions_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("word");
    QTest::addColumn<QString>("expected");
    QTest::addRow("en") << "en_US"
                        << "recieve"
                        << "receive";
    QTest::addRow("en swapped") << "en_US"
                                << "hosue"
                                << "house";
    QTest::addRow("de") << "de_DE"
                        << "Nachrichetn"
                        << "Nachrichten";
    QTest::addRow("de umlaut") << "de_DE" << QStringLiteral("Grüsse") << QStringLiteral("Grüße");
}

void TestSpelling::suggestions()
{
    QFETCH(QString, language);
    QFETCH(QString, word);
    QFETCH(QString, expected);
    const QStringList offered = SpellChecker::forLanguage(language)->suggestions(word);
    QVERIFY2(offered.contains(expected), qPrintable(offered.join(u',')));
    QVERIFY(offered.size() <= 8);
}

void TestSpelling::bestLanguage_data()
{
    QTest::addColumn<QString>("wanted");
    QTest::addColumn<QString>("best");
    QTest::addRow("exact") << "de_DE"
                           << "de_DE";
    QTest::addRow("dash") << "en-US"
                          << "en_US";
    QTest::addRow("language alone") << "de"
                                    << "de_DE";
    QTest::addRow("other country") << "de_CH"
                                   << "de_DE";
    QTest::addRow("en_GB to en_US") << "en_GB"
                                    << "en_US";
    QTest::addRow("none installed") << "xx_YY"
                                    << "";
    QTest::addRow("C locale") << "C"
                              << "";
    QTest::addRow("empty") << ""
                           << "";
}

void TestSpelling::bestLanguage()
{
    QFETCH(QString, wanted);
    QFETCH(QString, best);
    if (wanted == QLatin1String("en_GB") && SpellChecker::availableLanguages().contains(wanted))
        best = wanted; // a machine with the British dictionary too
    QCOMPARE(SpellChecker::bestLanguage(wanted), best);
}

void TestSpelling::checkedWords_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("words");
    QTest::addRow("plain") << "Hello wrold, again." << QStringList {"Hello", "wrold", "again"};
    QTest::addRow("quote") << "> someone elses txet" << QStringList {};
    QTest::addRow("address") << "write to alice@example.org now"
                             << QStringList {"write", "to", "now"};
    QTest::addRow("link") << "see www.exmaple.org today" << QStringList {"see", "today"};
    QTest::addRow("digits") << "version 2b and 42" << QStringList {"version", "and"};
    QTest::addRow("apostrophe") << "don't 'quote'" << QStringList {"don't", "quote"};
    QTest::addRow("umlauts") << QStringLiteral("Grüße aus München")
                             << QStringList {QStringLiteral("Grüße"), "aus",
                                             QStringLiteral("München")};
    QTest::addRow("single letters") << "a b c" << QStringList {};
}

void TestSpelling::checkedWords()
{
    QFETCH(QString, text);
    QFETCH(QStringList, words);
    QStringList found;
    for (const SpellHighlighter::Word &word : SpellHighlighter::checkedWords(text))
        found.append(text.mid(word.start, word.length));
    QCOMPARE(found, words);
}

void TestSpelling::typingChecksOnlyTheParagraphTyped()
{
    QTextEdit edit;
    QStringList lines;
    for (int i = 0; i < 500; ++i)
        lines.append(QStringLiteral("Line %1 has some words and one mistaek.").arg(i));
    edit.setPlainText(lines.join(u'\n'));
    auto *highlighter = new CountingHighlighter(edit.document());
    QCoreApplication::processEvents(); // the highlighting every new highlighter starts
    QSignalSpy checked(highlighter, &SpellHighlighter::checked);
    highlighter->setLanguage(QStringLiteral("en_US"));
    QVERIFY(checked.wait(20000));
    QCOMPARE(markedWords(edit.document()).size(), 500);

    // A word typed into the middle: that paragraph is checked, not the 499 others.
    highlighter->blocksChecked = 0;
    QTextCursor cursor(edit.document()->findBlockByNumber(250));
    cursor.movePosition(QTextCursor::EndOfBlock);
    edit.setTextCursor(cursor);
    QTest::keyClicks(&edit, QStringLiteral(" Anotehr"));
    QVERIFY2(highlighter->blocksChecked <= 2 * 8,
             qPrintable(QString::number(highlighter->blocksChecked)));
    QCOMPARE(markedWords(edit.document()->findBlockByNumber(250)),
             (QStringList {QStringLiteral("mistaek"), QStringLiteral("Anotehr")}));
    QCOMPARE(markedWords(edit.document()->findBlockByNumber(249)),
             QStringList {QStringLiteral("mistaek")});

    // The signature under a "-- " line is not checked; removed, its words are.
    const QTextCursor typing = edit.textCursor();
    QTextCursor end(edit.document());
    end.movePosition(QTextCursor::End);
    end.insertText(QStringLiteral("\n-- \nAnn Zwiebelfisch\nQuuxworks Ltd"));
    QTRY_VERIFY(!markedWords(edit.document()).contains(QStringLiteral("Zwiebelfisch")));
    QVERIFY(!markedWords(edit.document()).contains(QStringLiteral("Quuxworks")));
    QTextCursor dashes(edit.document()->findBlockByNumber(500));
    QCOMPARE(dashes.block().text(), QStringLiteral("-- "));
    dashes.select(QTextCursor::BlockUnderCursor);
    dashes.removeSelectedText();
    QTRY_VERIFY(markedWords(edit.document()).contains(QStringLiteral("Zwiebelfisch")));
    QVERIFY(markedWords(edit.document()).contains(QStringLiteral("Quuxworks")));
    edit.setTextCursor(typing);

    // Corrected, the mark goes.
    for (int i = 0; i < 7; ++i)
        QTest::keyClick(&edit, Qt::Key_Backspace);
    QTest::keyClicks(&edit, QStringLiteral("Another"));
    QCOMPARE(markedWords(edit.document()->findBlockByNumber(250)),
             QStringList {QStringLiteral("mistaek")});
}

void TestSpelling::newLanguageChecksAFewParagraphsAtATime()
{
    QTextEdit edit;
    QStringList lines;
    for (int i = 0; i < 2000; ++i)
        lines.append(
                QStringLiteral("Dies ist Zeile %1 mit einem Fehlr und Umlauten: Grüße.").arg(i));
    edit.setPlainText(lines.join(u'\n'));
    auto *highlighter = new CountingHighlighter(edit.document());
    QCoreApplication::processEvents(); // the highlighting every new highlighter starts
    highlighter->blocksChecked = 0;
    // Loaded before: only the checking counts.
    const std::shared_ptr<SpellChecker> german = SpellChecker::forLanguage(QStringLiteral("de_DE"));
    QSignalSpy checked(highlighter, &SpellHighlighter::checked);
    highlighter->setLanguage(QStringLiteral("de_DE"));
    // Nothing is checked inside the call: the event loop (typing) runs between the steps.
    QVERIFY(highlighter->isChecking());
    QCOMPARE(highlighter->blocksChecked, 0);
    // Events the user makes meanwhile (keys, paints) run between the steps: a queued call
    // posting itself again sees the paragraphs checked so far grow a step at a time.
    QList<int> seenBetween;
    std::function<void()> look = [&] {
        seenBetween.append(highlighter->blocksChecked);
        if (highlighter->isChecking())
            QMetaObject::invokeMethod(&edit, look, Qt::QueuedConnection);
    };
    QMetaObject::invokeMethod(&edit, look, Qt::QueuedConnection);
    QElapsedTimer whole;
    whole.start();
    qint64 longestStep = 0;
    int steps = 0;
    while (highlighter->isChecking()) {
        QElapsedTimer step;
        step.start();
        QCoreApplication::processEvents(QEventLoop::AllEvents);
        longestStep = std::max(longestStep, step.elapsed());
        ++steps;
        QVERIFY(steps < 100000);
    }
    QCOMPARE(checked.size(), 1);
    QCOMPARE(highlighter->blocksChecked, 2000);
    int between = 0;
    for (int i = 1; i < seenBetween.size(); ++i) {
        if (seenBetween.at(i) > seenBetween.at(i - 1) && seenBetween.at(i) < 2000)
            ++between;
    }
    QVERIFY2(between >= 2000 / SpellHighlighter::blocksPerStep / 2,
             qPrintable(QString::number(between)));
    QCOMPARE(markedWords(edit.document()).size(), 2000);
    QVERIFY(markedWords(edit.document()).first() == QStringLiteral("Fehlr"));
    // Figures for the reader, not a pass criterion.
    qInfo("spelling_check_2000_paragraphs_ms %lld longest_step_ms %lld steps %d",
          qint64(whole.elapsed()), longestStep, steps);
}

void TestSpelling::contextMenuReplacesAddsAndIgnores()
{
    ComposerWindow composer;
    composer.show();
    QVERIFY(QTest::qWaitForWindowExposed(&composer));
    ComposerSpelling *spelling = composer.spelling();
    QVERIFY(spelling);
    spelling->chooseLanguage(QStringLiteral("en_US"));
    QTest::keyClicks(composer.bodyEditor(),
                     QStringLiteral("I will recieve it from Zanzibarian Quuxcorp tomorow"));
    QTextEdit *body = composer.bodyEditor();
    QTRY_COMPARE(markedWords(body->document()),
                 (QStringList {"recieve", "Zanzibarian", "Quuxcorp", "tomorow"}));

    // A correct word gets the ordinary menu alone.
    std::unique_ptr<QMenu> plain(
            spelling->createContextMenu(pointOf(body, QStringLiteral("will"))));
    QVERIFY(plain->findChildren<QAction *>(QStringLiteral("suggestion")).isEmpty());
    QVERIFY(!plain->findChild<QAction *>(QStringLiteral("addToDictionary")));

    // A suggestion replaces the word.
    std::unique_ptr<QMenu> menu(
            spelling->createContextMenu(pointOf(body, QStringLiteral("recieve"))));
    QAction *receive = nullptr;
    for (QAction *action : menu->findChildren<QAction *>(QStringLiteral("suggestion")))
        if (action->text() == QLatin1String("receive"))
            receive = action;
    QVERIFY(receive);
    QCOMPARE(menu->actions().first()->objectName(), QStringLiteral("suggestion"));
    receive->trigger();
    QCOMPARE(body->toPlainText(),
             QStringLiteral("I will receive it from Zanzibarian Quuxcorp tomorow"));
    QTRY_COMPARE(markedWords(body->document()),
                 (QStringList {"Zanzibarian", "Quuxcorp", "tomorow"}));

    // Added to the dictionary: unmarked here and in every other message, and kept in the file.
    menu.reset(spelling->createContextMenu(pointOf(body, QStringLiteral("Quuxcorp"))));
    QAction *add = menu->findChild<QAction *>(QStringLiteral("addToDictionary"));
    QVERIFY(add);
    add->trigger();
    QTRY_COMPARE(markedWords(body->document()), (QStringList {"Zanzibarian", "tomorow"}));
    QVERIFY(SpellChecker::forLanguage(QStringLiteral("en_US"))
                    ->isCorrect(QStringLiteral("Quuxcorp")));
    QFile words(SpellChecker::personalDictionaryPath());
    QVERIFY(words.open(QIODevice::ReadOnly));
    QVERIFY(words.readAll().split('\n').contains("Quuxcorp"));

    // Ignored: unmarked in this message only.
    menu.reset(spelling->createContextMenu(pointOf(body, QStringLiteral("Zanzibarian"))));
    QAction *ignore = menu->findChild<QAction *>(QStringLiteral("ignoreWord"));
    QVERIFY(ignore);
    ignore->trigger();
    QTRY_COMPARE(markedWords(body->document()), QStringList {"tomorow"});
    QVERIFY(!SpellChecker::forLanguage(QStringLiteral("en_US"))
                     ->isCorrect(QStringLiteral("Zanzibarian")));
    ComposerWindow other;
    other.spelling()->chooseLanguage(QStringLiteral("en_US"));
    QTest::keyClicks(other.bodyEditor(), QStringLiteral("Zanzibarian Quuxcorp"));
    QTRY_COMPARE(markedWords(other.bodyEditor()->document()), QStringList {"Zanzibarian"});
    composer.close();
}

void TestSpelling::languageFollowsTheSenderUntilChosen()
{
    ComposerWindow composer;
    Identity english {QStringLiteral("Ann"), QStringLiteral("ann@example.org"), {}};
    english.language = QStringLiteral("en");
    Identity german {QStringLiteral("Anna"), QStringLiteral("anna@example.de"), {}};
    german.language = QStringLiteral("de_DE");
    composer.setAccounts({accountWith({english, german})});
    ComposerSpelling *spelling = composer.spelling();
    QComboBox *box = spelling->languageBox();
    QCOMPARE(spelling->language(), QStringLiteral("en_US"));
    QCOMPARE(box->currentData().toString(), QStringLiteral("en_US"));

    // Another sender, another language.
    composer.fromCombo()->setCurrentIndex(1);
    QCOMPARE(spelling->language(), QStringLiteral("de_DE"));
    composer.bodyEditor()->insertPlainText(QStringLiteral("Viele Grüße und bis morgn"));
    QTRY_COMPARE(markedWords(composer.bodyEditor()->document()), QStringList {"morgn"});

    // Chosen in the list, the language stays, whoever sends.
    const int english_us = box->findData(QStringLiteral("en_US"));
    QVERIFY(english_us > 0);
    box->setCurrentIndex(english_us);
    Q_EMIT box->activated(english_us);
    QCOMPARE(spelling->language(), QStringLiteral("en_US"));
    QTRY_COMPARE(markedWords(composer.bodyEditor()->document()),
                 (QStringList {"Viele", QStringLiteral("Grüße"), "und", "morgn"}));
    composer.fromCombo()->setCurrentIndex(0);
    composer.fromCombo()->setCurrentIndex(1);
    QCOMPARE(spelling->language(), QStringLiteral("en_US"));

    // No spell checking: no marks.
    box->setCurrentIndex(0);
    Q_EMIT box->activated(0);
    QVERIFY(spelling->language().isEmpty());
    QTRY_VERIFY(markedWords(composer.bodyEditor()->document()).isEmpty());
}

void TestSpelling::subjectIsCheckedInTheBodysLanguage()
{
    ComposerWindow composer;
    composer.show();
    QVERIFY(QTest::qWaitForWindowExposed(&composer));
    ComposerSpelling *spelling = composer.spelling();
    spelling->chooseLanguage(QStringLiteral("en_US"));
    QLineEdit *subject = composer.subjectField();
    QVERIFY(spelling->subjectSpelling());
    QCOMPARE(markPixels(subject), 0);
    QTest::keyClicks(subject, QStringLiteral("Meeting tomorow about the budgit"));
    QTRY_COMPARE(markedWords(subject, spelling->subjectSpelling()),
                 (QStringList {"tomorow", "budgit"}));
    // Underlined as drawn, and the text is what was typed.
    QTRY_VERIFY(markPixels(subject) > 0);
    QCOMPARE(subject->text(), QStringLiteral("Meeting tomorow about the budgit"));

    // The context menu's suggestion replaces the word.
    std::unique_ptr<QMenu> menu(
            spelling->createSubjectContextMenu(pointOf(subject, QStringLiteral("tomorow"))));
    QAction *tomorrow = nullptr;
    for (QAction *action : menu->findChildren<QAction *>(QStringLiteral("suggestion")))
        if (action->text() == QLatin1String("tomorrow"))
            tomorrow = action;
    QVERIFY(tomorrow);
    QCOMPARE(menu->actions().first()->objectName(), QStringLiteral("suggestion"));
    tomorrow->trigger();
    QCOMPARE(subject->text(), QStringLiteral("Meeting tomorrow about the budgit"));
    QTRY_COMPARE(markedWords(subject, spelling->subjectSpelling()), QStringList {"budgit"});
    // A correct word gets the ordinary menu alone.
    menu.reset(spelling->createSubjectContextMenu(pointOf(subject, QStringLiteral("about"))));
    QVERIFY(menu->findChildren<QAction *>(QStringLiteral("suggestion")).isEmpty());
    QVERIFY(!menu->findChild<QAction *>(QStringLiteral("ignoreWord")));

    // Ignored: in the subject and the body of this message alike.
    menu.reset(spelling->createSubjectContextMenu(pointOf(subject, QStringLiteral("budgit"))));
    QAction *ignore = menu->findChild<QAction *>(QStringLiteral("ignoreWord"));
    QVERIFY(ignore);
    ignore->trigger();
    QTRY_VERIFY(markedWords(subject, spelling->subjectSpelling()).isEmpty());
    QTRY_COMPARE(markPixels(subject), 0);
    composer.bodyEditor()->setPlainText(QStringLiteral("The budgit is here"));
    QTest::qWait(0);
    QTRY_VERIFY(!spelling->highlighter()->isChecking());
    QVERIFY(markedWords(composer.bodyEditor()->document()).isEmpty());

    // The body's language is the subject's.
    spelling->chooseLanguage(QStringLiteral("de_DE"));
    QTRY_VERIFY(
            markedWords(subject, spelling->subjectSpelling()).contains(QStringLiteral("tomorrow")));
    QVERIFY(markedWords(subject, spelling->subjectSpelling()).contains(QStringLiteral("about")));
    spelling->chooseLanguage(QString());
    QTRY_VERIFY(markedWords(subject, spelling->subjectSpelling()).isEmpty());
    QTRY_COMPARE(markPixels(subject), 0);
    composer.close();
}

void TestSpelling::identityEditorKeepsTheLanguage()
{
    IdentityListEditor editor;
    Identity identity {QStringLiteral("Anna"), QStringLiteral("anna@example.de"), {}};
    identity.language = QStringLiteral("de_DE");
    editor.setIdentities({identity});
    QCOMPARE(editor.languageBox()->currentData().toString(), QStringLiteral("de_DE"));
    editor.languageBox()->setCurrentIndex(editor.languageBox()->findData(QStringLiteral("en_US")));
    QCOMPARE(editor.identities().first().language, QStringLiteral("en_US"));
    editor.languageBox()->setCurrentIndex(0); // the system's
    QVERIFY(editor.identities().first().language.isEmpty());
}

QTEST_MAIN(TestSpelling)
#include "tst_spelling.moc"
