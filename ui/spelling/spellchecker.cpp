#include "spellchecker.h"

#include <hunspell.hxx>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QLocale>
#include <QSaveFile>
#include <QStandardPaths>
#include <QStringDecoder>
#include <QStringEncoder>

namespace {

struct Registry
{
    // Kept while the application runs: the next composer needs them again.
    QHash<QString, std::shared_ptr<SpellChecker>> loaded;
    QString personalPath;
    QStringList personalWords;
    bool personalRead = false;
};

Registry &registry()
{
    static Registry instance;
    return instance;
}

QStringList readPersonalWords()
{
    Registry &r = registry();
    if (!r.personalRead) {
        r.personalRead = true;
        QFile file(SpellChecker::personalDictionaryPath());
        if (file.open(QIODevice::ReadOnly | QIODevice::Text)) {
            const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
            for (const QString &line : lines) {
                if (!line.trimmed().isEmpty())
                    r.personalWords.append(line.trimmed());
            }
        }
    }
    return r.personalWords;
}

} // namespace

SpellChecker::SpellChecker(const QString &language, const QString &affixPath,
                           const QString &dictionaryPath)
    : m_language(language)
    , m_hunspell(std::make_unique<Hunspell>(QFile::encodeName(affixPath).constData(),
                                            QFile::encodeName(dictionaryPath).constData()))
    , m_encoding(QByteArray::fromStdString(m_hunspell->get_dict_encoding()))
{ }

SpellChecker::~SpellChecker() = default;

QStringList SpellChecker::dictionaryFolders()
{
    QStringList folders;
    const QString extra = qEnvironmentVariable("HERON_DICTIONARY_PATH");
    for (const QString &folder : extra.split(QLatin1Char(':'), Qt::SkipEmptyParts))
        folders.append(folder);
    folders << QStringLiteral("/usr/share/hunspell") << QStringLiteral("/usr/share/myspell")
            << QStringLiteral("/usr/share/myspell/dicts");
    return folders;
}

QStringList SpellChecker::availableLanguages()
{
    QStringList languages;
    for (const QString &folder : dictionaryFolders()) {
        const QDir dir(folder);
        const QStringList dictionaries = dir.entryList({QStringLiteral("*.dic")}, QDir::Files);
        for (const QString &name : dictionaries) {
            const QString language = name.chopped(4);
            // Hyphenation patterns (hyph_*.dic) share the extension.
            if (language.startsWith(QLatin1String("hyph_"))
                || !dir.exists(language + QStringLiteral(".aff")) || languages.contains(language))
                continue;
            languages.append(language);
        }
    }
    languages.sort();
    return languages;
}

QString SpellChecker::bestLanguage(const QString &wanted)
{
    const QString name = QString(wanted).replace(QLatin1Char('-'), QLatin1Char('_'));
    const QStringList available = availableLanguages();
    if (name.isEmpty())
        return {};
    if (available.contains(name))
        return name;
    const QString prefix = name.section(QLatin1Char('_'), 0, 0);
    // The language's own country first: de_DE for de, fr_FR for fr_CA.
    const QString home = prefix + QLatin1Char('_') + prefix.toUpper();
    if (available.contains(home))
        return home;
    for (const QString &language : available) {
        if (language.section(QLatin1Char('_'), 0, 0) == prefix)
            return language;
    }
    return {};
}

QString SpellChecker::displayName(const QString &language)
{
    const QLocale locale(language);
    if (locale.language() == QLocale::C)
        return language;
    const QString territory = locale.nativeTerritoryName();
    const QString name = locale.nativeLanguageName();
    return territory.isEmpty() ? name : QStringLiteral("%1 (%2)").arg(name, territory);
}

std::shared_ptr<SpellChecker> SpellChecker::forLanguage(const QString &language)
{
    Registry &r = registry();
    if (std::shared_ptr<SpellChecker> loaded = r.loaded.value(language))
        return loaded;
    for (const QString &folder : dictionaryFolders()) {
        const QString affix = folder + QLatin1Char('/') + language + QStringLiteral(".aff");
        const QString dictionary = folder + QLatin1Char('/') + language + QStringLiteral(".dic");
        if (!QFileInfo::exists(affix) || !QFileInfo::exists(dictionary))
            continue;
        std::shared_ptr<SpellChecker> checker(new SpellChecker(language, affix, dictionary));
        for (const QString &word : readPersonalWords())
            checker->add(word);
        r.loaded.insert(language, checker);
        return checker;
    }
    return nullptr;
}

QString SpellChecker::personalDictionaryPath()
{
    Registry &r = registry();
    if (r.personalPath.isEmpty())
        return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
               + QStringLiteral("/personal-dictionary.txt");
    return r.personalPath;
}

void SpellChecker::setPersonalDictionaryPath(const QString &path)
{
    Registry &r = registry();
    r.personalPath = path;
    r.personalWords.clear();
    r.personalRead = false;
    r.loaded.clear(); // checkers loaded from now on read the other file
}

void SpellChecker::addToPersonalDictionary(const QString &word)
{
    const QString trimmed = word.trimmed();
    if (trimmed.isEmpty())
        return;
    Registry &r = registry();
    readPersonalWords();
    if (!r.personalWords.contains(trimmed)) {
        r.personalWords.append(trimmed);
        QDir().mkpath(QFileInfo(personalDictionaryPath()).absolutePath());
        QSaveFile file(personalDictionaryPath());
        if (file.open(QIODevice::WriteOnly | QIODevice::Text)) {
            file.write(r.personalWords.join(QLatin1Char('\n')).toUtf8() + '\n');
            file.commit();
        }
    }
    for (const std::shared_ptr<SpellChecker> &checker : std::as_const(r.loaded))
        checker->add(trimmed);
}

std::string SpellChecker::encode(const QString &text) const
{
    QStringEncoder encoder(m_encoding.constData());
    if (!encoder.isValid())
        return text.toStdString();
    const QByteArray bytes = encoder.encode(text);
    return encoder.hasError() ? std::string() : bytes.toStdString();
}

QString SpellChecker::decode(const std::string &bytes) const
{
    QStringDecoder decoder(m_encoding.constData());
    if (!decoder.isValid())
        return QString::fromStdString(bytes);
    return decoder.decode(QByteArrayView(bytes.data(), qsizetype(bytes.size())));
}

void SpellChecker::add(const QString &word)
{
    const std::string encoded = encode(word);
    if (!encoded.empty())
        m_hunspell->add(encoded);
}

bool SpellChecker::isCorrect(const QString &word) const
{
    const std::string encoded = encode(word);
    // A word the dictionary's character set cannot hold is not marked.
    return encoded.empty() || m_hunspell->spell(encoded);
}

QStringList SpellChecker::suggestions(const QString &word, int max) const
{
    const std::string encoded = encode(word);
    if (encoded.empty())
        return {};
    QStringList found;
    for (const std::string &suggestion : m_hunspell->suggest(encoded)) {
        if (found.size() >= max)
            break;
        found.append(decode(suggestion));
    }
    return found;
}
