#include "messageheaderview.h"

#include <QAction>
#include <QClipboard>
#include <QGridLayout>
#include <QGuiApplication>
#include <QLabel>
#include <QMenu>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace {

const QString addressScheme = u"heron-address:"_s;

QLabel *caption(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setAlignment(Qt::AlignRight | Qt::AlignTop);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

QLabel *value(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setTextFormat(Qt::RichText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::LinksAccessibleByMouse);
    return label;
}

} // namespace

MessageHeaderView::MessageHeaderView(QWidget *parent)
    : QWidget(parent)
    , m_subject(new QLabel(this))
    , m_from(value(this))
    , m_to(value(this))
    , m_ccCaption(caption(tr("Cc:"), this))
    , m_cc(value(this))
    , m_date(new QLabel(this))
{
    QFont subjectFont = m_subject->font();
    subjectFont.setBold(true);
    subjectFont.setPointSizeF(subjectFont.pointSizeF() * 1.25);
    m_subject->setFont(subjectFont);
    m_subject->setWordWrap(true);
    m_subject->setTextFormat(Qt::PlainText);
    m_subject->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_date->setForegroundRole(QPalette::PlaceholderText);
    m_date->setAlignment(Qt::AlignRight | Qt::AlignTop);

    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(8, 8, 8, 4);
    grid->setVerticalSpacing(2);
    grid->addWidget(m_subject, 0, 0, 1, 2);
    grid->addWidget(m_date, 0, 2);
    grid->addWidget(caption(tr("From:"), this), 1, 0);
    grid->addWidget(m_from, 1, 1, 1, 2);
    grid->addWidget(caption(tr("To:"), this), 2, 0);
    grid->addWidget(m_to, 2, 1, 1, 2);
    grid->addWidget(m_ccCaption, 3, 0);
    grid->addWidget(m_cc, 3, 1, 1, 2);
    grid->setColumnStretch(1, 1);

    auto onLink = [this](const QString &link) {
        if (link.startsWith(u"heron-more:"))
            unfoldRecipients();
        else if (link.startsWith(addressScheme))
            showAddressMenu(QUrl::fromPercentEncoding(link.mid(addressScheme.size()).toUtf8()),
                            QCursor::pos());
    };
    for (QLabel *label : {m_from, m_to, m_cc}) {
        connect(label, &QLabel::linkActivated, this, onLink);
        connect(label, &QLabel::linkHovered, this, [this](const QString &link) {
            m_hoveredAddress = link.startsWith(addressScheme) ? QUrl::fromPercentEncoding(
                                       link.mid(addressScheme.size()).toUtf8())
                                                              : QString();
        });
        label->setContextMenuPolicy(Qt::CustomContextMenu);
        connect(label, &QWidget::customContextMenuRequested, this, [this, label](const QPoint &pos) {
            const QString address = addressAt(label, pos);
            if (!address.isEmpty())
                showAddressMenu(address, label->mapToGlobal(pos));
        });
    }
}

QString MessageHeaderView::addressHtml(const ViewerMessage::Address &address) const
{
    const QString text = address.displayText().toHtmlEscaped();
    if (address.address.isEmpty())
        return text;
    return u"<a href=\""_s + addressScheme
           + QString::fromUtf8(QUrl::toPercentEncoding(address.address)) + u"\">"_s + text
           + u"</a>"_s;
}

QString MessageHeaderView::addressAt(QLabel *label, const QPoint &pos) const
{
    Q_UNUSED(pos);
    if (!m_hoveredAddress.isEmpty() && label->underMouse())
        return m_hoveredAddress;
    if (label == m_from)
        return m_fromAddress.address;
    const QList<ViewerMessage::Address> &list = label == m_to ? m_toList : m_ccList;
    return list.size() == 1 ? list.first().address : QString();
}

QMenu *MessageHeaderView::addressMenu(const QString &address, QWidget *parent)
{
    auto *menu = new QMenu(parent);
    menu->setObjectName(u"addressMenu"_s);
    QAction *copy = menu->addAction(tr("&Copy Address"));
    copy->setObjectName(u"copyAddress"_s);
    connect(copy, &QAction::triggered, this,
            [address] { QGuiApplication::clipboard()->setText(address); });
    QAction *compose = menu->addAction(tr("C&ompose To…"));
    compose->setObjectName(u"composeTo"_s);
    connect(compose, &QAction::triggered, this,
            [this, address] { Q_EMIT composeToRequested(address); });
    QAction *search = menu->addAction(tr("&Search Messages From"));
    search->setObjectName(u"searchFrom"_s);
    connect(search, &QAction::triggered, this,
            [this, address] { Q_EMIT searchFromRequested(address); });
    return menu;
}

void MessageHeaderView::showAddressMenu(const QString &address, const QPoint &globalPos)
{
    QMenu *menu = addressMenu(address, this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(globalPos);
}

void MessageHeaderView::setMessage(const ViewerMessage &message)
{
    m_subject->setText(message.subject.isEmpty() ? tr("(no subject)") : message.subject);
    m_fromAddress = message.from;
    m_from->setText(addressHtml(message.from));
    const QDateTime local = message.date.toLocalTime();
    m_date->setText(message.date.isValid()
                            ? locale().toString(local.date(), QLocale::LongFormat) + u' '
                                      + locale().toString(local.time(), QLocale::ShortFormat)
                            : QString());
    m_toList = message.to;
    m_ccList = message.cc;
    m_unfolded = false;
    updateRecipients();
}

void MessageHeaderView::clear()
{
    m_subject->clear();
    m_from->clear();
    m_fromAddress = {};
    m_hoveredAddress.clear();
    m_date->clear();
    m_toList.clear();
    m_ccList.clear();
    m_unfolded = false;
    updateRecipients();
}

QString MessageHeaderView::recipientsHtml(const QList<ViewerMessage::Address> &list,
                                          const QString &key) const
{
    const qsizetype shown = m_unfolded ? list.size()
                                       : qMin<qsizetype>(list.size(), FoldedRecipients);
    QStringList parts;
    for (qsizetype i = 0; i < shown; ++i)
        parts << addressHtml(list[i]);
    QString html = parts.join(u", "_s);
    if (shown < list.size()) {
        html += u" <a href=\"heron-more:"_s + key + u"\">"_s
                + tr("and %n more", nullptr, int(list.size() - shown)) + u"</a>"_s;
    }
    return html;
}

void MessageHeaderView::updateRecipients()
{
    m_to->setText(recipientsHtml(m_toList, u"to"_s));
    m_cc->setText(recipientsHtml(m_ccList, u"cc"_s));
    m_cc->setVisible(!m_ccList.isEmpty());
    m_ccCaption->setVisible(!m_ccList.isEmpty());
}

void MessageHeaderView::unfoldRecipients()
{
    m_unfolded = true;
    updateRecipients();
}

QString MessageHeaderView::subjectText() const
{
    return m_subject->text();
}

QString MessageHeaderView::fromText() const
{
    return m_from->text();
}

QString MessageHeaderView::toText() const
{
    return m_to->text();
}

QString MessageHeaderView::ccText() const
{
    return m_cc->text();
}

QString MessageHeaderView::dateText() const
{
    return m_date->text();
}

bool MessageHeaderView::isCcVisible() const
{
    return !m_cc->isHidden();
}
