#include "mainwindow.h"

#include <QApplication>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Heron"));
    QCoreApplication::setApplicationName(QStringLiteral("heron"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HERON_VERSION));

    MainWindow window;
    window.show();
    return app.exec();
}
