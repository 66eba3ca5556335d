#include "translationloader.h"

#include <QLibraryInfo>
#include <QTranslator>

QTranslator *TranslationLoader::load(const QLocale &locale, const QString &directory,
                                     QObject *parent)
{
    auto *translator = new QTranslator(parent);
    if (translator->load(locale, QStringLiteral("heron"), QStringLiteral("_"), directory))
        return translator;
    if (translator->load(QStringLiteral("heron_en"), directory))
        return translator;
    delete translator;
    return nullptr;
}

QTranslator *TranslationLoader::loadQt(const QLocale &locale, QObject *parent)
{
    auto *translator = new QTranslator(parent);
    if (translator->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                         QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        return translator;
    delete translator;
    return nullptr;
}
