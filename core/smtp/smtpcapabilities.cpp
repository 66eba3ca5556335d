#include "smtpcapabilities.h"

#include "smtpreply.h"

SmtpCapabilities SmtpCapabilities::fromEhloReply(const SmtpReply &reply)
{
    SmtpCapabilities caps;
    const QList<QByteArray> lines = reply.lines();
    if (lines.isEmpty())
        return caps;
    caps.m_serverName = lines.constFirst().split(' ').constFirst();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QList<QByteArray> words = lines.at(i).simplified().split(' ');
        QByteArray keyword = words.constFirst().toUpper();
        if (keyword.isEmpty())
            continue;
        QList<QByteArray> params = words.mid(1);
        const qsizetype eq = keyword.indexOf('=');
        if (eq > 0) {
            params.prepend(keyword.mid(eq + 1));
            keyword.truncate(eq);
        }
        QList<QByteArray> &known = caps.m_params[keyword];
        for (const QByteArray &p : std::as_const(params)) {
            if (!p.isEmpty() && !known.contains(p))
                known.append(p);
        }
    }
    return caps;
}

bool SmtpCapabilities::has(QByteArrayView keyword) const
{
    return m_params.contains(keyword.toByteArray().toUpper());
}

QList<QByteArray> SmtpCapabilities::parameters(QByteArrayView keyword) const
{
    return m_params.value(keyword.toByteArray().toUpper());
}

qint64 SmtpCapabilities::sizeLimit() const
{
    const QList<QByteArray> params = parameters("SIZE");
    if (params.isEmpty())
        return 0;
    bool ok = false;
    const qint64 limit = params.constFirst().toLongLong(&ok);
    return ok && limit > 0 ? limit : 0;
}

QList<QByteArray> SmtpCapabilities::authMechanisms() const
{
    QList<QByteArray> mechs;
    for (const QByteArray &m : parameters("AUTH")) {
        const QByteArray upper = m.toUpper();
        if (!mechs.contains(upper))
            mechs.append(upper);
    }
    return mechs;
}

bool SmtpCapabilities::supportsAuth(QByteArrayView mechanism) const
{
    return authMechanisms().contains(mechanism.toByteArray().toUpper());
}
