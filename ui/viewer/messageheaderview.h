#pragma once

#include "viewermessage.h"

#include <QWidget>

class QLabel;
class QMenu;

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

    // The menu of one address: Copy Address, Compose To, Search From. Shown by a click on an
    // address or a right click over it; parent owns it.
    QMenu *addressMenu(const QString &address, QWidget *parent);
    // The address a right click at pos (in the label's coordinates) is about: the one under the
    // pointer, else the label's only address; empty when none is.
    QString addressAt(QLabel *label, const QPoint &pos) const;
    QLabel *fromLabel() const { return m_from; }
    QLabel *toLabel() const { return m_to; }

Q_SIGNALS:
    void composeToRequested(const QString &address);
    void searchFromRequested(const QString &address);

private:
    void showAddressMenu(const QString &address, const QPoint &globalPos);
    QString addressHtml(const ViewerMessage::Address &address) const;
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
    ViewerMessage::Address m_fromAddress;
    QString m_hoveredAddress;
};
