#pragma once

#include <QString>

// Text as completion compares it: case-folded, accents and other marks dropped ("Jürgen" →
// "jurgen", "Ångström" → "angstrom"), and the letters without a decomposition spelt out
// ("ß" → "ss", "Ø" → "o", "Æ" → "ae", "Ł" → "l").
namespace SearchFolding {

QString fold(const QString &text);

} // namespace SearchFolding
