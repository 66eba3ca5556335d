#error "mailcore must not include Qt Gui headers: fonts, colours and icons belong in ui/"
