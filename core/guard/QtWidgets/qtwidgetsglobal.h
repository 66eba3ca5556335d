#error "mailcore must not include Qt Widgets headers: widgets belong in ui/"
