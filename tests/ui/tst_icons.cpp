// The icons: the desktop theme's where it has them, else the bundled ones in the palette's text
// colour, on dark and light palettes alike, following a change of palette.
#include "icons.h"

#include <QApplication>
#include <QDir>
#include <QImage>
#include <QPainter>
#include <QPalette>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QPalette lightPalette()
{
    QPalette palette(QColor(0xef, 0xef, 0xef));
    palette.setColor(QPalette::WindowText, QColor(0x20, 0x20, 0x20));
    palette.setColor(QPalette::Highlight, QColor(0x30, 0x60, 0xc0));
    palette.setColor(QPalette::HighlightedText, QColor(0xff, 0xff, 0xff));
    return palette;
}

QPalette darkPalette()
{
    QPalette palette(QColor(0x30, 0x30, 0x30));
    palette.setColor(QPalette::WindowText, QColor(0xe8, 0xe8, 0xe8));
    palette.setColor(QPalette::Highlight, QColor(0x80, 0xb0, 0xff));
    palette.setColor(QPalette::HighlightedText, QColor(0x10, 0x10, 0x40));
    return palette;
}

struct Pixels
{
    int visible = 0; // alpha of at least half
    int offColour = 0; // visible, and not the expected colour
};

Pixels countPixels(const QImage &image, const QColor &expected)
{
    Pixels result;
    const QImage argb = image.convertToFormat(QImage::Format_ARGB32);
    for (int y = 0; y < argb.height(); ++y) {
        for (int x = 0; x < argb.width(); ++x) {
            const QColor c = argb.pixelColor(x, y);
            if (c.alpha() < 128)
                continue;
            ++result.visible;
            if (qAbs(c.red() - expected.red()) > 8 || qAbs(c.green() - expected.green()) > 8
                || qAbs(c.blue() - expected.blue()) > 8)
                ++result.offColour;
        }
    }
    return result;
}

} // namespace

class TestIcons : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        QIcon::setThemeSearchPaths({});
        QIcon::setThemeName(u"heron-no-such-theme"_s);
    }

    void cleanup() { QApplication::setPalette(QPalette()); }

    void bundledIconsTakeTheTextColour_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("dark");
        const QStringList names = Icons::bundledNames();
        QVERIFY(names.size() >= 27);
        for (const QString &name : names) {
            if (name == "heron"_L1)
                continue;
            QTest::addRow("%s-light", qPrintable(name)) << name << false;
            QTest::addRow("%s-dark", qPrintable(name)) << name << true;
        }
    }

    void bundledIconsTakeTheTextColour()
    {
        QFETCH(QString, name);
        QFETCH(bool, dark);
        const QPalette palette = dark ? darkPalette() : lightPalette();
        QApplication::setPalette(palette);

        const QIcon icon = Icons::icon(name);
        QVERIFY(!icon.isNull());
        const Pixels normal = countPixels(icon.pixmap(QSize(48, 48)).toImage(),
                                          palette.color(QPalette::WindowText));
        QVERIFY2(normal.visible > 40, qPrintable(u"%1 visible pixels"_s.arg(normal.visible)));
        QCOMPARE(normal.offColour, 0);

        const Pixels selected = countPixels(icon.pixmap(QSize(48, 48), QIcon::Selected).toImage(),
                                            palette.color(QPalette::HighlightedText));
        QCOMPARE(selected.visible, normal.visible);
        QCOMPARE(selected.offColour, 0);
    }

    // The same QIcon, asked again after the palette changed, draws in the new colour.
    void followsAPaletteChange()
    {
        QApplication::setPalette(lightPalette());
        const QIcon icon = Icons::icon(u"mail-reply"_s);
        const QColor light = lightPalette().color(QPalette::WindowText);
        const QColor dark = darkPalette().color(QPalette::WindowText);
        QCOMPARE(countPixels(icon.pixmap(32, 32).toImage(), light).offColour, 0);

        QApplication::setPalette(darkPalette());
        const Pixels after = countPixels(icon.pixmap(32, 32).toImage(), dark);
        QVERIFY(after.visible > 20);
        QCOMPARE(after.offColour, 0);
    }

    void applicationIconKeepsItsColours()
    {
        QApplication::setPalette(darkPalette());
        const QImage image = Icons::icon(u"heron"_s).pixmap(64, 64).toImage();
        const Pixels pixels = countPixels(image, darkPalette().color(QPalette::WindowText));
        QVERIFY(pixels.visible > 1000);
        QVERIFY(pixels.offColour > pixels.visible / 2);
    }

    // A theme that has an icon under its freedesktop name wins; others stay bundled.
    void themeIconsArePreferred()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString theme = dir.filePath(u"heron-test"_s);
        QVERIFY(QDir().mkpath(theme + "/16x16/actions"_L1));
        QFile index(theme + "/index.theme"_L1);
        QVERIFY(index.open(QIODevice::WriteOnly));
        index.write("[Icon Theme]\nName=heron-test\nDirectories=16x16/actions\n\n"
                    "[16x16/actions]\nSize=16\nContext=Actions\nType=Fixed\n");
        index.close();
        QImage green(16, 16, QImage::Format_ARGB32);
        green.fill(QColor(0, 200, 0));
        QVERIFY(green.save(theme + "/16x16/actions/mail-reply-sender.png"_L1));

        QIcon::setThemeSearchPaths({dir.path()});
        QIcon::setThemeName(u"heron-test"_s);
        QApplication::setPalette(lightPalette());

        const Pixels themed = countPixels(Icons::icon(u"mail-reply"_s).pixmap(16, 16).toImage(),
                                          QColor(0, 200, 0));
        QCOMPARE(themed.visible, 16 * 16);
        QCOMPARE(themed.offColour, 0);

        const QColor text = lightPalette().color(QPalette::WindowText);
        const Pixels bundled = countPixels(Icons::icon(u"quit"_s).pixmap(16, 16).toImage(), text);
        QVERIFY(bundled.visible > 10);
        QCOMPARE(bundled.offColour, 0);
    }

    void everyNameHasAnIcon()
    {
        for (const QString &name : Icons::bundledNames())
            QVERIFY2(!Icons::bundledIcon(name).isNull(), qPrintable(name));
        QVERIFY(Icons::icon(u"no-such-icon"_s).isNull());
    }
};

QTEST_MAIN(TestIcons)
#include "tst_icons.moc"
