#pragma once

#include <QString>

class QTemporaryDir;

// Keeps the settings, cache, drafts and passwords of an application test in a temporary home:
// sets XDG_CONFIG_HOME, XDG_DATA_HOME, XDG_CACHE_HOME and HERON_DEMO_PASSWORD_FILE (home's
// "passwords", which the application reads when it exists) below home, and the application's
// name for QSettings and QStandardPaths.
class AppTestHome
{
public:
    // Empty when the application's data location is inside home, else what went wrong.
    static QString enter(const QTemporaryDir &home, const QString &applicationName);
};
