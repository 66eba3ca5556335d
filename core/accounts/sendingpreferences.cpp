#include "sendingpreferences.h"

#include <QSettings>

#include <algorithm>

namespace {
const QString undoSendKey = QStringLiteral("composer/undoSendSeconds");
} // namespace

SendingPreferences::SendingPreferences(QSettings *settings)
    : m_settings(settings)
{ }

int SendingPreferences::undoSendSeconds() const
{
    bool ok = false;
    const int seconds = m_settings->value(undoSendKey, defaultUndoSendSeconds).toInt(&ok);
    if (!ok)
        return defaultUndoSendSeconds;
    return std::clamp(seconds, 0, maximumUndoSendSeconds);
}

void SendingPreferences::setUndoSendSeconds(int seconds)
{
    m_settings->setValue(undoSendKey, std::clamp(seconds, 0, maximumUndoSendSeconds));
}
