<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AccountDialog</name>
    <message numerus="yes">
        <source>%n certificate(s) trusted by fingerprint.</source>
        <translation>
            <numerusform>%n certificate trusted by fingerprint.</numerusform>
            <numerusform>%n certificates trusted by fingerprint.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AccountService</name>
    <message numerus="yes">
        <source>Moved %n message(s) to %1</source>
        <translation>
            <numerusform>Moved %n message to %1</numerusform>
            <numerusform>Moved %n messages to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n message(s) for good</source>
        <translation>
            <numerusform>Deleted %n message for good</numerusform>
            <numerusform>Deleted %n messages for good</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Moved %n message(s) back to %1</source>
        <translation>
            <numerusform>Moved %n message back to %1</numerusform>
            <numerusform>Moved %n messages back to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Emptied %1: %n message(s) deleted</source>
        <translation>
            <numerusform>Emptied %1: %n message deleted</numerusform>
            <numerusform>Emptied %1: %n messages deleted</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AppController</name>
    <message numerus="yes">
        <source>%n new address(es) imported from “%1”.</source>
        <translation>
            <numerusform>%n new address imported from “%1”.</numerusform>
            <numerusform>%n new addresses imported from “%1”.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n address(es) exported to “%1”.</source>
        <translation>
            <numerusform>%n address exported to “%1”.</numerusform>
            <numerusform>%n addresses exported to “%1”.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n other message(s) in %1 of %2 are marked as deleted, by another program or device.</source>
        <translation>
            <numerusform>%n other message in %1 of %2 is marked as deleted, by another program or device.</numerusform>
            <numerusform>%n other messages in %1 of %2 are marked as deleted, by another program or device.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This server can only remove the %n message(s) you deleted together with all other messages marked as deleted in the folder. Until then they stay in the folder, marked as deleted.</source>
        <translation>
            <numerusform>This server can only remove the message you deleted together with all other messages marked as deleted in the folder. Until then it stays in the folder, marked as deleted.</numerusform>
            <numerusform>This server can only remove the %n messages you deleted together with all other messages marked as deleted in the folder. Until then they stay in the folder, marked as deleted.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ComposerWindow</name>
    <message numerus="yes">
        <source>%n attachment(s), %1</source>
        <translation>
            <numerusform>%n attachment, %1</numerusform>
            <numerusform>%n attachments, %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CrossAccountTransfer</name>
    <message numerus="yes">
        <source>Moved %n message(s) to another account</source>
        <translation>
            <numerusform>Moved %n message to another account</numerusform>
            <numerusform>Moved %n messages to another account</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied %n message(s) to another account</source>
        <translation>
            <numerusform>Copied %n message to another account</numerusform>
            <numerusform>Copied %n messages to another account</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>Delete the folder “%1” and the %n message(s) in it, on the server too? This cannot be undone.</source>
        <translation>
            <numerusform>Delete the folder “%1” and the %n message in it, on the server too? This cannot be undone.</numerusform>
            <numerusform>Delete the folder “%1” and the %n messages in it, on the server too? This cannot be undone.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete the %n message(s) in “%1” for good? This cannot be undone.</source>
        <translation>
            <numerusform>Delete the %n message in “%1” for good? This cannot be undone.</numerusform>
            <numerusform>Delete the %n messages in “%1” for good? This cannot be undone.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MessageHeaderView</name>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>and %n more</numerusform>
            <numerusform>and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OperationQueue</name>
    <message numerus="yes">
        <source>%n message(s) could not be moved: the folder no longer exists.</source>
        <translation>
            <numerusform>%n message could not be moved: the folder no longer exists.</numerusform>
            <numerusform>%n messages could not be moved: the folder no longer exists.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) had already gone from the server.</source>
        <translation>
            <numerusform>%n message had already gone from the server.</numerusform>
            <numerusform>%n messages had already gone from the server.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) stay marked as deleted on the server: it cannot remove them without also removing messages another program marked as deleted.</source>
        <translation>
            <numerusform>%n message stays marked as deleted on the server: it cannot remove it without also removing messages another program marked as deleted.</numerusform>
            <numerusform>%n messages stay marked as deleted on the server: it cannot remove them without also removing messages another program marked as deleted.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Changing the flags of %n message(s) on the server</source>
        <translation>
            <numerusform>Changing the flags of %n message on the server</numerusform>
            <numerusform>Changing the flags of %n messages on the server</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Moving %n message(s) on the server</source>
        <translation>
            <numerusform>Moving %n message on the server</numerusform>
            <numerusform>Moving %n messages on the server</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OutboxView</name>
    <message numerus="yes">
        <source>%n message(s) not sent yet.</source>
        <translation>
            <numerusform>%n message not sent yet.</numerusform>
            <numerusform>%n messages not sent yet.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RemoteContentBar</name>
    <message numerus="yes">
        <source>%n remote resources were blocked to protect your privacy.</source>
        <translation>
            <numerusform>%n remote resource was blocked to protect your privacy.</numerusform>
            <numerusform>%n remote resources were blocked to protect your privacy.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n trackers blocked: %1.</source>
        <translation>
            <numerusform>%n tracker blocked: %1.</numerusform>
            <numerusform>%n trackers blocked: %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrayIndicator</name>
    <message numerus="yes">
        <source>Heron: %n unread message(s)</source>
        <translation>
            <numerusform>Heron: %n unread message</numerusform>
            <numerusform>Heron: %n unread messages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new message(s) in %1</source>
        <translation>
            <numerusform>%n new message in %1</numerusform>
            <numerusform>%n new messages in %1</numerusform>
        </translation>
    </message>
</context>
</TS>
