#include "logging.h"

Q_LOGGING_CATEGORY(lcImap, "mail.imap", QtWarningMsg)
Q_LOGGING_CATEGORY(lcSmtp, "mail.smtp", QtWarningMsg)
Q_LOGGING_CATEGORY(lcNet, "mail.net", QtWarningMsg)
Q_LOGGING_CATEGORY(lcStore, "mail.store", QtWarningMsg)
Q_LOGGING_CATEGORY(lcMime, "mail.mime", QtWarningMsg)
