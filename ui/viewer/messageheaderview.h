#pragma once

#include "viewermessage.h"

#include <QWidget>

class QLabel;

// The header area above a message: subject, sender, recipients and date. Long recipient lists
// are folded to the first few names and "and N more", which unfolds when clicked. The date is
// written in the widget's locale.
class MessageHeaderView : public QWidget
{
    Q_OBJECT
public:
    static constexpr int FoldedRecipients = 3;

    explicit MessageHeaderView(QWidget *parent = nullptr);

    void setMessage(const ViewerMessage &message);
    // Shows no message: every field empty.
    void clear();

    QString subjectText() const;
    QString fromText() const;
    QString toText() const; // as displayed, with markup
    QString ccText() const;
    QString dateText() const;
    bool isCcVisible() const;

    void unfoldRecipients();

private:
    void updateRecipients();
    QString recipientsHtml(const QList<ViewerMessage::Address> &list, const QString &key) const;

    QLabel *m_subject;
    QLabel *m_from;
    QLabel *m_to;
    QLabel *m_ccCaption;
    QLabel *m_cc;
    QLabel *m_date;
    QList<ViewerMessage::Address> m_toList;
    QList<ViewerMessage::Address> m_ccList;
    bool m_unfolded = false;
};
