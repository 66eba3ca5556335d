#pragma once

#include <QLineEdit>

class QAbstractItemModel;
class QCompleter;

// A line for several recipients: completes the address being typed after the last comma from
// a model of known addresses, and keeps what was typed before it.
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
    // The typed addresses that are not plausible, marked in the field (red frame, tool tip)
    // as soon as the user leaves it, before any send is tried.
    QStringList invalidAddresses() const;
    void updateValidity();

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void updateCompletion();
    void insertCompletion(const QString &completion);
    qsizetype tokenStart() const;

    QCompleter *m_completer;
};
