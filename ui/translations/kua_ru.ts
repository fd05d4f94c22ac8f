<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru">
<context>
    <name>AddressBook</name>
    <message>
        <location filename="../address_book.py" line="54"/>
        <source>The organizers you give testimonies to. Each one gives you a public key that starts with age1; only that organizer can open what you export for them.</source>
        <translation>Организаторы, которым вы передаёте свидетельства. Каждый из них даёт вам открытый ключ, который начинается с age1; открыть то, что вы экспортируете для организатора, может только он сам.</translation>
    </message>
    <message>
        <location filename="../address_book.py" line="61"/>
        <source>No organizers yet.</source>
        <translation>Организаторов пока нет.</translation>
    </message>
    <message>
        <location filename="../address_book.py" line="64"/>
        <source>Remove…</source>
        <translation>Удалить…</translation>
    </message>
    <message>
        <location filename="../address_book.py" line="74"/>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <location filename="../address_book.py" line="78"/>
        <source>Public key</source>
        <translation>Открытый ключ</translation>
    </message>
    <message>
        <location filename="../address_book.py" line="86"/>
        <source>Add organizer</source>
        <translation>Добавить организатора</translation>
    </message>
    <message>
        <location filename="../address_book.py" line="142"/>
        <source>Added {name}.</source>
        <translation>Добавлено: {name}.</translation>
    </message>
    <message>
        <location filename="../address_book.py" line="157"/>
        <source>Remove organizer?</source>
        <translation>Удалить организатора?</translation>
    </message>
    <message>
        <location filename="../address_book.py" line="158"/>
        <source>Remove {name} from the address book? Bundles you already exported for them stay as they are.</source>
        <translation>Удалить «{name}» из адресной книги? Пакеты, которые вы уже экспортировали для этого организатора, останутся без изменений.</translation>
    </message>
</context>
<context>
    <name>ChangePassphraseDialog</name>
    <message>
        <location filename="../passphrase_dialog.py" line="27"/>
        <location filename="../passphrase_dialog.py" line="44"/>
        <location filename="../passphrase_dialog.py" line="82"/>
        <source>Change passphrase</source>
        <translation>Сменить парольную фразу</translation>
    </message>
    <message>
        <location filename="../passphrase_dialog.py" line="32"/>
        <source>Choose a new passphrase for this vault. Your recovery key keeps working. Copies already on a drive still open with the old passphrase until you sync.</source>
        <translation>Выберите новую парольную фразу для этого хранилища. Ключ восстановления продолжит работать. Копии, которые уже есть на накопителе, открываются старой парольной фразой до следующей синхронизации.</translation>
    </message>
    <message>
        <location filename="../passphrase_dialog.py" line="36"/>
        <source>New passphrase</source>
        <translation>Новая парольная фраза</translation>
    </message>
    <message>
        <location filename="../passphrase_dialog.py" line="66"/>
        <source>Changing…</source>
        <translation>Изменение…</translation>
    </message>
    <message>
        <location filename="../passphrase_dialog.py" line="72"/>
        <source>Passphrase changed</source>
        <translation>Парольная фраза изменена</translation>
    </message>
    <message>
        <location filename="../passphrase_dialog.py" line="73"/>
        <source>Passphrase changed. The recovery key still works.</source>
        <translation>Парольная фраза изменена. Ключ восстановления по-прежнему работает.</translation>
    </message>
</context>
<context>
    <name>ConsentEditor</name>
    <message>
        <location filename="../consent_editor.py" line="19"/>
        <source>Public</source>
        <translation>Публичное</translation>
    </message>
    <message>
        <location filename="../consent_editor.py" line="20"/>
        <source>It may be shown as it is: face, voice and name.</source>
        <translation>Можно показывать как есть: лицо, голос и имя.</translation>
    </message>
    <message>
        <location filename="../consent_editor.py" line="21"/>
        <source>Anonymous</source>
        <translation>Анонимное</translation>
    </message>
    <message>
        <location filename="../consent_editor.py" line="22"/>
        <source>It may be shown only with faces hidden; only the anonymized copy leaves this computer.</source>
        <translation>Можно показывать только со скрытыми лицами; этот компьютер покидает только анонимная копия.</translation>
    </message>
    <message>
        <location filename="../consent_editor.py" line="24"/>
        <source>Restricted</source>
        <translation>Ограниченное</translation>
    </message>
    <message>
        <location filename="../consent_editor.py" line="25"/>
        <source>Only the organizers may see it: it goes to them in bundles, never into copies for publication.</source>
        <translation>Видеть могут только организаторы: оно попадает к ним в пакетах и никогда — в копии для публикации.</translation>
    </message>
    <message>
        <location filename="../consent_editor.py" line="31"/>
        <source>Told what it is for</source>
        <translation>Знает, для чего запись</translation>
    </message>
    <message>
        <location filename="../consent_editor.py" line="32"/>
        <source>They were told what the recording is for and who will see it.</source>
        <translation>Человеку объяснили, для чего эта запись и кто её увидит.</translation>
    </message>
    <message>
        <location filename="../consent_editor.py" line="34"/>
        <source>Agreed freely</source>
        <translation>Согласие добровольное</translation>
    </message>
    <message>
        <location filename="../consent_editor.py" line="35"/>
        <source>They agreed freely, and know they can say no or stop at any time.</source>
        <translation>Человек согласился добровольно и знает, что может отказаться или остановиться в любой момент.</translation>
    </message>
    <message>
        <location filename="../consent_editor.py" line="37"/>
        <source>Understood</source>
        <translation>Понимает, на что соглашается</translation>
    </message>
    <message>
        <location filename="../consent_editor.py" line="38"/>
        <source>They understood what they agreed to, in a language they know well.</source>
        <translation>Человек понял, на что соглашается: всё объяснили на языке, который он хорошо знает.</translation>
    </message>
    <message>
        <location filename="../consent_editor.py" line="40"/>
        <source>Able to decide</source>
        <translation>Может решать сам</translation>
    </message>
    <message>
        <location filename="../consent_editor.py" line="41"/>
        <source>They are old enough and well enough to decide this for themselves.</source>
        <translation>По возрасту и здоровью человек может решить это сам.</translation>
    </message>
    <message>
        <location filename="../consent_editor.py" line="67"/>
        <source>Who may see this testimony?</source>
        <translation>Кто может видеть это свидетельство?</translation>
    </message>
    <message>
        <location filename="../consent_editor.py" line="72"/>
        <source>Check each point with the person and note the answer.</source>
        <translation>Проверьте с человеком каждый пункт и отметьте ответ.</translation>
    </message>
    <message>
        <location filename="../consent_editor.py" line="75"/>
        <source>Yes</source>
        <translation>Да</translation>
    </message>
    <message>
        <location filename="../consent_editor.py" line="75"/>
        <source>No</source>
        <translation>Нет</translation>
    </message>
    <message>
        <location filename="../consent_editor.py" line="76"/>
        <source>Not asked</source>
        <translation>Не спрашивали</translation>
    </message>
    <message>
        <location filename="../consent_editor.py" line="90"/>
        <source>Not answered yet.</source>
        <translation>Ответа пока нет.</translation>
    </message>
</context>
<context>
    <name>EmptyLibrary</name>
    <message>
        <location filename="../library_parts.py" line="44"/>
        <source>No testimonies yet</source>
        <translation>Свидетельств пока нет</translation>
    </message>
    <message>
        <location filename="../library_parts.py" line="46"/>
        <source>The testimonies you record appear here. They are kept encrypted on this computer, and nobody can read them without your passphrase.</source>
        <translation>Здесь появятся свидетельства, которые вы запишете. Они хранятся на этом компьютере в зашифрованном виде, и без вашей парольной фразы их никто не прочитает.</translation>
    </message>
    <message>
        <location filename="../library_parts.py" line="48"/>
        <source>Record a testimony</source>
        <translation>Записать свидетельство</translation>
    </message>
</context>
<context>
    <name>EraseDeliveredButton</name>
    <message>
        <location filename="../erase_delivered.py" line="25"/>
        <source>Erase what the organizer has confirmed</source>
        <translation>Стереть то, что подтвердил организатор</translation>
    </message>
    <message>
        <location filename="../erase_delivered.py" line="47"/>
        <source>Erase delivered testimonies?</source>
        <translation>Стереть доставленные свидетельства?</translation>
    </message>
    <message>
        <location filename="../erase_delivered.py" line="48"/>
        <source>The organizer has confirmed receiving {count} testimonies. Erase them from this computer for good? The organizer keeps them.</source>
        <translation>Организатор подтвердил получение свидетельств: {count}. Стереть их с этого компьютера навсегда? У организатора они останутся.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../export_dialog.py" line="59"/>
        <location filename="../export_dialog.py" line="92"/>
        <source>Export for an organizer</source>
        <translation>Экспорт для организатора</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="94"/>
        <source>Kua writes the testimonies you choose into an encrypted bundle. Only the organizer you choose can open it, with their own key.</source>
        <translation>Kua записывает выбранные свидетельства в зашифрованный пакет. Открыть его сможет только выбранный вами организатор — своим собственным ключом.</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="96"/>
        <source>Testimonies</source>
        <translation>Свидетельства</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="103"/>
        <source>There is nothing to export yet.</source>
        <translation>Экспортировать пока нечего.</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="106"/>
        <source>For which organizer</source>
        <translation>Для какого организатора</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="109"/>
        <source>Where</source>
        <translation>Куда</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="112"/>
        <source>What to include</source>
        <translation>Что включить</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="115"/>
        <source>The original recordings, photos and documents</source>
        <translation>Исходные записи, фотографии и документы</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="116"/>
        <source>Only the copies made to share (small)</source>
        <translation>Только копии для отправки (небольшие)</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="117"/>
        <source>Only the anonymized copies (faces blurred)</source>
        <translation>Только анонимные копии (лица размыты)</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="118"/>
        <source>Everything: the originals and every copy</source>
        <translation>Всё: исходные записи и все копии</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="121"/>
        <source>Size of the pieces</source>
        <translation>Размер частей</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="123"/>
        <source>2 GB pieces: for any USB stick (usual)</source>
        <translation>Части по 2 ГБ: для любой флешки (обычно)</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="124"/>
        <source>1 GB pieces</source>
        <translation>Части по 1 ГБ</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="125"/>
        <source>700 MB pieces: to burn on CDs</source>
        <translation>Части по 700 МБ: для записи на CD</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="128"/>
        <source>A large bundle is cut into pieces no bigger than this; the organizer needs all of them. USB sticks formatted with FAT32 cannot hold a file over 4 GB.</source>
        <translation>Большой пакет делится на части не больше этого размера; организатору нужны все части. На флешку с файловой системой FAT32 нельзя записать файл больше 4 ГБ.</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="130"/>
        <source>Consent</source>
        <translation>Согласие</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="132"/>
        <source>Restricted testimonies go in too: a bundle is only for the organizers, and restricted means only the organizers may see it.</source>
        <translation>Свидетельства с ограниченным согласием тоже входят в пакет: пакет только для организаторов, а «ограниченное» и значит, что видеть их могут только организаторы.</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="134"/>
        <source>Include originals of anonymous testimonies</source>
        <translation>Включить исходные записи анонимных свидетельств</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="138"/>
        <source>Otherwise only the anonymized copies (faces blurred) of those testimonies are exported. Tick this only if the person agreed that the organizer may see them.</source>
        <translation>Иначе экспортируются только анонимные копии этих свидетельств (лица размыты). Отмечайте, только если человек согласился, чтобы организатор их видел.</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="168"/>
        <source>Export</source>
        <translation>Экспортировать</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="172"/>
        <location filename="../export_dialog.py" line="331"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="206"/>
        <source>Untitled ({id})</source>
        <translation>Без названия ({id})</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="207"/>
        <source>draft</source>
        <translation>черновик</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="207"/>
        <source>ready</source>
        <translation>готово</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="208"/>
        <source>exported before</source>
        <translation>уже экспортировано</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="209"/>
        <source>delivered before</source>
        <translation>доставлено ранее</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="210"/>
        <source>{title} · {date} · {status}</source>
        <translation>{title} · {date} · {status}</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="213"/>
        <source> · restricted consent</source>
        <translation> · ограниченное согласие</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="215"/>
        <source> · anonymous</source>
        <translation> · анонимное</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="260"/>
        <source>See “Consent” above: tick a box there only if the person agreed.</source>
        <translation>См. раздел «Согласие» выше: ставьте там отметку, только если человек согласился.</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="262"/>
        <source>Make that copy first, or choose what to include above.</source>
        <translation>Сначала сделайте эту копию или выберите выше, что включить.</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="272"/>
        <source>Tick the testimonies to export.</source>
        <translation>Отметьте свидетельства для экспорта.</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="276"/>
        <source>Counting…</source>
        <translation>Подсчёт…</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="279"/>
        <source>Testimonies: {n} · files: {items} · about {size}.</source>
        <translation>Свидетельств: {n} · файлов: {items} · около {size}.</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="282"/>
        <source>{free} free there.</source>
        <translation>Там свободно: {free}.</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="285"/>
        <source>There is not enough free space there: choose another drive, or fewer testimonies.</source>
        <translation>Там недостаточно свободного места: выберите другой накопитель или меньше свидетельств.</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="289"/>
        <source>Choose or add the organizer.</source>
        <translation>Выберите или добавьте организатора.</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="291"/>
        <source>Choose where the bundle goes.</source>
        <translation>Выберите, куда сохранить пакет.</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="319"/>
        <source>Getting ready… If a copy of a recording is being made, the export starts when it is done.</source>
        <translation>Подготовка… Если сейчас делается копия записи, экспорт начнётся, когда она будет готова.</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="331"/>
        <source>Stop</source>
        <translation>Остановить</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="343"/>
        <source>Writing the bundle: {done} of {total}…</source>
        <translation>Запись пакета: {done} из {total}…</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="358"/>
        <source>The export was stopped. Nothing was left on the drive.</source>
        <translation>Экспорт остановлен. На накопителе ничего не осталось.</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="361"/>
        <source>{title}: {message}</source>
        <translation>{title}: {message}</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="369"/>
        <source>Stopping…</source>
        <translation>Остановка…</translation>
    </message>
</context>
<context>
    <name>ExportTarget</name>
    <message>
        <location filename="../export_target.py" line="60"/>
        <source>Look again</source>
        <translation>Искать снова</translation>
    </message>
    <message>
        <location filename="../export_target.py" line="62"/>
        <source>Look again for USB drives</source>
        <translation>Снова поискать USB-накопители</translation>
    </message>
    <message>
        <location filename="../export_target.py" line="66"/>
        <source>Choose a folder…</source>
        <translation>Выбрать папку…</translation>
    </message>
    <message>
        <location filename="../export_target.py" line="95"/>
        <source>{name} — {free} free</source>
        <translation>{name} — свободно {free}</translation>
    </message>
    <message>
        <location filename="../export_target.py" line="98"/>
        <source>Folder {path}</source>
        <translation>Папка {path}</translation>
    </message>
    <message>
        <location filename="../export_target.py" line="108"/>
        <source>Where should the bundle go?</source>
        <translation>Куда сохранить пакет?</translation>
    </message>
    <message>
        <location filename="../export_target.py" line="122"/>
        <source>No USB drive found. Plug one in and press “Look again”, or choose a folder.</source>
        <translation>USB-накопитель не найден. Подключите его и нажмите «Искать снова» или выберите папку.</translation>
    </message>
    <message>
        <location filename="../export_target.py" line="124"/>
        <source>The bundle goes into a new folder there: {name}</source>
        <translation>Пакет будет сохранён там в новую папку: {name}</translation>
    </message>
</context>
<context>
    <name>FirstRunScreen</name>
    <message>
        <location filename="../first_run.py" line="37"/>
        <source>Welcome to Kua</source>
        <translation>Добро пожаловать в Kua</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="39"/>
        <source>Kua keeps the testimonies you record in an encrypted vault on this computer. Choose a passphrase you will remember: without it, nobody can open the vault, not even you.</source>
        <translation>Kua хранит записанные вами свидетельства в зашифрованном хранилище на этом компьютере. Выберите парольную фразу, которую вы запомните: без неё никто не сможет открыть хранилище, даже вы.</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="46"/>
        <source>Change…</source>
        <translation>Изменить…</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="51"/>
        <source>Vault folder</source>
        <translation>Папка хранилища</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="52"/>
        <source>Passphrase</source>
        <translation>Парольная фраза</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="60"/>
        <location filename="../first_run.py" line="97"/>
        <source>Create the vault</source>
        <translation>Создать хранилище</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="69"/>
        <source>Where should the vault live?</source>
        <translation>Где разместить хранилище?</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="90"/>
        <source>Creating…</source>
        <translation>Создание…</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="106"/>
        <source>Your recovery key</source>
        <translation>Ваш ключ восстановления</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="108"/>
        <source>Write this key on paper and keep it away from this computer. If you forget the passphrase, it opens the vault. It is shown only this once.</source>
        <translation>Запишите этот ключ на бумаге и храните его отдельно от этого компьютера. Если вы забудете парольную фразу, он откроет хранилище. Ключ показывается только один раз.</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="120"/>
        <source>I have written it down</source>
        <translation>Ключ записан</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="123"/>
        <source>Continue</source>
        <translation>Продолжить</translation>
    </message>
</context>
<context>
    <name>InterviewGuide</name>
    <message>
        <location filename="../interview_guide.py" line="32"/>
        <source>Interview guide</source>
        <translation>План интервью</translation>
    </message>
    <message>
        <location filename="../interview_guide.py" line="33"/>
        <source>Tick each question once it has been answered. Double-click a question to change it.</source>
        <translation>Отмечайте вопрос, когда на него ответили. Чтобы изменить вопрос, дважды щёлкните по нему.</translation>
    </message>
    <message>
        <location filename="../interview_guide.py" line="43"/>
        <source>Interview questions</source>
        <translation>Вопросы для интервью</translation>
    </message>
    <message>
        <location filename="../interview_guide.py" line="49"/>
        <source>Add</source>
        <translation>Добавить</translation>
    </message>
    <message>
        <location filename="../interview_guide.py" line="52"/>
        <source>Change</source>
        <translation>Изменить</translation>
    </message>
    <message>
        <location filename="../interview_guide.py" line="55"/>
        <source>Remove</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <location filename="../interview_guide.py" line="109"/>
        <source>New question</source>
        <translation>Новый вопрос</translation>
    </message>
</context>
<context>
    <name>JobRow</name>
    <message>
        <location filename="../jobs_view.py" line="76"/>
        <source>{what} — {testimony}</source>
        <translation>{what} — {testimony}</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="93"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="95"/>
        <source>Play</source>
        <translation>Воспроизвести</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="110"/>
        <source>Waiting to start</source>
        <translation>Ждёт очереди</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="112"/>
        <source>Making the copy…</source>
        <translation>Создание копии…</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="114"/>
        <source>Done</source>
        <translation>Готово</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="116"/>
        <source>Cancelled</source>
        <translation>Отменено</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="118"/>
        <source>Could not be made: {reason}</source>
        <translation>Не удалось сделать копию: {reason}</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="119"/>
        <source>no reason was recorded</source>
        <translation>причина не записана</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="130"/>
        <source>Starting…</source>
        <translation>Запуск…</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="135"/>
        <source>Finishing…</source>
        <translation>Завершение…</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="137"/>
        <source>{p} %</source>
        <translation>{p} %</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="139"/>
        <source>{fps} frames a second</source>
        <translation>кадров в секунду: {fps}</translation>
    </message>
</context>
<context>
    <name>JobsScreen</name>
    <message>
        <location filename="../jobs_view.py" line="31"/>
        <source>Copy to share</source>
        <translation>Копия для отправки</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="32"/>
        <source>Smaller copy for review</source>
        <translation>Уменьшенная копия для просмотра</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="33"/>
        <source>Sound only</source>
        <translation>Только звук</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="34"/>
        <source>Anonymized copy (faces blurred)</source>
        <translation>Анонимная копия (лица размыты)</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="36"/>
        <source>Copy</source>
        <translation>Копия</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="44"/>
        <source>less than a minute left</source>
        <translation>осталось меньше минуты</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="47"/>
        <source>about {n} min left</source>
        <translation>осталось около {n} мин</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="48"/>
        <source>about {h} h {m} min left</source>
        <translation>осталось около {h} ч {m} мин</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="55"/>
        <source>a recording that was removed</source>
        <translation>запись, которая была удалена</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="60"/>
        <source>untitled testimony ({id})</source>
        <translation>свидетельство без названия ({id})</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="62"/>
        <source>“{title}” ({id})</source>
        <translation>«{title}» ({id})</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="155"/>
        <source>Jobs</source>
        <translation>Задачи</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="157"/>
        <source>Copies of recordings are made here, one at a time. You can keep working meanwhile. A copy that was interrupted starts again the next time Kua is unlocked.</source>
        <translation>Здесь по очереди создаются копии записей. Тем временем можно продолжать работу. Прерванная копия начнётся заново при следующей разблокировке Kua.</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="165"/>
        <source>No copies are being made or waiting.</source>
        <translation>Копии сейчас не создаются и не ждут очереди.</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="208"/>
        <source>A copy is being made; it will start again the next time Kua is unlocked.</source>
        <translation>Создаётся копия; она начнётся заново при следующей разблокировке Kua.</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="256"/>
        <source>Cancelling…</source>
        <translation>Отменяется…</translation>
    </message>
</context>
<context>
    <name>LevelMeter</name>
    <message>
        <location filename="../level_meter.py" line="45"/>
        <source>Sound level</source>
        <translation>Уровень звука</translation>
    </message>
    <message>
        <location filename="../level_meter.py" line="65"/>
        <source>Sound level: {db} dB</source>
        <translation>Уровень звука: {db} дБ</translation>
    </message>
    <message>
        <location filename="../level_meter.py" line="66"/>
        <source>Sound level: silent</source>
        <translation>Уровень звука: тишина</translation>
    </message>
</context>
<context>
    <name>LibraryModel</name>
    <message>
        <location filename="../library_model.py" line="50"/>
        <source>Draft</source>
        <translation>Черновик</translation>
    </message>
    <message>
        <location filename="../library_model.py" line="51"/>
        <source>Ready</source>
        <translation>Готово</translation>
    </message>
    <message>
        <location filename="../library_model.py" line="52"/>
        <source>Exported</source>
        <translation>Экспортировано</translation>
    </message>
    <message>
        <location filename="../library_model.py" line="53"/>
        <source>Delivered</source>
        <translation>Доставлено</translation>
    </message>
    <message>
        <location filename="../library_model.py" line="59"/>
        <source>Public</source>
        <translation>Публичное</translation>
    </message>
    <message>
        <location filename="../library_model.py" line="60"/>
        <source>Anonymous</source>
        <translation>Анонимное</translation>
    </message>
    <message>
        <location filename="../library_model.py" line="61"/>
        <source>Restricted</source>
        <translation>Ограниченное</translation>
    </message>
    <message>
        <location filename="../library_model.py" line="68"/>
        <source>The speaker agreed that this testimony may be published.</source>
        <translation>Человек согласился, что это свидетельство можно опубликовать.</translation>
    </message>
    <message>
        <location filename="../library_model.py" line="70"/>
        <source>Share only the anonymized copy, with faces blurred.</source>
        <translation>Передавать только анонимную копию, с размытыми лицами.</translation>
    </message>
    <message>
        <location filename="../library_model.py" line="72"/>
        <source>Only for the organizers; do not publish.</source>
        <translation>Только для организаторов; не публиковать.</translation>
    </message>
    <message>
        <location filename="../library_model.py" line="278"/>
        <source>Title</source>
        <translation>Название</translation>
    </message>
    <message>
        <location filename="../library_model.py" line="278"/>
        <source>Detained person</source>
        <translation>Задержанный</translation>
    </message>
    <message>
        <location filename="../library_model.py" line="278"/>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <location filename="../library_model.py" line="279"/>
        <source>Length</source>
        <translation>Длительность</translation>
    </message>
    <message>
        <location filename="../library_model.py" line="279"/>
        <source>Consent</source>
        <translation>Согласие</translation>
    </message>
    <message>
        <location filename="../library_model.py" line="279"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location filename="../library_model.py" line="305"/>
        <source>{status} · synced</source>
        <translation>{status} · синхронизировано</translation>
    </message>
    <message>
        <location filename="../library_model.py" line="306"/>
        <source>Untitled</source>
        <translation>Без названия</translation>
    </message>
    <message>
        <location filename="../library_model.py" line="320"/>
        <source>Recorded {when}</source>
        <translation>Записано {when}</translation>
    </message>
    <message>
        <location filename="../library_model.py" line="321"/>
        <source>Added {when}</source>
        <translation>Добавлено {when}</translation>
    </message>
    <message>
        <location filename="../library_model.py" line="326"/>
        <source>Saved on the backup drive at the last sync.</source>
        <translation>Сохранено на резервном накопителе при последней синхронизации.</translation>
    </message>
    <message>
        <location filename="../library_model.py" line="328"/>
        <source>Changed since the last sync.</source>
        <translation>Изменено после последней синхронизации.</translation>
    </message>
    <message>
        <location filename="../library_model.py" line="329"/>
        <source>Not synced to a backup drive yet.</source>
        <translation>Ещё не синхронизировано с резервным накопителем.</translation>
    </message>
</context>
<context>
    <name>LibraryScreen</name>
    <message>
        <location filename="../library_view.py" line="84"/>
        <source>Search names, titles, places… in any spelling</source>
        <translation>Поиск по именам, названиям, местам… в любом написании</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="89"/>
        <source>List</source>
        <translation>Список</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="91"/>
        <source>Grid</source>
        <translation>Плитка</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="105"/>
        <source>All statuses</source>
        <translation>Все статусы</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="105"/>
        <source>Draft</source>
        <translation>Черновик</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="106"/>
        <source>Ready</source>
        <translation>Готово</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="106"/>
        <source>Exported</source>
        <translation>Экспортировано</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="107"/>
        <source>Not synced yet</source>
        <translation>Ещё не синхронизировано</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="107"/>
        <source>Delivered</source>
        <translation>Доставлено</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="109"/>
        <source>Any consent</source>
        <translation>Любое согласие</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="109"/>
        <source>Public</source>
        <translation>Публичное</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="110"/>
        <source>Anonymous</source>
        <translation>Анонимное</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="110"/>
        <source>Restricted</source>
        <translation>Ограниченное</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="112"/>
        <source>Newest first</source>
        <translation>Сначала новые</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="112"/>
        <source>Oldest first</source>
        <translation>Сначала старые</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="113"/>
        <source>Title A–Z</source>
        <translation>Название А–Я</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="113"/>
        <source>Longest first</source>
        <translation>Сначала длинные</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="114"/>
        <source>Sorted by a column</source>
        <translation>Сортировка по столбцу</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="121"/>
        <source>Show:</source>
        <translation>Показать:</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="122"/>
        <source>Sort:</source>
        <translation>Сортировка:</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="356"/>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="358"/>
        <source>{n} of {total}</source>
        <translation>{n} из {total}</translation>
    </message>
    <message>
        <location filename="../library_view.py" line="361"/>
        <source>{n} testimonies</source>
        <translation>Свидетельств: {n}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="81"/>
        <source>Main</source>
        <translation>Основная панель</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="99"/>
        <source>Testimonies</source>
        <translation>Свидетельства</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="101"/>
        <source>Record</source>
        <translation>Записать</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="102"/>
        <source>Jobs</source>
        <translation>Задачи</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="104"/>
        <source>Export…</source>
        <translation>Экспорт…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="106"/>
        <source>Sync…</source>
        <translation>Синхронизация…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="107"/>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="111"/>
        <source>Lock</source>
        <translation>Заблокировать</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="114"/>
        <source>Lock now: stops the camera, closes the vault, hides everything ({keys})</source>
        <translation>Заблокировать сейчас: выключить камеру, закрыть хранилище, скрыть всё ({keys})</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="196"/>
        <source>A job is running; it will continue the next time Kua opens.</source>
        <translation>Выполняется задача; она продолжится при следующем запуске Kua.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="215"/>
        <source>Quit Kua?</source>
        <translation>Выйти из Kua?</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="217"/>
        <source>Quit anyway? Whatever was recorded is kept.</source>
        <translation>Всё равно выйти? Всё записанное сохранится.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="220"/>
        <source>Quit</source>
        <translation>Выйти</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="221"/>
        <source>Keep working</source>
        <translation>Продолжить работу</translation>
    </message>
</context>
<context>
    <name>MediaList</name>
    <message>
        <location filename="../testimony_media.py" line="17"/>
        <source>Recording</source>
        <translation>Запись</translation>
    </message>
    <message>
        <location filename="../testimony_media.py" line="18"/>
        <source>Copy to share</source>
        <translation>Копия для отправки</translation>
    </message>
    <message>
        <location filename="../testimony_media.py" line="19"/>
        <source>Small copy for review</source>
        <translation>Уменьшенная копия для просмотра</translation>
    </message>
    <message>
        <location filename="../testimony_media.py" line="20"/>
        <source>Sound only</source>
        <translation>Только звук</translation>
    </message>
    <message>
        <location filename="../testimony_media.py" line="21"/>
        <source>Anonymized copy</source>
        <translation>Анонимная копия</translation>
    </message>
    <message>
        <location filename="../testimony_media.py" line="22"/>
        <source>Photo</source>
        <translation>Фото</translation>
    </message>
    <message>
        <location filename="../testimony_media.py" line="23"/>
        <source>Added file</source>
        <translation>Добавленный файл</translation>
    </message>
    <message>
        <location filename="../testimony_media.py" line="24"/>
        <source>Document</source>
        <translation>Документ</translation>
    </message>
    <message>
        <location filename="../testimony_media.py" line="27"/>
        <source>complete</source>
        <translation>готово</translation>
    </message>
    <message>
        <location filename="../testimony_media.py" line="28"/>
        <source>still recording</source>
        <translation>запись ещё идёт</translation>
    </message>
    <message>
        <location filename="../testimony_media.py" line="29"/>
        <source>recovered after an interruption</source>
        <translation>восстановлено после сбоя</translation>
    </message>
    <message>
        <location filename="../testimony_media.py" line="30"/>
        <source>failed</source>
        <translation>ошибка</translation>
    </message>
    <message>
        <location filename="../testimony_media.py" line="63"/>
        <source>Nothing recorded for this testimony yet.</source>
        <translation>Для этого свидетельства пока ничего не записано.</translation>
    </message>
    <message>
        <location filename="../testimony_media.py" line="70"/>
        <location filename="../testimony_media.py" line="87"/>
        <location filename="../testimony_media.py" line="168"/>
        <source>Record</source>
        <translation>Записать</translation>
    </message>
    <message>
        <location filename="../testimony_media.py" line="87"/>
        <source>Record more</source>
        <translation>Записать ещё</translation>
    </message>
    <message>
        <location filename="../testimony_media.py" line="108"/>
        <source>Play</source>
        <translation>Воспроизвести</translation>
    </message>
    <message>
        <location filename="../testimony_media.py" line="108"/>
        <source>Show</source>
        <translation>Показать</translation>
    </message>
    <message>
        <location filename="../testimony_media.py" line="115"/>
        <source>Make a copy to share</source>
        <translation>Сделать копию для отправки</translation>
    </message>
    <message>
        <location filename="../testimony_media.py" line="120"/>
        <source>The person agreed to be shown only anonymized: make an anonymized copy instead.</source>
        <translation>Человек согласился только на анонимный показ: сделайте вместо этого анонимную копию.</translation>
    </message>
    <message>
        <location filename="../testimony_media.py" line="123"/>
        <source>Make an anonymized copy</source>
        <translation>Сделать анонимную копию</translation>
    </message>
    <message>
        <location filename="../testimony_media.py" line="125"/>
        <source>A copy with every face blurred.</source>
        <translation>Копия, в которой размыты все лица.</translation>
    </message>
    <message>
        <location filename="../testimony_media.py" line="131"/>
        <source>Do not share this as it is: the person agreed to be shown only anonymized.</source>
        <translation>Не передавайте это как есть: человек согласился только на анонимный показ.</translation>
    </message>
    <message>
        <location filename="../testimony_media.py" line="134"/>
        <source>Share its anonymized copy instead.</source>
        <translation>Вместо этого передайте анонимную копию.</translation>
    </message>
    <message>
        <location filename="../testimony_media.py" line="144"/>
        <source>This copy exists already: it is in the list above.</source>
        <translation>Такая копия уже есть: она в списке выше.</translation>
    </message>
    <message>
        <location filename="../testimony_media.py" line="147"/>
        <source>This copy is already waiting in Jobs.</source>
        <translation>Эта копия уже ждёт в «Задачах».</translation>
    </message>
    <message>
        <location filename="../testimony_media.py" line="149"/>
        <source>The copy will be made in the background: follow it in Jobs.</source>
        <translation>Копия будет сделана в фоновом режиме: следите за ней в «Задачах».</translation>
    </message>
</context>
<context>
    <name>NamesEditor</name>
    <message>
        <location filename="../person_editor.py" line="45"/>
        <source>Add another spelling</source>
        <translation>Добавить другое написание</translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="47"/>
        <source>The same name written another way: Cyrillic, Latin, Uyghur (Arabic script), Chinese…</source>
        <translation>То же имя, написанное иначе: кириллицей, латиницей, по-уйгурски (арабским письмом), по-китайски…</translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="99"/>
        <source>Full name, in any script</source>
        <translation>Полное имя, любым письмом</translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="105"/>
        <source>Remove</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="106"/>
        <source>Remove this spelling</source>
        <translation>Удалить это написание</translation>
    </message>
</context>
<context>
    <name>NewPassphrase</name>
    <message>
        <location filename="../new_passphrase.py" line="24"/>
        <source>Several words are easiest to remember</source>
        <translation>Несколько слов запомнить легче всего</translation>
    </message>
    <message>
        <location filename="../new_passphrase.py" line="30"/>
        <source>Strength</source>
        <translation>Надёжность</translation>
    </message>
    <message>
        <location filename="../new_passphrase.py" line="34"/>
        <source>Type it again</source>
        <translation>Повторите её</translation>
    </message>
    <message>
        <location filename="../new_passphrase.py" line="55"/>
        <source>Weak</source>
        <translation>Слабая</translation>
    </message>
    <message>
        <location filename="../new_passphrase.py" line="55"/>
        <source>Fair</source>
        <translation>Средняя</translation>
    </message>
    <message>
        <location filename="../new_passphrase.py" line="55"/>
        <source>Good</source>
        <translation>Хорошая</translation>
    </message>
    <message>
        <location filename="../new_passphrase.py" line="55"/>
        <source>Strong</source>
        <translation>Надёжная</translation>
    </message>
    <message>
        <location filename="../new_passphrase.py" line="59"/>
        <source>Use at least 10 characters; four or more words is best.</source>
        <translation>Не меньше 10 символов; лучше всего — четыре слова или больше.</translation>
    </message>
    <message>
        <location filename="../new_passphrase.py" line="61"/>
        <source>This passphrase is too easy to guess. Make it longer.</source>
        <translation>Эту парольную фразу слишком легко угадать. Сделайте её длиннее.</translation>
    </message>
    <message>
        <location filename="../new_passphrase.py" line="63"/>
        <source>The two passphrases are different.</source>
        <translation>Парольные фразы не совпадают.</translation>
    </message>
</context>
<context>
    <name>NoMatches</name>
    <message>
        <location filename="../library_parts.py" line="76"/>
        <source>Show all testimonies</source>
        <translation>Показать все свидетельства</translation>
    </message>
    <message>
        <location filename="../library_parts.py" line="84"/>
        <source>No testimony matches “{text}”.</source>
        <translation>Нет свидетельств по запросу «{text}».</translation>
    </message>
    <message>
        <location filename="../library_parts.py" line="86"/>
        <source>No testimony matches these choices.</source>
        <translation>Нет свидетельств, подходящих под эти условия.</translation>
    </message>
</context>
<context>
    <name>Op</name>
    <message>
        <location filename="../ops.py" line="111"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
</context>
<context>
    <name>OrganizerPicker</name>
    <message>
        <location filename="../organizer_picker.py" line="41"/>
        <source>Add an organizer…</source>
        <translation>Добавить организатора…</translation>
    </message>
    <message>
        <location filename="../organizer_picker.py" line="48"/>
        <source>Your address book is empty. Ask the organizer for their public key (it starts with age1) and add them.</source>
        <translation>Адресная книга пуста. Попросите у организатора его открытый ключ (он начинается с age1) и добавьте организатора.</translation>
    </message>
    <message>
        <location filename="../organizer_picker.py" line="59"/>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <location filename="../organizer_picker.py" line="62"/>
        <source>Their public key</source>
        <translation>Открытый ключ организатора</translation>
    </message>
    <message>
        <location filename="../organizer_picker.py" line="63"/>
        <source>Add</source>
        <translation>Добавить</translation>
    </message>
    <message>
        <location filename="../organizer_picker.py" line="95"/>
        <source>{name} — {key}</source>
        <translation>{name} — {key}</translation>
    </message>
    <message>
        <location filename="../organizer_picker.py" line="116"/>
        <source>Type the organizer&apos;s name and their public key.</source>
        <translation>Введите имя организатора и его открытый ключ.</translation>
    </message>
</context>
<context>
    <name>PersonEditor</name>
    <message>
        <location filename="../person_editor.py" line="17"/>
        <source>Cyrillic</source>
        <translation>Кириллица</translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="18"/>
        <source>Latin</source>
        <translation>Латиница</translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="19"/>
        <source>Arabic script</source>
        <translation>Арабское письмо</translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="20"/>
        <source>Chinese</source>
        <translation>Китайское письмо</translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="139"/>
        <source>Relation to the detained person</source>
        <translation>Кем приходится задержанному</translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="140"/>
        <source>e.g. sister, son, wife</source>
        <translation>например, сестра, сын, жена</translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="141"/>
        <source>How to reach them</source>
        <translation>Как связаться</translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="142"/>
        <source>Phone or messenger, only if they agree</source>
        <translation>Телефон или мессенджер, только с согласия человека</translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="143"/>
        <location filename="../person_editor.py" line="150"/>
        <source>Year of birth</source>
        <translation>Год рождения</translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="144"/>
        <source>e.g. 1965</source>
        <translation>например, 1965</translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="145"/>
        <location filename="../person_editor.py" line="152"/>
        <source>Home town or village</source>
        <translation>Родной город или село</translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="146"/>
        <location filename="../person_editor.py" line="153"/>
        <source>Citizenship</source>
        <translation>Гражданство</translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="147"/>
        <source>e.g. Kazakhstan</source>
        <translation>например, Казахстан</translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="151"/>
        <source>e.g. 1978</source>
        <translation>например, 1978</translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="154"/>
        <source>e.g. China, Kazakhstan</source>
        <translation>например, Китай, Казахстан</translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="155"/>
        <source>Chinese ID card number</source>
        <translation>Номер китайского удостоверения личности</translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="156"/>
        <source>18 characters: 17 digits and a digit or X</source>
        <translation>18 знаков: 17 цифр и затем цифра или X</translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="157"/>
        <source>Detained on</source>
        <translation>Дата задержания</translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="158"/>
        <source>A year, a month or a day: 2019, 2019-05, 2019-05-17</source>
        <translation>Год, месяц или день: 2019, 2019-05, 2019-05-17</translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="160"/>
        <source>Where they are held</source>
        <translation>Где содержится</translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="161"/>
        <source>Camp, prison or town, as far as known</source>
        <translation>Лагерь, тюрьма или город — насколько известно</translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="162"/>
        <source>Kind of detention</source>
        <translation>Вид задержания</translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="163"/>
        <source>e.g. camp, prison, house arrest</source>
        <translation>например, лагерь, тюрьма, домашний арест</translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="164"/>
        <source>Charges</source>
        <translation>Обвинения</translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="165"/>
        <source>What they are accused of, if known</source>
        <translation>В чём обвиняют, если известно</translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="166"/>
        <source>Sentence</source>
        <translation>Приговор</translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="167"/>
        <source>e.g. 10 years</source>
        <translation>например, 10 лет</translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="186"/>
        <source>Remove this person</source>
        <translation>Удалить этого человека</translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="202"/>
        <source>Names</source>
        <translation>Имена</translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="202"/>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="203"/>
        <source>Write the name in every spelling you know: Cyrillic, Latin, Uyghur (Arabic script), Chinese…</source>
        <translation>Запишите имя во всех известных вам написаниях: кириллицей, латиницей, по-уйгурски (арабским письмом), по-китайски…</translation>
    </message>
    <message>
        <location filename="../person_editor.py" line="230"/>
        <source>Detained person {n}</source>
        <translation>Задержанный {n}</translation>
    </message>
</context>
<context>
    <name>PlayerScreen</name>
    <message>
        <location filename="../player.py" line="76"/>
        <source>Back to the testimony</source>
        <translation>Назад к свидетельству</translation>
    </message>
    <message>
        <location filename="../player.py" line="91"/>
        <source>This recording has sound only.</source>
        <translation>В этой записи только звук.</translation>
    </message>
    <message>
        <location filename="../player.py" line="118"/>
        <location filename="../player.py" line="133"/>
        <source>Frame</source>
        <translation>Кадр</translation>
    </message>
    <message>
        <location filename="../player.py" line="119"/>
        <source>Pause and go back one frame (,)</source>
        <translation>Пауза и на кадр назад (,)</translation>
    </message>
    <message>
        <location filename="../player.py" line="128"/>
        <location filename="../player.py" line="325"/>
        <source>Play</source>
        <translation>Воспроизвести</translation>
    </message>
    <message>
        <location filename="../player.py" line="129"/>
        <location filename="../player.py" line="325"/>
        <source>Pause</source>
        <translation>Пауза</translation>
    </message>
    <message>
        <location filename="../player.py" line="134"/>
        <source>Pause and go forward one frame (.)</source>
        <translation>Пауза и на кадр вперёд (.)</translation>
    </message>
    <message>
        <location filename="../player.py" line="140"/>
        <source>Position in the recording</source>
        <translation>Позиция в записи</translation>
    </message>
    <message>
        <location filename="../player.py" line="149"/>
        <source>Volume</source>
        <translation>Громкость</translation>
    </message>
    <message>
        <location filename="../player.py" line="177"/>
        <source>Opening…</source>
        <translation>Открытие…</translation>
    </message>
    <message>
        <location filename="../player.py" line="198"/>
        <source>Original recording</source>
        <translation>Исходная запись</translation>
    </message>
    <message>
        <location filename="../player.py" line="198"/>
        <source>Copy for sharing</source>
        <translation>Копия для отправки</translation>
    </message>
    <message>
        <location filename="../player.py" line="199"/>
        <source>Small copy for review</source>
        <translation>Уменьшенная копия для просмотра</translation>
    </message>
    <message>
        <location filename="../player.py" line="199"/>
        <source>Sound-only copy</source>
        <translation>Звуковая копия</translation>
    </message>
    <message>
        <location filename="../player.py" line="200"/>
        <source>Anonymized copy</source>
        <translation>Анонимная копия</translation>
    </message>
    <message>
        <location filename="../player.py" line="200"/>
        <source>Photo</source>
        <translation>Фото</translation>
    </message>
    <message>
        <location filename="../player.py" line="201"/>
        <source>Added file</source>
        <translation>Добавленный файл</translation>
    </message>
    <message>
        <location filename="../player.py" line="201"/>
        <source>Recording</source>
        <translation>Запись</translation>
    </message>
    <message>
        <location filename="../player.py" line="209"/>
        <source>This photo cannot be shown: Kua does not know its format.</source>
        <translation>Это фото нельзя показать: Kua не знает его формат.</translation>
    </message>
    <message>
        <location filename="../player.py" line="244"/>
        <source>This computer cannot play recordings: the video and sound part of Qt (Qt Multimedia) is missing or does not work here. The recording itself is safe in the vault.</source>
        <translation>Этот компьютер не может воспроизводить записи: компонент Qt для видео и звука (Qt Multimedia) отсутствует или здесь не работает. Сама запись в хранилище в безопасности.</translation>
    </message>
    <message>
        <location filename="../player.py" line="326"/>
        <source>Play or pause (Space)</source>
        <translation>Воспроизвести или приостановить (Пробел)</translation>
    </message>
    <message>
        <location filename="../player.py" line="333"/>
        <source>This recording is damaged at about {time}.</source>
        <translation>Эта запись повреждена примерно на отметке {time}.</translation>
    </message>
    <message>
        <location filename="../player.py" line="340"/>
        <source>Kua could not play this recording. It may be in a format this computer cannot play.</source>
        <translation>Kua не удалось воспроизвести эту запись. Возможно, она в формате, который этот компьютер не умеет воспроизводить.</translation>
    </message>
</context>
<context>
    <name>PreviewView</name>
    <message>
        <location filename="../preview_widget.py" line="36"/>
        <source>Camera picture</source>
        <translation>Изображение с камеры</translation>
    </message>
</context>
<context>
    <name>RecorderScreen</name>
    <message>
        <location filename="../recorder_view.py" line="117"/>
        <source>Photo saved</source>
        <translation>Фото сохранено</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="119"/>
        <source>The photo could not be saved: {reason}</source>
        <translation>Не удалось сохранить фото: {reason}</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="127"/>
        <location filename="../recorder_view.py" line="221"/>
        <location filename="../recorder_view.py" line="250"/>
        <source>Record a new testimony</source>
        <translation>Записать новое свидетельство</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="130"/>
        <location filename="../recorder_view.py" line="141"/>
        <source>Hide the &amp;guide</source>
        <translation>Скрыть &amp;вопросы</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="132"/>
        <source>Show or hide the interview questions beside the picture</source>
        <translation>Показать или скрыть вопросы для интервью рядом с изображением</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="142"/>
        <source>Show the &amp;guide</source>
        <translation>Показать &amp;вопросы</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="148"/>
        <source>&amp;Record</source>
        <translation>&amp;Записать</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="149"/>
        <source>Start recording (Alt+R)</source>
        <translation>Начать запись (Alt+З)</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="151"/>
        <location filename="../recorder_view.py" line="298"/>
        <source>&amp;Pause</source>
        <translation>&amp;Пауза</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="153"/>
        <source>&amp;Stop</source>
        <translation>&amp;Стоп</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="154"/>
        <source>Stop and save the recording (Alt+S)</source>
        <translation>Остановить и сохранить запись (Alt+С)</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="156"/>
        <source>Take a p&amp;hoto</source>
        <translation>Сделать &amp;фото</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="158"/>
        <source>Save the picture now as a photo, e.g. of an identity document (Alt+H)</source>
        <translation>Сохранить текущее изображение как фото, например удостоверения личности (Alt+Ф)</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="172"/>
        <source>Time recorded</source>
        <translation>Время записи</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="178"/>
        <source>Sound:</source>
        <translation>Звук:</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="201"/>
        <source>Record more for this testimony</source>
        <translation>Записать ещё для этого свидетельства</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="204"/>
        <source>Fill in the details</source>
        <translation>Заполнить сведения</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="220"/>
        <source>Add a recording to this testimony</source>
        <translation>Добавить запись к этому свидетельству</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="237"/>
        <source>A recording is running. Quitting stops it; what was recorded so far is kept.</source>
        <translation>Идёт запись. Если выйти, она остановится; уже записанное сохранится.</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="298"/>
        <source>&amp;Resume</source>
        <translation>&amp;Продолжить</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="299"/>
        <source>Go on recording (Alt+R)</source>
        <translation>Продолжить запись (Alt+П)</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="300"/>
        <source>Pause; the recording stays one file (Alt+P)</source>
        <translation>Пауза; запись останется одним файлом (Alt+П)</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="301"/>
        <source>Starting…</source>
        <translation>Запуск…</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="301"/>
        <source>● Recording</source>
        <translation>● Идёт запись</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="302"/>
        <source>Paused</source>
        <translation>Пауза</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="302"/>
        <source>Saving…</source>
        <translation>Сохранение…</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="316"/>
        <source>{n} pictures skipped (the computer is busy)</source>
        <translation>Пропущено кадров: {n} (компьютер перегружен)</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="327"/>
        <source>The disk is full, so the recording stopped. It was kept up to its last whole second ({length}). Free some space before recording again.</source>
        <translation>Диск заполнен, поэтому запись остановлена. Она сохранена до последней целой секунды ({length}). Освободите место, прежде чем записывать снова.</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="331"/>
        <source>The camera stopped sending pictures (was it unplugged?), so the recording stopped. What was recorded is kept ({length}).</source>
        <translation>Камера перестала передавать изображение (может быть, её отключили?), поэтому запись остановлена. Записанное сохранено ({length}).</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="335"/>
        <source>The recording stopped because of a problem: {reason}. What was recorded is kept ({length}).</source>
        <translation>Запись остановилась из-за проблемы: {reason}. Записанное сохранено ({length}).</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="339"/>
        <source>Recorded {length}. Saved in the vault.</source>
        <translation>Записано: {length}. Сохранено в хранилище.</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="341"/>
        <source>{n} pictures were skipped because the computer was busy.</source>
        <translation>Пропущено кадров: {n} — компьютер был перегружен.</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="381"/>
        <source>The camera stopped sending pictures. Is it still plugged in? Then press “Look again”.</source>
        <translation>Камера перестала передавать изображение. Она всё ещё подключена? Тогда нажмите «Искать снова».</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="384"/>
        <source>The camera could not be opened: {reason}</source>
        <translation>Не удалось открыть камеру: {reason}</translation>
    </message>
    <message>
        <location filename="../recorder_view.py" line="387"/>
        <source>Waiting for the picture…</source>
        <translation>Ожидание изображения…</translation>
    </message>
</context>
<context>
    <name>RecordingDriver</name>
    <message>
        <location filename="../recorder_controls.py" line="187"/>
        <source>Recording could not start: {reason}</source>
        <translation>Не удалось начать запись: {reason}</translation>
    </message>
    <message>
        <location filename="../recorder_controls.py" line="221"/>
        <source>The recording stopped with a problem: {reason} What was recorded is kept and will be repaired the next time Kua is unlocked.</source>
        <translation>Запись остановилась из-за проблемы: {reason} Записанное сохранено и будет восстановлено при следующей разблокировке Kua.</translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message>
        <location filename="../export_report.py" line="20"/>
        <source>The bundle is ready</source>
        <translation>Пакет готов</translation>
    </message>
    <message>
        <location filename="../export_report.py" line="30"/>
        <source>What to do next</source>
        <translation>Что делать дальше</translation>
    </message>
    <message>
        <location filename="../export_report.py" line="32"/>
        <source>Give the drive to the organizer. Only their key opens the bundle: your passphrase is not needed, and nobody else can read it. Before you unplug the drive, use “Eject” or “Safely remove” so that nothing is lost.</source>
        <translation>Передайте накопитель организатору. Пакет открывается только его ключом: ваша парольная фраза не нужна, и больше никто не сможет его прочитать. Прежде чем отключить накопитель, выберите «Извлечь» или «Безопасное извлечение», чтобы ничего не потерялось.</translation>
    </message>
    <message>
        <location filename="../export_report.py" line="40"/>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <location filename="../export_report.py" line="49"/>
        <source>Bundle {id}</source>
        <translation>Пакет {id}</translation>
    </message>
    <message>
        <location filename="../export_report.py" line="50"/>
        <source>In the folder {folder}</source>
        <translation>В папке {folder}</translation>
    </message>
    <message>
        <location filename="../export_report.py" line="51"/>
        <source>Testimonies: {n} · files: {items} · pieces: {parts} · size: {size}</source>
        <translation>Свидетельств: {n} · файлов: {items} · частей: {parts} · размер: {size}</translation>
    </message>
    <message>
        <location filename="../export_report.py" line="54"/>
        <source>Signed by this computer: {device}</source>
        <translation>Подписано этим компьютером: {device}</translation>
    </message>
    <message>
        <location filename="../export_report.py" line="55"/>
        <source>These testimonies are now marked “exported”.</source>
        <translation>Эти свидетельства теперь отмечены как «Экспортировано».</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../settings_dialog.py" line="32"/>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="37"/>
        <source>General</source>
        <translation>Общие</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="39"/>
        <source>Organizers</source>
        <translation>Организаторы</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="42"/>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="59"/>
        <source>Never</source>
        <translation>Никогда</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="60"/>
        <source> minutes</source>
        <translation> мин</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="63"/>
        <source>Lock Kua after this long without use</source>
        <translation>Блокировать Kua, если им не пользуются</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="65"/>
        <source>Locking closes the vault and hides everything until the passphrase is typed again. A recording in progress is never interrupted. 0 means never.</source>
        <translation>Блокировка закрывает хранилище и скрывает всё, пока снова не введена парольная фраза. Идущая запись никогда не прерывается. 0 — никогда.</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="70"/>
        <source>480p: smallest files</source>
        <translation>480p: самые маленькие файлы</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="71"/>
        <source>720p: good for most testimonies</source>
        <translation>720p: подходит для большинства свидетельств</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="72"/>
        <source>1080p: sharpest, largest files</source>
        <translation>1080p: самое чёткое изображение, самые большие файлы</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="77"/>
        <source>Recording quality</source>
        <translation>Качество записи</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="85"/>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="87"/>
        <source>The new language takes effect the next time Kua starts.</source>
        <translation>Новый язык включится при следующем запуске Kua.</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="91"/>
        <source>Change passphrase…</source>
        <translation>Сменить парольную фразу…</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="95"/>
        <source>Passphrase</source>
        <translation>Парольная фраза</translation>
    </message>
</context>
<context>
    <name>SourcePicker</name>
    <message>
        <location filename="../recorder_sources.py" line="37"/>
        <source>&amp;Camera:</source>
        <translation>&amp;Камера:</translation>
    </message>
    <message>
        <location filename="../recorder_sources.py" line="39"/>
        <source>Look again</source>
        <translation>Искать снова</translation>
    </message>
    <message>
        <location filename="../recorder_sources.py" line="41"/>
        <source>Look for cameras again (after plugging one in)</source>
        <translation>Снова поискать камеры (после подключения)</translation>
    </message>
    <message>
        <location filename="../recorder_sources.py" line="45"/>
        <source>Low (480p), smallest files</source>
        <translation>Низкое (480p), самые маленькие файлы</translation>
    </message>
    <message>
        <location filename="../recorder_sources.py" line="46"/>
        <source>Medium (720p)</source>
        <translation>Среднее (720p)</translation>
    </message>
    <message>
        <location filename="../recorder_sources.py" line="47"/>
        <source>High (1080p), largest files</source>
        <translation>Высокое (1080p), самые большие файлы</translation>
    </message>
    <message>
        <location filename="../recorder_sources.py" line="50"/>
        <source>Picture &amp;quality:</source>
        <translation>Ка&amp;чество изображения:</translation>
    </message>
    <message>
        <location filename="../recorder_sources.py" line="59"/>
        <source>No camera was found. Plug one in and press “Look again”, or record the test picture to try Kua out.</source>
        <translation>Камера не найдена. Подключите камеру и нажмите «Искать снова» или запишите тестовое изображение, чтобы попробовать Kua.</translation>
    </message>
    <message>
        <location filename="../recorder_sources.py" line="88"/>
        <source>Test picture (no camera)</source>
        <translation>Тестовое изображение (без камеры)</translation>
    </message>
    <message>
        <location filename="../recorder_sources.py" line="109"/>
        <source>Sound: a test tone (no microphone)</source>
        <translation>Звук: тестовый сигнал (без микрофона)</translation>
    </message>
    <message>
        <location filename="../recorder_sources.py" line="111"/>
        <source>No microphone found: the video will be recorded without sound.</source>
        <translation>Микрофон не найден: видео будет записано без звука.</translation>
    </message>
    <message>
        <location filename="../recorder_sources.py" line="114"/>
        <source>Sound: the computer’s default microphone</source>
        <translation>Звук: микрофон компьютера по умолчанию</translation>
    </message>
</context>
<context>
    <name>SyncDialog</name>
    <message>
        <location filename="../sync_dialog.py" line="57"/>
        <source>Sync to a trusted drive</source>
        <translation>Синхронизация с надёжным накопителем</translation>
    </message>
    <message>
        <location filename="../sync_dialog.py" line="77"/>
        <source>Copy the vault to a trusted drive</source>
        <translation>Скопировать хранилище на надёжный накопитель</translation>
    </message>
    <message>
        <location filename="../sync_dialog.py" line="79"/>
        <source>Sync puts an encrypted copy of the whole vault on a drive you trust; without the passphrase, the drive alone reveals nothing.</source>
        <translation>Синхронизация сохраняет зашифрованную копию всего хранилища на накопителе, которому вы доверяете; без парольной фразы по одному накопителю ничего не узнать.</translation>
    </message>
    <message>
        <location filename="../sync_dialog.py" line="81"/>
        <source>Checking the last sync…</source>
        <translation>Проверка последней синхронизации…</translation>
    </message>
    <message>
        <location filename="../sync_dialog.py" line="84"/>
        <source>Where should the copy go?</source>
        <translation>Куда сохранить копию?</translation>
    </message>
    <message>
        <location filename="../sync_dialog.py" line="93"/>
        <source>No drive found. Plug in a USB drive, or choose a folder.</source>
        <translation>Накопитель не найден. Подключите USB-накопитель или выберите папку.</translation>
    </message>
    <message>
        <location filename="../sync_dialog.py" line="97"/>
        <source>Choose a folder…</source>
        <translation>Выбрать папку…</translation>
    </message>
    <message>
        <location filename="../sync_dialog.py" line="116"/>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <location filename="../sync_dialog.py" line="120"/>
        <source>Stop the sync</source>
        <translation>Остановить синхронизацию</translation>
    </message>
    <message>
        <location filename="../sync_dialog.py" line="124"/>
        <source>Sync now</source>
        <translation>Синхронизировать</translation>
    </message>
    <message>
        <location filename="../sync_dialog.py" line="202"/>
        <source>{size} free</source>
        <translation>свободно {size}</translation>
    </message>
    <message>
        <location filename="../sync_dialog.py" line="205"/>
        <source>a folder</source>
        <translation>папка</translation>
    </message>
    <message>
        <location filename="../sync_dialog.py" line="208"/>
        <source>already holds a copy of this vault</source>
        <translation>уже содержит копию этого хранилища</translation>
    </message>
    <message>
        <location filename="../sync_dialog.py" line="210"/>
        <source>holds a copy of another vault</source>
        <translation>содержит копию другого хранилища</translation>
    </message>
    <message>
        <location filename="../sync_dialog.py" line="220"/>
        <source>Choose a folder for the copy</source>
        <translation>Выберите папку для копии</translation>
    </message>
    <message>
        <location filename="../sync_dialog.py" line="240"/>
        <source>Never synced</source>
        <translation>Синхронизации ещё не было</translation>
    </message>
    <message>
        <location filename="../sync_dialog.py" line="244"/>
        <source>Last synced: {when}</source>
        <translation>Последняя синхронизация: {when}</translation>
    </message>
    <message>
        <location filename="../sync_dialog.py" line="263"/>
        <source>Getting ready…</source>
        <translation>Подготовка…</translation>
    </message>
    <message>
        <location filename="../sync_dialog.py" line="276"/>
        <source>Stopping…</source>
        <translation>Остановка…</translation>
    </message>
    <message>
        <location filename="../sync_dialog.py" line="289"/>
        <source>{done} of {total} items</source>
        <translation>{done} из {total}</translation>
    </message>
    <message>
        <location filename="../sync_dialog.py" line="306"/>
        <source>Sync stopped. The copy on the drive is still the last complete one.</source>
        <translation>Синхронизация остановлена. На накопителе осталась последняя полная копия.</translation>
    </message>
    <message>
        <location filename="../sync_dialog.py" line="320"/>
        <source>The sync finished, but not every item could be copied.</source>
        <translation>Синхронизация завершена, но скопировать удалось не всё.</translation>
    </message>
    <message>
        <location filename="../sync_dialog.py" line="322"/>
        <source>Done. The copy on the drive is complete and up to date.</source>
        <translation>Готово. Копия на накопителе полная и актуальная.</translation>
    </message>
    <message>
        <location filename="../sync_dialog.py" line="323"/>
        <source>Copy: {folder}</source>
        <translation>Копия: {folder}</translation>
    </message>
    <message>
        <location filename="../sync_dialog.py" line="325"/>
        <source>Nothing new to copy: all {n} items were already on the drive.</source>
        <translation>Копировать нечего: всё уже было на накопителе (объектов: {n}).</translation>
    </message>
    <message>
        <location filename="../sync_dialog.py" line="328"/>
        <source>Items copied: {n} ({size})</source>
        <translation>Скопировано объектов: {n} ({size})</translation>
    </message>
    <message>
        <location filename="../sync_dialog.py" line="330"/>
        <source>Items already on the drive: {n}</source>
        <translation>Уже было на накопителе: {n}</translation>
    </message>
    <message>
        <location filename="../sync_dialog.py" line="332"/>
        <source>Items removed from the drive (erased from the vault): {n}</source>
        <translation>Удалено с накопителя (стёрто из хранилища): {n}</translation>
    </message>
    <message>
        <location filename="../sync_dialog.py" line="335"/>
        <source>Not copied, because they are damaged in this vault:</source>
        <translation>Не скопировано, потому что повреждено в этом хранилище:</translation>
    </message>
</context>
<context>
    <name>TestimonyForm</name>
    <message>
        <location filename="../testimony_form.py" line="34"/>
        <source>Title</source>
        <translation>Название</translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="35"/>
        <source>A short title, e.g. the detained person&apos;s name</source>
        <translation>Короткое название, например имя задержанного</translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="36"/>
        <source>Recorded on</source>
        <translation>Дата записи</translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="37"/>
        <source>Date, and time if you like: 2024-03-01 14:30</source>
        <translation>Дата и, если хотите, время: 2024-03-01 14:30</translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="38"/>
        <source>Place of recording</source>
        <translation>Место записи</translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="39"/>
        <source>Town or village</source>
        <translation>Город или село</translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="40"/>
        <source>Language spoken</source>
        <translation>Язык рассказа</translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="41"/>
        <source>e.g. Kazakh, Uyghur, Russian</source>
        <translation>например, казахский, уйгурский, русский</translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="42"/>
        <source>Recorded by</source>
        <translation>Кто записал</translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="43"/>
        <source>Your name or initials</source>
        <translation>Ваше имя или инициалы</translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="44"/>
        <source>Tags</source>
        <translation>Метки</translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="45"/>
        <source>Words to find it by, separated by commas</source>
        <translation>Слова для поиска, через запятую</translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="71"/>
        <source>Testimony</source>
        <translation>Свидетельство</translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="98"/>
        <source>About the recording</source>
        <translation>О записи</translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="99"/>
        <source>Consent</source>
        <translation>Согласие</translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="103"/>
        <source>Who is speaking</source>
        <translation>Кто рассказывает</translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="107"/>
        <source>Detained people</source>
        <translation>Задержанные</translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="109"/>
        <source>Everyone this testimony is about. Write each name in every spelling you know.</source>
        <translation>Все, о ком это свидетельство. Запишите каждое имя во всех известных вам написаниях.</translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="112"/>
        <source>Add a detained person</source>
        <translation>Добавить задержанного</translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="117"/>
        <source>Recordings and photos</source>
        <translation>Записи и фотографии</translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="121"/>
        <source>Delete</source>
        <translation>Удаление</translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="123"/>
        <source>Deleting erases this testimony and all its recordings from this computer for good.</source>
        <translation>При удалении это свидетельство и все его записи навсегда стираются с этого компьютера.</translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="124"/>
        <source>Delete this testimony…</source>
        <translation>Удалить это свидетельство…</translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="147"/>
        <source>Anything else worth knowing</source>
        <translation>Всё, что ещё стоит знать</translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="148"/>
        <source>Notes</source>
        <translation>Заметки</translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="149"/>
        <source>Draft</source>
        <translation>Черновик</translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="150"/>
        <source>Ready</source>
        <translation>Готово</translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="151"/>
        <source>Exported</source>
        <translation>Экспортировано</translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="154"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="245"/>
        <source>Remove this person?</source>
        <translation>Удалить этого человека?</translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="246"/>
        <source>Everything written about this detained person will be removed.</source>
        <translation>Всё, что записано об этом задержанном, будет удалено.</translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="272"/>
        <source>a title, or the name of a detained person</source>
        <translation>название или имя задержанного</translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="274"/>
        <source>who may see it (the consent level)</source>
        <translation>кто может его видеть (уровень согласия)</translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="277"/>
        <source>an answer to each consent question: {names}</source>
        <translation>ответ на каждый вопрос о согласии: {names}</translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="280"/>
        <source>Before it can be marked ready, it needs:</source>
        <translation>Чтобы отметить свидетельство как готовое, укажите:</translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="285"/>
        <source>Fill in what the box at the top asks for first.</source>
        <translation>Сначала укажите то, что перечислено в рамке вверху.</translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="290"/>
        <source>Not saved: check the field marked in red</source>
        <translation>Не сохранено: проверьте поле, отмеченное красным</translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="291"/>
        <source>Not saved yet</source>
        <translation>Ещё не сохранено</translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="292"/>
        <source>Saving…</source>
        <translation>Сохранение…</translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="293"/>
        <source>Saved</source>
        <translation>Сохранено</translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="362"/>
        <source>Delete this testimony?</source>
        <translation>Удалить это свидетельство?</translation>
    </message>
    <message>
        <location filename="../testimony_form.py" line="363"/>
        <source>This testimony, its recordings and photos and everything written here will be erased for good. It cannot be undone.</source>
        <translation>Это свидетельство, его записи и фотографии и всё, что здесь написано, будут стёрты навсегда. Отменить это нельзя.</translation>
    </message>
</context>
<context>
    <name>ThumbnailDelegate</name>
    <message>
        <location filename="../library_delegates.py" line="101"/>
        <source>Untitled</source>
        <translation>Без названия</translation>
    </message>
</context>
<context>
    <name>UnlockScreen</name>
    <message>
        <location filename="../unlock.py" line="27"/>
        <source>Kua is locked</source>
        <translation>Kua заблокирован</translation>
    </message>
    <message>
        <location filename="../unlock.py" line="28"/>
        <source>Type your passphrase to open your testimonies.</source>
        <translation>Введите парольную фразу, чтобы открыть свои свидетельства.</translation>
    </message>
    <message>
        <location filename="../unlock.py" line="32"/>
        <source>Passphrase or recovery key</source>
        <translation>Парольная фраза или ключ восстановления</translation>
    </message>
    <message>
        <location filename="../unlock.py" line="40"/>
        <location filename="../unlock.py" line="85"/>
        <source>Unlock</source>
        <translation>Разблокировать</translation>
    </message>
    <message>
        <location filename="../unlock.py" line="60"/>
        <source>Unlocking…</source>
        <translation>Разблокировка…</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../errors.py" line="19"/>
        <source>Wrong passphrase</source>
        <translation>Неверная парольная фраза</translation>
    </message>
    <message>
        <location filename="../errors.py" line="20"/>
        <source>Kua is already open</source>
        <translation>Kua уже открыт</translation>
    </message>
    <message>
        <location filename="../errors.py" line="21"/>
        <source>The drive is full</source>
        <translation>Накопитель заполнен</translation>
    </message>
    <message>
        <location filename="../errors.py" line="22"/>
        <source>The disk is full</source>
        <translation>Диск заполнен</translation>
    </message>
    <message>
        <location filename="../errors.py" line="23"/>
        <source>Problem with the drive</source>
        <translation>Проблема с накопителем</translation>
    </message>
    <message>
        <location filename="../errors.py" line="24"/>
        <source>The bundle is damaged</source>
        <translation>Пакет повреждён</translation>
    </message>
    <message>
        <location filename="../errors.py" line="25"/>
        <source>Wrong organizer key</source>
        <translation>Неверный ключ организатора</translation>
    </message>
    <message>
        <location filename="../errors.py" line="26"/>
        <source>Damaged recording</source>
        <translation>Повреждённая запись</translation>
    </message>
    <message>
        <location filename="../errors.py" line="27"/>
        <source>The vault is damaged</source>
        <translation>Хранилище повреждено</translation>
    </message>
    <message>
        <location filename="../errors.py" line="28"/>
        <source>Not a Kua vault</source>
        <translation>Это не хранилище Kua</translation>
    </message>
    <message>
        <location filename="../errors.py" line="29"/>
        <source>Not allowed by the consent given</source>
        <translation>Согласие этого не разрешает</translation>
    </message>
    <message>
        <location filename="../errors.py" line="30"/>
        <source>Problem with the recording</source>
        <translation>Проблема с записью</translation>
    </message>
    <message>
        <location filename="../errors.py" line="31"/>
        <source>Stopped</source>
        <translation>Остановлено</translation>
    </message>
    <message>
        <location filename="../errors.py" line="32"/>
        <source>Please check what you entered</source>
        <translation>Проверьте, что вы ввели</translation>
    </message>
    <message>
        <location filename="../errors.py" line="33"/>
        <source>Kua could not do that</source>
        <translation>Kua не удалось это сделать</translation>
    </message>
    <message>
        <location filename="../errors.py" line="46"/>
        <source>Something went wrong</source>
        <translation>Что-то пошло не так</translation>
    </message>
    <message>
        <location filename="../errors.py" line="54"/>
        <source>Kua met an unexpected problem ({name}). Nothing was deleted.</source>
        <translation>Kua столкнулся с непредвиденной проблемой ({name}). Ничего не удалено.</translation>
    </message>
</context>
<context>
    <name>owner</name>
    <message>
        <location filename="../address_book.py" line="34"/>
        <source>A name you will recognise</source>
        <translation>Имя, по которому вы узнаете организатора</translation>
    </message>
</context>
</TS>
