#include "identitylisteditor.h"
#include "colourscheme.h"

#include "addresslist.h"
#include "composerformatbar.h"
#include "composerhtmlwriter.h"
#include "htmlcomposereditor.h"
#include "signatureimages.h"
#include "spellchecker.h"

#include <QAction>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

IdentityListEditor::IdentityListEditor(QWidget *parent)
    : QWidget(parent)
    , m_list(new QListWidget)
    , m_name(new QLineEdit)
    , m_address(new QLineEdit)
    , m_replyTo(new QLineEdit)
    , m_language(new QComboBox)
    , m_signature(new QPlainTextEdit)
    , m_htmlSignature(new HtmlComposerEditor)
    , m_formatBar(new ComposerFormatBar(m_htmlSignature))
    , m_signatureError(new QLabel)
    , m_add(new QPushButton(tr("A&dd")))
    , m_remove(new QPushButton(tr("&Remove")))
    , m_default(new QPushButton(tr("Make De&fault")))
    , m_addressError(new QLabel)
    , m_replyToError(new QLabel)
{
    m_list->setObjectName(QStringLiteral("identities"));
    m_name->setObjectName(QStringLiteral("name"));
    m_address->setObjectName(QStringLiteral("address"));
    m_replyTo->setObjectName(QStringLiteral("replyTo"));
    m_language->setObjectName(QStringLiteral("language"));
    m_language->setToolTip(tr("The language the composer checks the spelling in"));
    m_language->addItem(tr("The system's language"), QString());
    for (const QString &language : SpellChecker::availableLanguages())
        m_language->addItem(SpellChecker::displayName(language), language);
    m_signature->setObjectName(QStringLiteral("signature"));
    m_add->setObjectName(QStringLiteral("addIdentity"));
    m_remove->setObjectName(QStringLiteral("removeIdentity"));
    m_default->setObjectName(QStringLiteral("defaultIdentity"));
    m_address->setPlaceholderText(tr("you@example.org"));
    m_replyTo->setPlaceholderText(tr("Replies go to the address above"));
    m_signature->setPlaceholderText(
            tr("Put under new messages, replies and forwards after a “-- ” line"));
    m_signature->setMaximumHeight(80);
    m_htmlSignature->setObjectName(QStringLiteral("htmlSignature"));
    m_htmlSignature->setAcceptRichText(true);
    m_htmlSignature->setPlaceholderText(
            tr("Put under messages written in HTML: paste or type it with its formatting. "
               "Empty: the signature above"));
    m_htmlSignature->setMaximumHeight(100);
    // The composer's tools, always in HTML mode. Their keys work while the signature is edited,
    // not in the dialog's other fields.
    m_formatBar->setObjectName(QStringLiteral("signatureFormatBar"));
    m_formatBar->setHtmlMode(true);
    for (QAction *action : m_formatBar->formatActions()) {
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        m_htmlSignature->addAction(action);
    }
    // Every tool in sight, the picture too: the field is at least as wide as the bar.
    m_formatBar->setMinimumWidth(m_formatBar->sizeHint().width());
    m_signatureError->setObjectName(QStringLiteral("signatureError"));
    m_signatureError->setWordWrap(true);
    m_signatureError->hide();
    connect(m_formatBar, &ComposerFormatBar::problem, this, [this](const QString &text) {
        m_signatureError->setText(text);
        m_signatureError->show();
    });
    m_list->setMaximumHeight(80);
    for (QLabel *label : {m_addressError, m_replyToError, m_signatureError}) {
        label->setStyleSheet(ColourScheme::cssColour(ColourScheme::error(palette())));
        label->setWordWrap(true);
        label->hide();
    }
    m_addressError->setObjectName(QStringLiteral("addressError"));
    m_replyToError->setObjectName(QStringLiteral("replyToError"));

    auto *buttons = new QVBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addWidget(m_default);
    buttons->addStretch(1);
    auto *top = new QHBoxLayout;
    top->addWidget(m_list, 1);
    top->addLayout(buttons);

    auto *form = new QFormLayout;
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Your n&ame:"), m_name);
    form->addRow(tr("E-mail &address:"), m_address);
    form->addRow(QString(), m_addressError);
    form->addRow(tr("Re&ply to:"), m_replyTo);
    form->addRow(QString(), m_replyToError);
    form->addRow(tr("Si&gnature:"), m_signature);
    auto *htmlSignature = new QVBoxLayout;
    htmlSignature->setSpacing(0);
    htmlSignature->addWidget(m_formatBar);
    htmlSignature->addWidget(m_htmlSignature);
    htmlSignature->addWidget(m_signatureError);
    form->addRow(tr("HTML signa&ture:"), htmlSignature);
    if (auto *label = qobject_cast<QLabel *>(form->labelForField(htmlSignature)))
        label->setBuddy(m_htmlSignature);
    form->addRow(tr("Lang&uage:"), m_language);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addLayout(form);

    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0 && row != m_current)
            setCurrentIndex(row);
    });
    for (QLineEdit *field : {m_name, m_address, m_replyTo})
        connect(field, &QLineEdit::textChanged, this, &IdentityListEditor::storeField);
    connect(m_signature, &QPlainTextEdit::textChanged, this, &IdentityListEditor::storeField);
    connect(m_htmlSignature, &QTextEdit::textChanged, this, &IdentityListEditor::storeField);
    connect(m_language, &QComboBox::currentIndexChanged, this, &IdentityListEditor::storeField);
    connect(m_add, &QPushButton::clicked, this, &IdentityListEditor::addIdentity);
    connect(m_remove, &QPushButton::clicked, this, &IdentityListEditor::removeCurrent);
    connect(m_default, &QPushButton::clicked, this, &IdentityListEditor::makeCurrentDefault);

    setIdentities({});
}

void IdentityListEditor::setIdentities(const QList<Identity> &identities)
{
    m_identities = identities;
    if (m_identities.isEmpty())
        m_identities.append(Identity());
    m_current = 0;
    refreshList();
    showCurrent();
}

QList<Identity> IdentityListEditor::identities() const
{
    QList<Identity> out = m_identities;
    for (Identity &identity : out) {
        identity.name = identity.name.trimmed();
        identity.address = identity.address.trimmed();
        identity.replyTo = identity.replyTo.trimmed();
    }
    return out;
}

void IdentityListEditor::setCurrentIndex(int index)
{
    if (index < 0 || index >= m_identities.size())
        return;
    m_current = index;
    showCurrent();
}

void IdentityListEditor::addIdentity()
{
    Identity identity;
    identity.name = m_identities.value(m_current).name;
    m_identities.append(identity);
    refreshList();
    setCurrentIndex(int(m_identities.size()) - 1);
    m_address->setFocus();
}

void IdentityListEditor::removeCurrent()
{
    if (m_identities.size() < 2)
        return;
    const bool wasDefault = m_current == 0;
    m_identities.removeAt(m_current);
    m_current = qMin(m_current, int(m_identities.size()) - 1);
    refreshList();
    showCurrent();
    if (wasDefault)
        Q_EMIT defaultAddressChanged(m_identities.constFirst().address.trimmed());
}

void IdentityListEditor::makeCurrentDefault()
{
    if (m_current <= 0)
        return;
    m_identities.move(m_current, 0);
    m_current = 0;
    refreshList();
    showCurrent();
    Q_EMIT defaultAddressChanged(m_identities.constFirst().address.trimmed());
}

void IdentityListEditor::showCurrent()
{
    const Identity &identity = m_identities.at(m_current);
    m_showing = true;
    m_name->setText(identity.name);
    m_address->setText(identity.address);
    m_replyTo->setText(identity.replyTo);
    m_signature->setPlainText(identity.signature);
    // Its pictures, kept in it as data: URLs, are inline images while it is edited.
    QList<OutgoingAttachment> images;
    m_htmlSignature->setHtml(
            SignatureImages::insertReferences(SignatureImages::extract(identity.htmlSignature,
                                                                       &images),
                                              images));
    for (const OutgoingAttachment &image : std::as_const(images))
        m_htmlSignature->addInlineImage(image);
    m_signatureError->hide();
    if (m_language->findData(identity.language) < 0) // set, but no dictionary installed
        m_language->addItem(identity.language, identity.language);
    m_language->setCurrentIndex(m_language->findData(identity.language));
    m_showing = false;
    {
        const QSignalBlocker blocker(m_list);
        m_list->setCurrentRow(m_current);
    }
    m_remove->setEnabled(m_identities.size() > 1);
    m_default->setEnabled(m_current > 0);
    m_addressError->hide();
    m_replyToError->hide();
}

void IdentityListEditor::storeField()
{
    if (m_showing)
        return;
    Identity &identity = m_identities[m_current];
    const QString oldAddress = identity.address;
    identity.name = m_name->text();
    identity.address = m_address->text();
    identity.replyTo = m_replyTo->text();
    identity.signature = m_signature->toPlainText();
    identity.htmlSignature = m_htmlSignature->toPlainText().trimmed().isEmpty()
                                     ? QString()
                                     : SignatureImages::embed(ComposerHtmlWriter::writeBody(
                                                                      m_htmlSignature->document()),
                                                              m_htmlSignature->inlineImages());
    identity.language = m_language->currentData().toString();
    if (QListWidgetItem *item = m_list->item(m_current))
        item->setText(itemText(m_current));
    if (m_current == 0 && oldAddress != identity.address)
        Q_EMIT defaultAddressChanged(identity.address.trimmed());
}

QString IdentityListEditor::itemText(int index) const
{
    const Identity &identity = m_identities.at(index);
    QString text = identity.address.trimmed().isEmpty()
                           ? tr("(no address yet)")
                           : AddressList::format(MailAddress {identity.name.trimmed(),
                                                              identity.address.trimmed()});
    if (index == 0)
        text = tr("%1 — default").arg(text);
    return text;
}

void IdentityListEditor::refreshList()
{
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    for (int i = 0; i < m_identities.size(); ++i)
        m_list->addItem(itemText(i));
    m_list->setCurrentRow(m_current);
}
