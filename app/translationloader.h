#pragma once

#include <QLocale>
#include <QString>

class QObject;
class QTranslator;

// Finds Heron's own translation for a locale among the .qm files in a directory (":/i18n" in
// the application). A language without a translation of its own reads the English source texts
// and gets the English plural forms (heron_en: "1 attachment", "3 attachments").
class TranslationLoader
{
public:
    // A translator for locale, owned by parent, or null when not even English was found.
    static QTranslator *load(const QLocale &locale, const QString &directory, QObject *parent);
    // Qt's own translation for locale (qtbase: file dialogs, standard buttons, the command line
    // help) from Qt's translations folder, owned by parent; null when Qt has none installed.
    static QTranslator *loadQt(const QLocale &locale, QObject *parent);
};
