#pragma once

#include <QString>

// Whether the text the user wrote speaks of an attachment ("see the attached file", "anbei",
// "pièce jointe"), so that sending without one can be questioned. Quoted lines ("> ...") and
// everything from a forwarded message's header block on are not the user's words and are not
// read.
namespace AttachmentMention {

// The first word or phrase found, as written in the text; empty when none is.
QString find(const QString &plainText);

} // namespace AttachmentMention
