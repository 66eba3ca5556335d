#pragma once

#include <QProxyStyle>

// Fusion draws the icon of a highlighted menu row in the icon's Active mode, which for Heron's
// own icons is the window's text colour: a dark icon on the dark highlight of a light palette.
// This style draws it in Selected mode instead, the highlighted text colour, as the row's text
// is drawn; everything else is the base style's.
class MenuIconStyle : public QProxyStyle
{
    Q_OBJECT
public:
    // Takes ownership of base.
    explicit MenuIconStyle(QStyle *base);

    void drawControl(ControlElement element, const QStyleOption *option, QPainter *painter,
                     const QWidget *widget = nullptr) const override;
};
