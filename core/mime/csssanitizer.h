#pragma once

#include <QString>
#include <QStringView>

#include <functional>

// Neutralises the parts of CSS that reach outside the message: url(...), image-set(...) and
// @import. Embedded references (cid:, data:image/...) stay; each remote one is put to the
// caller's policy, which says whether it may stay; anything else becomes "none". IE's
// expression(), behavior and -moz-binding are made invalid.
//
// Decisions are made on the tokens of CSS Syntax Level 3 (CssTokenizer), with escapes decoded,
// so "u\72l(" or "@im\70ort" cannot hide a reference; comments are dropped. What is kept is
// written as it came; where something was dropped or replaced, its neighbours are kept apart so
// that no two tokens join into a new one. The result is meant for a viewer, not for round trips.
class CssSanitizer
{
public:
    enum class Mode {
        Declarations, // the value of a style attribute (HTML-escaped by the caller)
        StyleSheet, // the content of a <style> element: "<" is escaped so it cannot end it
    };
    using RemotePolicy = std::function<bool(const QString &url)>;

    static QString sanitize(QStringView css, Mode mode, const RemotePolicy &admitRemote);
};
