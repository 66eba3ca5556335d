#pragma once

#include <QString>
#include <QStringView>

#include <functional>

// Neutralises the parts of CSS that reach outside the message: url(...), image-set(...) and
// @import. Embedded references (cid:, data:image/...) stay; each remote one is put to the
// caller's policy, which says whether it may stay; anything else becomes "none". IE's
// expression(), behavior and -moz-binding are made invalid.
//
// Escapes are decoded and comments removed first, so "u\72l(" or "@im/**/port" cannot hide
// a reference. The result is meant for a viewer, not for round trips.
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
