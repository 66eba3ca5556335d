#include "composerdraft.h"

#include <QJsonArray>

QJsonObject ComposerDraft::toJson() const
{
    QJsonArray refs;
    for (const QByteArray &reference : references)
        refs.append(QString::fromLatin1(reference));
    QJsonArray data;
    for (const OutgoingAttachment &a : dataAttachments)
        data.append(QJsonObject {
                {QStringLiteral("fileName"), a.fileName},
                {QStringLiteral("mimeType"), QString::fromLatin1(a.mimeType)},
                {QStringLiteral("data"), QString::fromLatin1(a.data.toBase64())},
        });
    QJsonArray images;
    for (const OutgoingAttachment &a : inlineImages)
        images.append(QJsonObject {
                {QStringLiteral("fileName"), a.fileName},
                {QStringLiteral("mimeType"), QString::fromLatin1(a.mimeType)},
                {QStringLiteral("contentId"), QString::fromLatin1(a.contentId)},
                {QStringLiteral("data"), QString::fromLatin1(a.data.toBase64())},
        });
    QJsonArray follow;
    for (const OutboxFollowUp &f : followUps)
        follow.append(QJsonObject {
                {QStringLiteral("action"), int(f.action)},
                {QStringLiteral("account"), f.accountId},
                {QStringLiteral("folder"), f.folderId},
                {QStringLiteral("uid"), qint64(f.uid)},
        });
    return QJsonObject {
            {QStringLiteral("accountId"), accountId},
            {QStringLiteral("from"), from},
            {QStringLiteral("to"), to},
            {QStringLiteral("cc"), cc},
            {QStringLiteral("bcc"), bcc},
            {QStringLiteral("subject"), subject},
            {QStringLiteral("body"), body},
            {QStringLiteral("richText"), richText},
            {QStringLiteral("spellingLanguage"), spellingLanguage},
            {QStringLiteral("attachments"), QJsonArray::fromStringList(attachments)},
            {QStringLiteral("dataAttachments"), data},
            {QStringLiteral("inlineImages"), images},
            {QStringLiteral("inReplyTo"), QString::fromLatin1(inReplyTo)},
            {QStringLiteral("references"), refs},
            {QStringLiteral("forwarded"), QString::fromLatin1(forwardedMessageId)},
            {QStringLiteral("followUps"), follow},
    };
}

ComposerDraft ComposerDraft::fromJson(const QJsonObject &json)
{
    ComposerDraft d;
    d.accountId = json.value(QStringLiteral("accountId")).toString();
    d.from = json.value(QStringLiteral("from")).toString();
    d.to = json.value(QStringLiteral("to")).toString();
    d.cc = json.value(QStringLiteral("cc")).toString();
    d.bcc = json.value(QStringLiteral("bcc")).toString();
    d.subject = json.value(QStringLiteral("subject")).toString();
    d.body = json.value(QStringLiteral("body")).toString();
    d.richText = json.value(QStringLiteral("richText")).toBool();
    d.spellingLanguage = json.value(QStringLiteral("spellingLanguage")).toString();
    for (const QJsonValue &path : json.value(QStringLiteral("attachments")).toArray())
        d.attachments.append(path.toString());
    for (const QJsonValue &value : json.value(QStringLiteral("dataAttachments")).toArray()) {
        const QJsonObject object = value.toObject();
        OutgoingAttachment a;
        a.fileName = object.value(QStringLiteral("fileName")).toString();
        a.mimeType = object.value(QStringLiteral("mimeType")).toString().toLatin1();
        a.data = QByteArray::fromBase64(object.value(QStringLiteral("data")).toString().toLatin1());
        d.dataAttachments.append(a);
    }
    for (const QJsonValue &value : json.value(QStringLiteral("inlineImages")).toArray()) {
        const QJsonObject object = value.toObject();
        OutgoingAttachment a;
        a.fileName = object.value(QStringLiteral("fileName")).toString();
        a.mimeType = object.value(QStringLiteral("mimeType")).toString().toLatin1();
        a.contentId = object.value(QStringLiteral("contentId")).toString().toLatin1();
        a.isInline = true;
        a.data = QByteArray::fromBase64(object.value(QStringLiteral("data")).toString().toLatin1());
        if (!a.contentId.isEmpty())
            d.inlineImages.append(a);
    }
    d.inReplyTo = json.value(QStringLiteral("inReplyTo")).toString().toLatin1();
    d.forwardedMessageId = json.value(QStringLiteral("forwarded")).toString().toLatin1();
    for (const QJsonValue &reference : json.value(QStringLiteral("references")).toArray())
        d.references.append(reference.toString().toLatin1());
    for (const QJsonValue &value : json.value(QStringLiteral("followUps")).toArray()) {
        const QJsonObject object = value.toObject();
        const int action = object.value(QStringLiteral("action")).toInt();
        if (action < int(OutboxFollowUp::Action::MarkAnswered)
            || action > int(OutboxFollowUp::Action::DeleteDraft))
            continue;
        OutboxFollowUp f;
        f.action = OutboxFollowUp::Action(action);
        f.accountId = object.value(QStringLiteral("account")).toString();
        f.folderId = object.value(QStringLiteral("folder")).toInteger();
        f.uid = quint32(object.value(QStringLiteral("uid")).toInteger());
        if (f.isValid())
            d.followUps.append(f);
    }
    return d;
}
