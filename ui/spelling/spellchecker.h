#pragma once

#include <QString>
#include <QStringList>

#include <memory>

class Hunspell;

// Tells whether a word is spelt right in one language, and what it might have been, with a
// Hunspell dictionary (LANG.aff and LANG.dic, e.g. de_DE) and the user's own words.
//
// Dictionaries are looked for in dictionaryFolders(): HERON_DICTIONARY_PATH (folders separated
// by ':'), then the system's (/usr/share/hunspell, /usr/share/myspell). Loading one takes a
// moment, so forLanguage() loads each once and keeps it. The user's own words ("Add to
// Dictionary") count in every language; they are kept one a line in a file
// (personalDictionaryPath()).
class SpellChecker
{
public:
    ~SpellChecker();
    SpellChecker(const SpellChecker &) = delete;
    SpellChecker &operator=(const SpellChecker &) = delete;

    static QStringList dictionaryFolders();
    // The languages a dictionary is installed for, sorted ("de_DE", "en_US", ...).
    static QStringList availableLanguages();
    // The installed language that serves wanted best: the same ("de_DE"), else one of the same
    // language ("de_AT" → "de_DE", "en" → "en_US"), preferring the language's own country.
    // Empty when none does.
    static QString bestLanguage(const QString &wanted);
    // "Deutsch (Deutschland)": the language's name in itself.
    static QString displayName(const QString &language);

    // The checker for language, loaded on first use; null when no dictionary is installed.
    static std::shared_ptr<SpellChecker> forLanguage(const QString &language);

    // Where the user's own words are kept; by default in the application's data folder.
    static QString personalDictionaryPath();
    static void setPersonalDictionaryPath(const QString &path);
    // Adds word to the user's own words (every language, from now on and after a restart).
    static void addToPersonalDictionary(const QString &word);

    QString language() const { return m_language; }
    bool isCorrect(const QString &word) const;
    // What the word might have been, most likely first; at most max.
    QStringList suggestions(const QString &word, int max = 8) const;

private:
    SpellChecker(const QString &language, const QString &affixPath, const QString &dictionaryPath);
    std::string encode(const QString &text) const;
    QString decode(const std::string &bytes) const;
    void add(const QString &word);

    QString m_language;
    std::unique_ptr<Hunspell> m_hunspell;
    QByteArray m_encoding; // the dictionary's (SET in the .aff file)
};
