#pragma once

class QSettings;

// How sending behaves for every account, kept in an injected QSettings: how long a message
// waits in the Outbox after Send ("composer/undoSendSeconds"), during which Undo takes it back
// into the composer. 0 sends at once.
class SendingPreferences
{
public:
    static constexpr int defaultUndoSendSeconds = 5;
    static constexpr int maximumUndoSendSeconds = 300;

    // The settings object must outlive the preferences.
    explicit SendingPreferences(QSettings *settings);

    // The delay in seconds, within 0 and maximumUndoSendSeconds; the default when unset or
    // unreadable.
    int undoSendSeconds() const;
    // Kept within 0 and maximumUndoSendSeconds.
    void setUndoSendSeconds(int seconds);

private:
    QSettings *m_settings;
};
