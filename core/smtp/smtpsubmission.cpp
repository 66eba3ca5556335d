#include "smtpsubmission.h"

#include "smtp/smtpclient.h"

SmtpSubmission::SmtpSubmission(SmtpClient *client)
    : QObject(client)
    , m_client(client)
{ }

SmtpSubmission::~SmtpSubmission() = default;

QStringList SmtpSubmission::refusedRecipients() const
{
    QStringList refused;
    for (const SmtpRecipientResult &r : m_recipients) {
        if (r.reply.isValid() && !r.isAccepted())
            refused.append(r.address);
    }
    return refused;
}

void SmtpSubmission::abort()
{
    if (!m_finished && m_client)
        m_client->abort();
}
