#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QMap>
#include <QString>

// A structured header with parameters (Content-Type, Content-Disposition):
//   value *(";" parameter), parameter = attribute "=" (token / quoted-string)
// with RFC 2231 continuations (name*0, name*1), charsets and languages (name*=utf-8'en'%E2..),
// and the non-standard RFC 2047 words inside quoted values that many mailers send.
class HeaderParameters
{
public:
    static HeaderParameters parse(QByteArrayView headerValue);

    // The value before the first ";", lower case ("text/plain", "attachment").
    QByteArray value() const { return m_value; }
    bool hasParameter(QByteArrayView name) const;
    // Decoded parameter value; name is matched case-insensitively.
    QString parameter(QByteArrayView name) const;
    QMap<QByteArray, QString> parameters() const { return m_parameters; }
    // The same parameters under another value: an invalid Content-Type read as its default
    // type keeps its name and charset.
    HeaderParameters withValue(QByteArrayView value) const
    {
        HeaderParameters copy = *this;
        copy.m_value = value.toByteArray().toLower();
        return copy;
    }

    // One parameter for writing: name="value" when value is short printable ASCII, else the
    // RFC 2231 form in UTF-8, split into name*0*=, name*1*=, ... sections of at most
    // sectionLength characters. Sections are separated by "; " and are meant to be folded
    // at the spaces.
    static QByteArray encodeParameter(QByteArrayView name, QStringView value,
                                      int sectionLength = 60);
    // A value quoted as an RFC 2045 quoted-string when it is not a token.
    static QByteArray quoteIfNeeded(QByteArrayView value);

private:
    QByteArray m_value;
    QMap<QByteArray, QString> m_parameters;
};
