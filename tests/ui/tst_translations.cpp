// Heron's translations as the application loads them: English plural forms for English and for
// languages without a translation, German for German; and every plural string of the sources
// has its English forms.
#include "translationloader.h"

#include <QCoreApplication>
#include <QFile>
#include <QRegularExpression>
#include <QTest>
#include <QTranslator>

#include <memory>

namespace {

QString translated(const char *context, const char *source, int n)
{
    return QCoreApplication::translate(context, source, nullptr, n);
}

// The sources of the plural messages of a .ts file.
QStringList numerusSources(const QString &tsFile)
{
    QFile file(tsFile);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QString text = QString::fromUtf8(file.readAll());
    static const QRegularExpression
            numerus(QStringLiteral(R"(<message numerus="yes">\s*<source>(.*?)</source>)"),
                    QRegularExpression::DotMatchesEverythingOption);
    QStringList sources;
    for (auto it = numerus.globalMatch(text); it.hasNext();)
        sources.append(it.next().captured(1));
    sources.sort();
    return sources;
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup()
    {
        if (m_translator)
            QCoreApplication::removeTranslator(m_translator.get());
        m_translator.reset();
    }

    void pluralsInEnglish_data()
    {
        QTest::addColumn<QString>("locale");
        QTest::newRow("en_US") << QStringLiteral("en_US");
        QTest::newRow("en_GB") << QStringLiteral("en_GB");
        QTest::newRow("fr_FR, untranslated") << QStringLiteral("fr_FR");
        QTest::newRow("C") << QStringLiteral("C");
    }

    void pluralsInEnglish()
    {
        QFETCH(QString, locale);
        install(QLocale(locale));
        QCOMPARE(translated("ComposerWindow", "%n attachment(s), %1", 1).arg(u"2 KB"),
                 QStringLiteral("1 attachment, 2 KB"));
        QCOMPARE(translated("ComposerWindow", "%n attachment(s), %1", 3).arg(u"2 KB"),
                 QStringLiteral("3 attachments, 2 KB"));
        QCOMPARE(translated("ComposerWindow", "%n attachment(s), %1", 0).arg(u"0 bytes"),
                 QStringLiteral("0 attachments, 0 bytes"));
        // Strings without a plural stay as written.
        QCOMPARE(translated("ComposerWindow", "&Discard", 1), QStringLiteral("&Discard"));
    }

    void germanStaysGerman()
    {
        install(QLocale(QStringLiteral("de_DE")));
        QCOMPARE(translated("ComposerWindow", "%n attachment(s), %1", 1).arg(u"2 KB"),
                 QStringLiteral("1 Anhang, 2 KB"));
        QCOMPARE(translated("ComposerWindow", "%n attachment(s), %1", 3).arg(u"2 KB"),
                 QString::fromUtf8("3 Anhänge, 2 KB"));
    }

    void everyPluralHasItsEnglishForms()
    {
        // lupdate keeps heron_de.ts complete; heron_en.ts must follow (heron_lupdate updates both).
        const QStringList german = numerusSources(QStringLiteral(HERON_TS_DIR "/heron_de.ts"));
        const QStringList english = numerusSources(QStringLiteral(HERON_TS_DIR "/heron_en.ts"));
        QVERIFY(!german.isEmpty());
        QCOMPARE(english, german);
        QFile file(QStringLiteral(HERON_TS_DIR "/heron_en.ts"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QVERIFY2(!text.contains("type=\"unfinished\""), "heron_en.ts has unfinished forms");
        QVERIFY2(!text.contains("<numerusform></numerusform>"), "heron_en.ts has empty forms");
    }

private:
    void install(const QLocale &locale)
    {
        m_translator.reset(TranslationLoader::load(locale, QStringLiteral(HERON_QM_DIR), nullptr));
        QVERIFY(m_translator);
        QVERIFY(QCoreApplication::installTranslator(m_translator.get()));
    }

    std::unique_ptr<QTranslator> m_translator;
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
