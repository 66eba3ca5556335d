<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AccountCredentials</name>
    <message>
        <source>The keychain did not answer</source>
        <translation>Der Schlüsselbund hat nicht geantwortet</translation>
    </message>
    <message>
        <source>The password could not be stored (%1); it is kept until Heron quits.</source>
        <translation>Das Passwort konnte nicht gespeichert werden (%1); es bleibt erhalten, bis Heron beendet wird.</translation>
    </message>
    <message>
        <source>Not signed in with %1 yet.</source>
        <translation>Noch nicht bei %1 angemeldet.</translation>
    </message>
    <message>
        <source>The sign-in with %1 could not be read from the keychain: %2</source>
        <translation>Die Anmeldung bei %1 konnte nicht aus dem Schlüsselbund gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 no longer accepts this sign-in: %2</source>
        <translation>%1 akzeptiert diese Anmeldung nicht mehr: %2</translation>
    </message>
    <message>
        <source>The sign-in with %1 failed: %2</source>
        <translation>Die Anmeldung bei %1 ist fehlgeschlagen: %2</translation>
    </message>
</context>
<context>
    <name>AccountDialog</name>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>&amp;Identity</source>
        <translation>&amp;Identität</translation>
    </message>
    <message>
        <source>&amp;Servers</source>
        <translation>&amp;Server</translation>
    </message>
    <message>
        <source>A&amp;dvanced</source>
        <translation>&amp;Erweitert</translation>
    </message>
    <message>
        <source>SSL/TLS</source>
        <translation>SSL/TLS</translation>
    </message>
    <message>
        <source>STARTTLS</source>
        <translation>STARTTLS</translation>
    </message>
    <message>
        <source>None (unencrypted)</source>
        <translation>Keine (unverschlüsselt)</translation>
    </message>
    <message>
        <source>e.g. Work</source>
        <translation>z. B. Arbeit</translation>
    </message>
    <message>
        <source>Account &amp;name:</source>
        <translation>Konto&amp;name:</translation>
    </message>
    <message>
        <source>imap.example.org</source>
        <translation>imap.example.org</translation>
    </message>
    <message>
        <source>smtp.example.org</source>
        <translation>smtp.example.org</translation>
    </message>
    <message>
        <source>Without encryption, your password and your mail travel readable by anyone on the network.</source>
        <translation>Ohne Verschlüsselung sind Ihr Passwort und Ihre E-Mails für jeden im Netzwerk lesbar.</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <source>PLAIN</source>
        <translation>PLAIN</translation>
    </message>
    <message>
        <source>LOGIN</source>
        <translation>LOGIN</translation>
    </message>
    <message>
        <source>Incoming mail (IMAP)</source>
        <translation>Posteingang (IMAP)</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Server:</translation>
    </message>
    <message>
        <source>Security:</source>
        <translation>Sicherheit:</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>Port:</translation>
    </message>
    <message>
        <source>Outgoing mail (SMTP)</source>
        <translation>Postausgang (SMTP)</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>Anmeldung</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>Authentication:</source>
        <translation>Authentifizierung:</translation>
    </message>
    <message>
        <source>Only the system&apos;s certificate authorities</source>
        <translation>Nur die Zertifizierungsstellen des Systems</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen …</translation>
    </message>
    <message>
        <source>Certificate Authority File</source>
        <translation>Datei der Zertifizierungsstelle</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt)</source>
        <translation>Zertifikate (*.pem *.crt)</translation>
    </message>
    <message>
        <source>&amp;Forget Trusted Certificates</source>
        <translation>Vertrauenswürdige Zertifikate &amp;vergessen</translation>
    </message>
    <message>
        <source>Extra CA file:</source>
        <translation>Zusätzliche CA-Datei:</translation>
    </message>
    <message>
        <source>Trusted certificates:</source>
        <translation>Vertrauenswürdige Zertifikate:</translation>
    </message>
    <message>
        <source>Enter your e-mail address.</source>
        <translation>Geben Sie Ihre E-Mail-Adresse ein.</translation>
    </message>
    <message>
        <source>“%1” is not a valid e-mail address.</source>
        <translation>„%1“ ist keine gültige E-Mail-Adresse.</translation>
    </message>
    <message>
        <source>Enter the server name.</source>
        <translation>Geben Sie den Servernamen ein.</translation>
    </message>
    <message>
        <source>Enter only the server name, like mail.example.org.</source>
        <translation>Geben Sie nur den Servernamen ein, etwa mail.example.org.</translation>
    </message>
    <message>
        <source>The port must be a number from 1 to 65535.</source>
        <translation>Der Port muss eine Zahl von 1 bis 65535 sein.</translation>
    </message>
    <message>
        <source>Enter the user name of your mail account.</source>
        <translation>Geben Sie den Benutzernamen Ihres E-Mail-Kontos ein.</translation>
    </message>
    <message>
        <source>The file “%1” cannot be read.</source>
        <translation>Die Datei „%1“ kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>None. Certificates are checked against the system&apos;s authorities.</source>
        <translation>Keine. Zertifikate werden mit den Zertifizierungsstellen des Systems geprüft.</translation>
    </message>
    <message numerus="yes">
        <source>%n certificate(s) trusted by fingerprint.</source>
        <translation>
            <numerusform>%n Zertifikat über den Fingerabdruck als vertrauenswürdig gespeichert.</numerusform>
            <numerusform>%n Zertifikate über den Fingerabdruck als vertrauenswürdig gespeichert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Same as the e-mail address</source>
        <translation>Wie die E-Mail-Adresse</translation>
    </message>
    <message>
        <source>This server has its own user name and password</source>
        <translation>Dieser Server hat einen eigenen Benutzernamen und ein eigenes Passwort</translation>
    </message>
    <message>
        <source>&amp;Find Settings</source>
        <translation>Einstellungen &amp;finden</translation>
    </message>
    <message>
        <source>Identities — the addresses you send from:</source>
        <translation>Identitäten — die Adressen, von denen Sie senden:</translation>
    </message>
    <message>
        <source>OAuth 2.0 (XOAUTH2)</source>
        <translation>OAuth 2.0 (XOAUTH2)</translation>
    </message>
    <message>
        <source>OAuth 2.0 (OAUTHBEARER)</source>
        <translation>OAuth 2.0 (OAUTHBEARER)</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>Benutzername:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Passwort:</translation>
    </message>
    <message>
        <source>Look up the servers of your e-mail address. Nothing is sent to them until you test or save.</source>
        <translation>Die Server Ihrer E-Mail-Adresse ermitteln. An sie wird nichts gesendet, bis Sie testen oder speichern.</translation>
    </message>
    <message>
        <source>Heron can look up these settings from your e-mail address.</source>
        <translation>Heron kann diese Einstellungen anhand Ihrer E-Mail-Adresse ermitteln.</translation>
    </message>
    <message>
        <source>Enter your e-mail address on the Identity page first.</source>
        <translation>Geben Sie zuerst auf der Seite „Identität“ Ihre E-Mail-Adresse ein.</translation>
    </message>
    <message>
        <source>Looking up the servers of %1…</source>
        <translation>Server für %1 werden ermittelt …</translation>
    </message>
    <message>
        <source>Found %1 and %2, %3; the servers you typed are kept.</source>
        <translation>%1 und %2 gefunden, %3; die von Ihnen eingegebenen Server bleiben erhalten.</translation>
    </message>
    <message>
        <source>Only part of the settings was found (%1). Fill in the rest below.</source>
        <translation>Es wurde nur ein Teil der Einstellungen gefunden (%1). Ergänzen Sie den Rest unten.</translation>
    </message>
    <message>
        <source>No settings were found (%1). Enter your servers below.</source>
        <translation>Es wurden keine Einstellungen gefunden (%1). Geben Sie Ihre Server unten ein.</translation>
    </message>
    <message>
        <source>Found %1 and %2, %3. Check them, enter your password, then test or save.</source>
        <translation>%1 und %2 gefunden, %3. Prüfen Sie die Angaben, geben Sie Ihr Passwort ein und testen oder speichern Sie dann.</translation>
    </message>
    <message>
        <source>Access &amp;token:</source>
        <translation>&amp;Zugriffstoken:</translation>
    </message>
    <message>
        <source>Enter the outgoing server&apos;s user name.</source>
        <translation>Geben Sie den Benutzernamen für den Postausgangsserver ein.</translation>
    </message>
    <message>
        <source>OAuth 2.0</source>
        <translation>OAuth 2.0</translation>
    </message>
    <message>
        <source>Until then, an access token can be pasted below.</source>
        <translation>Bis dahin können Sie unten ein Zugriffstoken einfügen.</translation>
    </message>
    <message>
        <source>Compose in &amp;HTML</source>
        <translation>In &amp;HTML verfassen</translation>
    </message>
    <message>
        <source>&amp;Sign in…</source>
        <translation>&amp;Anmelden …</translation>
    </message>
    <message>
        <source>New messages, replies and forwards of this account start in HTML, with formatting; each message can still switch</source>
        <translation>Neue Nachrichten, Antworten und Weiterleitungen dieses Kontos beginnen in HTML, mit Formatierung; jede Nachricht kann trotzdem umgestellt werden</translation>
    </message>
    <message>
        <source>The certificate of %1 is not trusted by the system. Look at it and decide whether to trust it for this account.</source>
        <translation>Das Zertifikat von %1 ist auf diesem System nicht vertrauenswürdig. Sehen Sie es sich an und entscheiden Sie, ob Sie ihm für dieses Konto vertrauen.</translation>
    </message>
    <message>
        <source>Certificate trusted; looking further…</source>
        <translation>Zertifikat vertraut; Suche wird fortgesetzt …</translation>
    </message>
    <message>
        <source>Certificate not trusted; looking further…</source>
        <translation>Zertifikat nicht vertraut; Suche wird fortgesetzt …</translation>
    </message>
    <message>
        <source>Press Sign in to sign in with %1 in your web browser; Heron keeps the sign-in in the keychain, never your password.</source>
        <translation>Klicken Sie auf „Anmelden“, um sich in Ihrem Webbrowser bei %1 anzumelden; Heron bewahrt die Anmeldung im Schlüsselbund auf, niemals Ihr Passwort.</translation>
    </message>
    <message>
        <source>No OAuth 2.0 provider Heron knows serves this address or server, so there is no sign-in to start: the server is sent an OAuth 2.0 access token instead of a password; paste one your provider issued for mail.</source>
        <translation>Kein OAuth-2.0-Anbieter, den Heron kennt, bedient diese Adresse oder diesen Server, daher kann keine Anmeldung gestartet werden: Der Server erhält statt eines Passworts ein OAuth-2.0-Zugriffstoken; fügen Sie eines ein, das Ihr Anbieter für E-Mail ausgestellt hat.</translation>
    </message>
    <message>
        <source>The sign-in was cancelled.</source>
        <translation>Die Anmeldung wurde abgebrochen.</translation>
    </message>
    <message>
        <source>No web browser could be opened. Open this address in one to sign in with %1: %2</source>
        <translation>Es konnte kein Webbrowser geöffnet werden. Öffnen Sie diese Adresse in einem Browser, um sich bei %1 anzumelden: %2</translation>
    </message>
    <message>
        <source>Signed in with %1, but %1 gave no lasting sign-in: you will be asked again when Heron connects.</source>
        <translation>Bei %1 angemeldet, aber %1 hat keine dauerhafte Anmeldung erteilt: Sie werden erneut gefragt, wenn Heron sich verbindet.</translation>
    </message>
    <message>
        <source>Signed in with %1. The sign-in is kept in the keychain when you save the account.</source>
        <translation>Bei %1 angemeldet. Die Anmeldung wird im Schlüsselbund aufbewahrt, wenn Sie das Konto speichern.</translation>
    </message>
    <message>
        <source>The sign-in with %1 failed: %2</source>
        <translation>Die Anmeldung bei %1 ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Cancel &amp;Sign-in</source>
        <translation>&amp;Anmeldung abbrechen</translation>
    </message>
    <message>
        <source>Waiting for you to sign in with %1 in your web browser…</source>
        <translation>Warten auf Ihre Anmeldung bei %1 in Ihrem Webbrowser …</translation>
    </message>
    <message>
        <source>&amp;Sign in Again…</source>
        <translation>Erneut &amp;anmelden …</translation>
    </message>
</context>
<context>
    <name>AccountFolderModel</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>All Inboxes (%1)</source>
        <translation>Alle Posteingänge (%1)</translation>
    </message>
    <message>
        <source>All Inboxes</source>
        <translation>Alle Posteingänge</translation>
    </message>
    <message>
        <source>The Inboxes of all accounts together</source>
        <translation>Die Posteingänge aller Konten zusammen</translation>
    </message>
    <message>
        <source>Outbox (%1)</source>
        <translation>Postausgang (%1)</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>Postausgang</translation>
    </message>
    <message>
        <source>Messages not sent yet</source>
        <translation>Noch nicht gesendete Nachrichten</translation>
    </message>
</context>
<context>
    <name>AccountListDialog</name>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten …</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Konten</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Hinzufügen …</translation>
    </message>
    <message>
        <source>%1 &lt;%2&gt;</source>
        <translation>%1 &lt;%2&gt;</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>Unverändert</translation>
    </message>
    <message>
        <source>Remove Account</source>
        <translation>Konto entfernen</translation>
    </message>
    <message>
        <source>Remove the account “%1”? Its settings and saved password are deleted; the mail stays on the server.</source>
        <translation>Das Konto „%1“ entfernen? Seine Einstellungen und das gespeicherte Passwort werden gelöscht; die E-Mails bleiben auf dem Server.</translation>
    </message>
</context>
<context>
    <name>AccountManager</name>
    <message>
        <source>The account %1 cannot be opened: %2</source>
        <translation>Das Konto %1 kann nicht geöffnet werden: %2</translation>
    </message>
</context>
<context>
    <name>AccountService</name>
    <message>
        <source>Connecting to %1</source>
        <translation>Verbindung zu %1 wird hergestellt</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Verbunden</translation>
    </message>
    <message>
        <source>New mail in the Inbox is not watched: %1</source>
        <translation>Neue Nachrichten im Posteingang werden nicht überwacht: %1</translation>
    </message>
    <message>
        <source>Waiting for the password</source>
        <translation>Warte auf das Passwort</translation>
    </message>
    <message>
        <source>No password was given</source>
        <translation>Es wurde kein Passwort angegeben</translation>
    </message>
    <message>
        <source>The message&apos;s folder is no longer on the server</source>
        <translation>Der Ordner der Nachricht ist nicht mehr auf dem Server</translation>
    </message>
    <message numerus="yes">
        <source>Moved %n message(s) to %1</source>
        <translation>
            <numerusform>%n Nachricht nach %1 verschoben</numerusform>
            <numerusform>%n Nachrichten nach %1 verschoben</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n message(s) for good</source>
        <translation>
            <numerusform>%n Nachricht endgültig gelöscht</numerusform>
            <numerusform>%n Nachrichten endgültig gelöscht</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Moved %n message(s) back to %1</source>
        <translation>
            <numerusform>%n Nachricht zurück nach %1 verschoben</numerusform>
            <numerusform>%n Nachrichten zurück nach %1 verschoben</numerusform>
        </translation>
    </message>
    <message>
        <source>A message in %1 (UID %2) could not be stored and is listed as a placeholder: %3</source>
        <translation>Eine Nachricht in %1 (UID %2) konnte nicht gespeichert werden und wird als Platzhalter angezeigt: %3</translation>
    </message>
    <message>
        <source>Only the Trash and Junk folders can be emptied.</source>
        <translation>Nur die Ordner „Papierkorb“ und „Spam“ können geleert werden.</translation>
    </message>
    <message numerus="yes">
        <source>Emptied %1: %n message(s) deleted</source>
        <translation>
            <numerusform>%1 geleert: %n Nachricht gelöscht</numerusform>
            <numerusform>%1 geleert: %n Nachrichten gelöscht</numerusform>
        </translation>
    </message>
    <message>
        <source>Folders can be changed only while the account is connected to its server.</source>
        <translation>Ordner können nur geändert werden, solange das Konto mit seinem Server verbunden ist.</translation>
    </message>
</context>
<context>
    <name>AccountStore</name>
    <message>
        <source>The account has no valid id.</source>
        <translation>Das Konto hat keine gültige ID.</translation>
    </message>
    <message>
        <source>There is no account with id %1.</source>
        <translation>Es gibt kein Konto mit der ID %1.</translation>
    </message>
    <message>
        <source>The settings file %1 could not be written.</source>
        <translation>Die Einstellungsdatei %1 konnte nicht geschrieben werden.</translation>
    </message>
</context>
<context>
    <name>AddressBook</name>
    <message>
        <source>The address book cannot be written</source>
        <translation>Das Adressbuch kann nicht geschrieben werden</translation>
    </message>
    <message>
        <source>The address book cannot be opened</source>
        <translation>Das Adressbuch kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>The address book cannot be read</source>
        <translation>Das Adressbuch kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>The address book is not open</source>
        <translation>Das Adressbuch ist nicht geöffnet</translation>
    </message>
</context>
<context>
    <name>AddressFormatter</name>
    <message>
        <source>Not a valid address: %1</source>
        <translation>Keine gültige Adresse: %1</translation>
    </message>
    <message>
        <source>The address needs SMTPUTF8: %1</source>
        <translation>Die Adresse erfordert SMTPUTF8: %1</translation>
    </message>
    <message>
        <source>Not a valid domain: %1</source>
        <translation>Keine gültige Domain: %1</translation>
    </message>
</context>
<context>
    <name>AppController</name>
    <message>
        <source>The draft could not be saved to %1</source>
        <translation>Der Entwurf konnte nicht unter %1 gespeichert werden</translation>
    </message>
    <message>
        <source>Fetching messages</source>
        <translation>Nachrichten werden abgerufen</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>Nicht gesendet: %1</translation>
    </message>
    <message>
        <source>Password for %1</source>
        <translation>Passwort für %1</translation>
    </message>
    <message>
        <source>Open a message first.</source>
        <translation>Öffnen Sie zuerst eine Nachricht.</translation>
    </message>
    <message>
        <source>Choose an account to send from.</source>
        <translation>Wählen Sie ein Konto zum Senden aus.</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Wird gesendet …</translation>
    </message>
    <message>
        <source>The draft was kept on this computer: its account is gone.</source>
        <translation>Der Entwurf wurde auf diesem Computer aufbewahrt: Sein Konto existiert nicht mehr.</translation>
    </message>
    <message>
        <source>The draft was kept on this computer: %1</source>
        <translation>Der Entwurf wurde auf diesem Computer aufbewahrt: %1</translation>
    </message>
    <message>
        <source>The draft was kept on this computer; it will open again at the next start.</source>
        <translation>Der Entwurf wurde auf diesem Computer aufbewahrt; er wird beim nächsten Start wieder geöffnet.</translation>
    </message>
    <message>
        <source>The draft was saved to the Drafts folder.</source>
        <translation>Der Entwurf wurde im Ordner „Entwürfe“ gespeichert.</translation>
    </message>
    <message>
        <source>The message could not be forwarded as an attachment: %1</source>
        <translation>Die Nachricht konnte nicht als Anhang weitergeleitet werden: %1</translation>
    </message>
    <message>
        <source>%1 — Undo with %2</source>
        <translation>%1 — rückgängig mit %2</translation>
    </message>
    <message>
        <source>Choose a folder to move the messages to.</source>
        <translation>Wählen Sie den Ordner, in den die Nachrichten verschoben werden sollen.</translation>
    </message>
    <message>
        <source>The draft will be saved to the Drafts folder once the account is connected.</source>
        <translation>Der Entwurf wird im Ordner „Entwürfe“ gespeichert, sobald das Konto verbunden ist.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>No password is stored for %1.</source>
        <translation>Für %1 ist kein Passwort gespeichert.</translation>
    </message>
    <message>
        <source>The password for %1 could not be read from the keychain: %2</source>
        <translation>Das Passwort für %1 konnte nicht aus dem Schlüsselbund gelesen werden: %2</translation>
    </message>
    <message>
        <source>The server refused the password for %1: %2</source>
        <translation>Der Server hat das Passwort für %1 abgelehnt: %2</translation>
    </message>
    <message>
        <source>Once the login succeeds it is kept in the system keychain when one answers, otherwise in memory only until Heron quits.</source>
        <translation>Sobald die Anmeldung gelingt, wird es im Schlüsselbund des Systems aufbewahrt, wenn einer antwortet, sonst nur im Arbeitsspeicher, bis Heron beendet wird.</translation>
    </message>
    <message>
        <source>The address book could not be opened: %1</source>
        <translation>Das Adressbuch konnte nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>“%1” could not be read: %2</source>
        <translation>„%1“ konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>The contacts could not be imported: %1</source>
        <translation>Die Kontakte konnten nicht importiert werden: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n new address(es) imported from “%1”.</source>
        <translation>
            <numerusform>%n neue Adresse aus „%1“ importiert.</numerusform>
            <numerusform>%n neue Adressen aus „%1“ importiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>“%1” could not be written: %2</source>
        <translation>„%1“ konnte nicht geschrieben werden: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n address(es) exported to “%1”.</source>
        <translation>
            <numerusform>%n Adresse nach „%1“ exportiert.</numerusform>
            <numerusform>%n Adressen nach „%1“ exportiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Import Contacts</source>
        <translation>Kontakte importieren</translation>
    </message>
    <message>
        <source>Export Contacts</source>
        <translation>Kontakte exportieren</translation>
    </message>
    <message>
        <source>vCard files (*.vcf *.vcard)</source>
        <translation>vCard-Dateien (*.vcf *.vcard)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <source>contacts.vcf</source>
        <translation>kontakte.vcf</translation>
    </message>
    <message>
        <source>Keeping %1 for offline use</source>
        <translation>%1 wird für die Offline-Nutzung gespeichert</translation>
    </message>
    <message>
        <source>Choose a message first.</source>
        <translation>Wählen Sie zuerst eine Nachricht aus.</translation>
    </message>
    <message>
        <source>The account was closed</source>
        <translation>Das Konto wurde geschlossen</translation>
    </message>
    <message>
        <source>%1 cannot be opened: %2</source>
        <translation>%1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>The message could not be forwarded: %1</source>
        <translation>Die Nachricht konnte nicht weitergeleitet werden: %1</translation>
    </message>
    <message>
        <source>The message did not come through a mailing list that takes replies.</source>
        <translation>Die Nachricht kam nicht über eine Mailingliste, die Antworten annimmt.</translation>
    </message>
    <message>
        <source>The draft could not be opened: %1</source>
        <translation>Der Entwurf konnte nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>Send “%1”</source>
        <translation>„%1“ senden</translation>
    </message>
    <message>
        <source>Too late to take the message back: %1</source>
        <translation>Zu spät, um die Nachricht zurückzuholen: %1</translation>
    </message>
    <message>
        <source>The message was not sent; it is open again.</source>
        <translation>Die Nachricht wurde nicht gesendet; sie ist wieder geöffnet.</translation>
    </message>
    <message>
        <source>%1 (%2, outgoing server %3)</source>
        <translation>%1 (%2, Postausgangsserver %3)</translation>
    </message>
    <message>
        <source>Outgoing Server Password for %1</source>
        <translation>Passwort des Postausgangsservers für %1</translation>
    </message>
    <message>
        <source>None: delete messages for good</source>
        <translation>Keiner: Nachrichten endgültig löschen</translation>
    </message>
    <message>
        <source>Trash folder for %1</source>
        <translation>Papierkorb für %1</translation>
    </message>
    <message>
        <source>The server of %1 names no folder as Trash. Which folder should deleted messages go to? Heron asks only once.</source>
        <translation>Der Server von %1 weist keinen Ordner als Papierkorb aus. In welchen Ordner sollen gelöschte Nachrichten verschoben werden? Heron fragt nur einmal.</translation>
    </message>
    <message>
        <source>Created the folder %1</source>
        <translation>Ordner %1 erstellt</translation>
    </message>
    <message>
        <source>Renamed the folder %1 to %2</source>
        <translation>Ordner %1 in %2 umbenannt</translation>
    </message>
    <message>
        <source>Deleted the folder %1</source>
        <translation>Ordner %1 gelöscht</translation>
    </message>
    <message>
        <source>Subscribed to the folder %1</source>
        <translation>Ordner %1 abonniert</translation>
    </message>
    <message>
        <source>Unsubscribed from the folder %1</source>
        <translation>Ordner %1 nicht mehr abonniert</translation>
    </message>
    <message>
        <source>Sign In to %1</source>
        <translation>Bei %1 anmelden</translation>
    </message>
    <message>
        <source>%1 (%2) signs in through the provider&apos;s page in your web browser.</source>
        <translation>%1 (%2) meldet sich über die Seite des Anbieters in Ihrem Webbrowser an.</translation>
    </message>
    <message>
        <source>Sign In in the Browser</source>
        <translation>Im Browser anmelden</translation>
    </message>
    <message>
        <source>Not Now</source>
        <translation>Nicht jetzt</translation>
    </message>
    <message>
        <source>Deleted Messages in %1</source>
        <translation>Gelöschte Nachrichten in %1</translation>
    </message>
    <message numerus="yes">
        <source>%n other message(s) in %1 of %2 are marked as deleted, by another program or device.</source>
        <translation>
            <numerusform>%n weitere Nachricht in %1 von %2 wurde von einem anderen Programm oder Gerät als gelöscht markiert.</numerusform>
            <numerusform>%n weitere Nachrichten in %1 von %2 wurden von einem anderen Programm oder Gerät als gelöscht markiert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This server can only remove the %n message(s) you deleted together with all other messages marked as deleted in the folder. Until then they stay in the folder, marked as deleted.</source>
        <translation>
            <numerusform>Dieser Server kann die %n von Ihnen gelöschte Nachricht nur zusammen mit allen anderen im Ordner als gelöscht markierten Nachrichten entfernen. Bis dahin bleibt sie als gelöscht markiert im Ordner.</numerusform>
            <numerusform>Dieser Server kann die %n von Ihnen gelöschten Nachrichten nur zusammen mit allen anderen im Ordner als gelöscht markierten Nachrichten entfernen. Bis dahin bleiben sie als gelöscht markiert im Ordner.</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove All Marked Messages</source>
        <translation>Alle markierten Nachrichten entfernen</translation>
    </message>
    <message>
        <source>Only Mark as Deleted</source>
        <translation>Nur als gelöscht markieren</translation>
    </message>
    <message>
        <source>Moving and copying messages</source>
        <translation>Nachrichten werden verschoben und kopiert</translation>
    </message>
    <message>
        <source>Choose a folder to copy the messages to.</source>
        <translation>Wählen Sie den Ordner, in den die Nachrichten kopiert werden sollen.</translation>
    </message>
    <message>
        <source>The message could not be forwarded as an attachment: its account is gone.</source>
        <translation>Die Nachricht konnte nicht als Anhang weitergeleitet werden: ihr Konto gibt es nicht mehr.</translation>
    </message>
</context>
<context>
    <name>AttachmentList</name>
    <message>
        <source>Attachment</source>
        <translation>Anhang</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
</context>
<context>
    <name>AttachmentListWidget</name>
    <message>
        <source>(unnamed)</source>
        <translation>(ohne Namen)</translation>
    </message>
    <message>
        <source>downloading %1%</source>
        <translation>wird geladen: %1 %</translation>
    </message>
    <message>
        <source>downloading %1</source>
        <translation>wird geladen: %1</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>AutoconfigLookup</name>
    <message>
        <source>from the provider&apos;s configuration</source>
        <translation>aus der Konfiguration des Anbieters</translation>
    </message>
    <message>
        <source>from the ISP database</source>
        <translation>aus der ISP-Datenbank</translation>
    </message>
    <message>
        <source>from the ISP database, by the domain&apos;s mail server</source>
        <translation>aus der ISP-Datenbank, anhand des Mailservers der Domain</translation>
    </message>
    <message>
        <source>from the domain&apos;s DNS records (SRV)</source>
        <translation>aus den DNS-Einträgen der Domain (SRV)</translation>
    </message>
    <message>
        <source>guessed — check</source>
        <translation>geraten — bitte prüfen</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>nicht gefunden</translation>
    </message>
    <message>
        <source>“%1” is not an e-mail address.</source>
        <translation>„%1“ ist keine E-Mail-Adresse.</translation>
    </message>
    <message>
        <source>The configuration file is larger than any real one.</source>
        <translation>Die Konfigurationsdatei ist größer als jede echte.</translation>
    </message>
    <message>
        <source>%1 was not found</source>
        <translation>%1 wurde nicht gefunden</translation>
    </message>
    <message>
        <source>The domain publishes no configuration.</source>
        <translation>Die Domain veröffentlicht keine Konfiguration.</translation>
    </message>
    <message>
        <source>The domain has no mail exchanger (MX).</source>
        <translation>Die Domain hat keinen Mailserver (MX).</translation>
    </message>
    <message>
        <source>The mail exchanger is in the domain itself.</source>
        <translation>Der Mailserver (MX) liegt in der Domain selbst.</translation>
    </message>
    <message>
        <source>The domain has no SRV records for IMAP and submission.</source>
        <translation>Die Domain hat keine SRV-Einträge für IMAP und den Versand (Submission).</translation>
    </message>
    <message>
        <source>No usual server name answered securely.</source>
        <translation>Unter keinem üblichen Servernamen kam eine sichere Antwort.</translation>
    </message>
    <message>
        <source>No complete answer within %1 seconds.</source>
        <translation>Keine vollständige Antwort innerhalb von %1 Sekunden.</translation>
    </message>
    <message>
        <source>No source knows this domain.</source>
        <translation>Keine Quelle kennt diese Domain.</translation>
    </message>
    <message>
        <source>The certificate of %1 was not trusted; nothing less secure was tried</source>
        <translation>Dem Zertifikat von %1 wurde nicht vertraut; es wurde nichts weniger Sicheres versucht</translation>
    </message>
    <message>
        <source>The certificate of %1 (port %2) is not trusted by the system.</source>
        <translation>Das Zertifikat von %1 (Port %2) ist auf diesem System nicht vertrauenswürdig.</translation>
    </message>
</context>
<context>
    <name>AutoconfigParser</name>
    <message>
        <source>The configuration file is larger than any real one.</source>
        <translation>Die Konfigurationsdatei ist größer als jede echte.</translation>
    </message>
    <message>
        <source>The configuration file declares a document type; it is refused.</source>
        <translation>Die Konfigurationsdatei deklariert einen Dokumenttyp; sie wird abgelehnt.</translation>
    </message>
    <message>
        <source>This is not a mail configuration file.</source>
        <translation>Dies ist keine E-Mail-Konfigurationsdatei.</translation>
    </message>
    <message>
        <source>a port out of range</source>
        <translation>ein Port außerhalb des gültigen Bereichs</translation>
    </message>
    <message>
        <source>a server without encryption</source>
        <translation>ein Server ohne Verschlüsselung</translation>
    </message>
    <message>
        <source>The configuration file is not well-formed XML: %1</source>
        <translation>Die Konfigurationsdatei ist kein wohlgeformtes XML: %1</translation>
    </message>
    <message>
        <source>The configuration file names no usable IMAP and SMTP servers.</source>
        <translation>Die Konfigurationsdatei nennt keine verwendbaren IMAP- und SMTP-Server.</translation>
    </message>
    <message>
        <source>The configuration file names no usable IMAP and SMTP servers (refused: %1).</source>
        <translation>Die Konfigurationsdatei nennt keine verwendbaren IMAP- und SMTP-Server (abgelehnt: %1).</translation>
    </message>
</context>
<context>
    <name>BackgroundCount</name>
    <message>
        <source>Cannot count the messages of a folder</source>
        <translation>Die Nachrichten eines Ordners können nicht gezählt werden</translation>
    </message>
</context>
<context>
    <name>BodyPartCache</name>
    <message>
        <source>Cannot store a body part</source>
        <translation>Ein Nachrichtenteil kann nicht gespeichert werden</translation>
    </message>
    <message>
        <source>Cannot read a body part</source>
        <translation>Ein Nachrichtenteil kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>Body part %1 of message %2 is not cached</source>
        <translation>Teil %1 der Nachricht %2 ist nicht zwischengespeichert</translation>
    </message>
    <message>
        <source>Cannot remove message %1</source>
        <translation>Nachricht %1 kann nicht entfernt werden</translation>
    </message>
    <message>
        <source>Cannot clear a folder</source>
        <translation>Ein Ordner kann nicht geleert werden</translation>
    </message>
</context>
<context>
    <name>CacheDatabase</name>
    <message>
        <source>Cannot create the folder of the cache %1</source>
        <translation>Der Ordner für den Cache %1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>Cannot open the cache %1</source>
        <translation>Der Cache %1 kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>The cache %1 is damaged or not a database</source>
        <translation>Der Cache %1 ist beschädigt oder keine Datenbank</translation>
    </message>
    <message>
        <source>Cannot configure the cache %1</source>
        <translation>Der Cache %1 kann nicht eingerichtet werden</translation>
    </message>
    <message>
        <source>The cache %1 is damaged</source>
        <translation>Der Cache %1 ist beschädigt</translation>
    </message>
    <message>
        <source>Cannot prepare a cache query</source>
        <translation>Eine Cache-Abfrage kann nicht vorbereitet werden</translation>
    </message>
    <message>
        <source>Cannot read the cache</source>
        <translation>Der Cache kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>The cache is not open</source>
        <translation>Der Cache ist nicht geöffnet</translation>
    </message>
    <message>
        <source>Cannot release the cache&apos;s memory</source>
        <translation>Der Speicher des Caches kann nicht freigegeben werden</translation>
    </message>
    <message>
        <source>No SQLite handle</source>
        <translation>Kein Zugriff auf SQLite</translation>
    </message>
</context>
<context>
    <name>CacheTransaction</name>
    <message>
        <source>Cannot write to the cache</source>
        <translation>In den Cache kann nicht geschrieben werden</translation>
    </message>
    <message>
        <source>Cannot commit to the cache</source>
        <translation>Änderungen am Cache können nicht übernommen werden</translation>
    </message>
</context>
<context>
    <name>CertificateDialog</name>
    <message>
        <source>Certificate of %1</source>
        <translation>Zertifikat von %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;The certificate of %1 has changed&lt;/b&gt; since you trusted it. This happens when the provider renews it, but it is also what an attacker listening on your connection would show. Trust the new certificate only if your provider confirms its fingerprint.</source>
        <translation>&lt;b&gt;Das Zertifikat von %1 hat sich geändert&lt;/b&gt;, seit Sie ihm vertraut haben. Das geschieht, wenn der Anbieter es erneuert, aber genau so sähe es auch aus, wenn ein Angreifer Ihre Verbindung belauscht. Vertrauen Sie dem neuen Zertifikat nur, wenn Ihr Anbieter seinen Fingerabdruck bestätigt.</translation>
    </message>
    <message>
        <source>This is the certificate you trusted before for %1.</source>
        <translation>Dies ist das Zertifikat, dem Sie für %1 bereits vertraut haben.</translation>
    </message>
    <message>
        <source>The certificate of %1 is not trusted by this system. Compare its fingerprint with the one your provider publishes before trusting it.</source>
        <translation>Das Zertifikat von %1 ist auf diesem System nicht vertrauenswürdig. Vergleichen Sie seinen Fingerabdruck mit dem von Ihrem Anbieter veröffentlichten, bevor Sie ihm vertrauen.</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>Grund: %1</translation>
    </message>
    <message>
        <source>Trusted before: %1</source>
        <translation>Bisher vertrauenswürdig: %1</translation>
    </message>
    <message>
        <source>Trust the New Certificate</source>
        <translation>Dem neuen Zertifikat vertrauen</translation>
    </message>
    <message>
        <source>Trust and Remember</source>
        <translation>Vertrauen und merken</translation>
    </message>
    <message>
        <source>Certificate chain:</source>
        <translation>Zertifikatskette:</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 bis %2</translation>
    </message>
    <message>
        <source>(expired)</source>
        <translation>(abgelaufen)</translation>
    </message>
    <message>
        <source>(not yet valid)</source>
        <translation>(noch nicht gültig)</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Inhaber</translation>
    </message>
    <message>
        <source>Names</source>
        <translation>Namen</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>Aussteller</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>Gültig</translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation>Seriennummer</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint</source>
        <translation>SHA-256-Fingerabdruck</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <source>Self-signed</source>
        <translation>Selbst signiert</translation>
    </message>
</context>
<context>
    <name>ChunkedTransferDecoder</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>ComposerFormatBar</name>
    <message>
        <source>Format Toolbar</source>
        <translation>Formatierungsleiste</translation>
    </message>
    <message>
        <source>&amp;HTML</source>
        <translation>&amp;HTML</translation>
    </message>
    <message>
        <source>Write this message in HTML, with formatting (%1); unchecked, it is plain text</source>
        <translation>Diese Nachricht in HTML mit Formatierung verfassen (%1); ohne Häkchen wird sie als reiner Text verfasst</translation>
    </message>
    <message>
        <source>&amp;Bold</source>
        <translation>&amp;Fett</translation>
    </message>
    <message>
        <source>Bold</source>
        <translation>Fett</translation>
    </message>
    <message>
        <source>&amp;Italic</source>
        <translation>Kursi&amp;v</translation>
    </message>
    <message>
        <source>Italic</source>
        <translation>Kursiv</translation>
    </message>
    <message>
        <source>&amp;Underline</source>
        <translation>&amp;Unterstrichen</translation>
    </message>
    <message>
        <source>Underline</source>
        <translation>Unterstrichen</translation>
    </message>
    <message>
        <source>• &amp;List</source>
        <translation>• &amp;Liste</translation>
    </message>
    <message>
        <source>Bulleted list</source>
        <translation>Aufzählung</translation>
    </message>
    <message>
        <source>1. &amp;Numbered</source>
        <translation>1. &amp;Nummeriert</translation>
    </message>
    <message>
        <source>Numbered list</source>
        <translation>Nummerierte Liste</translation>
    </message>
    <message>
        <source>&amp;Quote +</source>
        <translation>&amp;Zitat +</translation>
    </message>
    <message>
        <source>Quote level up</source>
        <translation>Zitatebene erhöhen</translation>
    </message>
    <message>
        <source>Q&amp;uote −</source>
        <translation>Z&amp;itat −</translation>
    </message>
    <message>
        <source>Quote level down</source>
        <translation>Zitatebene verringern</translation>
    </message>
    <message>
        <source>Lin&amp;k…</source>
        <translation>Lin&amp;k …</translation>
    </message>
    <message>
        <source>Insert or change a link</source>
        <translation>Einen Link einfügen oder ändern</translation>
    </message>
    <message>
        <source>I&amp;mage…</source>
        <translation>&amp;Bild …</translation>
    </message>
    <message>
        <source>Insert a picture into the text</source>
        <translation>Ein Bild in den Text einfügen</translation>
    </message>
    <message>
        <source>F&amp;ormat</source>
        <translation>&amp;Format</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Link</translation>
    </message>
    <message>
        <source>https://… or someone@example.org</source>
        <translation>https://… oder jemand@example.org</translation>
    </message>
    <message>
        <source>&amp;Text:</source>
        <translation>&amp;Text:</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Adresse:</translation>
    </message>
    <message>
        <source>Insert Picture</source>
        <translation>Bild einfügen</translation>
    </message>
    <message>
        <source>Pictures (*.png *.jpg *.jpeg *.gif *.webp *.bmp)</source>
        <translation>Bilder (*.png *.jpg *.jpeg *.gif *.webp *.bmp)</translation>
    </message>
</context>
<context>
    <name>ComposerSpelling</name>
    <message>
        <source>Spelling</source>
        <translation>Rechtschreibung</translation>
    </message>
    <message>
        <source>The language this message is checked in</source>
        <translation>Die Sprache, in der diese Nachricht geprüft wird</translation>
    </message>
    <message>
        <source>No Spell Checking</source>
        <translation>Keine Rechtschreibprüfung</translation>
    </message>
    <message>
        <source>S&amp;pelling:</source>
        <translation>&amp;Rechtschreibung:</translation>
    </message>
    <message>
        <source>No Suggestions</source>
        <translation>Keine Vorschläge</translation>
    </message>
    <message>
        <source>Add “%1” to Dictionary</source>
        <translation>„%1“ zum Wörterbuch hinzufügen</translation>
    </message>
    <message>
        <source>Ignore “%1”</source>
        <translation>„%1“ ignorieren</translation>
    </message>
</context>
<context>
    <name>ComposerWindow</name>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Senden</translation>
    </message>
    <message>
        <source>&amp;Attach…</source>
        <translation>&amp;Anhängen …</translation>
    </message>
    <message>
        <source>Composer Toolbar</source>
        <translation>Werkzeugleiste des Editors</translation>
    </message>
    <message>
        <source>Name &lt;address&gt;, separated by commas</source>
        <translation>Name &lt;Adresse&gt;, durch Kommas getrennt</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Von:</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;An:</translation>
    </message>
    <message>
        <source>&amp;Cc:</source>
        <translation>&amp;Kopie:</translation>
    </message>
    <message>
        <source>&amp;Bcc:</source>
        <translation>&amp;Blindkopie:</translation>
    </message>
    <message>
        <source>S&amp;ubject:</source>
        <translation>Be&amp;treff:</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Hinzufügen …</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>“%1” cannot be attached: it is not a readable file.</source>
        <translation>„%1“ kann nicht angehängt werden: Es ist keine lesbare Datei.</translation>
    </message>
    <message>
        <source>There is no account to send from. Add one under Edit → Accounts.</source>
        <translation>Es gibt kein Konto zum Senden. Fügen Sie unter Bearbeiten → Konten eines hinzu.</translation>
    </message>
    <message>
        <source>Add at least one recipient.</source>
        <translation>Fügen Sie mindestens einen Empfänger hinzu.</translation>
    </message>
    <message>
        <source>Attach Files</source>
        <translation>Dateien anhängen</translation>
    </message>
    <message>
        <source>Write Message</source>
        <translation>Nachricht verfassen</translation>
    </message>
    <message>
        <source>Write: %1</source>
        <translation>Verfassen: %1</translation>
    </message>
    <message>
        <source>No attachments. Drop files here to attach them.</source>
        <translation>Keine Anhänge. Ziehen Sie Dateien hierher, um sie anzuhängen.</translation>
    </message>
    <message numerus="yes">
        <source>%n attachment(s), %1</source>
        <translation>
            <numerusform>%n Anhang, %1</numerusform>
            <numerusform>%n Anhänge, %1</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>Ver&amp;werfen</translation>
    </message>
    <message>
        <source>Close without sending and without keeping a draft</source>
        <translation>Schließen, ohne zu senden und ohne einen Entwurf aufzubewahren</translation>
    </message>
    <message>
        <source>Discard Message</source>
        <translation>Nachricht verwerfen</translation>
    </message>
    <message>
        <source>The message will be closed without sending it, and no draft will be kept. Discard it?</source>
        <translation>Die Nachricht wird geschlossen, ohne sie zu senden, und es wird kein Entwurf aufbewahrt. Nachricht verwerfen?</translation>
    </message>
    <message>
        <source>Forwarded message</source>
        <translation>Weitergeleitete Nachricht</translation>
    </message>
    <message>
        <source>Send the message (%1)</source>
        <translation>Die Nachricht senden (%1)</translation>
    </message>
    <message>
        <source>Attachment Missing?</source>
        <translation>Anhang vergessen?</translation>
    </message>
    <message>
        <source>The message mentions “%1”, but nothing is attached.</source>
        <translation>Die Nachricht erwähnt „%1“, aber es ist nichts angehängt.</translation>
    </message>
    <message>
        <source>&amp;Attach Files…</source>
        <translation>Dateien &amp;anhängen …</translation>
    </message>
    <message>
        <source>&amp;Send Anyway</source>
        <translation>&amp;Trotzdem senden</translation>
    </message>
    <message>
        <source>Send Message</source>
        <translation>Nachricht senden</translation>
    </message>
    <message>
        <source>Send this message now?</source>
        <translation>Diese Nachricht jetzt senden?</translation>
    </message>
    <message>
        <source>&amp;Do not ask again</source>
        <translation>&amp;Nicht mehr fragen</translation>
    </message>
    <message>
        <source>Close Message</source>
        <translation>Nachricht schließen</translation>
    </message>
    <message>
        <source>The message has not been sent. Keep it as a draft?</source>
        <translation>Die Nachricht wurde nicht gesendet. Als Entwurf aufbewahren?</translation>
    </message>
    <message>
        <source>&amp;Keep Draft</source>
        <translation>Entwurf auf&amp;bewahren</translation>
    </message>
    <message>
        <source>“%1” is not a valid address. Correct or remove the marked recipient before sending.</source>
        <translation>„%1“ ist keine gültige Adresse. Korrigieren oder entfernen Sie den markierten Empfänger vor dem Senden.</translation>
    </message>
    <message>
        <source>%1 are not valid addresses. Correct or remove the marked recipients before sending.</source>
        <translation>%1 sind keine gültigen Adressen. Korrigieren oder entfernen Sie die markierten Empfänger vor dem Senden.</translation>
    </message>
    <message>
        <source>Switch to Plain Text</source>
        <translation>Zu reinem Text wechseln</translation>
    </message>
    <message>
        <source>Plain text keeps no formatting: bold, italic, underline, link targets and pictures will be lost. Switch to plain text?</source>
        <translation>Reiner Text behält keine Formatierung: Fett, kursiv, unterstrichen, Linkziele und Bilder gehen verloren. Zu reinem Text wechseln?</translation>
    </message>
    <message>
        <source>Switch to &amp;Plain Text</source>
        <translation>Zu &amp;reinem Text wechseln</translation>
    </message>
</context>
<context>
    <name>ConnectionTestPanel</name>
    <message>
        <source>&amp;Test Connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <source>Incoming</source>
        <translation>Eingang</translation>
    </message>
    <message>
        <source>Outgoing</source>
        <translation>Ausgang</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>S&amp;top Test</source>
        <translation>Test an&amp;halten</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Test läuft …</translation>
    </message>
    <message>
        <source>Incoming server (IMAP)</source>
        <translation>Posteingangsserver (IMAP)</translation>
    </message>
    <message>
        <source>Outgoing server (SMTP)</source>
        <translation>Postausgangsserver (SMTP)</translation>
    </message>
    <message>
        <source>%1: connected to %2, secured and logged in.</source>
        <translation>%1: mit %2 verbunden, verschlüsselt und angemeldet.</translation>
    </message>
    <message>
        <source>%1: the name “%2” could not be found. Check the spelling of the server name and your network connection.</source>
        <translation>%1: Der Name „%2“ wurde nicht gefunden. Prüfen Sie die Schreibweise des Servernamens und Ihre Netzwerkverbindung.</translation>
    </message>
    <message>
        <source>%1: %2 refused the connection on port %3. Check the port and the security setting.</source>
        <translation>%1: %2 hat die Verbindung auf Port %3 abgelehnt. Prüfen Sie den Port und die Sicherheitseinstellung.</translation>
    </message>
    <message>
        <source>%1: %2 did not answer on port %3 in time. A firewall may block the port.</source>
        <translation>%1: %2 hat auf Port %3 nicht rechtzeitig geantwortet. Eventuell blockiert eine Firewall den Port.</translation>
    </message>
    <message>
        <source>%1: the secure connection to %2 failed. The port may expect a different security setting.</source>
        <translation>%1: Die sichere Verbindung zu %2 ist fehlgeschlagen. Der Port erwartet eventuell eine andere Sicherheitseinstellung.</translation>
    </message>
    <message>
        <source>%1: the certificate of %2 is not trusted.</source>
        <translation>%1: Dem Zertifikat von %2 wird nicht vertraut.</translation>
    </message>
    <message>
        <source>%1: %2 refused the user name or password.</source>
        <translation>%1: %2 hat den Benutzernamen oder das Passwort abgelehnt.</translation>
    </message>
    <message>
        <source>%1: %2 answered in an unexpected way.</source>
        <translation>%1: %2 hat unerwartet geantwortet.</translation>
    </message>
    <message>
        <source>%1: the test was stopped.</source>
        <translation>%1: Der Test wurde angehalten.</translation>
    </message>
    <message>
        <source>Details: %1</source>
        <translation>Details: %1</translation>
    </message>
    <message>
        <source>The server said: “%1”</source>
        <translation>Der Server meldete: „%1“</translation>
    </message>
    <message>
        <source>View Certificate…</source>
        <translation>Zertifikat anzeigen …</translation>
    </message>
    <message>
        <source>Issued to “%1” by “%2”, valid from %3 to %4, SHA-256 %5.</source>
        <translation>Ausgestellt für „%1“ von „%2“, gültig von %3 bis %4, SHA-256 %5.</translation>
    </message>
    <message>
        <source>%1: %2 does not offer STARTTLS on port %3, so nothing was sent. Choose SSL/TLS with its port, or ask your provider.</source>
        <translation>%1: %2 bietet auf Port %3 kein STARTTLS an, daher wurde nichts gesendet. Wählen Sie SSL/TLS mit dem zugehörigen Port oder fragen Sie Ihren Anbieter.</translation>
    </message>
</context>
<context>
    <name>CrossAccountTransfer</name>
    <message>
        <source>The account is not available.</source>
        <translation>Das Konto ist nicht verfügbar.</translation>
    </message>
    <message>
        <source>Choose a folder to copy or move the messages to.</source>
        <translation>Wählen Sie den Ordner, in den die Nachrichten kopiert oder verschoben werden sollen.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>Moved %n message(s) to another account</source>
        <translation>
            <numerusform>%n Nachricht in ein anderes Konto verschoben</numerusform>
            <numerusform>%n Nachrichten in ein anderes Konto verschoben</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied %n message(s) to another account</source>
        <translation>
            <numerusform>%n Nachricht in ein anderes Konto kopiert</numerusform>
            <numerusform>%n Nachrichten in ein anderes Konto kopiert</numerusform>
        </translation>
    </message>
    <message>
        <source>The folder %1 is no longer there; the message stays in %2.</source>
        <translation>Den Ordner %1 gibt es nicht mehr; die Nachricht bleibt in %2.</translation>
    </message>
    <message>
        <source>A message to copy to %1 is no longer in %2.</source>
        <translation>Eine Nachricht, die nach %1 kopiert werden sollte, ist nicht mehr in %2.</translation>
    </message>
    <message>
        <source>“%1” could not be read from %2, so it was not copied to %3: %4</source>
        <translation>„%1“ konnte nicht aus %2 gelesen werden und wurde daher nicht nach %3 kopiert: %4</translation>
    </message>
    <message>
        <source>Copying “%1” to %2 was interrupted and the message has no Message-ID to look for: it may be in both places. It stays in %3.</source>
        <translation>Das Kopieren von „%1“ nach %2 wurde unterbrochen, und die Nachricht hat keine Message-ID, nach der gesucht werden könnte: Sie ist vielleicht an beiden Orten. Sie bleibt in %3.</translation>
    </message>
    <message>
        <source>“%1” could not be stored in %2; it stays in %3: %4</source>
        <translation>„%1“ konnte nicht in %2 gespeichert werden; die Nachricht bleibt in %3: %4</translation>
    </message>
</context>
<context>
    <name>DeflateStream</name>
    <message>
        <source>The server&apos;s compressed data is corrupt</source>
        <translation>Die komprimierten Daten des Servers sind beschädigt</translation>
    </message>
</context>
<context>
    <name>DesktopNotifier</name>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
</context>
<context>
    <name>FileLink</name>
    <message>
        <source>Cannot link %1 to %2: %3</source>
        <translation>%1 kann nicht mit %2 verknüpft werden: %3</translation>
    </message>
</context>
<context>
    <name>FileSecretStore</name>
    <message>
        <source>No password is stored for this account.</source>
        <translation>Für dieses Konto ist kein Passwort gespeichert.</translation>
    </message>
    <message>
        <source>The password file %1 does not exist.</source>
        <translation>Die Passwortdatei %1 existiert nicht.</translation>
    </message>
    <message>
        <source>The password file %1 is readable by other users; it must have mode 0600.</source>
        <translation>Die Passwortdatei %1 ist für andere Benutzer lesbar; sie muss die Zugriffsrechte 0600 haben.</translation>
    </message>
    <message>
        <source>The password file %1 cannot be read: %2</source>
        <translation>Die Passwortdatei %1 kann nicht gelesen werden: %2</translation>
    </message>
</context>
<context>
    <name>FolderChooserDialog</name>
    <message>
        <source>Move to Folder</source>
        <translation>In Ordner verschieben</translation>
    </message>
    <message>
        <source>&amp;Move</source>
        <translation>&amp;Verschieben</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>&amp;Ordner:</translation>
    </message>
    <message>
        <source>Copy to Folder</source>
        <translation>In Ordner kopieren</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
</context>
<context>
    <name>FolderDisplayName</name>
    <message>
        <source>Inbox</source>
        <translation>Posteingang</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>Entwürfe</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <source>Trash</source>
        <translation>Papierkorb</translation>
    </message>
    <message>
        <source>Junk</source>
        <translation>Spam</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>Archiv</translation>
    </message>
</context>
<context>
    <name>FolderEditor</name>
    <message>
        <source>Inbox</source>
        <translation>Posteingang</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>Entwürfe</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <source>Trash</source>
        <translation>Papierkorb</translation>
    </message>
    <message>
        <source>Junk</source>
        <translation>Spam</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>Archiv</translation>
    </message>
    <message>
        <source>A folder needs a name.</source>
        <translation>Ein Ordner braucht einen Namen.</translation>
    </message>
    <message>
        <source>A folder name cannot contain “%1”: the server separates folders inside others with it.</source>
        <translation>Ein Ordnername darf „%1“ nicht enthalten: Der Server trennt mit diesem Zeichen Ordner von ihren Unterordnern.</translation>
    </message>
    <message>
        <source>This is not a folder of the account.</source>
        <translation>Dies ist kein Ordner dieses Kontos.</translation>
    </message>
    <message>
        <source>The Inbox cannot be deleted.</source>
        <translation>Der Posteingang kann nicht gelöscht werden.</translation>
    </message>
    <message>
        <source>The Inbox cannot be renamed.</source>
        <translation>Der Posteingang kann nicht umbenannt werden.</translation>
    </message>
    <message>
        <source>“%1” is the account&apos;s %2 folder and cannot be deleted.</source>
        <translation>„%1“ dient diesem Konto als Ordner „%2“ und kann nicht gelöscht werden.</translation>
    </message>
    <message>
        <source>“%1” is the account&apos;s %2 folder and cannot be renamed.</source>
        <translation>„%1“ dient diesem Konto als Ordner „%2“ und kann nicht umbenannt werden.</translation>
    </message>
    <message>
        <source>The server keeps no folders inside other folders.</source>
        <translation>Der Server erlaubt keine Ordner innerhalb anderer Ordner.</translation>
    </message>
    <message>
        <source>The server keeps no folders inside “%1”.</source>
        <translation>Der Server erlaubt keine Ordner innerhalb von „%1“.</translation>
    </message>
    <message>
        <source>A folder “%1” already exists there.</source>
        <translation>Dort gibt es bereits einen Ordner „%1“.</translation>
    </message>
    <message>
        <source>The folder already has this name.</source>
        <translation>Der Ordner hat bereits diesen Namen.</translation>
    </message>
    <message>
        <source>The connection was closed.</source>
        <translation>Die Verbindung wurde geschlossen.</translation>
    </message>
    <message>
        <source>The folder “%1” could not be created.</source>
        <translation>Der Ordner „%1“ konnte nicht erstellt werden.</translation>
    </message>
    <message>
        <source>The folder “%1” could not be renamed to “%2”.</source>
        <translation>Der Ordner „%1“ konnte nicht in „%2“ umbenannt werden.</translation>
    </message>
    <message>
        <source>The folder “%1” could not be deleted.</source>
        <translation>Der Ordner „%1“ konnte nicht gelöscht werden.</translation>
    </message>
    <message>
        <source>The folder “%1” could not be subscribed to.</source>
        <translation>Der Ordner „%1“ konnte nicht abonniert werden.</translation>
    </message>
    <message>
        <source>The folder “%1” could not be unsubscribed from.</source>
        <translation>Das Abonnement des Ordners „%1“ konnte nicht beendet werden.</translation>
    </message>
</context>
<context>
    <name>FolderNameDialog</name>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>New Folder</source>
        <translation>Neuer Ordner</translation>
    </message>
    <message>
        <source>&amp;Create</source>
        <translation>&amp;Erstellen</translation>
    </message>
    <message>
        <source>Create &amp;inside “%1”</source>
        <translation>Als &amp;Unterordner von „%1“ erstellen</translation>
    </message>
    <message>
        <source>Rename Folder</source>
        <translation>Ordner umbenennen</translation>
    </message>
    <message>
        <source>&amp;Rename</source>
        <translation>&amp;Umbenennen</translation>
    </message>
</context>
<context>
    <name>FolderSearch</name>
    <message>
        <source>The folder to search is not selected on the connection</source>
        <translation>Der zu durchsuchende Ordner ist auf der Verbindung nicht ausgewählt</translation>
    </message>
</context>
<context>
    <name>FolderSync</name>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>the server sent a field longer than the client keeps</source>
        <translation>der Server hat ein Feld gesendet, das länger ist, als Heron speichern kann</translation>
    </message>
    <message>
        <source>the cache refused it: %1</source>
        <translation>der Cache hat es abgelehnt: %1</translation>
    </message>
</context>
<context>
    <name>FolderTable</name>
    <message>
        <source>Cannot store the folder %1</source>
        <translation>Der Ordner %1 kann nicht gespeichert werden</translation>
    </message>
    <message>
        <source>Cannot store the state of a folder</source>
        <translation>Der Zustand eines Ordners kann nicht gespeichert werden</translation>
    </message>
    <message>
        <source>No folder with id %1 in the cache</source>
        <translation>Kein Ordner mit der ID %1 im Cache</translation>
    </message>
    <message>
        <source>Cannot read the folder list</source>
        <translation>Die Ordnerliste kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>Cannot read a folder</source>
        <translation>Ein Ordner kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>No folder %1 in the cache</source>
        <translation>Kein Ordner %1 im Cache</translation>
    </message>
    <message>
        <source>Cannot reset a folder</source>
        <translation>Ein Ordner kann nicht zurückgesetzt werden</translation>
    </message>
    <message>
        <source>Cannot change a folder</source>
        <translation>Ein Ordner kann nicht geändert werden</translation>
    </message>
    <message>
        <source>Cannot remove a folder</source>
        <translation>Ein Ordner kann nicht entfernt werden</translation>
    </message>
    <message>
        <source>Cannot rename the folder to %1</source>
        <translation>Der Ordner kann nicht in %1 umbenannt werden</translation>
    </message>
</context>
<context>
    <name>HtmlComposerEditor</name>
    <message>
        <source>“%1” cannot be read.</source>
        <translation>„%1“ kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>“%1” is too large to show in the text; attach it instead.</source>
        <translation>„%1“ ist zu groß, um im Text angezeigt zu werden; hängen Sie die Datei stattdessen an.</translation>
    </message>
    <message>
        <source>“%1” is not a picture.</source>
        <translation>„%1“ ist kein Bild.</translation>
    </message>
</context>
<context>
    <name>IdentityListEditor</name>
    <message>
        <source>A&amp;dd</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Make De&amp;fault</source>
        <translation>Als Stan&amp;dard festlegen</translation>
    </message>
    <message>
        <source>you@example.org</source>
        <translation>ihr.name@example.org</translation>
    </message>
    <message>
        <source>Replies go to the address above</source>
        <translation>Antworten gehen an die Adresse oben</translation>
    </message>
    <message>
        <source>Put under new messages, replies and forwards after a “-- ” line</source>
        <translation>Wird unter neue Nachrichten, Antworten und Weiterleitungen nach einer Zeile „-- “ gesetzt</translation>
    </message>
    <message>
        <source>Your n&amp;ame:</source>
        <translation>Ihr Na&amp;me:</translation>
    </message>
    <message>
        <source>E-mail &amp;address:</source>
        <translation>E-Mail-&amp;Adresse:</translation>
    </message>
    <message>
        <source>Re&amp;ply to:</source>
        <translation>Ant&amp;wort an:</translation>
    </message>
    <message>
        <source>Si&amp;gnature:</source>
        <translation>Si&amp;gnatur:</translation>
    </message>
    <message>
        <source>(no address yet)</source>
        <translation>(noch keine Adresse)</translation>
    </message>
    <message>
        <source>%1 — default</source>
        <translation>%1 — Standard</translation>
    </message>
    <message>
        <source>The language the composer checks the spelling in</source>
        <translation>Die Sprache, in der der Editor die Rechtschreibung prüft</translation>
    </message>
    <message>
        <source>The system&apos;s language</source>
        <translation>Die Sprache des Systems</translation>
    </message>
    <message>
        <source>Put under messages written in HTML: paste or type it with its formatting. Empty: the signature above</source>
        <translation>Wird unter in HTML verfasste Nachrichten gesetzt: Fügen Sie sie mit ihrer Formatierung ein oder tippen Sie sie. Leer: die Signatur oben</translation>
    </message>
    <message>
        <source>HTML signa&amp;ture:</source>
        <translation>HTML-Signa&amp;tur:</translation>
    </message>
    <message>
        <source>Lang&amp;uage:</source>
        <translation>Sp&amp;rache:</translation>
    </message>
</context>
<context>
    <name>ImapConnection</name>
    <message>
        <source>Connection closed</source>
        <translation>Verbindung geschlossen</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>The server completed a command that was never sent</source>
        <translation>Der Server hat einen Befehl abgeschlossen, der nie gesendet wurde</translation>
    </message>
    <message>
        <source>Logged out</source>
        <translation>Abgemeldet</translation>
    </message>
    <message>
        <source>The server closed the connection</source>
        <translation>Der Server hat die Verbindung geschlossen</translation>
    </message>
    <message>
        <source>The server refused the connection</source>
        <translation>Der Server hat die Verbindung abgelehnt</translation>
    </message>
    <message>
        <source>The server skipped authentication on an unencrypted connection, so STARTTLS is impossible</source>
        <translation>Der Server hat die Authentifizierung auf einer unverschlüsselten Verbindung übersprungen, daher ist STARTTLS nicht möglich</translation>
    </message>
    <message>
        <source>The server does not offer STARTTLS; the account requires an encrypted connection</source>
        <translation>Der Server bietet kein STARTTLS an; das Konto erfordert eine verschlüsselte Verbindung</translation>
    </message>
    <message>
        <source>The server refused STARTTLS</source>
        <translation>Der Server hat STARTTLS abgelehnt</translation>
    </message>
    <message>
        <source>Refusing to send credentials over an unencrypted link</source>
        <translation>Zugangsdaten werden nicht über eine unverschlüsselte Verbindung gesendet</translation>
    </message>
    <message>
        <source>The server does not offer the %1 authentication the account is set to use</source>
        <translation>Der Server bietet die für das Konto eingestellte Authentifizierung %1 nicht an</translation>
    </message>
    <message>
        <source>The server offers no login method this client supports</source>
        <translation>Der Server bietet keine Anmeldemethode an, die Heron unterstützt</translation>
    </message>
    <message>
        <source>The server offers neither OAUTHBEARER nor XOAUTH2, so the account&apos;s OAuth 2.0 sign-in cannot be used</source>
        <translation>Der Server bietet weder OAUTHBEARER noch XOAUTH2 an, daher kann die OAuth-2.0-Anmeldung des Kontos nicht verwendet werden</translation>
    </message>
    <message>
        <source>The server rejected the user name or password</source>
        <translation>Der Server hat den Benutzernamen oder das Passwort abgelehnt</translation>
    </message>
    <message>
        <source>The server&apos;s data after COMPRESS could not be read</source>
        <translation>Die Daten des Servers nach COMPRESS konnten nicht gelesen werden</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>the file got shorter</source>
        <translation>die Datei wurde kürzer</translation>
    </message>
</context>
<context>
    <name>ImapFetchPartTask</name>
    <message>
        <source>The message&apos;s folder is not the one selected on the connection</source>
        <translation>Der Ordner der Nachricht ist nicht der auf der Verbindung ausgewählte</translation>
    </message>
    <message>
        <source>Part %1 of the message is not on the server</source>
        <translation>Teil %1 der Nachricht ist nicht auf dem Server</translation>
    </message>
    <message>
        <source>The server sent nothing for part %1 of the message; it may have been deleted</source>
        <translation>Der Server hat für Teil %1 der Nachricht nichts gesendet; sie wurde vielleicht gelöscht</translation>
    </message>
</context>
<context>
    <name>ImapFramer</name>
    <message>
        <source>IMAP response line exceeds %1 bytes</source>
        <translation>IMAP-Antwortzeile überschreitet %1 Byte</translation>
    </message>
    <message>
        <source>IMAP literal size is out of range</source>
        <translation>Größe des IMAP-Literals liegt außerhalb des gültigen Bereichs</translation>
    </message>
    <message>
        <source>IMAP literal of %1 bytes exceeds the limit of %2</source>
        <translation>IMAP-Literal mit %1 Byte überschreitet die Grenze von %2</translation>
    </message>
    <message>
        <source>IMAP response exceeds %1 bytes</source>
        <translation>IMAP-Antwort überschreitet %1 Byte</translation>
    </message>
    <message>
        <source>IMAP quoted string exceeds %1 bytes</source>
        <translation>IMAP-Zeichenkette in Anführungszeichen überschreitet %1 Byte</translation>
    </message>
    <message>
        <source>Cannot write a message to the folder %1</source>
        <translation>Eine Nachricht kann nicht in den Ordner %1 geschrieben werden</translation>
    </message>
    <message>
        <source>Cannot keep a message in the folder %1: %2</source>
        <translation>Eine Nachricht kann nicht im Ordner %1 gespeichert werden: %2</translation>
    </message>
</context>
<context>
    <name>ImapNotifyTask</name>
    <message>
        <source>The server does not offer NOTIFY</source>
        <translation>Der Server bietet NOTIFY nicht an</translation>
    </message>
</context>
<context>
    <name>ImapParser</name>
    <message>
        <source>Malformed IMAP response: %1</source>
        <translation>Fehlerhafte IMAP-Antwort: %1</translation>
    </message>
</context>
<context>
    <name>ImapTask</name>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>The connection could not be opened</source>
        <translation>Die Verbindung konnte nicht hergestellt werden</translation>
    </message>
    <message>
        <source>No connection</source>
        <translation>Keine Verbindung</translation>
    </message>
</context>
<context>
    <name>ListIndexes</name>
    <message>
        <source>Cannot sort the list</source>
        <translation>Die Liste kann nicht sortiert werden</translation>
    </message>
    <message>
        <source>Cannot prepare the cache for threads</source>
        <translation>Der Cache kann nicht für die Konversationsansicht vorbereitet werden</translation>
    </message>
    <message>
        <source>Cannot read the cache&apos;s indexes</source>
        <translation>Die Indizes des Caches können nicht gelesen werden</translation>
    </message>
    <message>
        <source>Cannot change the cache&apos;s indexes</source>
        <translation>Die Indizes des Caches können nicht geändert werden</translation>
    </message>
</context>
<context>
    <name>ListQueries</name>
    <message>
        <source>Cannot search the cache</source>
        <translation>Der Cache kann nicht durchsucht werden</translation>
    </message>
    <message>
        <source>Cannot count the messages of a folder</source>
        <translation>Die Nachrichten eines Ordners können nicht gezählt werden</translation>
    </message>
    <message>
        <source>Cannot read the messages of a folder</source>
        <translation>Die Nachrichten eines Ordners können nicht gelesen werden</translation>
    </message>
    <message>
        <source>Cannot find a message&apos;s row</source>
        <translation>Die Zeile einer Nachricht kann nicht gefunden werden</translation>
    </message>
    <message>
        <source>Cannot find the rows of messages</source>
        <translation>Die Zeilen von Nachrichten können nicht gefunden werden</translation>
    </message>
</context>
<context>
    <name>LongMessageBar</name>
    <message>
        <source>Show all</source>
        <translation>Alles zeigen</translation>
    </message>
    <message>
        <source>This message is long: the first %1 of %2 are shown.</source>
        <translation>Diese Nachricht ist lang: Die ersten %1 von %2 werden angezeigt.</translation>
    </message>
    <message>
        <source>Save Message…</source>
        <translation>Nachricht speichern …</translation>
    </message>
    <message>
        <source>This message is longer than shown: only the first %1 of its %2 of text are shown. Save the message to read all of it.</source>
        <translation>Diese Nachricht ist länger als angezeigt: Nur die ersten %1 ihrer %2 Text werden angezeigt. Speichern Sie die Nachricht, um sie ganz zu lesen.</translation>
    </message>
</context>
<context>
    <name>MainActions</name>
    <message>
        <source>&amp;New Message</source>
        <translation>&amp;Neue Nachricht</translation>
    </message>
    <message>
        <source>&amp;Reply</source>
        <translation>&amp;Antworten</translation>
    </message>
    <message>
        <source>Reply to &amp;All</source>
        <translation>Allen a&amp;ntworten</translation>
    </message>
    <message>
        <source>&amp;Forward</source>
        <translation>&amp;Weiterleiten</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>Mark as R&amp;ead</source>
        <translation>Als &amp;gelesen markieren</translation>
    </message>
    <message>
        <source>Mark as &amp;Unread</source>
        <translation>Als &amp;ungelesen markieren</translation>
    </message>
    <message>
        <source>&amp;Flag</source>
        <translation>&amp;Markieren</translation>
    </message>
    <message>
        <source>&amp;Search…</source>
        <translation>&amp;Suchen …</translation>
    </message>
    <message>
        <source>&amp;Get Messages</source>
        <translation>Nachrichten &amp;abrufen</translation>
    </message>
    <message>
        <source>&amp;Accounts…</source>
        <translation>&amp;Konten …</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Reply to the sender</source>
        <translation>Dem Absender antworten</translation>
    </message>
    <message>
        <source>Reply to the sender and all recipients</source>
        <translation>Dem Absender und allen Empfängern antworten</translation>
    </message>
    <message>
        <source>Forward the message</source>
        <translation>Die Nachricht weiterleiten</translation>
    </message>
    <message>
        <source>Check all accounts for new messages</source>
        <translation>Alle Konten auf neue Nachrichten prüfen</translation>
    </message>
    <message>
        <source>&amp;Threads</source>
        <translation>&amp;Konversationsansicht</translation>
    </message>
    <message>
        <source>Group replies under the message they answer</source>
        <translation>Antworten unter der Nachricht gruppieren, auf die sie antworten</translation>
    </message>
    <message>
        <source>Forward as A&amp;ttachment</source>
        <translation>Als An&amp;hang weiterleiten</translation>
    </message>
    <message>
        <source>Forward the whole message as an attachment</source>
        <translation>Die ganze Nachricht als Anhang weiterleiten</translation>
    </message>
    <message>
        <source>Mo&amp;ve to Folder…</source>
        <translation>In &amp;Ordner verschieben …</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>Reply to &amp;List</source>
        <translation>Der L&amp;iste antworten</translation>
    </message>
    <message>
        <source>&amp;Next Unread Message</source>
        <translation>Nä&amp;chste ungelesene Nachricht</translation>
    </message>
    <message>
        <source>&amp;Import Contacts…</source>
        <translation>Kontakte &amp;importieren …</translation>
    </message>
    <message>
        <source>Add the people of a vCard file to the address book</source>
        <translation>Die Personen aus einer vCard-Datei zum Adressbuch hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Export Contacts…</source>
        <translation>Kontakte e&amp;xportieren …</translation>
    </message>
    <message>
        <source>Save the address book as a vCard file</source>
        <translation>Das Adressbuch als vCard-Datei speichern</translation>
    </message>
    <message>
        <source>Se&amp;ttings…</source>
        <translation>&amp;Einstellungen …</translation>
    </message>
    <message>
        <source>&amp;Open Message File…</source>
        <translation>Nachrichtendatei ö&amp;ffnen …</translation>
    </message>
    <message>
        <source>&amp;Save Message As…</source>
        <translation>Nachricht &amp;speichern unter …</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Drucken …</translation>
    </message>
    <message>
        <source>&amp;Export as PDF…</source>
        <translation>Als &amp;PDF exportieren …</translation>
    </message>
    <message>
        <source>View &amp;Source</source>
        <translation>&amp;Quelltext anzeigen</translation>
    </message>
    <message>
        <source>Open in New &amp;Window</source>
        <translation>In neuem &amp;Fenster öffnen</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;About Heron</source>
        <translation>Ü&amp;ber Heron</translation>
    </message>
    <message>
        <source>&amp;Keep Messages for Offline Use</source>
        <translation>Nachrichten &amp;offline verfügbar halten</translation>
    </message>
    <message>
        <source>Download the folder&apos;s messages so that they can be read and searched without a connection</source>
        <translation>Die Nachrichten des Ordners herunterladen, damit sie ohne Verbindung gelesen und durchsucht werden können</translation>
    </message>
    <message>
        <source>Reply to the mailing list the message came through</source>
        <translation>Der Mailingliste antworten, über die die Nachricht kam</translation>
    </message>
    <message>
        <source>&amp;New Folder…</source>
        <translation>&amp;Neuer Ordner …</translation>
    </message>
    <message>
        <source>&amp;Rename Folder…</source>
        <translation>Ordner &amp;umbenennen …</translation>
    </message>
    <message>
        <source>&amp;Delete Folder…</source>
        <translation>Ordner &amp;löschen …</translation>
    </message>
    <message>
        <source>&amp;Subscribed</source>
        <translation>A&amp;bonniert</translation>
    </message>
    <message>
        <source>Whether the server lists the folder among those you follow</source>
        <translation>Ob der Server den Ordner unter Ihren abonnierten Ordnern aufführt</translation>
    </message>
    <message>
        <source>Cop&amp;y to Folder…</source>
        <translation>In Ordner &amp;kopieren …</translation>
    </message>
    <message>
        <source>&amp;Flat Conversations</source>
        <translation>Konversationen &amp;flach anzeigen</translation>
    </message>
    <message>
        <source>Show every reply of a thread on one level under its first message</source>
        <translation>Alle Antworten einer Konversation auf einer Ebene unter ihrer ersten Nachricht anzeigen</translation>
    </message>
    <message>
        <source>&amp;Expand All Threads</source>
        <translation>Alle Konversationen a&amp;ufklappen</translation>
    </message>
    <message>
        <source>Show Only S&amp;ubscribed Folders</source>
        <translation>Nu&amp;r abonnierte Ordner anzeigen</translation>
    </message>
    <message>
        <source>Hide the folders you are not subscribed to</source>
        <translation>Die Ordner ausblenden, die Sie nicht abonniert haben</translation>
    </message>
    <message>
        <source>Move the selected messages to another folder, of any account</source>
        <translation>Die ausgewählten Nachrichten in einen anderen Ordner verschieben, auch in einem anderen Konto</translation>
    </message>
    <message>
        <source>Copy the selected messages to a folder, of any account</source>
        <translation>Die ausgewählten Nachrichten in einen Ordner kopieren, auch in einem anderen Konto</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Heron</source>
        <translation>Heron</translation>
    </message>
    <message>
        <source>Folders</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <source>Filter messages (Esc to close)</source>
        <translation>Nachrichten filtern (Esc zum Schließen)</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Message</source>
        <translation>&amp;Nachricht</translation>
    </message>
    <message>
        <source>Main Toolbar</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Unsent Messages</source>
        <translation>Nicht gesendete Nachrichten</translation>
    </message>
    <message>
        <source>Some messages have not been sent yet. They stay in the Outbox and are sent when Heron starts again.

Quit anyway?</source>
        <translation>Einige Nachrichten wurden noch nicht gesendet. Sie bleiben im Postausgang und werden beim nächsten Start von Heron gesendet.

Trotzdem beenden?</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Keep Running</source>
        <translation>&amp;Weiterlaufen lassen</translation>
    </message>
    <message>
        <source>Messages of different accounts cannot be moved together.</source>
        <translation>Nachrichten verschiedener Konten können nicht gemeinsam verschoben werden.</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Undo: %1</source>
        <translation>&amp;Rückgängig: %1</translation>
    </message>
    <message>
        <source>This Folder</source>
        <translation>Dieser Ordner</translation>
    </message>
    <message>
        <source>All Folders</source>
        <translation>Alle Ordner</translation>
    </message>
    <message>
        <source>Search this folder, or every folder of every account and their servers. Try from:, to:, subject:, has:attachment, is:unread, is:flagged, before:YYYY-MM-DD, after:YYYY-MM-DD.</source>
        <translation>Diesen Ordner durchsuchen oder alle Ordner aller Konten samt ihren Servern. Probieren Sie from:, to:, subject:, has:attachment, is:unread, is:flagged, before:JJJJ-MM-TT, after:JJJJ-MM-TT.</translation>
    </message>
    <message>
        <source>Search in</source>
        <translation>Suchen in</translation>
    </message>
    <message>
        <source>F&amp;older</source>
        <translation>&amp;Ordner</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Open Message File</source>
        <translation>Nachrichtendatei öffnen</translation>
    </message>
    <message>
        <source>Email messages (*.eml);;All files (*)</source>
        <translation>E-Mail-Nachrichten (*.eml);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>About Heron</source>
        <translation>Über Heron</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Heron %1&lt;/h3&gt;&lt;p&gt;A desktop mail client for people who care about their tools.&lt;/p&gt;&lt;p&gt;Built with Qt %2.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Heron %1&lt;/h3&gt;&lt;p&gt;Ein E-Mail-Programm für den Desktop, für Menschen, denen ihre Werkzeuge wichtig sind.&lt;/p&gt;&lt;p&gt;Erstellt mit Qt %2.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>No more unread messages</source>
        <translation>Keine weiteren ungelesenen Nachrichten</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>Ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Mark All as &amp;Read</source>
        <translation>Alle als &amp;gelesen markieren</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Suche läuft …</translation>
    </message>
    <message>
        <source>No messages match</source>
        <translation>Keine passenden Nachrichten</translation>
    </message>
    <message>
        <source>&amp;Empty Trash…</source>
        <translation>&amp;Papierkorb leeren …</translation>
    </message>
    <message>
        <source>&amp;Empty Junk…</source>
        <translation>&amp;Spam-Ordner leeren …</translation>
    </message>
    <message>
        <source>&amp;New Folder…</source>
        <translation>&amp;Neuer Ordner …</translation>
    </message>
    <message>
        <source>Ren&amp;ame…</source>
        <translation>&amp;Umbenennen …</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen …</translation>
    </message>
    <message>
        <source>&amp;Subscribed</source>
        <translation>A&amp;bonniert</translation>
    </message>
    <message>
        <source>Delete Folder</source>
        <translation>Ordner löschen</translation>
    </message>
    <message numerus="yes">
        <source>Delete the folder “%1” and the %n message(s) in it, on the server too? This cannot be undone.</source>
        <translation>
            <numerusform>Den Ordner „%1“ und die %n Nachricht darin löschen, auch auf dem Server? Dies kann nicht rückgängig gemacht werden.</numerusform>
            <numerusform>Den Ordner „%1“ und die %n Nachrichten darin löschen, auch auf dem Server? Dies kann nicht rückgängig gemacht werden.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Delete Folder</source>
        <translation>Ordner &amp;löschen</translation>
    </message>
    <message>
        <source>Empty Folder</source>
        <translation>Ordner leeren</translation>
    </message>
    <message numerus="yes">
        <source>Delete the %n message(s) in “%1” for good? This cannot be undone.</source>
        <translation>
            <numerusform>Die %n Nachricht in „%1“ endgültig löschen? Dies kann nicht rückgängig gemacht werden.</numerusform>
            <numerusform>Die %n Nachrichten in „%1“ endgültig löschen? Dies kann nicht rückgängig gemacht werden.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Empty</source>
        <translation>&amp;Leeren</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
</context>
<context>
    <name>MemorySecretStore</name>
    <message>
        <source>The password store is not available.</source>
        <translation>Der Passwortspeicher ist nicht verfügbar.</translation>
    </message>
    <message>
        <source>No password is stored for this account.</source>
        <translation>Für dieses Konto ist kein Passwort gespeichert.</translation>
    </message>
</context>
<context>
    <name>MessageBuilder</name>
    <message>
        <source>Could not write the message: %1</source>
        <translation>Die Nachricht konnte nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>Cannot read the attachment %1</source>
        <translation>Der Anhang %1 kann nicht gelesen werden</translation>
    </message>
</context>
<context>
    <name>MessageExporter</name>
    <message>
        <source>message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>The message could not be saved to %1: %2</source>
        <translation>Die Nachricht konnte nicht unter %1 gespeichert werden: %2</translation>
    </message>
    <message>
        <source>Save Message</source>
        <translation>Nachricht speichern</translation>
    </message>
    <message>
        <source>Email messages (*.eml);;All files (*)</source>
        <translation>E-Mail-Nachrichten (*.eml);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>No message is open</source>
        <translation>Keine Nachricht ist geöffnet</translation>
    </message>
    <message>
        <source>Print Message</source>
        <translation>Nachricht drucken</translation>
    </message>
    <message>
        <source>Export as PDF</source>
        <translation>Als PDF exportieren</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-Dateien (*.pdf)</translation>
    </message>
    <message>
        <source>The PDF could not be written to %1: %2</source>
        <translation>Das PDF konnte nicht unter %1 geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>MessageHeaderView</name>
    <message>
        <source>Cc:</source>
        <translation>Kopie:</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>Von:</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>An:</translation>
    </message>
    <message>
        <source>(no subject)</source>
        <translation>(kein Betreff)</translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>und %n weiterer</numerusform>
            <numerusform>und %n weitere</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Copy Address</source>
        <translation>Adresse &amp;kopieren</translation>
    </message>
    <message>
        <source>C&amp;ompose To…</source>
        <translation>&amp;Nachricht verfassen an …</translation>
    </message>
    <message>
        <source>&amp;Search Messages From</source>
        <translation>Nachrichten von dieser Adresse &amp;suchen</translation>
    </message>
</context>
<context>
    <name>MessageItemDelegate</name>
    <message>
        <source>(no subject)</source>
        <translation>(kein Betreff)</translation>
    </message>
</context>
<context>
    <name>MessageListModel</name>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
</context>
<context>
    <name>MessagePartLoader</name>
    <message>
        <source>The message is not cached and the account is offline</source>
        <translation>Die Nachricht ist nicht zwischengespeichert und das Konto ist offline</translation>
    </message>
    <message>
        <source>The folder changed while the message was read</source>
        <translation>Der Ordner wurde gewechselt, während die Nachricht gelesen wurde</translation>
    </message>
    <message>
        <source>The message is gone</source>
        <translation>Die Nachricht existiert nicht mehr</translation>
    </message>
    <message>
        <source>Cannot keep part %1 of message %2 in the cache at %3 %4</source>
        <translation>Teil %1 der Nachricht %2 kann nicht im Zwischenspeicher unter %3 %4 aufbewahrt werden</translation>
    </message>
</context>
<context>
    <name>MessagePresenter</name>
    <message>
        <source>No message is open</source>
        <translation>Keine Nachricht ist geöffnet</translation>
    </message>
</context>
<context>
    <name>MessageQuoter</name>
    <message>
        <source>%1 wrote:</source>
        <translation>%1 schrieb:</translation>
    </message>
    <message>
        <source>On %1, %2 wrote:</source>
        <translation>Am %1 schrieb %2:</translation>
    </message>
    <message>
        <source>Subject: %1</source>
        <translation>Betreff: %1</translation>
    </message>
    <message>
        <source>Date: %1</source>
        <translation>Datum: %1</translation>
    </message>
    <message>
        <source>From: %1</source>
        <translation>Von: %1</translation>
    </message>
    <message>
        <source>To: %1</source>
        <translation>An: %1</translation>
    </message>
    <message>
        <source>Cc: %1</source>
        <translation>Kopie: %1</translation>
    </message>
    <message>
        <source>Forwarded Message</source>
        <translation>Weitergeleitete Nachricht</translation>
    </message>
</context>
<context>
    <name>MessageReader</name>
    <message>
        <source>The message is not cached and the account is offline</source>
        <translation>Die Nachricht ist nicht zwischengespeichert und das Konto ist offline</translation>
    </message>
    <message>
        <source>Cannot keep message %1 in the cache at %2</source>
        <translation>Nachricht %1 kann nicht im Zwischenspeicher unter %2 abgelegt werden</translation>
    </message>
</context>
<context>
    <name>MessageRecordFactory</name>
    <message>
        <source>(This message is too large or malformed to be stored)</source>
        <translation>(Diese Nachricht ist zu groß oder zu fehlerhaft, um gespeichert zu werden)</translation>
    </message>
</context>
<context>
    <name>MessageSender</name>
    <message>
        <source>The message has no sender</source>
        <translation>Die Nachricht hat keinen Absender</translation>
    </message>
    <message>
        <source>The message has no recipients</source>
        <translation>Die Nachricht hat keine Empfänger</translation>
    </message>
    <message>
        <source>No such message in the outbox</source>
        <translation>Diese Nachricht ist nicht im Postausgang</translation>
    </message>
    <message>
        <source>The message is being sent</source>
        <translation>Die Nachricht wird gerade gesendet</translation>
    </message>
    <message>
        <source>Cannot read the message from the outbox</source>
        <translation>Die Nachricht kann nicht aus dem Postausgang gelesen werden</translation>
    </message>
    <message>
        <source>No connection to the server could be made</source>
        <translation>Es konnte keine Verbindung zum Server hergestellt werden</translation>
    </message>
</context>
<context>
    <name>MessageSource</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
</context>
<context>
    <name>MessageSourceDialog</name>
    <message>
        <source>Message Source</source>
        <translation>Quelltext der Nachricht</translation>
    </message>
    <message>
        <source>All &amp;Headers</source>
        <translation>Alle &amp;Kopfzeilen</translation>
    </message>
    <message>
        <source>&amp;Source</source>
        <translation>&amp;Quelltext</translation>
    </message>
</context>
<context>
    <name>MessageStore</name>
    <message>
        <source>Cannot open the cache %1</source>
        <translation>Der Cache %1 kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Message %1 is not cached</source>
        <translation>Nachricht %1 ist nicht zwischengespeichert</translation>
    </message>
</context>
<context>
    <name>MessageTable</name>
    <message>
        <source>Cannot store message %1</source>
        <translation>Nachricht %1 kann nicht gespeichert werden</translation>
    </message>
    <message>
        <source>Cannot store the flags of message %1</source>
        <translation>Die Markierungen der Nachricht %1 können nicht gespeichert werden</translation>
    </message>
    <message>
        <source>Cannot change the flags of message %1</source>
        <translation>Die Markierungen der Nachricht %1 können nicht geändert werden</translation>
    </message>
    <message>
        <source>Cannot remove message %1</source>
        <translation>Nachricht %1 kann nicht entfernt werden</translation>
    </message>
    <message>
        <source>Cannot clear a folder</source>
        <translation>Ein Ordner kann nicht geleert werden</translation>
    </message>
    <message>
        <source>Cannot read message %1</source>
        <translation>Nachricht %1 kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>Message %1 is not cached</source>
        <translation>Nachricht %1 ist nicht zwischengespeichert</translation>
    </message>
    <message>
        <source>Cannot read the UIDs of a folder</source>
        <translation>Die UIDs eines Ordners können nicht gelesen werden</translation>
    </message>
    <message>
        <source>Cannot count the messages of the folders</source>
        <translation>Die Nachrichten der Ordner können nicht gezählt werden</translation>
    </message>
    <message>
        <source>Cannot look for a message by its Message-ID</source>
        <translation>Eine Nachricht kann nicht anhand ihrer Message-ID gesucht werden</translation>
    </message>
    <message>
        <source>Cannot store the size of message %1</source>
        <translation>Die Größe der Nachricht %1 kann nicht gespeichert werden</translation>
    </message>
</context>
<context>
    <name>MessageViewer</name>
    <message>
        <source>Save Attachment</source>
        <translation>Anhang speichern</translation>
    </message>
    <message>
        <source>Save All Attachments</source>
        <translation>Alle Anhänge speichern</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Save All</source>
        <translation>Alle speichern</translation>
    </message>
    <message>
        <source>attachment</source>
        <translation>Anhang</translation>
    </message>
    <message>
        <source>cannot create a temporary folder</source>
        <translation>Ein temporärer Ordner kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>No message selected</source>
        <translation>Keine Nachricht ausgewählt</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>Betreff:</translation>
    </message>
    <message>
        <source>(no subject)</source>
        <translation>(kein Betreff)</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>Von:</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>An:</translation>
    </message>
    <message>
        <source>Cc:</source>
        <translation>Kopie:</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>Datum:</translation>
    </message>
    <message>
        <source>No message is open</source>
        <translation>Keine Nachricht ist geöffnet</translation>
    </message>
    <message>
        <source>C&amp;ompose To…</source>
        <translation>&amp;Nachricht verfassen an …</translation>
    </message>
    <message>
        <source>Copy &amp;Address</source>
        <translation>&amp;Adresse kopieren</translation>
    </message>
    <message>
        <source>&amp;Open Link</source>
        <translation>Link ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Copy &amp;Link Address</source>
        <translation>&amp;Linkadresse kopieren</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>&amp;Alles auswählen</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>Ö&amp;ffnen</translation>
    </message>
    <message>
        <source>&amp;Save As…</source>
        <translation>&amp;Speichern unter …</translation>
    </message>
    <message>
        <source>Save &amp;All…</source>
        <translation>&amp;Alle speichern …</translation>
    </message>
    <message>
        <source>a 1×1 pixel</source>
        <translation>ein 1×1-Pixel</translation>
    </message>
    <message>
        <source>a hidden image</source>
        <translation>ein verborgenes Bild</translation>
    </message>
    <message>
        <source>an image address naming you</source>
        <translation>eine Bildadresse, die Sie identifiziert</translation>
    </message>
    <message>
        <source>No program is set up to open %1</source>
        <translation>Es ist kein Programm zum Öffnen von %1 eingerichtet</translation>
    </message>
    <message>
        <source>Cannot read %1</source>
        <translation>%1 kann nicht gelesen werden</translation>
    </message>
</context>
<context>
    <name>MessageWindow</name>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>&amp;Save As…</source>
        <translation>&amp;Speichern unter …</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Drucken …</translation>
    </message>
    <message>
        <source>&amp;Export as PDF…</source>
        <translation>Als &amp;PDF exportieren …</translation>
    </message>
    <message>
        <source>View &amp;Source</source>
        <translation>&amp;Quelltext anzeigen</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>S&amp;chließen</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>(no subject)</source>
        <translation>(kein Betreff)</translation>
    </message>
    <message>
        <source>The message is not available</source>
        <translation>Die Nachricht ist nicht verfügbar</translation>
    </message>
</context>
<context>
    <name>OAuth2Providers</name>
    <message>
        <source>%1 signs in with OAuth 2.0 only, and this copy of Heron has no client ID registered with %1. Register an application with %1 and give its client ID either when building (-DHERON_OAUTH_CLIENT_ID_%2=...) or in Heron&apos;s settings file, group [oauth2], key %3/clientId.</source>
        <translation>%1 erlaubt die Anmeldung nur mit OAuth 2.0, und für diese Heron-Installation ist keine Client-ID bei %1 registriert. Registrieren Sie eine Anwendung bei %1 und geben Sie deren Client-ID entweder beim Kompilieren (-DHERON_OAUTH_CLIENT_ID_%2=...) oder in der Einstellungsdatei von Heron an, Gruppe [oauth2], Schlüssel %3/clientId.</translation>
    </message>
</context>
<context>
    <name>OAuth2TokenManager</name>
    <message>
        <source>The keychain did not answer</source>
        <translation>Der Schlüsselbund hat nicht geantwortet</translation>
    </message>
    <message>
        <source>%1 could not be reached for a new access token: %2</source>
        <translation>%1 war für ein neues Zugriffstoken nicht erreichbar: %2</translation>
    </message>
    <message>
        <source>The sign-in could not be stored (%1); it is kept until Heron quits.</source>
        <translation>Die Anmeldung konnte nicht gespeichert werden (%1); sie bleibt erhalten, bis Heron beendet wird.</translation>
    </message>
    <message>
        <source>Heron is signed in. You can close this page.</source>
        <translation>Heron ist angemeldet. Sie können diese Seite schließen.</translation>
    </message>
    <message>
        <source>No local port is free for the browser&apos;s answer</source>
        <translation>Kein lokaler Port ist für die Antwort des Browsers frei</translation>
    </message>
</context>
<context>
    <name>OperationJournal</name>
    <message>
        <source>Cannot keep a change for the server</source>
        <translation>Eine Änderung für den Server kann nicht aufbewahrt werden</translation>
    </message>
    <message>
        <source>Cannot read the changes kept for the server</source>
        <translation>Die für den Server aufbewahrten Änderungen können nicht gelesen werden</translation>
    </message>
    <message>
        <source>Cannot remove a change kept for the server</source>
        <translation>Eine für den Server aufbewahrte Änderung kann nicht entfernt werden</translation>
    </message>
</context>
<context>
    <name>OperationQueue</name>
    <message>
        <source>An unknown change was kept for the server</source>
        <translation>Eine unbekannte Änderung wurde für den Server aufbewahrt</translation>
    </message>
    <message>
        <source>A change was dropped: its folder no longer exists.</source>
        <translation>Eine Änderung wurde verworfen: Ihr Ordner existiert nicht mehr.</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) could not be moved: the folder no longer exists.</source>
        <translation>
            <numerusform>%n Nachricht konnte nicht verschoben werden: Den Ordner gibt es nicht mehr.</numerusform>
            <numerusform>%n Nachrichten konnten nicht verschoben werden: Den Ordner gibt es nicht mehr.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) had already gone from the server.</source>
        <translation>
            <numerusform>%n Nachricht war schon nicht mehr auf dem Server.</numerusform>
            <numerusform>%n Nachrichten waren schon nicht mehr auf dem Server.</numerusform>
        </translation>
    </message>
    <message>
        <source>A message could not be filed: the server has no folder for it</source>
        <translation>Eine Nachricht konnte nicht abgelegt werden: Der Server hat keinen Ordner dafür</translation>
    </message>
    <message>
        <source>The server refused a change: %1</source>
        <translation>Der Server hat eine Änderung abgelehnt: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) stay marked as deleted on the server: it cannot remove them without also removing messages another program marked as deleted.</source>
        <translation>
            <numerusform>%n Nachricht bleibt auf dem Server als gelöscht markiert: Sie kann nicht entfernt werden, ohne auch Nachrichten zu entfernen, die ein anderes Programm als gelöscht markiert hat.</numerusform>
            <numerusform>%n Nachrichten bleiben auf dem Server als gelöscht markiert: Sie können nicht entfernt werden, ohne auch Nachrichten zu entfernen, die ein anderes Programm als gelöscht markiert hat.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Changing the flags of %n message(s) on the server</source>
        <translation>
            <numerusform>Markierungen von %n Nachricht werden auf dem Server geändert</numerusform>
            <numerusform>Markierungen von %n Nachrichten werden auf dem Server geändert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Moving %n message(s) on the server</source>
        <translation>
            <numerusform>%n Nachricht wird auf dem Server verschoben</numerusform>
            <numerusform>%n Nachrichten werden auf dem Server verschoben</numerusform>
        </translation>
    </message>
    <message>
        <source>Deleting messages on the server</source>
        <translation>Nachrichten werden auf dem Server gelöscht</translation>
    </message>
    <message>
        <source>Storing a message on the server</source>
        <translation>Eine Nachricht wird auf dem Server gespeichert</translation>
    </message>
    <message>
        <source>A message could not be filed: its file is gone</source>
        <translation>Eine Nachricht konnte nicht abgelegt werden: ihre Datei fehlt</translation>
    </message>
</context>
<context>
    <name>OutboxController</name>
    <message>
        <source>Sending</source>
        <translation>Wird gesendet</translation>
    </message>
    <message>
        <source>Sending “%1”</source>
        <translation>„%1“ wird gesendet</translation>
    </message>
    <message>
        <source>Sending again…</source>
        <translation>Wird erneut gesendet …</translation>
    </message>
    <message>
        <source>Sending stopped.</source>
        <translation>Senden angehalten.</translation>
    </message>
    <message>
        <source>Message sent.</source>
        <translation>Nachricht gesendet.</translation>
    </message>
    <message>
        <source>Message sent, but refused for %1.</source>
        <translation>Nachricht gesendet, aber für %1 abgelehnt.</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>Nicht gesendet: %1</translation>
    </message>
    <message>
        <source>Not sent: could not reach %1: %2; next attempt at %3</source>
        <translation>Nicht gesendet: %1 nicht erreichbar: %2; nächster Versuch um %3</translation>
    </message>
    <message>
        <source>Not sent yet: %1; next attempt at %2</source>
        <translation>Noch nicht gesendet: %1; nächster Versuch um %2</translation>
    </message>
    <message>
        <source>The message may or may not have been sent (%1); it waits in the Outbox for your decision.</source>
        <translation>Die Nachricht wurde vielleicht gesendet, vielleicht auch nicht (%1); sie wartet im Postausgang auf Ihre Entscheidung.</translation>
    </message>
</context>
<context>
    <name>OutboxModel</name>
    <message>
        <source>Waiting</source>
        <translation>Wartet</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Wird gesendet</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>Nicht gesendet</translation>
    </message>
    <message>
        <source>Perhaps sent</source>
        <translation>Vielleicht gesendet</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <source>To</source>
        <translation>An</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>Eingereiht</translation>
    </message>
    <message>
        <source>%1 — next attempt at %2</source>
        <translation>%1 — nächster Versuch um %2</translation>
    </message>
</context>
<context>
    <name>OutboxStore</name>
    <message>
        <source>Cannot create the outbox folder</source>
        <translation>Der Ordner für den Postausgang kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>Sending was interrupted; the message may have been sent</source>
        <translation>Das Senden wurde unterbrochen; die Nachricht wurde eventuell gesendet</translation>
    </message>
    <message>
        <source>Cannot save the message to the outbox</source>
        <translation>Die Nachricht kann nicht im Postausgang gespeichert werden</translation>
    </message>
    <message>
        <source>No such message in the outbox</source>
        <translation>Diese Nachricht ist nicht im Postausgang</translation>
    </message>
    <message>
        <source>Cannot remove the message from the outbox</source>
        <translation>Die Nachricht kann nicht aus dem Postausgang entfernt werden</translation>
    </message>
    <message>
        <source>Cannot save the outbox state</source>
        <translation>Der Zustand des Postausgangs kann nicht gespeichert werden</translation>
    </message>
    <message>
        <source>Cannot keep the attachment %1</source>
        <translation>Der Anhang %1 kann nicht aufbewahrt werden</translation>
    </message>
</context>
<context>
    <name>OutboxView</name>
    <message>
        <source>Dele&amp;te</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>Postausgang</translation>
    </message>
    <message>
        <source>Remove the selected message without sending it</source>
        <translation>Die ausgewählte Nachricht entfernen, ohne sie zu senden</translation>
    </message>
    <message>
        <source>Every message has been sent.</source>
        <translation>Alle Nachrichten wurden gesendet.</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) not sent yet.</source>
        <translation>
            <numerusform>%n Nachricht noch nicht gesendet.</numerusform>
            <numerusform>%n Nachrichten noch nicht gesendet.</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete Unsent Message</source>
        <translation>Nicht gesendete Nachricht löschen</translation>
    </message>
    <message>
        <source>“%1” will never be sent. Delete it?</source>
        <translation>„%1“ wird dann nie gesendet. Nachricht löschen?</translation>
    </message>
    <message>
        <source>Retry &amp;Now</source>
        <translation>&amp;Jetzt erneut versuchen</translation>
    </message>
    <message>
        <source>Send the selected message now, without waiting for its next attempt</source>
        <translation>Die ausgewählte Nachricht jetzt senden, ohne auf den nächsten Versuch zu warten</translation>
    </message>
</context>
<context>
    <name>PartDownload</name>
    <message>
        <source>The attachment is not cached and the account is offline</source>
        <translation>Der Anhang ist nicht zwischengespeichert und das Konto ist offline</translation>
    </message>
    <message>
        <source>The attachment could not be read</source>
        <translation>Der Anhang konnte nicht gelesen werden</translation>
    </message>
    <message>
        <source>Cannot keep the attachment in the cache: %1</source>
        <translation>Der Anhang kann nicht im Zwischenspeicher aufbewahrt werden: %1</translation>
    </message>
    <message>
        <source>Cannot keep the attachment in the cache at %1 %2</source>
        <translation>Der Anhang kann nicht im Zwischenspeicher unter %1 %2 aufbewahrt werden</translation>
    </message>
</context>
<context>
    <name>RecipientChip</name>
    <message>
        <source>Remove %1</source>
        <translation>%1 entfernen</translation>
    </message>
    <message>
        <source>“%1” is not a valid address. Double-click to correct it.</source>
        <translation>„%1“ ist keine gültige Adresse. Zum Korrigieren doppelklicken.</translation>
    </message>
    <message>
        <source>%1 (not a valid address)</source>
        <translation>%1 (keine gültige Adresse)</translation>
    </message>
    <message>
        <source>Delete removes it, Enter edits it</source>
        <translation>Entf entfernt die Adresse, Eingabe bearbeitet sie</translation>
    </message>
</context>
<context>
    <name>RecipientField</name>
    <message>
        <source>Not valid addresses: %1</source>
        <translation>Ungültige Adressen: %1</translation>
    </message>
</context>
<context>
    <name>RemoteContentBar</name>
    <message>
        <source>Load for this message</source>
        <translation>Für diese Nachricht laden</translation>
    </message>
    <message>
        <source>Always for this sender</source>
        <translation>Immer für diesen Absender</translation>
    </message>
    <message>
        <source>1 remote resource was blocked to protect your privacy.</source>
        <translation>1 externer Inhalt wurde zum Schutz Ihrer Privatsphäre blockiert.</translation>
    </message>
    <message numerus="yes">
        <source>%n remote resources were blocked to protect your privacy.</source>
        <translation>
            <numerusform>%n externer Inhalt wurde zum Schutz Ihrer Privatsphäre blockiert.</numerusform>
            <numerusform>%n externe Inhalte wurden zum Schutz Ihrer Privatsphäre blockiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>1 tracker blocked: %1.</source>
        <translation>1 Tracker blockiert: %1.</translation>
    </message>
    <message numerus="yes">
        <source>%n trackers blocked: %1.</source>
        <translation>
            <numerusform>%n Tracker blockiert: %1.</numerusform>
            <numerusform>%n Tracker blockiert: %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RemoteImageFetcher</name>
    <message>
        <source>Only http and https addresses without a user name are fetched</source>
        <translation>Nur http- und https-Adressen ohne Benutzernamen werden abgerufen</translation>
    </message>
    <message>
        <source>The image is larger than %1 bytes</source>
        <translation>Das Bild ist größer als %1 Byte</translation>
    </message>
    <message>
        <source>The server did not answer in time</source>
        <translation>Der Server hat nicht rechtzeitig geantwortet</translation>
    </message>
</context>
<context>
    <name>RunningAccount</name>
    <message>
        <source>Cannot create %1</source>
        <translation>%1 kann nicht angelegt werden</translation>
    </message>
</context>
<context>
    <name>SearchIndex</name>
    <message>
        <source>Cannot read the search index&apos;s backlog</source>
        <translation>Die ausstehenden Einträge des Suchindex können nicht gelesen werden</translation>
    </message>
    <message>
        <source>Cannot update the search index</source>
        <translation>Der Suchindex kann nicht aktualisiert werden</translation>
    </message>
    <message>
        <source>Cannot index the text of a message</source>
        <translation>Der Text einer Nachricht kann nicht indiziert werden</translation>
    </message>
    <message>
        <source>Cannot list the messages without text</source>
        <translation>Die Nachrichten ohne Text können nicht aufgelistet werden</translation>
    </message>
</context>
<context>
    <name>SearchResultsModel</name>
    <message>
        <source>%1 › %2</source>
        <translation>%1 › %2</translation>
    </message>
    <message>
        <source>Here and on the server</source>
        <translation>Hier und auf dem Server</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Here</source>
        <translation>Hier</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>Gefunden</translation>
    </message>
</context>
<context>
    <name>SectionFetchRegistry</name>
    <message>
        <source>The part&apos;s download was cancelled</source>
        <translation>Das Herunterladen des Teils wurde abgebrochen</translation>
    </message>
</context>
<context>
    <name>SentFilingEditor</name>
    <message>
        <source>The server files sent messages itself</source>
        <translation>Der Server legt gesendete Nachrichten selbst ab</translation>
    </message>
    <message>
        <source>Find Out Again</source>
        <translation>Erneut ermitteln</translation>
    </message>
    <message>
        <source>Forget the answer: the next message sent shows whether the server files it in Sent</source>
        <translation>Die Antwort vergessen: Die nächste gesendete Nachricht zeigt, ob der Server sie in „Gesendet“ ablegt</translation>
    </message>
    <message>
        <source>Not known yet: the next message sent shows it. Until then Heron files a copy in Sent only when the server did not.</source>
        <translation>Noch nicht bekannt: Die nächste gesendete Nachricht zeigt es. Bis dahin legt Heron nur dann eine Kopie in „Gesendet“ ab, wenn der Server es nicht getan hat.</translation>
    </message>
    <message>
        <source>Heron files no copy of its own.</source>
        <translation>Heron legt keine eigene Kopie ab.</translation>
    </message>
    <message>
        <source>Heron files a copy of each message sent in Sent.</source>
        <translation>Heron legt von jeder gesendeten Nachricht eine Kopie in „Gesendet“ ab.</translation>
    </message>
</context>
<context>
    <name>ServerConnectionTester</name>
    <message>
        <source>Waiting for the server&apos;s greeting</source>
        <translation>Warten auf die Begrüßung des Servers</translation>
    </message>
    <message>
        <source>Securing the connection (STARTTLS)</source>
        <translation>Verbindung wird abgesichert (STARTTLS)</translation>
    </message>
    <message>
        <source>Logging in</source>
        <translation>Anmeldung</translation>
    </message>
    <message>
        <source>Asking for the server&apos;s capabilities</source>
        <translation>Fähigkeiten des Servers werden abgefragt</translation>
    </message>
    <message>
        <source>No answer within %1 seconds</source>
        <translation>Keine Antwort innerhalb von %1 Sekunden</translation>
    </message>
    <message>
        <source>The test was stopped</source>
        <translation>Der Test wurde abgebrochen</translation>
    </message>
    <message>
        <source>Connecting to %1</source>
        <translation>Verbindung zu %1 wird hergestellt</translation>
    </message>
</context>
<context>
    <name>ServerProbe</name>
    <message>
        <source>No answer in time</source>
        <translation>Keine rechtzeitige Antwort</translation>
    </message>
    <message>
        <source>The server closed the connection</source>
        <translation>Der Server hat die Verbindung geschlossen</translation>
    </message>
    <message>
        <source>The certificate is not trusted</source>
        <translation>Dem Zertifikat wird nicht vertraut</translation>
    </message>
    <message>
        <source>The server sent too much</source>
        <translation>Der Server hat zu viele Daten gesendet</translation>
    </message>
    <message>
        <source>This is not an IMAP server</source>
        <translation>Dies ist kein IMAP-Server</translation>
    </message>
    <message>
        <source>This is not an SMTP server</source>
        <translation>Dies ist kein SMTP-Server</translation>
    </message>
    <message>
        <source>The server does not offer STARTTLS</source>
        <translation>Der Server bietet kein STARTTLS an</translation>
    </message>
    <message>
        <source>The certificate was not trusted</source>
        <translation>Dem Zertifikat wurde nicht vertraut</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Messages from these senders show remote images without asking. Images that track you stay blocked for every sender.</source>
        <translation>Nachrichten dieser Absender zeigen externe Bilder ohne Nachfrage an. Bilder, die Sie verfolgen, bleiben für alle Absender blockiert.</translation>
    </message>
    <message>
        <source>name@example.org</source>
        <translation>name@example.org</translation>
    </message>
    <message>
        <source>Always load remote content &amp;from:</source>
        <translation>Externe Inhalte immer &amp;laden von:</translation>
    </message>
    <message>
        <source>&amp;Privacy</source>
        <translation>&amp;Datenschutz</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Off (send at once)</source>
        <translation>Aus (sofort senden)</translation>
    </message>
    <message>
        <source>After Send, a message waits this long in the Outbox; until then Edit → Undo takes it back into the composer. 0 sends at once.</source>
        <translation>Nach dem Senden wartet eine Nachricht so lange im Postausgang; bis dahin holt Bearbeiten → Rückgängig sie zurück in den Editor. Bei 0 wird sofort gesendet.</translation>
    </message>
    <message>
        <source>&amp;Undo send delay:</source>
        <translation>Verzögerung zum &amp;Rückgängigmachen:</translation>
    </message>
    <message>
        <source>&amp;Sending</source>
        <translation>&amp;Senden</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Open the message in its own window</source>
        <translation>Die Nachricht in einem eigenen Fenster öffnen</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>Close the filter</source>
        <translation>Den Filter schließen</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
</context>
<context>
    <name>SmtpClient</name>
    <message>
        <source>The server does not offer STARTTLS; nothing was sent</source>
        <translation>Der Server bietet kein STARTTLS an; es wurde nichts gesendet</translation>
    </message>
    <message>
        <source>A submission is already running</source>
        <translation>Ein Sendevorgang läuft bereits</translation>
    </message>
    <message>
        <source>The message is not readable</source>
        <translation>Die Nachricht ist nicht lesbar</translation>
    </message>
    <message>
        <source>Malformed server reply</source>
        <translation>Fehlerhafte Antwort des Servers</translation>
    </message>
    <message>
        <source>The server refused the session</source>
        <translation>Der Server hat die Sitzung abgelehnt</translation>
    </message>
    <message>
        <source>The server rejected the user name or password</source>
        <translation>Der Server hat den Benutzernamen oder das Passwort abgelehnt</translation>
    </message>
    <message>
        <source>The server refused EHLO</source>
        <translation>Der Server hat EHLO abgelehnt</translation>
    </message>
    <message>
        <source>Refusing to send credentials over an unencrypted link</source>
        <translation>Zugangsdaten werden nicht über eine unverschlüsselte Verbindung gesendet</translation>
    </message>
    <message>
        <source>The server offers neither OAUTHBEARER nor XOAUTH2, so the account&apos;s OAuth 2.0 sign-in cannot be used</source>
        <translation>Der Server bietet weder OAUTHBEARER noch XOAUTH2 an, daher kann die OAuth-2.0-Anmeldung des Kontos nicht verwendet werden</translation>
    </message>
    <message>
        <source>The server does not offer the %1 authentication the account is set to use</source>
        <translation>Der Server bietet die für das Konto eingestellte Authentifizierung %1 nicht an</translation>
    </message>
    <message>
        <source>The server offers no supported way to log in</source>
        <translation>Der Server bietet keine unterstützte Anmeldemethode an</translation>
    </message>
    <message>
        <source>The server closed the connection</source>
        <translation>Der Server hat die Verbindung geschlossen</translation>
    </message>
    <message>
        <source>The server did not answer in time</source>
        <translation>Der Server hat nicht rechtzeitig geantwortet</translation>
    </message>
    <message>
        <source>Sending was cancelled</source>
        <translation>Das Senden wurde abgebrochen</translation>
    </message>
</context>
<context>
    <name>SmtpEnvelope</name>
    <message>
        <source>The address &quot;%1&quot; holds characters that no address may hold; nothing was sent</source>
        <translation>Die Adresse „%1“ enthält Zeichen, die in keiner Adresse vorkommen dürfen; es wurde nichts gesendet</translation>
    </message>
</context>
<context>
    <name>SmtpTransaction</name>
    <message>
        <source>The message has no recipient</source>
        <translation>Die Nachricht hat keinen Empfänger</translation>
    </message>
    <message>
        <source>The server does not accept internationalized addresses or headers (no SMTPUTF8)</source>
        <translation>Der Server akzeptiert keine internationalisierten Adressen oder Kopfzeilen (kein SMTPUTF8)</translation>
    </message>
    <message>
        <source>The message holds 8-bit data and the server does not accept it (no 8BITMIME)</source>
        <translation>Die Nachricht enthält 8-Bit-Daten, die der Server nicht akzeptiert (kein 8BITMIME)</translation>
    </message>
    <message>
        <source>The message (%1 bytes) is larger than the server accepts (%2 bytes)</source>
        <translation>Die Nachricht (%1 Byte) ist größer, als der Server akzeptiert (%2 Byte)</translation>
    </message>
    <message>
        <source>The server refused the sender</source>
        <translation>Der Server hat den Absender abgelehnt</translation>
    </message>
    <message>
        <source>The server refused DATA</source>
        <translation>Der Server hat DATA abgelehnt</translation>
    </message>
    <message>
        <source>The server refused every recipient: %1</source>
        <translation>Der Server hat alle Empfänger abgelehnt: %1</translation>
    </message>
    <message>
        <source>The server refused the message</source>
        <translation>Der Server hat die Nachricht abgelehnt</translation>
    </message>
    <message>
        <source>Sent, but the server refused some recipients: %1</source>
        <translation>Gesendet, aber der Server hat einige Empfänger abgelehnt: %1</translation>
    </message>
</context>
<context>
    <name>SqliteStatement</name>
    <message>
        <source>No database</source>
        <translation>Keine Datenbank</translation>
    </message>
</context>
<context>
    <name>SslTransport</name>
    <message>
        <source>Timed out connecting to %1</source>
        <translation>Zeitüberschreitung beim Verbinden mit %1</translation>
    </message>
    <message>
        <source>%1 did not answer within %2 s</source>
        <translation>%1 hat nicht innerhalb von %2 s geantwortet</translation>
    </message>
    <message>
        <source>The certificate of %1 was not trusted</source>
        <translation>Dem Zertifikat von %1 wurde nicht vertraut</translation>
    </message>
    <message>
        <source>%1 closed the connection during the TLS handshake</source>
        <translation>%1 hat die Verbindung während des TLS-Handshakes geschlossen</translation>
    </message>
    <message>
        <source>Host %1 not found</source>
        <translation>Host %1 nicht gefunden</translation>
    </message>
    <message>
        <source>Connection to %1 refused</source>
        <translation>Verbindung zu %1 abgelehnt</translation>
    </message>
    <message>
        <source>Connection to %1 timed out</source>
        <translation>Zeitüberschreitung der Verbindung zu %1</translation>
    </message>
    <message>
        <source>TLS handshake with %1 failed</source>
        <translation>TLS-Handshake mit %1 fehlgeschlagen</translation>
    </message>
    <message>
        <source>Network error with %1</source>
        <translation>Netzwerkfehler bei %1</translation>
    </message>
    <message>
        <source>Connection to %1 lost</source>
        <translation>Verbindung zu %1 unterbrochen</translation>
    </message>
</context>
<context>
    <name>StatusArea</name>
    <message>
        <source>offline</source>
        <translation>nicht verbunden</translation>
    </message>
    <message>
        <source>connecting…</source>
        <translation>verbinde …</translation>
    </message>
    <message>
        <source>online</source>
        <translation>verbunden</translation>
    </message>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>%1, cannot send</source>
        <translation>%1, Senden nicht möglich</translation>
    </message>
    <message>
        <source>Mail: %1</source>
        <translation>E-Mail: %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Sending: not tried yet</source>
        <translation>Senden: noch nicht versucht</translation>
    </message>
    <message>
        <source>Sending: %1 reachable</source>
        <translation>Senden: %1 erreichbar</translation>
    </message>
    <message>
        <source>Sending: cannot reach %1</source>
        <translation>Senden: %1 nicht erreichbar</translation>
    </message>
    <message>
        <source>Sending: cannot reach %1 (%2)</source>
        <translation>Senden: %1 nicht erreichbar (%2)</translation>
    </message>
</context>
<context>
    <name>StoreSchema</name>
    <message>
        <source>Could not update the cache&apos;s tables</source>
        <translation>Die Tabellen des Caches konnten nicht aktualisiert werden</translation>
    </message>
    <message>
        <source>Could not start a transaction</source>
        <translation>Eine Transaktion konnte nicht gestartet werden</translation>
    </message>
    <message>
        <source>Could not commit a schema change</source>
        <translation>Eine Schemaänderung konnte nicht übernommen werden</translation>
    </message>
    <message>
        <source>The cache database cannot be read</source>
        <translation>Die Cache-Datenbank kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>The cache was written by a newer version of Heron (schema %1, this version knows up to %2)</source>
        <translation>Der Cache wurde von einer neueren Version von Heron geschrieben (Schema %1, diese Version kennt Schemas bis %2)</translation>
    </message>
    <message>
        <source>Cannot migrate the cache from schema %1 to %2</source>
        <translation>Der Cache kann nicht von Schema %1 auf %2 migriert werden</translation>
    </message>
</context>
<context>
    <name>ThreadListModel</name>
    <message>
        <source>%1 (%2)</source>
        <comment>a thread&apos;s subject, and its number of messages</comment>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>ThreadQueries</name>
    <message>
        <source>Cannot read the threads of a folder</source>
        <translation>Die Konversationen eines Ordners können nicht gelesen werden</translation>
    </message>
</context>
<context>
    <name>TransferJournal</name>
    <message>
        <source>Cannot keep a message to copy to another account</source>
        <translation>Eine Nachricht zum Kopieren in ein anderes Konto kann nicht gespeichert werden</translation>
    </message>
    <message>
        <source>Cannot read the messages to copy to another account</source>
        <translation>Die Nachrichten zum Kopieren in ein anderes Konto können nicht gelesen werden</translation>
    </message>
</context>
<context>
    <name>TrayIndicator</name>
    <message>
        <source>Show Heron</source>
        <translation>Heron anzeigen</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Heron: no unread mail</source>
        <translation>Heron: keine ungelesenen E-Mails</translation>
    </message>
    <message numerus="yes">
        <source>Heron: %n unread message(s)</source>
        <translation>
            <numerusform>Heron: %n ungelesene Nachricht</numerusform>
            <numerusform>Heron: %n ungelesene Nachrichten</numerusform>
        </translation>
    </message>
    <message>
        <source>New mail in %1</source>
        <translation>Neue E-Mail in %1</translation>
    </message>
    <message numerus="yes">
        <source>%n new message(s) in %1</source>
        <translation>
            <numerusform>%n neue Nachricht in %1</numerusform>
            <numerusform>%n neue Nachrichten in %1</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>ViewerMessageFactory</name>
    <message>
        <source>Attached message</source>
        <translation>Angehängte Nachricht</translation>
    </message>
    <message>
        <source>From: %1</source>
        <translation>Von: %1</translation>
    </message>
    <message>
        <source>Subject: %1</source>
        <translation>Betreff: %1</translation>
    </message>
    <message>
        <source>This message is signed. Heron does not check signatures: who sent it and whether it was changed on the way are not verified.</source>
        <translation>Diese Nachricht ist signiert. Heron prüft keine Signaturen: Wer sie gesendet hat und ob sie unterwegs verändert wurde, wird nicht überprüft.</translation>
    </message>
    <message>
        <source>This message is encrypted. Heron cannot decrypt it, so its content is not shown.</source>
        <translation>Diese Nachricht ist verschlüsselt. Heron kann sie nicht entschlüsseln, daher wird ihr Inhalt nicht angezeigt.</translation>
    </message>
</context>
<context>
    <name>WholeMessageRequest</name>
    <message>
        <source>The account was closed</source>
        <translation>Das Konto wurde geschlossen</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>A desktop mail client.</source>
        <translation>Ein E-Mail-Programm für den Desktop.</translation>
    </message>
    <message>
        <source>Open the composer with the given fields, e.g. &quot;to=&apos;a@b.example&apos;,subject=&apos;Hi&apos;,body=&apos;Text&apos;,attachment=&apos;file:///path&apos;&quot;.</source>
        <translation>Den Editor mit den angegebenen Feldern öffnen, z. B. &quot;to=&apos;a@b.example&apos;,subject=&apos;Hi&apos;,body=&apos;Text&apos;,attachment=&apos;file:///path&apos;&quot;.</translation>
    </message>
    <message>
        <source>fields</source>
        <translation>Felder</translation>
    </message>
    <message>
        <source>cannot read the --compose fields: %1</source>
        <translation>die --compose-Felder sind nicht lesbar: %1</translation>
    </message>
    <message>
        <source>not a mailto: link: %1</source>
        <translation>kein mailto:-Link: %1</translation>
    </message>
    <message>
        <source>A mailto: link to compose a message to, or an .eml file to show.</source>
        <translation>Ein mailto:-Link, an den eine Nachricht verfasst werden soll, oder eine anzuzeigende .eml-Datei.</translation>
    </message>
    <message>
        <source>Colours of the windows: light, dark or system (the default).</source>
        <translation>Farben der Fenster: light (hell), dark (dunkel) oder system (Standard).</translation>
    </message>
    <message>
        <source>scheme</source>
        <translation>Schema</translation>
    </message>
    <message>
        <source>--palette is light, dark or system, not %1</source>
        <translation>--palette muss light, dark oder system sein, nicht %1</translation>
    </message>
</context>
</TS>
