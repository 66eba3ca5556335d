#pragma once

#include "composerdraft.h"
#include "outbox/outboxfollowup.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <optional>

class ComposerWindow;
class QTimer;
struct OutgoingMessage;

// Keeps what is being written safe: every open composer's fields are written to a local draft
// file (<id>.json in the drafts folder) a few seconds after each change, so a crash loses at
// most those seconds. A composer closed with unsent work asks for the draft to be stored on
// the server (uploadRequested); the local file goes once that succeeded (remove()), when the
// message was sent, or when the user discarded it. Files left from an earlier session are
// listed by draftIds() so the application can open them again.
class DraftKeeper : public QObject
{
    Q_OBJECT
public:
    explicit DraftKeeper(QString directory, QObject *parent = nullptr);
    ~DraftKeeper() override;

    QString directory() const { return m_directory; }
    // The wait after the last change before saving, in milliseconds (default 3000).
    void setInterval(int msecs) { m_interval = msecs; }
    int interval() const { return m_interval; }

    // Follows composer until it closes; draftId continues a kept draft. Returns the draft's id.
    QString watch(ComposerWindow *composer, const QString &draftId = {});

    // Drafts on disk, oldest first.
    QStringList draftIds() const;
    std::optional<ComposerDraft> load(const QString &id) const;
    bool save(const QString &id, const ComposerDraft &draft);
    void remove(const QString &id);
    QString filePath(const QString &id) const;

Q_SIGNALS:
    // replaces: the copy on the server the composer was opened from (invalid when none).
    void uploadRequested(const QString &id, const QString &accountId,
                         const OutgoingMessage &message, const OutboxFollowUp &replaces);
    void saveFailed(const QString &path);

private:
    struct Watched
    {
        QPointer<ComposerWindow> composer;
        QTimer *timer = nullptr;
    };
    void saveNow(const QString &id);
    void forget(const QString &id);
    // Forgets id without looking at its composer (which may be in its destructor).
    void drop(const QString &id);

    QString m_directory;
    int m_interval = 3000;
    QHash<QString, Watched> m_watched;
};
