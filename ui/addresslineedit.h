#pragma once

#include <QLineEdit>

class QAbstractItemModel;
class QCompleter;

// The line a recipient is typed in (inside a RecipientField): completes the address being
// typed after the last comma from a model of known addresses, and keeps what was typed before
// it.
class AddressLineEdit : public QLineEdit
{
    Q_OBJECT
public:
    explicit AddressLineEdit(QWidget *parent = nullptr);

    // Any list model whose display role gives "Name <address>" strings, filtered here by what
    // is typed; an AddressCompletionModel is asked for its own best matches instead. Not owned.
    void setAddressModel(QAbstractItemModel *model);
    QCompleter *completer() const { return m_completer; }

    // The text of the recipient under the cursor (after the last separator).
    QString currentToken() const;

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void updateCompletion();
    void insertCompletion(const QString &completion);
    qsizetype tokenStart() const;

    QCompleter *m_completer;
};
