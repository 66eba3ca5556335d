#include "menuiconstyle.h"

#include <QIconEngine>
#include <QStyleOptionMenuItem>

namespace {

// Hands out another icon's Selected pixmaps wherever Normal or Active ones are asked for.
class SelectedIconEngine : public QIconEngine
{
public:
    explicit SelectedIconEngine(const QIcon &icon)
        : m_icon(icon)
    { }

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State state) override
    {
        m_icon.paint(painter, rect, Qt::AlignCenter, selected(mode), state);
    }
    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        return m_icon.pixmap(size, selected(mode), state);
    }
    QPixmap scaledPixmap(const QSize &size, QIcon::Mode mode, QIcon::State state,
                         qreal scale) override
    {
        return m_icon.pixmap(size / scale, scale, selected(mode), state);
    }
    QSize actualSize(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        return m_icon.actualSize(size, selected(mode), state);
    }
    QIconEngine *clone() const override { return new SelectedIconEngine(m_icon); }
    QString key() const override { return QStringLiteral("SelectedIconEngine"); }

private:
    static QIcon::Mode selected(QIcon::Mode mode)
    {
        return mode == QIcon::Disabled ? QIcon::Disabled : QIcon::Selected;
    }

    QIcon m_icon;
};

} // namespace

MenuIconStyle::MenuIconStyle(QStyle *base)
    : QProxyStyle(base)
{ }

void MenuIconStyle::drawControl(ControlElement element, const QStyleOption *option,
                                QPainter *painter, const QWidget *widget) const
{
    const auto *item = qstyleoption_cast<const QStyleOptionMenuItem *>(option);
    if (element == CE_MenuItem && item && !item->icon.isNull() && (item->state & State_Selected)
        && (item->state & State_Enabled)) {
        QStyleOptionMenuItem highlighted(*item);
        highlighted.icon = QIcon(new SelectedIconEngine(item->icon));
        QProxyStyle::drawControl(element, &highlighted, painter, widget);
        return;
    }
    QProxyStyle::drawControl(element, option, painter, widget);
}
