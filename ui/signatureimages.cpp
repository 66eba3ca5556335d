#include "signatureimages.h"

#include <QImage>
#include <QMimeDatabase>
#include <QRegularExpression>
#include <QUuid>

namespace {

// Plain text that survives cleaning: private-use characters around the picture's number.
QString placeholder(qsizetype index)
{
    return QChar(0xE001) + QString::number(index) + QChar(0xE002);
}

} // namespace

QString SignatureImages::embed(const QString &html, const QList<OutgoingAttachment> &images)
{
    QString out = html;
    for (const OutgoingAttachment &image : images) {
        const QString reference = QStringLiteral("src=\"cid:%1\"")
                                          .arg(QString::fromLatin1(image.contentId).toHtmlEscaped());
        const QString data = QStringLiteral("src=\"data:%1;base64,%2\"")
                                     .arg(QString::fromLatin1(image.mimeType),
                                          QString::fromLatin1(image.data.toBase64()));
        out.replace(reference, data);
    }
    return out;
}

QString SignatureImages::extract(const QString &html, QList<OutgoingAttachment> *images)
{
    static const QRegularExpression
            picture(QStringLiteral(
                            "<img\\b[^>]*?\\bsrc\\s*=\\s*[\"']data:(image/[A-Za-z0-9.+-]+);base64,"
                            "([A-Za-z0-9+/=\\s]*)[\"'][^>]*>"),
                    QRegularExpression::CaseInsensitiveOption);
    QString out;
    qsizetype last = 0;
    QRegularExpressionMatchIterator it = picture.globalMatch(html);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        out += QStringView(html).mid(last, match.capturedStart() - last);
        last = match.capturedEnd();
        OutgoingAttachment image;
        image.data = QByteArray::fromBase64(match.captured(2).toLatin1());
        if (!QImage::fromData(image.data).isNull()) {
            image.mimeType = match.captured(1).toLower().toLatin1();
            const QString suffix
                    = QMimeDatabase().mimeTypeForName(match.captured(1)).preferredSuffix();
            image.fileName = QStringLiteral("signature.")
                             + (suffix.isEmpty() ? QStringLiteral("png") : suffix);
            image.contentId = QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1()
                              + "@heron";
            image.isInline = true;
            out += placeholder(images->size());
            images->append(image);
        }
    }
    out += QStringView(html).mid(last);
    return out;
}

QString SignatureImages::insertReferences(const QString &html,
                                          const QList<OutgoingAttachment> &images)
{
    QString out = html;
    for (qsizetype i = 0; i < images.size(); ++i)
        out.replace(placeholder(i),
                    QStringLiteral("<img src=\"cid:%1\" alt=\"\">")
                            .arg(QString::fromLatin1(images.at(i).contentId).toHtmlEscaped()));
    return out;
}
