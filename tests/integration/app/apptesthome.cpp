#include "apptesthome.h"

#include <QCoreApplication>
#include <QStandardPaths>
#include <QTemporaryDir>

QString AppTestHome::enter(const QTemporaryDir &home, const QString &applicationName)
{
    if (!home.isValid())
        return QStringLiteral("no temporary home: ") + home.errorString();
    qputenv("XDG_CONFIG_HOME", home.filePath(QStringLiteral("config")).toLocal8Bit());
    qputenv("XDG_DATA_HOME", home.filePath(QStringLiteral("data")).toLocal8Bit());
    qputenv("XDG_CACHE_HOME", home.filePath(QStringLiteral("cache")).toLocal8Bit());
    qputenv("HERON_DEMO_PASSWORD_FILE", home.filePath(QStringLiteral("passwords")).toLocal8Bit());
    QCoreApplication::setOrganizationName(QStringLiteral("HeronTest"));
    QCoreApplication::setApplicationName(applicationName);
    const QString data = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (!data.startsWith(home.path()))
        return QStringLiteral("the data location %1 is outside the temporary home").arg(data);
    return QString();
}
