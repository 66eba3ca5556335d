// Menus with the Fusion style as Heron sets it up (--palette light or dark): the icon of the
// highlighted row is drawn in the highlighted text colour, like the row's text; the other rows'
// icons in the window's text colour.
#include "colourscheme.h"
#include "icons.h"

#include <QAction>
#include <QApplication>
#include <QImage>
#include <QMenu>
#include <QProxyStyle>
#include <QStyle>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// Pixels of a region close to a colour.
int pixelsOf(const QImage &image, const QRect &region, const QColor &colour)
{
    int count = 0;
    for (int y = region.top(); y <= region.bottom(); ++y) {
        for (int x = region.left(); x <= region.right(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (qAbs(c.red() - colour.red()) <= 12 && qAbs(c.green() - colour.green()) <= 12
                && qAbs(c.blue() - colour.blue()) <= 12)
                ++count;
        }
    }
    return count;
}

} // namespace

class TestMenuIconStyle : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QIcon::setThemeSearchPaths({});
        QIcon::setThemeName(u"heron-no-such-theme"_s);
    }

    void highlightedRowIconTakesTheHighlightedTextColour_data()
    {
        QTest::addColumn<int>("scheme");
        QTest::newRow("light") << int(ColourScheme::Scheme::Light);
        QTest::newRow("dark") << int(ColourScheme::Scheme::Dark);
    }

    void highlightedRowIconTakesTheHighlightedTextColour()
    {
        QFETCH(int, scheme);
        ColourScheme::apply(ColourScheme::Scheme(scheme));
        auto *proxy = qobject_cast<QProxyStyle *>(QApplication::style());
        QVERIFY(proxy);
        QCOMPARE(proxy->baseStyle()->name().toLower(), u"fusion"_s);
        const QPalette palette = QApplication::palette();

        QMenu menu;
        QAction *reply = menu.addAction(Icons::icon(u"mail-reply"_s), u"Reply"_s);
        QAction *trash = menu.addAction(Icons::icon(u"trash"_s), u"Delete"_s);
        menu.popup(QPoint(10, 10));
        QVERIFY(QTest::qWaitForWindowExposed(&menu));
        menu.setActiveAction(reply);
        QCOMPARE(menu.activeAction(), reply);
        const QImage image = menu.grab().toImage().convertToFormat(QImage::Format_ARGB32);

        // The icon column: the left of each row, before its text.
        const int iconColumn = menu.style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, &menu)
                               + 8;
        const auto iconArea = [&](QAction *action) {
            const QRect row = menu.actionGeometry(action);
            return QRect(row.left(), row.top(), iconColumn, row.height()) & image.rect();
        };
        const QColor text = palette.color(QPalette::Active, QPalette::WindowText);
        const QColor highlightedText = palette.color(QPalette::Active, QPalette::HighlightedText);

        const QRect highlighted = iconArea(reply);
        QVERIFY2(pixelsOf(image, highlighted, highlightedText) > 15,
                 qPrintable(u"%1 icon pixels in the highlighted text colour"_s.arg(
                         pixelsOf(image, highlighted, highlightedText))));
        QCOMPARE(pixelsOf(image, highlighted, text), 0);

        const QRect plain = iconArea(trash);
        QVERIFY2(pixelsOf(image, plain, text) > 15,
                 qPrintable(
                         u"%1 icon pixels in the text colour"_s.arg(pixelsOf(image, plain, text))));
        menu.close();
    }
};

QTEST_MAIN(TestMenuIconStyle)
#include "tst_menuiconstyle.moc"
