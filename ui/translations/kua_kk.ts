<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="kk">
<context>
    <name>AddressBook</name>
    <message>
        <location filename="../address_book.py" line="54"/>
        <source>The organizers you give testimonies to. Each one gives you a public key that starts with age1; only that organizer can open what you export for them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../address_book.py" line="61"/>
        <source>No organizers yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../address_book.py" line="64"/>
        <source>Remove…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../address_book.py" line="74"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../address_book.py" line="78"/>
        <source>Public key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../address_book.py" line="86"/>
        <source>Add organizer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../address_book.py" line="142"/>
        <source>Added {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../address_book.py" line="157"/>
        <source>Remove organizer?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../address_book.py" line="158"/>
        <source>Remove {name} from the address book? Bundles you already exported for them stay as they are.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChangePassphraseDialog</name>
    <message>
        <location filename="../passphrase_dialog.py" line="27"/>
        <location filename="../passphrase_dialog.py" line="44"/>
        <location filename="../passphrase_dialog.py" line="82"/>
        <source>Change passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../passphrase_dialog.py" line="32"/>
        <source>Choose a new passphrase for this vault. Your recovery key keeps working. Copies already on a drive still open with the old passphrase until you sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../passphrase_dialog.py" line="36"/>
        <source>New passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../passphrase_dialog.py" line="66"/>
        <source>Changing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../passphrase_dialog.py" line="72"/>
        <source>Passphrase changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../passphrase_dialog.py" line="73"/>
        <source>Passphrase changed. The recovery key still works.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConsentEditor</name>
    <message>
        <location filename="../consent_editor.py" line="19"/>
        <source>Public</source>
        <translation>Ашық</translation>
    </message>
    <message>
        <location filename="../consent_editor.py" line="20"/>
        <source>It may be shown as it is: face, voice and name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../consent_editor.py" line="21"/>
        <source>Anonymous</source>
        <translation>Анонимді</translation>
    </message>
    <message>
        <location filename="../consent_editor.py" line="22"/>
        <source>It may be shown only with faces hidden; only the anonymized copy leaves this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../consent_editor.py" line="24"/>
        <source>Restricted</source>
        <translation>Шектеулі</translation>
    </message>
    <message>
        <location filename="../consent_editor.py" line="25"/>
        <source>Only the organizers may see it: it goes to them in bundles, never into copies for publication.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../consent_editor.py" line="31"/>
        <source>Told what it is for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../consent_editor.py" line="32"/>
        <source>They were told what the recording is for and who will see it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../consent_editor.py" line="34"/>
        <source>Agreed freely</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../consent_editor.py" line="35"/>
        <source>They agreed freely, and know they can say no or stop at any time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../consent_editor.py" line="37"/>
        <source>Understood</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../consent_editor.py" line="38"/>
        <source>They understood what they agreed to, in a language they know well.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../consent_editor.py" line="40"/>
        <source>Able to decide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../consent_editor.py" line="41"/>
        <source>They are old enough and well enough to decide this for themselves.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../consent_editor.py" line="67"/>
        <source>Who may see this testimony?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../consent_editor.py" line="72"/>
        <source>Check each point with the person and note the answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../consent_editor.py" line="75"/>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../consent_editor.py" line="75"/>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../consent_editor.py" line="76"/>
        <source>Not asked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../consent_editor.py" line="90"/>
        <source>Not answered yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EmptyLibrary</name>
    <message>
        <location filename="../library_parts.py" line="44"/>
        <source>No testimonies yet</source>
        <translation>Әзірге куәлік жоқ</translation>
    </message>
    <message>
        <location filename="../library_parts.py" line="46"/>
        <source>The testimonies you record appear here. They are kept encrypted on this computer, and nobody can read them without your passphrase.</source>
        <translation>Сіз жазған куәліктер осында көрінеді. Олар осы компьютерде шифрланып сақталады, сіздің құпия фразаңызсыз оларды ешкім оқи алмайды.</translation>
    </message>
    <message>
        <location filename="../library_parts.py" line="48"/>
        <source>Record a testimony</source>
        <translation>Куәлік жазу</translation>
    </message>
</context>
<context>
    <name>EraseDeliveredButton</name>
    <message>
        <location filename="../erase_delivered.py" line="25"/>
        <source>Erase what the organizer has confirmed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../erase_delivered.py" line="47"/>
        <source>Erase delivered testimonies?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../erase_delivered.py" line="48"/>
        <source>The organizer has confirmed receiving {count} testimonies. Erase them from this computer for good? The organizer keeps them.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../export_dialog.py" line="59"/>
        <location filename="../export_dialog.py" line="92"/>
        <source>Export for an organizer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="94"/>
        <source>Kua writes the testimonies you choose into an encrypted bundle. Only the organizer you choose can open it, with their own key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="96"/>
        <source>Testimonies</source>
        <translation>Куәліктер</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="103"/>
        <source>There is nothing to export yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="106"/>
        <source>For which organizer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="109"/>
        <source>Where</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="112"/>
        <source>What to include</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="115"/>
        <source>The original recordings, photos and documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="116"/>
        <source>Only the copies made to share (small)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="117"/>
        <source>Only the anonymized copies (faces blurred)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="118"/>
        <source>Everything: the originals and every copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="121"/>
        <source>Size of the pieces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="123"/>
        <source>2 GB pieces: for any USB stick (usual)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="124"/>
        <source>1 GB pieces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="125"/>
        <source>700 MB pieces: to burn on CDs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="128"/>
        <source>A large bundle is cut into pieces no bigger than this; the organizer needs all of them. USB sticks formatted with FAT32 cannot hold a file over 4 GB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="130"/>
        <source>Consent</source>
        <translation>Келісім</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="132"/>
        <source>Restricted testimonies go in too: a bundle is only for the organizers, and restricted means only the organizers may see it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="134"/>
        <source>Include originals of anonymous testimonies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="138"/>
        <source>Otherwise only the anonymized copies (faces blurred) of those testimonies are exported. Tick this only if the person agreed that the organizer may see them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="168"/>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="172"/>
        <location filename="../export_dialog.py" line="331"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="206"/>
        <source>Untitled ({id})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="207"/>
        <source>draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="207"/>
        <source>ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="208"/>
        <source>exported before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="209"/>
        <source>delivered before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="210"/>
        <source>{title} · {date} · {status}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="213"/>
        <source> · restricted consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="215"/>
        <source> · anonymous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="260"/>
        <source>See “Consent” above: tick a box there only if the person agreed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="262"/>
        <source>Make that copy first, or choose what to include above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="272"/>
        <source>Tick the testimonies to export.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="276"/>
        <source>Counting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="279"/>
        <source>Testimonies: {n} · files: {items} · about {size}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="282"/>
        <source>{free} free there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="285"/>
        <source>There is not enough free space there: choose another drive, or fewer testimonies.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="289"/>
        <source>Choose or add the organizer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="291"/>
        <source>Choose where the bundle goes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="319"/>
        <source>Getting ready… If a copy of a recording is being made, the export starts when it is done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="331"/>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="343"/>
        <source>Writing the bundle: {done} of {total}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="358"/>
        <source>The export was stopped. Nothing was left on the drive.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="361"/>
        <source>{title}: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="369"/>
        <source>Stopping…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportTarget</name>
    <message>
        <location filename="../export_target.py" line="60"/>
        <source>Look again</source>
        <translation>Қайта іздеу</translation>
    </message>
    <message>
        <location filename="../export_target.py" line="62"/>
        <source>Look again for USB drives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export_target.py" line="66"/>
        <source>Choose a folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export_target.py" line="95"/>
        <source>{name} — {free} free</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export_target.py" line="98"/>
        <source>Folder {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export_target.py" line="108"/>
        <source>Where should the bundle go?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export_target.py" line="122"/>
        <source>No USB drive found. Plug one in and press “Look again”, or choose a folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export_target.py" line="124"/>
        <source>The bundle goes into a new folder there: {name}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstRunScreen</name>
    <message>
        <location filename="../first_run.py" line="37"/>
        <source>Welcome to Kua</source>
        <translation>Kua бағдарламасына қош келдіңіз</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="39"/>
        <source>Kua keeps the testimonies you record in an encrypted vault on this computer. Choose a passphrase you will remember: without it, nobody can open the vault, not even you.</source>
        <translation>Kua сіз жазған куәліктерді осы компьютердегі шифрланған қоймада сақтайды. Есіңізде қалатын құпия фраза таңдаңыз: онсыз қойманы ешкім аша алмайды, тіпті сіз де.</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="46"/>
        <source>Change…</source>
        <translation>Өзгерту…</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="51"/>
        <source>Vault folder</source>
        <translation>Қойма қалтасы</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="52"/>
        <source>Passphrase</source>
        <translation>Құпия фраза</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="60"/>
        <location filename="../first_run.py" line="97"/>
        <source>Create the vault</source>
        <translation>Қойма құру</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="69"/>
        <source>Where should the vault live?</source>
        <translation>Қойманы қайда орналастыру керек?</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="90"/>
        <source>Creating…</source>
        <translation>Құрылуда…</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="106"/>
        <source>Your recovery key</source>
        <translation>Қалпына келтіру кілтіңіз</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="108"/>
        <source>Write this key on paper and keep it away from this computer. If you forget the passphrase, it opens the vault. It is shown only this once.</source>
        <translation>Бұл кілтті қағазға жазып, осы компьютерден бөлек сақтаңыз. Құпия фразаны ұмытсаңыз, қойманы осы кілт ашады. Ол тек осы жолы ғана көрсетіледі.</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="120"/>
        <source>I have written it down</source>
        <translation>Кілтті жазып алдым</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="123"/>
        <source>Continue</source>
        <translation>Жалғастыру</translation>
    </message>
</context>
<context>
    <name>InterviewGuide</name>
    <message>
        <location filename="../interview_guide.py" line="32"/>
        <source>Interview guide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../interview_guide.py" line="33"/>
        <source>Tick each question once it has been answered. Double-click a question to change it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../interview_guide.py" line="43"/>
        <source>Interview questions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../interview_guide.py" line="49"/>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../interview_guide.py" line="52"/>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../interview_guide.py" line="55"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../interview_guide.py" line="109"/>
        <source>New question</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JobRow</name>
    <message>
        <location filename="../jobs_view.py" line="76"/>
        <source>{what} — {testimony}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="93"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="95"/>
        <source>Play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="110"/>
        <source>Waiting to start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="112"/>
        <source>Making the copy…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="114"/>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="116"/>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="118"/>
        <source>Could not be made: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="119"/>
        <source>no reason was recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="130"/>
        <source>Starting…</source>
        <translation>Басталуда…</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="135"/>
        <source>Finishing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="137"/>
        <source>{p} %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="139"/>
        <source>{fps} frames a second</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JobsScreen</name>
    <message>
        <location filename="../jobs_view.py" line="31"/>
        <source>Copy to share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="32"/>
        <source>Smaller copy for review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="33"/>
        <source>Sound only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="34"/>
        <source>Anonymized copy (faces blurred)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="36"/>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="44"/>
        <source>less than a minute left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="47"/>
        <source>about {n} min left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="48"/>
        <source>about {h} h {m} min left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="55"/>
        <source>a recording that was removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="60"/>
        <source>untitled testimony ({id})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="62"/>
        <source>“{title}” ({id})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="155"/>
        <source>Jobs</source>
        <translation>Тапсырмалар</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="157"/>
        <source>Copies of recordings are made here, one at a time. You can keep working meanwhile. A copy that was interrupted starts again the next time Kua is unlocked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="165"/>
        <source>No copies are being made or waiting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="208"/>
        <source>A copy is being made; it will start again the next time Kua is unlocked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="256"/>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LevelMeter</name>
    <message>
        <location filename="../level_meter.py" line="45"/>
        <source>Sound level</source>
        <translation>Дыбыс деңгейі</translation>
    </message>
    <message>
        <location filename="../level_meter.py" line="65"/>
        <source>Sound level: {db} dB</source>
        <translation>Дыбыс деңгейі: {db} дБ</translation>
    </message>
    <message>
        <location filename="../level_meter.py" line="66"/>
        <source>Sound level: silent</source>
        <translation>Дыбыс деңгейі: тыныштық</translation>
    </message>
</context>
<context>
    <name>LibraryModel</name>
    <message>
        <location filename="../library_model.py" line="50"/>
        <source>Draft</source>
        <translation>Жоба</translation>
    </message>
    <message>
        <location filename="../library_model.py" line="51"/>
        <source>Ready</source>
        <translation>Дайын</translation>
    </message>
    <message>
        <location filename="../library_model.py" line="52"/>
        <source>Exported</source>
        <translation>Экспортталды</translation>
    </message>
    <message>
        <location filename="../library_model.py" line="53"/>
        <source>Delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../library_model.py" line="59"/>
        <source>Public</source>
        <translation>Ашық</translation>
    </message>
    <message>
        <location filename="../library_model.py" line="60"/>
        <source>Anonymous</source>
        <translation>Анонимді</translation>
    </message>
    <message>
        <location filename="../library_model.py" line="61"/>
        <source>Restricted</source>
        <translation>Шектеулі</translation>
    </message>
    <message>
        <location filename="../library_model.py" line="68"/>
        <source>The speaker agreed that this testimony may be published.</source>
        <translation>Куәлік берген адам оны жариялауға келісті.</translation>
    </message>
    <message>
        <location filename="../library_model.py" line="70"/>
        <source>Share only the anonymized copy, with faces blurred.</source>
        <translation>Тек беттері бұлдыратылған анонимді көшірмесін ғана беріңіз.</translation>
    </message>
    <message>
        <location filename="../library_model.py" line="72"/>
        <source>Only for the organizers; do not publish.</source>
        <translation>Тек ұйымдастырушыларға арналған; жарияламаңыз.</translation>
    </message>
    <message>
        <location filename="../library_model.py" line="278"/>
        <source>Title</source>
        <translation>Тақырыбы</translation>
    </message>
    <message>
        <location filename="../library_model.py" line="278"/>
        <source>Detained person</source>
        <translation>Ұсталған адам</translation>
    </message>
    <message>
        <location filename="../library_model.py" line="278"/>
        <source>Date</source>
        <translation>Күні</translation>
    </message>
    <message>
        <location filename="../library_model.py" line="279"/>
        <source>Length</source>
        <translation>Ұзақтығы</translation>
    </message>
    <message>
        <location filename="../library_model.py" line="279"/>
        <source>Consent</source>
        <translation>Келісім</translation>
    </message>
    <message>
        <location filename="../library_model.py" line="279"/>
        <source>Status</source>
        <translation>Күйі</translation>
    </message>
    <message>
        <location filename="../library_model.py" line="305"/>
        <source>{status} · synced</source>
        <translation>{status} · синхрондалған</translation>
    </message>
    <message>
        <location filename="../library_model.py" line="306"/>
        <source>Untitled</source>
        <translation>Атаусыз</translation>
    </message>
    <message>
        <location filename="../library_model.py" line="320"/>
        <source>Recorded {when}</source>
        <translation>Жазылған уақыты: {when}</translation>
    </message>
    <message>
        <location filename="../library_model.py" line="321"/>
        <source>Added {when}</source>
        <translation>Қосылған уақыты: {when}</translation>
    </message>
    <message>
        <location filename="../library_model.py" line="326"/>
        <source>Saved on the backup drive at the last sync.</source>
        <translation>Соңғы синхрондау кезінде сақтық жинақтағышқа сақталды.</translation>
    </message>
    <message>
        <location filename="../library_model.py" line="328"/>
        <source>Changed since the last sync.</source>
        <translation>Соңғы синхрондаудан кейін өзгерді.</translation>
    </message>
    <message>
        <location filename="../library_model.py" line="329"/>
        <source>Not synced to a backup drive yet.</source>
        <translation>Сақтық жинақтағышқа әлі синхрондалмаған.</translation>
    </message>
</context>
<context>
    <name>LibraryScreen</name>
    <message>
        <location filename="../library_view.py" line="84"/>
        <source>Search names, titles, places… in any spelling</source>
        <translation>Есімдер, тақырыптар, жерлер… кез келген жазылуымен іздеу</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="89"/>
        <source>List</source>
        <translation>Тізім</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="91"/>
        <source>Grid</source>
        <translation>Тор</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="105"/>
        <source>All statuses</source>
        <translation>Барлық күйлер</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="105"/>
        <source>Draft</source>
        <translation>Жоба</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="106"/>
        <source>Ready</source>
        <translation>Дайын</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="106"/>
        <source>Exported</source>
        <translation>Экспортталды</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="107"/>
        <source>Not synced yet</source>
        <translation>Әлі синхрондалмаған</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="107"/>
        <source>Delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../library_view.py" line="109"/>
        <source>Any consent</source>
        <translation>Кез келген келісім</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="109"/>
        <source>Public</source>
        <translation>Ашық</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="110"/>
        <source>Anonymous</source>
        <translation>Анонимді</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="110"/>
        <source>Restricted</source>
        <translation>Шектеулі</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="112"/>
        <source>Newest first</source>
        <translation>Алдымен жаңалары</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="112"/>
        <source>Oldest first</source>
        <translation>Алдымен ескілері</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="113"/>
        <source>Title A–Z</source>
        <translation>Тақырыбы А–Я</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="113"/>
        <source>Longest first</source>
        <translation>Алдымен ұзақтары</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="114"/>
        <source>Sorted by a column</source>
        <translation>Баған бойынша сұрыпталған</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="121"/>
        <source>Show:</source>
        <translation>Көрсету:</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="122"/>
        <source>Sort:</source>
        <translation>Сұрыптау:</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="356"/>
        <source>Loading…</source>
        <translation>Жүктелуде…</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="358"/>
        <source>{n} of {total}</source>
        <translation>{total} ішінен {n}</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="361"/>
        <source>{n} testimonies</source>
        <translation>Куәліктер: {n}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="81"/>
        <source>Main</source>
        <translation>Негізгі панель</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="99"/>
        <source>Testimonies</source>
        <translation>Куәліктер</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="101"/>
        <source>Record</source>
        <translation>Жазу</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="102"/>
        <source>Jobs</source>
        <translation>Тапсырмалар</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="104"/>
        <source>Export…</source>
        <translation>Экспорттау…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="106"/>
        <source>Sync…</source>
        <translation>Синхрондау…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="107"/>
        <source>Settings</source>
        <translation>Баптаулар</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="111"/>
        <source>Lock</source>
        <translation>Құлыптау</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="114"/>
        <source>Lock now: stops the camera, closes the vault, hides everything ({keys})</source>
        <translation>Қазір құлыптау: камераны тоқтатады, қойманы жабады, бәрін жасырады ({keys})</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="196"/>
        <source>A job is running; it will continue the next time Kua opens.</source>
        <translation>Тапсырма орындалып жатыр; ол Kua келесі рет ашылғанда жалғасады.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="215"/>
        <source>Quit Kua?</source>
        <translation>Kua-дан шығасыз ба?</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="217"/>
        <source>Quit anyway? Whatever was recorded is kept.</source>
        <translation>Бәрібір шығасыз ба? Жазылғанның бәрі сақталады.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="220"/>
        <source>Quit</source>
        <translation>Шығу</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="221"/>
        <source>Keep working</source>
        <translation>Жұмысты жалғастыру</translation>
    </message>
</context>
<context>
    <name>MediaList</name>
    <message>
        <location filename="../testimony_media.py" line="17"/>
        <source>Recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../testimony_media.py" line="18"/>
        <source>Copy to share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../testimony_media.py" line="19"/>
        <source>Small copy for review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../testimony_media.py" line="20"/>
        <source>Sound only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../testimony_media.py" line="21"/>
        <source>Anonymized copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../testimony_media.py" line="22"/>
        <source>Photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../testimony_media.py" line="23"/>
        <source>Added file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../testimony_media.py" line="24"/>
        <source>Document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../testimony_media.py" line="27"/>
        <source>complete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../testimony_media.py" line="28"/>
        <source>still recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../testimony_media.py" line="29"/>
        <source>recovered after an interruption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../testimony_media.py" line="30"/>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../testimony_media.py" line="63"/>
        <source>Nothing recorded for this testimony yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../testimony_media.py" line="70"/>
        <location filename="../testimony_media.py" line="87"/>
        <location filename="../testimony_media.py" line="168"/>
        <source>Record</source>
        <translation>Жазу</translation>
    </message>
    <message>
        <location filename="../testimony_media.py" line="87"/>
        <source>Record more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../testimony_media.py" line="108"/>
        <source>Play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../testimony_media.py" line="108"/>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../testimony_media.py" line="115"/>
        <source>Make a copy to share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../testimony_media.py" line="120"/>
        <source>The person agreed to be shown only anonymized: make an anonymized copy instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../testimony_media.py" line="123"/>
        <source>Make an anonymized copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../testimony_media.py" line="125"/>
        <source>A copy with every face blurred.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../testimony_media.py" line="131"/>
        <source>Do not share this as it is: the person agreed to be shown only anonymized.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../testimony_media.py" line="134"/>
        <source>Share its anonymized copy instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../testimony_media.py" line="144"/>
        <source>This copy exists already: it is in the list above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../testimony_media.py" line="147"/>
        <source>This copy is already waiting in Jobs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../testimony_media.py" line="149"/>
        <source>The copy will be made in the background: follow it in Jobs.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NamesEditor</name>
    <message>
        <location filename="../person_editor.py" line="45"/>
        <source>Add another spelling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="47"/>
        <source>The same name written another way: Cyrillic, Latin, Uyghur (Arabic script), Chinese…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="99"/>
        <source>Full name, in any script</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="105"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="106"/>
        <source>Remove this spelling</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NewPassphrase</name>
    <message>
        <location filename="../new_passphrase.py" line="24"/>
        <source>Several words are easiest to remember</source>
        <translation>Бірнеше сөзді есте сақтау ең оңай</translation>
    </message>
    <message>
        <location filename="../new_passphrase.py" line="30"/>
        <source>Strength</source>
        <translation>Сенімділігі</translation>
    </message>
    <message>
        <location filename="../new_passphrase.py" line="34"/>
        <source>Type it again</source>
        <translation>Қайта теріңіз</translation>
    </message>
    <message>
        <location filename="../new_passphrase.py" line="55"/>
        <source>Weak</source>
        <translation>Әлсіз</translation>
    </message>
    <message>
        <location filename="../new_passphrase.py" line="55"/>
        <source>Fair</source>
        <translation>Орташа</translation>
    </message>
    <message>
        <location filename="../new_passphrase.py" line="55"/>
        <source>Good</source>
        <translation>Жақсы</translation>
    </message>
    <message>
        <location filename="../new_passphrase.py" line="55"/>
        <source>Strong</source>
        <translation>Күшті</translation>
    </message>
    <message>
        <location filename="../new_passphrase.py" line="59"/>
        <source>Use at least 10 characters; four or more words is best.</source>
        <translation>Кемінде 10 таңба; ең жақсысы — төрт не одан көп сөз.</translation>
    </message>
    <message>
        <location filename="../new_passphrase.py" line="61"/>
        <source>This passphrase is too easy to guess. Make it longer.</source>
        <translation>Бұл құпия фразаны табу тым оңай. Оны ұзартыңыз.</translation>
    </message>
    <message>
        <location filename="../new_passphrase.py" line="63"/>
        <source>The two passphrases are different.</source>
        <translation>Екі құпия фраза бірдей емес.</translation>
    </message>
</context>
<context>
    <name>NoMatches</name>
    <message>
        <location filename="../library_parts.py" line="76"/>
        <source>Show all testimonies</source>
        <translation>Барлық куәліктерді көрсету</translation>
    </message>
    <message>
        <location filename="../library_parts.py" line="84"/>
        <source>No testimony matches “{text}”.</source>
        <translation>«{text}» бойынша куәлік табылмады.</translation>
    </message>
    <message>
        <location filename="../library_parts.py" line="86"/>
        <source>No testimony matches these choices.</source>
        <translation>Бұл таңдауларға сәйкес куәлік жоқ.</translation>
    </message>
</context>
<context>
    <name>Op</name>
    <message>
        <location filename="../ops.py" line="111"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrganizerPicker</name>
    <message>
        <location filename="../organizer_picker.py" line="41"/>
        <source>Add an organizer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../organizer_picker.py" line="48"/>
        <source>Your address book is empty. Ask the organizer for their public key (it starts with age1) and add them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../organizer_picker.py" line="59"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../organizer_picker.py" line="62"/>
        <source>Their public key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../organizer_picker.py" line="63"/>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../organizer_picker.py" line="95"/>
        <source>{name} — {key}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../organizer_picker.py" line="116"/>
        <source>Type the organizer&apos;s name and their public key.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PersonEditor</name>
    <message>
        <location filename="../person_editor.py" line="17"/>
        <source>Cyrillic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="18"/>
        <source>Latin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="19"/>
        <source>Arabic script</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="20"/>
        <source>Chinese</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="139"/>
        <source>Relation to the detained person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="140"/>
        <source>e.g. sister, son, wife</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="141"/>
        <source>How to reach them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="142"/>
        <source>Phone or messenger, only if they agree</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="143"/>
        <location filename="../person_editor.py" line="150"/>
        <source>Year of birth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="144"/>
        <source>e.g. 1965</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="145"/>
        <location filename="../person_editor.py" line="152"/>
        <source>Home town or village</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="146"/>
        <location filename="../person_editor.py" line="153"/>
        <source>Citizenship</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="147"/>
        <source>e.g. Kazakhstan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="151"/>
        <source>e.g. 1978</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="154"/>
        <source>e.g. China, Kazakhstan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="155"/>
        <source>Chinese ID card number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="156"/>
        <source>18 characters: 17 digits and a digit or X</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="157"/>
        <source>Detained on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="158"/>
        <source>A year, a month or a day: 2019, 2019-05, 2019-05-17</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="160"/>
        <source>Where they are held</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="161"/>
        <source>Camp, prison or town, as far as known</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="162"/>
        <source>Kind of detention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="163"/>
        <source>e.g. camp, prison, house arrest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="164"/>
        <source>Charges</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="165"/>
        <source>What they are accused of, if known</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="166"/>
        <source>Sentence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="167"/>
        <source>e.g. 10 years</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="186"/>
        <source>Remove this person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="202"/>
        <source>Names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="202"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="203"/>
        <source>Write the name in every spelling you know: Cyrillic, Latin, Uyghur (Arabic script), Chinese…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="230"/>
        <source>Detained person {n}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlayerScreen</name>
    <message>
        <location filename="../player.py" line="76"/>
        <source>Back to the testimony</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../player.py" line="91"/>
        <source>This recording has sound only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../player.py" line="118"/>
        <location filename="../player.py" line="133"/>
        <source>Frame</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../player.py" line="119"/>
        <source>Pause and go back one frame (,)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../player.py" line="128"/>
        <location filename="../player.py" line="325"/>
        <source>Play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../player.py" line="129"/>
        <location filename="../player.py" line="325"/>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../player.py" line="134"/>
        <source>Pause and go forward one frame (.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../player.py" line="140"/>
        <source>Position in the recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../player.py" line="149"/>
        <source>Volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../player.py" line="177"/>
        <source>Opening…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../player.py" line="198"/>
        <source>Original recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../player.py" line="198"/>
        <source>Copy for sharing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../player.py" line="199"/>
        <source>Small copy for review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../player.py" line="199"/>
        <source>Sound-only copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../player.py" line="200"/>
        <source>Anonymized copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../player.py" line="200"/>
        <source>Photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../player.py" line="201"/>
        <source>Added file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../player.py" line="201"/>
        <source>Recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../player.py" line="209"/>
        <source>This photo cannot be shown: Kua does not know its format.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../player.py" line="244"/>
        <source>This computer cannot play recordings: the video and sound part of Qt (Qt Multimedia) is missing or does not work here. The recording itself is safe in the vault.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../player.py" line="326"/>
        <source>Play or pause (Space)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../player.py" line="333"/>
        <source>This recording is damaged at about {time}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../player.py" line="340"/>
        <source>Kua could not play this recording. It may be in a format this computer cannot play.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreviewView</name>
    <message>
        <location filename="../preview_widget.py" line="36"/>
        <source>Camera picture</source>
        <translation>Камера көрінісі</translation>
    </message>
</context>
<context>
    <name>RecorderScreen</name>
    <message>
        <location filename="../recorder_view.py" line="117"/>
        <source>Photo saved</source>
        <translation>Фото сақталды</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="119"/>
        <source>The photo could not be saved: {reason}</source>
        <translation>Фотоны сақтау мүмкін болмады: {reason}</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="127"/>
        <location filename="../recorder_view.py" line="221"/>
        <location filename="../recorder_view.py" line="250"/>
        <source>Record a new testimony</source>
        <translation>Жаңа куәлік жазу</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="130"/>
        <location filename="../recorder_view.py" line="141"/>
        <source>Hide the &amp;guide</source>
        <translation>&amp;Сұрақтарды жасыру</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="132"/>
        <source>Show or hide the interview questions beside the picture</source>
        <translation>Сұхбат сұрақтарын сурет жанында көрсету не жасыру</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="142"/>
        <source>Show the &amp;guide</source>
        <translation>&amp;Сұрақтарды көрсету</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="148"/>
        <source>&amp;Record</source>
        <translation>&amp;Жазу</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="149"/>
        <source>Start recording (Alt+R)</source>
        <translation>Жазуды бастау (Alt+Ж)</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="151"/>
        <location filename="../recorder_view.py" line="298"/>
        <source>&amp;Pause</source>
        <translation>&amp;Кідірту</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="153"/>
        <source>&amp;Stop</source>
        <translation>&amp;Тоқтату</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="154"/>
        <source>Stop and save the recording (Alt+S)</source>
        <translation>Тоқтатып, жазбаны сақтау (Alt+Т)</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="156"/>
        <source>Take a p&amp;hoto</source>
        <translation>&amp;Фото түсіру</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="158"/>
        <source>Save the picture now as a photo, e.g. of an identity document (Alt+H)</source>
        <translation>Қазіргі көріністі фото етіп сақтау, мысалы, құжаттың суретін (Alt+Ф)</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="172"/>
        <source>Time recorded</source>
        <translation>Жазылған уақыт</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="178"/>
        <source>Sound:</source>
        <translation>Дыбыс:</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="201"/>
        <source>Record more for this testimony</source>
        <translation>Осы куәлікке тағы жазу</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="204"/>
        <source>Fill in the details</source>
        <translation>Мәліметтерді толтыру</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="220"/>
        <source>Add a recording to this testimony</source>
        <translation>Осы куәлікке жазба қосу</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="237"/>
        <source>A recording is running. Quitting stops it; what was recorded so far is kept.</source>
        <translation>Жазба жүріп жатыр. Шықсаңыз, ол тоқтайды; осы уақытқа дейін жазылғаны сақталады.</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="298"/>
        <source>&amp;Resume</source>
        <translation>&amp;Жалғастыру</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="299"/>
        <source>Go on recording (Alt+R)</source>
        <translation>Жазуды жалғастыру (Alt+Ж)</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="300"/>
        <source>Pause; the recording stays one file (Alt+P)</source>
        <translation>Кідірту; жазба бір файл болып қалады (Alt+К)</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="301"/>
        <source>Starting…</source>
        <translation>Басталуда…</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="301"/>
        <source>● Recording</source>
        <translation>● Жазылып жатыр</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="302"/>
        <source>Paused</source>
        <translation>Кідіртілді</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="302"/>
        <source>Saving…</source>
        <translation>Сақталуда…</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="316"/>
        <source>{n} pictures skipped (the computer is busy)</source>
        <translation>{n} кадр өткізіп жіберілді (компьютер жүктеліп тұр)</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="327"/>
        <source>The disk is full, so the recording stopped. It was kept up to its last whole second ({length}). Free some space before recording again.</source>
        <translation>Диск толып қалды, сондықтан жазу тоқтады. Жазба соңғы толық секундына дейін сақталды ({length}). Қайта жазбас бұрын орын босатыңыз.</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="331"/>
        <source>The camera stopped sending pictures (was it unplugged?), so the recording stopped. What was recorded is kept ({length}).</source>
        <translation>Камера сурет жіберуді тоқтатты (ажыратылып қалған жоқ па?), сондықтан жазу тоқтады. Жазылғаны сақталды ({length}).</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="335"/>
        <source>The recording stopped because of a problem: {reason}. What was recorded is kept ({length}).</source>
        <translation>Жазу мына мәселеге байланысты тоқтады: {reason}. Жазылғаны сақталды ({length}).</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="339"/>
        <source>Recorded {length}. Saved in the vault.</source>
        <translation>Жазылды: {length}. Қоймада сақталды.</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="341"/>
        <source>{n} pictures were skipped because the computer was busy.</source>
        <translation>Компьютер жүктеліп тұрғандықтан, {n} кадр өткізіп жіберілді.</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="381"/>
        <source>The camera stopped sending pictures. Is it still plugged in? Then press “Look again”.</source>
        <translation>Камера сурет жіберуді тоқтатты. Ол әлі қосулы ма? Онда «Қайта іздеу» түймесін басыңыз.</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="384"/>
        <source>The camera could not be opened: {reason}</source>
        <translation>Камераны ашу мүмкін болмады: {reason}</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="387"/>
        <source>Waiting for the picture…</source>
        <translation>Сурет күтілуде…</translation>
    </message>
</context>
<context>
    <name>RecordingDriver</name>
    <message>
        <location filename="../recorder_controls.py" line="187"/>
        <source>Recording could not start: {reason}</source>
        <translation>Жазуды бастау мүмкін болмады: {reason}</translation>
    </message>
    <message>
        <location filename="../recorder_controls.py" line="221"/>
        <source>The recording stopped with a problem: {reason} What was recorded is kept and will be repaired the next time Kua is unlocked.</source>
        <translation>Жазу мәселеге байланысты тоқтады: {reason} Жазылғаны сақталды, ол Kua құлпы келесі рет ашылғанда қалпына келтіріледі.</translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message>
        <location filename="../export_report.py" line="20"/>
        <source>The bundle is ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export_report.py" line="30"/>
        <source>What to do next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export_report.py" line="32"/>
        <source>Give the drive to the organizer. Only their key opens the bundle: your passphrase is not needed, and nobody else can read it. Before you unplug the drive, use “Eject” or “Safely remove” so that nothing is lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export_report.py" line="40"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export_report.py" line="49"/>
        <source>Bundle {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export_report.py" line="50"/>
        <source>In the folder {folder}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export_report.py" line="51"/>
        <source>Testimonies: {n} · files: {items} · pieces: {parts} · size: {size}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export_report.py" line="54"/>
        <source>Signed by this computer: {device}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export_report.py" line="55"/>
        <source>These testimonies are now marked “exported”.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../settings_dialog.py" line="32"/>
        <source>Settings</source>
        <translation>Баптаулар</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="37"/>
        <source>General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="39"/>
        <source>Organizers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="42"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="59"/>
        <source>Never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="60"/>
        <source> minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="63"/>
        <source>Lock Kua after this long without use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="65"/>
        <source>Locking closes the vault and hides everything until the passphrase is typed again. A recording in progress is never interrupted. 0 means never.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="70"/>
        <source>480p: smallest files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="71"/>
        <source>720p: good for most testimonies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="72"/>
        <source>1080p: sharpest, largest files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="77"/>
        <source>Recording quality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="85"/>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="87"/>
        <source>The new language takes effect the next time Kua starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="91"/>
        <source>Change passphrase…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="95"/>
        <source>Passphrase</source>
        <translation>Құпия фраза</translation>
    </message>
</context>
<context>
    <name>SourcePicker</name>
    <message>
        <location filename="../recorder_sources.py" line="37"/>
        <source>&amp;Camera:</source>
        <translation>Ка&amp;мера:</translation>
    </message>
    <message>
        <location filename="../recorder_sources.py" line="39"/>
        <source>Look again</source>
        <translation>Қайта іздеу</translation>
    </message>
    <message>
        <location filename="../recorder_sources.py" line="41"/>
        <source>Look for cameras again (after plugging one in)</source>
        <translation>Камераларды қайта іздеу (камераны қосқаннан кейін)</translation>
    </message>
    <message>
        <location filename="../recorder_sources.py" line="45"/>
        <source>Low (480p), smallest files</source>
        <translation>Төмен (480p), ең кішкентай файлдар</translation>
    </message>
    <message>
        <location filename="../recorder_sources.py" line="46"/>
        <source>Medium (720p)</source>
        <translation>Орташа (720p)</translation>
    </message>
    <message>
        <location filename="../recorder_sources.py" line="47"/>
        <source>High (1080p), largest files</source>
        <translation>Жоғары (1080p), ең үлкен файлдар</translation>
    </message>
    <message>
        <location filename="../recorder_sources.py" line="50"/>
        <source>Picture &amp;quality:</source>
        <translation>Сурет са&amp;пасы:</translation>
    </message>
    <message>
        <location filename="../recorder_sources.py" line="59"/>
        <source>No camera was found. Plug one in and press “Look again”, or record the test picture to try Kua out.</source>
        <translation>Камера табылмады. Камераны қосып, «Қайта іздеу» түймесін басыңыз немесе Kua-ны байқап көру үшін сынақ суретін жазыңыз.</translation>
    </message>
    <message>
        <location filename="../recorder_sources.py" line="88"/>
        <source>Test picture (no camera)</source>
        <translation>Сынақ суреті (камерасыз)</translation>
    </message>
    <message>
        <location filename="../recorder_sources.py" line="109"/>
        <source>Sound: a test tone (no microphone)</source>
        <translation>Дыбыс: сынақ сигналы (микрофонсыз)</translation>
    </message>
    <message>
        <location filename="../recorder_sources.py" line="111"/>
        <source>No microphone found: the video will be recorded without sound.</source>
        <translation>Микрофон табылмады: бейне дыбыссыз жазылады.</translation>
    </message>
    <message>
        <location filename="../recorder_sources.py" line="114"/>
        <source>Sound: the computer’s default microphone</source>
        <translation>Дыбыс: компьютердің әдепкі микрофоны</translation>
    </message>
</context>
<context>
    <name>SyncDialog</name>
    <message>
        <location filename="../sync_dialog.py" line="57"/>
        <source>Sync to a trusted drive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sync_dialog.py" line="77"/>
        <source>Copy the vault to a trusted drive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sync_dialog.py" line="79"/>
        <source>Sync puts an encrypted copy of the whole vault on a drive you trust; without the passphrase, the drive alone reveals nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sync_dialog.py" line="81"/>
        <source>Checking the last sync…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sync_dialog.py" line="84"/>
        <source>Where should the copy go?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sync_dialog.py" line="93"/>
        <source>No drive found. Plug in a USB drive, or choose a folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sync_dialog.py" line="97"/>
        <source>Choose a folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sync_dialog.py" line="116"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sync_dialog.py" line="120"/>
        <source>Stop the sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sync_dialog.py" line="124"/>
        <source>Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sync_dialog.py" line="202"/>
        <source>{size} free</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sync_dialog.py" line="205"/>
        <source>a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sync_dialog.py" line="208"/>
        <source>already holds a copy of this vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sync_dialog.py" line="210"/>
        <source>holds a copy of another vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sync_dialog.py" line="220"/>
        <source>Choose a folder for the copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sync_dialog.py" line="240"/>
        <source>Never synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sync_dialog.py" line="244"/>
        <source>Last synced: {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sync_dialog.py" line="263"/>
        <source>Getting ready…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sync_dialog.py" line="276"/>
        <source>Stopping…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sync_dialog.py" line="289"/>
        <source>{done} of {total} items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sync_dialog.py" line="306"/>
        <source>Sync stopped. The copy on the drive is still the last complete one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sync_dialog.py" line="320"/>
        <source>The sync finished, but not every item could be copied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sync_dialog.py" line="322"/>
        <source>Done. The copy on the drive is complete and up to date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sync_dialog.py" line="323"/>
        <source>Copy: {folder}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sync_dialog.py" line="325"/>
        <source>Nothing new to copy: all {n} items were already on the drive.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sync_dialog.py" line="328"/>
        <source>Items copied: {n} ({size})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sync_dialog.py" line="330"/>
        <source>Items already on the drive: {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sync_dialog.py" line="332"/>
        <source>Items removed from the drive (erased from the vault): {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sync_dialog.py" line="335"/>
        <source>Not copied, because they are damaged in this vault:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TestimonyForm</name>
    <message>
        <location filename="../testimony_form.py" line="34"/>
        <source>Title</source>
        <translation>Тақырыбы</translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="35"/>
        <source>A short title, e.g. the detained person&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="36"/>
        <source>Recorded on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="37"/>
        <source>Date, and time if you like: 2024-03-01 14:30</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="38"/>
        <source>Place of recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="39"/>
        <source>Town or village</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="40"/>
        <source>Language spoken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="41"/>
        <source>e.g. Kazakh, Uyghur, Russian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="42"/>
        <source>Recorded by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="43"/>
        <source>Your name or initials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="44"/>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="45"/>
        <source>Words to find it by, separated by commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="71"/>
        <source>Testimony</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="98"/>
        <source>About the recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="99"/>
        <source>Consent</source>
        <translation>Келісім</translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="103"/>
        <source>Who is speaking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="107"/>
        <source>Detained people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="109"/>
        <source>Everyone this testimony is about. Write each name in every spelling you know.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="112"/>
        <source>Add a detained person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="117"/>
        <source>Recordings and photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="121"/>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="123"/>
        <source>Deleting erases this testimony and all its recordings from this computer for good.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="124"/>
        <source>Delete this testimony…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="147"/>
        <source>Anything else worth knowing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="148"/>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="149"/>
        <source>Draft</source>
        <translation>Жоба</translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="150"/>
        <source>Ready</source>
        <translation>Дайын</translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="151"/>
        <source>Exported</source>
        <translation>Экспортталды</translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="154"/>
        <source>Status</source>
        <translation>Күйі</translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="245"/>
        <source>Remove this person?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="246"/>
        <source>Everything written about this detained person will be removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="272"/>
        <source>a title, or the name of a detained person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="274"/>
        <source>who may see it (the consent level)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="277"/>
        <source>an answer to each consent question: {names}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="280"/>
        <source>Before it can be marked ready, it needs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="285"/>
        <source>Fill in what the box at the top asks for first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="290"/>
        <source>Not saved: check the field marked in red</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="291"/>
        <source>Not saved yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="292"/>
        <source>Saving…</source>
        <translation>Сақталуда…</translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="293"/>
        <source>Saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="362"/>
        <source>Delete this testimony?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="363"/>
        <source>This testimony, its recordings and photos and everything written here will be erased for good. It cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ThumbnailDelegate</name>
    <message>
        <location filename="../library_delegates.py" line="101"/>
        <source>Untitled</source>
        <translation>Атаусыз</translation>
    </message>
</context>
<context>
    <name>UnlockScreen</name>
    <message>
        <location filename="../unlock.py" line="27"/>
        <source>Kua is locked</source>
        <translation>Kua құлыпталған</translation>
    </message>
    <message>
        <location filename="../unlock.py" line="28"/>
        <source>Type your passphrase to open your testimonies.</source>
        <translation>Куәліктеріңізді ашу үшін құпия фразаңызды теріңіз.</translation>
    </message>
    <message>
        <location filename="../unlock.py" line="32"/>
        <source>Passphrase or recovery key</source>
        <translation>Құпия фраза немесе қалпына келтіру кілті</translation>
    </message>
    <message>
        <location filename="../unlock.py" line="40"/>
        <location filename="../unlock.py" line="85"/>
        <source>Unlock</source>
        <translation>Құлпын ашу</translation>
    </message>
    <message>
        <location filename="../unlock.py" line="60"/>
        <source>Unlocking…</source>
        <translation>Құлпы ашылуда…</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../errors.py" line="19"/>
        <source>Wrong passphrase</source>
        <translation>Құпия фраза қате</translation>
    </message>
    <message>
        <location filename="../errors.py" line="20"/>
        <source>Kua is already open</source>
        <translation>Kua қазірдің өзінде ашық</translation>
    </message>
    <message>
        <location filename="../errors.py" line="21"/>
        <source>The drive is full</source>
        <translation>Жинақтағыш толып қалды</translation>
    </message>
    <message>
        <location filename="../errors.py" line="22"/>
        <source>The disk is full</source>
        <translation>Диск толып қалды</translation>
    </message>
    <message>
        <location filename="../errors.py" line="23"/>
        <source>Problem with the drive</source>
        <translation>Жинақтағышта ақау бар</translation>
    </message>
    <message>
        <location filename="../errors.py" line="24"/>
        <source>The bundle is damaged</source>
        <translation>Пакет зақымдалған</translation>
    </message>
    <message>
        <location filename="../errors.py" line="25"/>
        <source>Wrong organizer key</source>
        <translation>Ұйымдастырушы кілті қате</translation>
    </message>
    <message>
        <location filename="../errors.py" line="26"/>
        <source>Damaged recording</source>
        <translation>Жазба зақымдалған</translation>
    </message>
    <message>
        <location filename="../errors.py" line="27"/>
        <source>The vault is damaged</source>
        <translation>Қойма зақымдалған</translation>
    </message>
    <message>
        <location filename="../errors.py" line="28"/>
        <source>Not a Kua vault</source>
        <translation>Бұл Kua қоймасы емес</translation>
    </message>
    <message>
        <location filename="../errors.py" line="29"/>
        <source>Not allowed by the consent given</source>
        <translation>Берілген келісім бұған рұқсат бермейді</translation>
    </message>
    <message>
        <location filename="../errors.py" line="30"/>
        <source>Problem with the recording</source>
        <translation>Жазбаға қатысты мәселе</translation>
    </message>
    <message>
        <location filename="../errors.py" line="31"/>
        <source>Stopped</source>
        <translation>Тоқтатылды</translation>
    </message>
    <message>
        <location filename="../errors.py" line="32"/>
        <source>Please check what you entered</source>
        <translation>Енгізгеніңізді тексеріңіз</translation>
    </message>
    <message>
        <location filename="../errors.py" line="33"/>
        <source>Kua could not do that</source>
        <translation>Kua мұны орындай алмады</translation>
    </message>
    <message>
        <location filename="../errors.py" line="46"/>
        <source>Something went wrong</source>
        <translation>Бір нәрсе дұрыс болмады</translation>
    </message>
    <message>
        <location filename="../errors.py" line="54"/>
        <source>Kua met an unexpected problem ({name}). Nothing was deleted.</source>
        <translation>Kua күтпеген мәселеге тап болды ({name}). Ештеңе жойылған жоқ.</translation>
    </message>
</context>
<context>
    <name>owner</name>
    <message>
        <location filename="../address_book.py" line="34"/>
        <source>A name you will recognise</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
