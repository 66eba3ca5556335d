// Qt's own German (qt6-translations-l10n) as the application loads it: the file dialogs and
// standard buttons read German; and the emoji font the package depends on is there to render
// emoji in subjects and names.
#include "translationloader.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QLabel>
#include <QPushButton>
#include <QTest>
#include <QTranslator>

#include <memory>

using namespace Qt::StringLiterals;

class TestQtTranslations : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup()
    {
        if (m_translator)
            QCoreApplication::removeTranslator(m_translator.get());
        m_translator.reset();
    }

    void germanQtStrings_data()
    {
        QTest::addColumn<QString>("context");
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("german");
        QTest::newRow("look in") << u"QFileDialog"_s << u"Look in:"_s << u"Suchen in:"_s;
        QTest::newRow("file name") << u"QFileDialog"_s << u"File &name:"_s << u"Datei&name:"_s;
        QTest::newRow("cancel") << u"QPlatformTheme"_s << u"Cancel"_s << u"Abbrechen"_s;
        QTest::newRow("help option")
                << u"QCommandLineParser"_s << u"Displays help on commandline options."_s
                << u"Zeigt Hilfe zu den Kommandozeilenoptionen an."_s;
    }

    void germanQtStrings()
    {
        QFETCH(QString, context);
        QFETCH(QString, source);
        QFETCH(QString, german);
        QCOMPARE(QCoreApplication::translate(qPrintable(context), qPrintable(source)), source);
        install(QLocale(u"de_DE"_s));
        QCOMPARE(QCoreApplication::translate(qPrintable(context), qPrintable(source)), german);
    }

    void fileDialogInGerman()
    {
        install(QLocale(u"de_DE"_s));
        QFileDialog dialog;
        dialog.setOption(QFileDialog::DontUseNativeDialog);
        dialog.setAcceptMode(QFileDialog::AcceptOpen);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QStringList labels;
        for (const QLabel *label : dialog.findChildren<QLabel *>())
            labels.append(label->text());
        QVERIFY2(labels.contains(u"Suchen in:"_s), qPrintable(labels.join(u" | "_s)));
        QStringList buttons;
        for (const QDialogButtonBox *box : dialog.findChildren<QDialogButtonBox *>()) {
            for (const QAbstractButton *button : box->buttons())
                buttons.append(button->text());
        }
        QVERIFY2(buttons.contains(u"Abbrechen"_s), qPrintable(buttons.join(u" | "_s)));
        QVERIFY(!buttons.contains(u"Cancel"_s));
    }

    void emojiFontInstalled()
    {
        QVERIFY2(QFontDatabase::families().contains(u"Noto Color Emoji"_s),
                 "fonts-noto-color-emoji is missing (scripts/install-deps installs it)");
    }

private:
    void install(const QLocale &locale)
    {
        m_translator.reset(TranslationLoader::loadQt(locale, nullptr));
        QVERIFY2(m_translator, "qtbase_de.qm missing (qt6-translations-l10n)");
        QVERIFY(QCoreApplication::installTranslator(m_translator.get()));
    }

    std::unique_ptr<QTranslator> m_translator;
};

QTEST_MAIN(TestQtTranslations)
#include "tst_qttranslations.moc"
