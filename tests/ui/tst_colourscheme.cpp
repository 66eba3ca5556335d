// Colours come from the palette: the light and dark palettes, the colours that carry a meaning
// readable on both, and no fixed colour in the widgets' sources.
#include "colourscheme.h"

#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;

class TestColourScheme : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void names()
    {
        QCOMPARE(ColourScheme::fromName(u"dark"_s), ColourScheme::Scheme::Dark);
        QCOMPARE(ColourScheme::fromName(u" Light "_s), ColourScheme::Scheme::Light);
        QCOMPARE(ColourScheme::fromName(u"system"_s), ColourScheme::Scheme::System);
        QVERIFY(!ColourScheme::fromName(u"purple"_s));
    }

    void meaningfulColoursReadOnBoth_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }

    void meaningfulColoursReadOnBoth()
    {
        QFETCH(bool, dark);
        const QPalette palette = ColourScheme::palette(dark ? ColourScheme::Scheme::Dark
                                                            : ColourScheme::Scheme::Light);
        QCOMPARE(ColourScheme::isDark(palette), dark);
        const int window = palette.color(QPalette::Window).lightness();
        const int base = palette.color(QPalette::Base).lightness();
        QVERIFY(qAbs(palette.color(QPalette::WindowText).lightness() - window) > 150);
        QVERIFY(qAbs(palette.color(QPalette::Text).lightness() - base) > 150);
        const QList<QColor> colours = {ColourScheme::error(palette), ColourScheme::warning(palette),
                                       ColourScheme::success(palette)};
        for (const QColor &colour : colours) {
            QVERIFY2(qAbs(colour.lightness() - window) > 70, qPrintable(colour.name()));
            QVERIFY2(qAbs(colour.lightness() - base) > 70, qPrintable(colour.name()));
        }
        QVERIFY(ColourScheme::error(palette).hue() < 15);
        QVERIFY(qAbs(ColourScheme::muted(palette).lightness() - window) > 40);
        QCOMPARE(ColourScheme::cssColour(QColor(0x12, 0x34, 0x56)), u"color: #123456"_s);
    }

    // Widgets take their colours from the palette: no "#rrggbb", no QColor(r, g, b), no
    // Qt::red in ui/ (ColourScheme itself defines the two palettes).
    void noFixedColoursInTheWidgets()
    {
        static const QRegularExpression fixed(
                uR"((#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b|QColor\(\s*0x|QColor\(\s*\d|Qt::(red|green|blue|black|white|gray|darkGray|lightGray|yellow)\b))"_s);
        QStringList found;
        QDirIterator it(QStringLiteral(HERON_UI_DIR), {u"*.cpp"_s, u"*.h"_s}, QDir::Files,
                        QDirIterator::Subdirectories);
        int files = 0;
        while (it.hasNext()) {
            const QString path = it.next();
            if (path.contains("/colourscheme."_L1))
                continue;
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            ++files;
            const QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n');
            for (int i = 0; i < lines.size(); ++i)
                if (fixed.match(lines.at(i)).hasMatch())
                    found << u"%1:%2: %3"_s.arg(path).arg(i + 1).arg(lines.at(i).trimmed());
        }
        QVERIFY(files > 50);
        QVERIFY2(found.isEmpty(), qPrintable(found.join(u'\n')));
    }
};

QTEST_MAIN(TestColourScheme)
#include "tst_colourscheme.moc"
