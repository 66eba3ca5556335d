#include "specialfoldernames.h"

#include <QStringList>

using namespace Qt::Literals::StringLiterals;

namespace {

using Use = FolderRecord::SpecialUse;

struct Names
{
    Use use;
    QStringList names;
};

const QList<Names> &knownNames()
{
    // Compared case-insensitively, after Unicode normalisation (NFC).
    static const QList<Names> names = {
            {Use::Sent,
             {u"Sent"_s,
              u"Sent Items"_s,
              u"Sent Messages"_s,
              u"Sent Mail"_s,
              u"Gesendet"_s,
              u"Gesendete Elemente"_s,
              u"Gesendete Objekte"_s,
              u"Envoyés"_s,
              u"Éléments envoyés"_s,
              u"Messages envoyés"_s,
              u"Enviados"_s,
              u"Elementos enviados"_s,
              u"Posta inviata"_s,
              u"Inviata"_s,
              u"Inviati"_s,
              u"Verzonden"_s,
              u"Verzonden items"_s,
              u"Itens enviados"_s,
              u"Skickat"_s,
              u"Skickade objekt"_s,
              u"Wysłane"_s,
              u"Отправленные"_s}},
            {Use::Drafts,
             {u"Drafts"_s, u"Draft"_s, u"Entwürfe"_s, u"Brouillons"_s, u"Borradores"_s, u"Bozze"_s,
              u"Concepten"_s, u"Rascunhos"_s, u"Utkast"_s, u"Kopie robocze"_s, u"Черновики"_s}},
            {Use::Trash,
             {u"Trash"_s,
              u"Deleted"_s,
              u"Deleted Items"_s,
              u"Deleted Messages"_s,
              u"Bin"_s,
              u"Papierkorb"_s,
              u"Gelöschte Elemente"_s,
              u"Gelöschte Objekte"_s,
              u"Corbeille"_s,
              u"Éléments supprimés"_s,
              u"Papelera"_s,
              u"Elementos eliminados"_s,
              u"Cestino"_s,
              u"Prullenbak"_s,
              u"Lixeira"_s,
              u"Lixo"_s,
              u"Itens excluídos"_s,
              u"Papperskorgen"_s,
              u"Borttagna objekt"_s,
              u"Kosz"_s,
              u"Корзина"_s,
              u"Удаленные"_s}},
            {Use::Junk,
             {u"Junk"_s, u"Spam"_s, u"Junk E-mail"_s, u"Junk Email"_s, u"Junk Mail"_s,
              u"Bulk Mail"_s, u"Courrier indésirable"_s, u"Indésirables"_s, u"Correo no deseado"_s,
              u"Posta indesiderata"_s, u"Ongewenste e-mail"_s, u"Skräppost"_s, u"Спам"_s}},
            {Use::Archive,
             {u"Archive"_s, u"Archives"_s, u"Archiv"_s, u"Archivo"_s, u"Archivio"_s, u"Archief"_s,
              u"Arquivo"_s, u"Arkiv"_s, u"Archiwum"_s, u"Архив"_s}},
    };
    return names;
}

} // namespace

FolderRecord::SpecialUse SpecialFolderNames::roleOf(const QString &path, QChar delimiter)
{
    QString name = path;
    if (!delimiter.isNull()) {
        const QStringList parts = path.split(delimiter);
        if (parts.size() > 2 || (parts.size() == 2 && !FolderRecord::isInboxPath(parts.first())))
            return Use::None;
        name = parts.last();
    }
    name = name.normalized(QString::NormalizationForm_C).trimmed();
    for (const Names &entry : knownNames()) {
        for (const QString &known : entry.names) {
            if (name.compare(known.normalized(QString::NormalizationForm_C), Qt::CaseInsensitive)
                == 0)
                return entry.use;
        }
    }
    return Use::None;
}
