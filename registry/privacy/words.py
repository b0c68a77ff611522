"""The words of a field name, whatever its case style, with engineers' abbreviations expanded.

`usr_tel_no`, `UsrTelNo`, `usr-tel-no` and `USR_TEL_NO` all become `user telephone number`:
snake_case, camelCase, PascalCase, kebab-case, SCREAMING_SNAKE and dotted names split the same
way, a word glued to a digit (`addr1`) loses the digit, and the abbreviations of the table
below are written out. The table is data: one abbreviation, the words it stands for, and
where it applies (anywhere, or only inside a name, where `no` means "number").
"""

from __future__ import annotations

import re
from functools import lru_cache

from registry.catalog.identifiers import words as split_words
from registry.privacy.personal import PERSON_NOUNS

# Abbreviations valid anywhere in a name.
ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "usr": ("user",),
    "cust": ("customer",),
    "acct": ("account",),
    "tel": ("telephone",),
    "mob": ("mobile",),
    "addr": ("address",),
    "adr": ("address",),
    "nm": ("name",),
    "nme": ("name",),
    "frst": ("first",),
    "fst": ("first",),
    "lst": ("last",),
    "pwd": ("password",),
    "pswd": ("password",),
    "passwrd": ("password",),
    "passwd": ("password",),
    "pword": ("password",),
    "tkn": ("token",),
    "tok": ("token",),
    "sess": ("session",),
    "sessid": ("session", "id"),
    "phpsessionid": ("php", "session", "id"),
    "nin": ("national", "insurance", "number"),
    "hh": ("household",),
    "apt": ("apartment",),
    "bldg": ("building",),
    "dx": ("diagnosis",),
    "psych": ("psychiatric",),
    "env": ("environment",),
    "vars": ("variables",),
    "latlng": ("lat", "lng"),
    "latlon": ("lat", "lon"),
    "postalcode": ("postal", "code"),
    "zipcode": ("zip", "code"),
    "neighbourhood": ("neighborhood",),
    "hometown": ("home", "town"),
    "birthplace": ("place", "of", "birth"),
    "emp": ("employee",),
    "phn": ("phone",),
    "mbl": ("mobile",),
    "bday": ("birthday",),
    "crd": ("card",),
    "pstl": ("postal",),
    "natl": ("national",),
    "psprt": ("passport",),
    "ppt": ("passport",),
    "lic": ("licence",),
    "doc": ("document",),
    "conn": ("connection",),
    "creds": ("credentials",),
    "cred": ("credential",),
    "nok": ("next", "of", "kin"),
    "hw": ("hardware",),
    "mgr": ("manager",),
    "bal": ("balance",),
    "amt": ("amount",),
    "ctry": ("country",),
    "cty": ("city",),
    "tmpl": ("template",),
    "sz": ("size",),
    "cnt": ("count",),
    "img": ("image",),
    "pic": ("picture",),
    "fnm": ("first", "name"),
    "lnm": ("last", "name"),
    "fmt": ("format",),
    "pct": ("percent",),
    # parties of a payment as ISO 20022 abbreviates them (`dbtr_nm`, `ultmt_cdtr`)
    "dbtr": ("debtor",),
    "cdtr": ("creditor",),
    "ultmt": ("ultimate",),
    "mbr": ("member",),
    # credential words written glued (`x-amzn-oidc-accesstoken`, `apikey`)
    "accesstoken": ("access", "token"),
    "refreshtoken": ("refresh", "token"),
    "idtoken": ("id", "token"),
    "authtoken": ("auth", "token"),
    "bearertoken": ("bearer", "token"),
    "sessiontoken": ("session", "token"),
    "apitoken": ("api", "token"),
    "apikey": ("api", "key"),
    "secretkey": ("secret", "key"),
    "privatekey": ("private", "key"),
    "clientsecret": ("client", "secret"),
    # parties of a policy, a claim or a trip as their systems abbreviate them
    "pax": ("passenger",),
    "benef": ("beneficiary",),
    "subsc": ("subscriber",),
    "subscr": ("subscriber",),
    "insd": ("insured",),
    "emerg": ("emergency",),
}
# Abbreviations valid only after the first word (`tel_no`, `mob_num`; a leading `no_` is "no").
INNER_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "no": ("number",),
    "nr": ("number",),
    "num": ("number",),
    "nbr": ("number",),
    "ln": ("line",),
    "cd": ("code",),
    "dt": ("date",),
    "ph": ("phone",),
    "acc": ("account",),
    "ac": ("account",),
    "fp": ("fingerprint",),
    "ans": ("answer",),
    "stat": ("status",),
    "wt": ("weight",),
    "mo": ("month",),
    "yr": ("year",),
    "eml": ("email",),
}
# Abbreviations valid only as the first word, before another word (`ac_num`, `nat_id`, `ph_no`).
LEADING_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "ph": ("phone",),
    "acc": ("account",),
    "ac": ("account",),
    "nat": ("national",),
    "fp": ("fingerprint",),
    # a clinical system's insurance, and HL7 v2 segments before their fields (`ins_mbr_id`,
    # `nk1_name`, `pid_primary_language`)
    "ins": ("insurance",),
    "pid": ("patient",),
    "nk": ("next", "of", "kin"),
    "pol": ("policy",),
}
# Abbreviations of what a record holds of a person, only right after a person (`grntr_inc`,
# `emp_sal`): `inc` and `sal` are also an increment and a salutation elsewhere.
PERSON_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "inc": ("income",),
    "sal": ("salary",),
    "dob": ("date", "of", "birth"),
    "sig": ("signature",),
}
# Words engineers write without their vowels (`tnnt`, `grntr`, `cntct`, `hldr`, `emrg`): a word
# of four letters or more with no vowel after its first letter is read as the word of this
# vocabulary whose first letter and consonants it spells out (or begins), when only one does
# (or every one that does is a person).
SKELETON_WORDS = frozenset(
    {
        *PERSON_NOUNS,
        *("tenant", "phone", "mobile", "number", "address", "email", "birth", "date", "name"),
        *("first", "last", "middle", "surname", "income", "salary", "balance", "account"),
        *("passport", "licence", "license", "contact", "emergency", "holder", "policy"),
        *("insurance", "national", "identity", "document", "bank", "card", "credit"),
        *("password", "secret", "token", "session", "signature", "religion", "nationality"),
        *("gender", "marital", "birthday", "street", "postal", "city", "country"),
    }
)
# One-letter abbreviations, only right before a name (`f_name`, `l_nm`).
INITIALS: dict[str, tuple[str, ...]] = {
    "f": ("first",),
    "l": ("last",),
    "m": ("middle",),
}
# Two words engineers split a single word into (`pass_wd`).
PAIRS: dict[tuple[str, str], tuple[str, ...]] = {
    ("pass", "wd"): ("password",),
    ("pass", "word"): ("password",),
    ("sec", "ans"): ("security", "answer"),
    ("sec", "answer"): ("security", "answer"),
    ("dot", "env"): ("dotenv",),
    ("sa", "key"): ("service", "account", "key"),
    # `rx` is a prescription before these, and "receive" in `rx_bytes`, `rx_freq`
    ("rx", "number"): ("prescription", "number"),
    ("rx", "no"): ("prescription", "number"),
    ("rx", "id"): ("prescription", "id"),
    ("rx", "history"): ("prescription", "history"),
    ("rx", "drug"): ("prescription", "drug"),
    ("rx", "name"): ("prescription", "name"),
    # `sig` is a prescription's directions before these (`rx_sig`), a signature elsewhere
    ("sig", "directions"): ("dosage", "instructions"),
    ("sig", "instructions"): ("dosage", "instructions"),
    ("sig", "text"): ("dosage", "instructions"),
    ("rx", "sig"): ("dosage", "instructions"),
    ("diag", "cd"): ("diagnosis", "code"),
    ("diag", "code"): ("diagnosis", "code"),
    # `dl` is a driving licence before a number, and a download elsewhere (`dl_url`)
    ("dl", "number"): ("driver", "license", "number"),
    ("dl", "no"): ("driver", "license", "number"),
    ("dl", "num"): ("driver", "license", "number"),
    # vital signs as monitors abbreviate them (`bp_sys`, `hr_bpm`)
    ("bp", "sys"): ("systolic",),
    ("bp", "systolic"): ("systolic",),
    ("bp", "dia"): ("diastolic",),
    ("bp", "diastolic"): ("diastolic",),
    ("hr", "bpm"): ("heart", "rate"),
    # a card's expiry (`cc_exp_mo`, `exp_yr`)
    ("cc", "exp"): ("card", "expiry"),
    ("card", "exp"): ("card", "expiry"),
    ("exp", "mo"): ("expiry", "month"),
    ("exp", "month"): ("expiry", "month"),
    ("exp", "yr"): ("expiry", "year"),
    ("exp", "year"): ("expiry", "year"),
}

# `pt` is a patient before what a clinical system records of one (`pt_nm`, `pt_wt_kg`), and
# Portugal before its numbers (`pt_cc`, `pt_nif`).
PATIENT_ATTRIBUTES = (
    *("name", "nm", "first", "last", "full", "dob", "birth", "age", "sex", "gender", "ssn"),
    *("address", "addr", "phone", "phn", "email", "weight", "wt", "height", "ht", "mrn"),
    *("diagnosis", "dx", "allergy", "allergies", "insurance", "ins", "race", "ethnicity"),
)
for _attribute in PATIENT_ATTRIBUTES:
    PAIRS[("pt", _attribute)] = ("patient", *ABBREVIATIONS.get(_attribute, (_attribute,)))


def _table(text: str) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Entries `foreign|foreign ... = english words`; an entry may run over several lines, each
    ending with `|`."""
    table: dict[tuple[str, ...], tuple[str, ...]] = {}
    for entry in re.split(r"(?<=[a-z])\n", text.strip()):
        foreign, _, english = entry.partition("=")
        for spelling in foreign.split("|"):
            table[tuple(spelling.split())] = tuple(english.split())
    return table


# Field names in other languages, as engineers write them without accents (and Russian,
# Japanese, Chinese and Korean transliterated), written out in English words so that the
# English concepts and their metadata words apply: `data_de_nascimento` is a date of birth,
# `passwort_hash` a password hash, `adresse_ip` an IP address. A word that also means
# something else alone (`nome`, `nombre`, `nom`: "name" of anything; `portable`, `handy`,
# `cap`) is listed only in phrases that settle it. Longest phrase first.
FOREIGN = _table(
    """
    nachname|familienname|achternaam|cognome|apellido|apellidos|sobrenome|nazwisko|prijmeni|
    familiya|soyadi|soyad|efternamn|etternavn|efternavn|sukunimi|vezeteknev|myoji|
    myouji = last name
    vorname|voornaam|prenom|prenoms|imie|fornavn|etunimi|keresztnev|imya|primer nombre|
    nama depan = first name
    otchestvo|segundo nombre|tussenvoegsel = middle name
    geburtsname|nom de naissance = birth name
    rufname|nome social = preferred name
    shimei|xingming|xing ming|nome completo|nombre completo|nom complet|nome e cognome|
    nome cognome|ad soyad|nama lengkap|ho ten|ho va ten|imie i nazwisko|
    vollstandiger name = full name
    nom de famille = family name
    nama belakang = last name
    nome utente|nome usuario|nombre usuario|nombre de usuario|nome de usuario|nom utilisateur|
    nom d utilisateur|benutzername|gebruikersnaam|nazwa uzytkownika|kullanici adi = user name
    nome cliente|nombre cliente|nombre del cliente|nom client|nom du client|kundenname|
    klantnaam = customer name
    geburtsdatum|geboortedatum|seinengappi|fodelsedatum|fodselsdato|syntymaaika|data nascimento|
    data de nascimento|data di nascita|data nascita|fecha nacimiento|fecha de nacimiento|
    date naissance|date de naissance|data urodzenia|datum narozeni|dogum tarihi|tanggal lahir|
    tgl lahir|data rozhdeniya|data rojdeniya|chusheng riqi|ngay sinh|
    saengnyeonwoil = date of birth
    geburtstag|tanjobi|shengri|aniversario nascimento|cumpleanos = birthday
    geburtsort|lugar de nacimiento|lugar nacimiento|local de nascimento|luogo di nascita|
    luogo nascita|lieu de naissance|lieu naissance|miejsce urodzenia|dogum yeri = place of birth
    endereco|morada|direccion|indirizzo|adresse|adres|adresa|adresi|alamat|juusho|jusho|dizhi|
    osoite = address
    domicilio|zhuzhi|wohnadresse|wohnanschrift|endereco residencial|direccion residencial|
    indirizzo di residenza|adresse domicile = home address
    anschrift|postadress|postanschrift|adresse postale|endereco postal|direccion postal|
    indirizzo postale = postal address
    direccion envio|direccion de envio|endereco entrega|endereco de entrega|
    adresse de livraison|adresse livraison|lieferadresse|indirizzo di spedizione|
    indirizzo spedizione = shipping address
    strasse|calle|rua|ulica|straat|gatan|katu = street
    hausnummer|huisnummer|numero civico|numero de casa|numer domu = house number
    wohnort|localidade|localidad|ciudad|cidade|citta|ville|miasto = city
    postleitzahl|postinumero|postnummer|youbian|codigo postal|codice postale|code postal|
    kod pocztowy|kode pos|posta kodu|yubin bango|yubinbango = postal code
    telefone|telefono|telefon|telefonu|telepon|telefoon|denwa|dianhua|puhelin = telephone
    celular|movil|cellulare|mobiel|keitai|shouji|telephone portable|numero portable|
    cep telefonu|nomor hp = mobile
    telefonnummer|rufnummer|telefoonnummer|puhelinnumero|denwa bango|dianhua haoma|
    numer telefonu|nomor telepon|so dien thoai|jeonhwa beonho = telephone number
    handynummer|mobilnummer|shouji hao|shouji haoma|shoujihao|numero celular|numero de celular|
    numero cellulare|numero movil|numero de movil = mobile number
    correo|courriel|youxiang|eposta|sahkoposti|correo electronico|posta elettronica|
    correio eletronico|adresse electronique|dianzi youjian|e posta|meru adoresu = email
    passwort|kennwort|senha|wachtwoord|haslo|heslo|losenord|adgangskode|passord|salasana|sifre|
    jelszo|lozinka|geslo|mima|contrasenya|mot de passe|motdepasse|kata sandi|katasandi|
    palavra passe|pasuwado = password
    familienstand|civilstand|sivilstand|estado civil|stato civile|etat civil|
    situation familiale|burgerlijke staat|stan cywilny|medeni hal|medeni durum|
    status perkawinan = marital status
    religionszugehoerigkeit|religionszugehorigkeit|konfession|religiao|religione|religia|
    religie|agama = religion
    nacionalidade|nacionalidad|nazionalita|nationalite|staatsangehoerigkeit|staatsangehorigkeit|
    nationaliteit|obywatelstwo|uyruk|kewarganegaraan|grazhdanstvo = nationality
    geschlecht|geslacht|sexo|sesso|sexe|plec|cinsiyet|jenis kelamin = sex
    personalausweisnummer|ausweisnummer|shenfenzheng hao|shenfenzhenghao|numer dowodu|
    numero carta identita|numero documento identidad = id card number
    shenfenzheng|dowod osobisty|carteira identidade|carteira de identidade|carta identita|
    carta d identita|documento de identidad|carte d identite = id card
    reisepassnummer|passnummer|numero passaporto|numero passaporte|numero de pasaporte|
    numero pasaporte|numero passeport|nomer pasporta = passport number
    passaporto|passaporte|pasport|huzhao|paszport = passport
    kojin bango|kojinbango|mainanba|jumin beonho|jumin deungnok beonho = national id number
    krankenversichertennummer|krankenversicherungsnummer|versichertennummer|tessera sanitaria|
    carte vitale|cartao sus|tarjeta sanitaria = health card number
    gehalt|salario|sueldo|stipendio|salaire|wynagrodzenie|gaji|lohn = salary
    conta bancaria|cuenta bancaria|conto corrente|compte bancaire|bankkonto|
    rekening bank = bank account
    kontonummer|numero de cuenta|numero conta|numero conto|numer konta|hesap numarasi|
    nomor rekening|rekeningnummer = bank account number
    nom jeune fille|nom de jeune fille|nome de solteira|apellido de soltera = maiden name
    nome mae|nome da mae|nome de mae|nome madre|nombre madre|nombre de la madre|
    nom mere|nom de la mere|imie matki = mother name
    nome pai|nome do pai|nome padre|nombre padre|nombre del padre|nom pere|nom du pere|
    imie ojca = father name
    naturalidade = place of birth
    titulo eleitor|titulo de eleitor|titulo eleitoral = voter id number
    nr dowodu|numer dowodu osobistego|nr dowodu osobistego = id card number
    steuer identifikationsnummer|steueridentifikationsnummer|steuerliche identifikationsnummer|
    steuer id nummer = tax identification number
    identifikationsnummer = identification number
    data obito|data de obito|data do obito|fecha defuncion|fecha de defuncion|
    fecha fallecimiento|fecha de fallecimiento|date deces|date de deces|data di morte|
    data morte|sterbedatum|todesdatum|data zgonu|overlijdensdatum = date of death
    woonplaats|miejscowosc|paikkakunta = city
    blutgruppe|groupe sanguin|tipo sangre|tipo de sangre|tipo sanguineo|grupo sanguineo|
    gruppo sanguigno|bloedgroep|grupa krwi|ketsuekigata = blood type
    behinderung|schwerbehinderung|discapacidad|disabilita|niepelnosprawnosc = disability
    gewerkschaft|sindicato|sindacato|vakbond|zwiazek zawodowy = trade union
    gewerkschaftsmitglied|gewerkschaftszugehoerigkeit|sindicalizado|iscritto sindacato = union member
    antecedents medicaux|antecedentes medicos|antecedentes clinicos|anamnese|anamnesis|
    historia clinica|historial medico|historial clinico|cartella clinica|krankengeschichte|
    dossier medical|prontuario medico|storia clinica = medical history
    casier judiciaire|antecedentes penales|antecedentes criminais|antecedentes criminales|
    casellario giudiziale|certificato penale|fuehrungszeugnis|vorstrafen|strafregister|
    niekaralnosc = criminal record
    bankverbindung|bankgegevens|coordonnees bancaires|dados bancarios|datos bancarios|
    dati bancari = bank account
    einkommen|ingresos|ingreso|renda|rendimento|reddito|revenu|revenus|dochod|inkomen|
    pendapatan|shotoku|shouru = income
    revenu fiscal reference|revenu fiscal de reference|reddito imponibile|
    zu versteuerndes einkommen = taxable income
    kreditkartennummer|numero tarjeta credito|numero de tarjeta|numero tarjeta|numero cartao|
    numero do cartao|numero carta di credito|numero carta|numero de carte|numero carte|
    numer karty|kaado bangou|kurejitto kaado = credit card number
    kreditkarte|tarjeta de credito|tarjeta credito|cartao de credito|cartao credito|
    carta di credito|carte de credit|carte bancaire|karta kredytowa = credit card
    clabe|cuenta clabe|kouza bangou|kouza bango|kouza|koza bango|yinhang zhanghao|
    yinhangka hao|yinhangka haoma|yinhang kahao = bank account number
    zugangsdaten|credenciais|credenciales|credenziali|identifiants = credentials
    clave acceso|clave de acceso|pasuwaado|pasuwado|parol = password
    serveur|servidor = server
    prenume|etunimi|eesnimi|vardas|vards|emri|chue|unang pangalan|jina la kwanza|shem prati|
    krestnoe imya = first name
    nume familie|nume de familie|eponymo|epitheto|prizvyshche|prizvishche|pryzvyshche|cognom|
    cognoms|prezime|apelyido|namsakun|nam sakun|pavarde|uzvards|perekonnanimi|priezvisko|
    mbiemri|nama keluarga|jina la ukoo|jina la familia|shem mishpacha|shem mishpaha|
    shem mishpakha|ism al aila|ism al ayla|laqab|nam khanevadegi|upnaam = last name
    nume complet|onomateponymo|nom complet|ime i prezime|ime prezime|nama penuh|buong pangalan|
    jina kamili|shem male|ism kamil|ism kamel|al ism al kamil|pura naam|poora naam|
    chue tem = full name
    po batkovi|gitnang pangalan = middle name
    nume utilizator|korisnicko ime|kayttajatunnus|nama pengguna|onoma xristi|
    upyogkarta naam|jina la mtumiaji = user name
    pita ka naam|pita naam|walid ka naam|ism al ab|nama bapa|nama ayah = father name
    mata ka naam|mata naam|walida ka naam|ism al umm|nama ibu = mother name
    onoma|shem|ism|jina|pangalan = name
    pelatis|pelati|pelath|mushtari|mteja = customer
    xristis|christis|xristi|mtumiaji = user
    data nasterii|data de nastere|data nastere|imerominia gennisis|imerominia gennhshs|
    taarich leida|tarich leida|taarich lida|tarikh milad|tarikh al milad|tareekh milad|
    tarikh milad|janm tithi|janam tithi|janm din|data narodzhennya|data narodzhennia|
    data naixement|data de naixement|datum rodjenja|datum rodenja|datum rojstva|
    datum narodenia|tarikh lahir|petsa ng kapanganakan|tarehe ya kuzaliwa|wan koet|
    wan kerd|gimimo data|dzimsanas datums|synniaeg|sunniaeg|datelindja|tarikh tavallod|
    tareekh paidaish|tarikh paidaish|data na razhdane = date of birth
    kaarawan|janamdin = birthday
    loc nastere|locul nasterii|locul de nastere|syntymapaikka|mistse narodzhennya|
    misce narodzhennya|lloc de naixement|lloc naixement|mjesto rodjenja|mesto rodjenja|
    mjesto rodenja|tempat lahir|lugar ng kapanganakan|mahali pa kuzaliwa = place of birth
    dieuthinsi|diefthinsi|dieythinsi|ktovet|unwan|enwan|adreca|adresas|tirahan|anwani|
    thi yu|ghar ka pata|sthayi pata = address
    adresa domiciliu|adresa de domiciliu|domiciliu|unwan sakan|katuosoite = home address
    tilefono|tilefonou|hatif|telefona|telepono|simu|thorasap|torasap = telephone
    kinito|jawwal|jawal|mobitel|mobitela|mobitelu|matkapuhelin|kannykka|mobil|selpon = mobile
    ktovet doar elektroni|doar elektroni|bareed electroni|barid iliktruni|bareed|correu|
    correu electronic|emel|barua pepe|sahkopostiosoite|elektronna poshta|el poshta = email
    parola|kodikos prosvasis|synthimatiko|sisma|kalimat sir|kalimat al sir|kalimat murur|
    kalimat al murur|kata laluan|guptshabd|gupt shabd|nenosiri|neno siri|rahat phan|
    rahatphan|slaptazodis|parool|fjalekalimi|lykilord|ramz obur|parola utilizator = password
    parola chiave = keyword
    buletin|carte de identitate|carte identitate|tautotita|taftotita|tautotitas|taftotitas|
    teudat zehut|hawiya|hawiyya|bitaqat hawiya|henkilokortti|osobna iskaznica|licna karta|
    osobna izkaznica|kad pengenalan|mykad|kitambulisho|bat prachachon|batprachachon|
    lichna karta|shanakhti card = id card
    no kad pengenalan|nombor kad pengenalan|lek bat prachachon|raqam watani|raqm watani|
    al raqam al watani|kod melli|code melli = national id number
    darkon|jawaz safar|passaport|putovnica|pasportu|pasporta = passport
    passinumero|passin numero = passport number
    misthos|ratib|raatib|vetan|tankhwah|zarplata|zarobitna plata|salariu|salari|palkka|
    kuukausipalkka|gaji bulanan|sahod|suweldo|mshahara|ngoen duean|hoghoogh|hoghugh|
    mishkoret|maskoret|zaplata = salary
    venit|tulot|dohodak|prihod|mapato = income
    cont bancar|cont banca|pankkitili|heshbon bank|hisab bank|hisab masrafi|bank khata|
    rakhunok|bankivskyi rakhunok|compte bancari|bankovni racun|tekuci racun|ziro racun|
    akaun bank|akaunti ya benki|hesab banki = bank account
    tilinumero|raqam hisab|khata sankhya = bank account number
    grupa sanguina|veriryhma|sug dam|fasilat dam|faseelat al dam|grupa krovi|hrupa krovi|
    krvna grupa|kumpulan darah|golongan darah = blood type
    diagnoosi|diahnoz|diagnoz|diagnosi = diagnosis
    boala = disease
    religie|thriskeia|thriskeuma|uskonto|diyana|dharm|relihiya|religiya|religio|
    vjeroispovijest|veroispovest|relihiyon|dini|satsana|mazhab = religion
    cetatenie|ezrachut|hromadyanstvo|gromadyanstvo|drzavljanstvo|uraia|kansalaisuus = citizenship
    nationalitate|ypikootita|jinsiya|jinsiyya|rashtriyata|nacionalitat|sanchat|
    tabiyat = nationality
    stare civila|siviilisaaty|bracno stanje|bracni status|taraf perkahwinan|
    status perkahwinan|hali ya ndoa = marital status
    fylo|sukupuoli|jantina|kasarian|jinsia = sex
    bangsa|jaati = ethnic group
    cazier|cazier judiciar|rikosrekisteri|tik plili = criminal record
    kuolinpaiva = date of death
    """
)
_FOREIGN_WORDS = {k[0]: v for k, v in FOREIGN.items() if len(k) == 1}
_FOREIGN_PHRASES: dict[tuple[str, str], list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
for _phrase, _english in sorted(FOREIGN.items(), key=lambda item: -len(item[0])):
    if len(_phrase) > 1:
        _FOREIGN_PHRASES.setdefault((_phrase[0], _phrase[1]), []).append((_phrase, _english))
"""Phrases by their first two words, longest first."""
# Words written in mixed case that a case split would break (`PrivateIPv4Address` is not
# `private i pv address`): each is read as one capitalised word first.
MIXED_CASE = (
    *("IPv4", "IPv6", "OAuth", "iOS", "macOS", "MySQL", "GraphQL", "PostgreSQL", "NoSQL"),
    *("WiFi", "eMail", "JSessionID", "PHPSessID", "iCloud", "iPhone", "iPad", "WebAuthn"),
)
_MIXED = re.compile("|".join(MIXED_CASE))
# Words for "of" between a name and its owner in languages that put the head first (`jina la
# mteja`, `naam ka`, `ism al`, `nombre del`, `pangalan ng`).
_GENITIVES = frozenset({"la", "ya", "wa", "ka", "ki", "ng", "al", "el", "de", "del", "di", "da"})
_VOWELS = frozenset("aeiou")
_VOWELLESS = re.compile("[a-z][b-df-hj-np-tv-z]{3,}")


def _skeleton(word: str) -> str:
    return word[0] + "".join(c for c in word[1:] if c not in _VOWELS)


_SKELETONS: dict[str, list[str]] = {}
for _word in sorted(SKELETON_WORDS):
    _SKELETONS.setdefault(_skeleton(_word), []).append(_word)


@lru_cache(maxsize=4096)
def _unvowelled(word: str) -> str | None:
    """The vocabulary word a vowel-less abbreviation spells (`grntr` -> `guarantor`), or None."""
    if len(word) < 4 or not word.isalpha() or _VOWELS.intersection(word[1:]):
        return None
    found = _SKELETONS.get(word) or [
        w for skeleton, ws in _SKELETONS.items() if skeleton.startswith(word) for w in ws
    ]
    if len(found) == 1 or (found and all(w in PERSON_NOUNS for w in found)):
        return found[0]
    return None


_GLUED_DIGITS = re.compile(r"^([a-z]{2,}?)(\d+)$")
# Words whose digits are part of the word: versions of a protocol, key formats, codes.
_KEEP_DIGITS = frozenset(
    {
        *("ipv4", "ipv6", "icd10", "icd9", "cvv2", "cvc2", "sha256", "line1", "line2"),
        *("pkcs1", "pkcs8", "pkcs12", "ed25519", "ed448", "x25519", "x509", "k8s", "2fa"),
        *("md5", "sha1", "sha512", "base64", "utf8", "track1", "track2", "spo2"),
        *("uid2", "id5"),
    }
)


def _unglue(word: str) -> str:
    if word in _KEEP_DIGITS or word in ABBREVIATIONS:
        return word
    match = _GLUED_DIGITS.match(word)
    return match.group(1) if match else word


@lru_cache(maxsize=65536)
def name_words(name: str) -> tuple[str, ...]:
    """Lower-case words of `name`, abbreviations written out (`custMobNo` -> customer mobile
    number)."""
    name = _MIXED.sub(lambda m: m.group(0).capitalize(), name)
    raw = [_unglue(w) for w in split_words(name)]
    raw = [w for w in raw if not w.isdigit()]
    out: list[str] = []
    head_first: list[int] = []
    """Where a word of another language wrote `name` (`onoma_pelati`: the name of a customer)."""
    index = 0
    while index < len(raw):
        word = raw[index]
        following = raw[index + 1] if index + 1 < len(raw) else None
        pair = (word, following) if following is not None else None
        if pair is not None and pair in _FOREIGN_PHRASES:
            found = next(
                (
                    (len(phrase), english)
                    for phrase, english in _FOREIGN_PHRASES[pair]
                    if tuple(raw[index : index + len(phrase)]) == phrase
                ),
                None,
            )
            if found is not None:
                out.extend(found[1])
                index += found[0]
                continue
        if word in _FOREIGN_WORDS:
            if _FOREIGN_WORDS[word] == ("name",):
                head_first.append(len(out))
            out.extend(_FOREIGN_WORDS[word])
            index += 1
            continue
        if pair is not None and following in INNER_ABBREVIATIONS:
            # `rx_nbr` is `rx_number`
            pair = (word, INNER_ABBREVIATIONS[following][0])
        if pair is not None and pair in PAIRS:
            out.extend(PAIRS[pair])
            index += 2
            continue
        if word in ABBREVIATIONS:
            out.extend(ABBREVIATIONS[word])
        elif word in PERSON_ATTRIBUTES and out and out[-1] in PERSON_NOUNS:
            out.extend(PERSON_ATTRIBUTES[word])
        elif out and word in INNER_ABBREVIATIONS:
            out.extend(INNER_ABBREVIATIONS[word])
        elif not out and following is not None and word in LEADING_ABBREVIATIONS:
            out.extend(LEADING_ABBREVIATIONS[word])
        elif word in INITIALS and following in ("name", "nm", "nme"):
            out.extend(INITIALS[word])
        else:
            out.append(
                (_unvowelled(word) or word) if _VOWELLESS.fullmatch(word) is not None else word
            )
        index += 1
    for at in reversed(head_first):
        # languages that put the head first: `name (of) customer` is the customer's name
        of = 1 if at + 2 < len(out) and out[at + 1] in _GENITIVES else 0
        if at + 1 + of < len(out) and out[at + 1 + of] in PERSON_NOUNS:
            out[at : at + 2 + of] = [out[at + 1 + of], out[at]]
    return tuple(out)
