"""Concepts of personal data: the words of names that hold it, and the words around them."""

from __future__ import annotations

from registry.privacy.concept import (
    NUMERIC,
    ORGANISATION_OWNERS,
    START,
    TEMPORAL,
    TEXTUAL,
    Concept,
    alternatives,
    wordset,
)

KIN = ("parent", "father", "mother", "child", "son", "daughter", "brother", "sister", "sibling")
PERSON_NOUNS: frozenset[str] = frozenset(
    {
        *wordset(
            """
    user member customer client person people contact employee owner approver invitee
    inviter recipient sender author assignee requester reviewer patient guest attendee actor
    admin administrator holder cardholder signer applicant candidate manager subscriber
    buyer seller payer payee beneficiary spouse parent child student teacher doctor driver
    passenger visitor caller creator editor uploader participant speaker observer agent
    father mother sibling brother sister husband wife guardian kin relative dependent
    dependant witness notary referrer landlord emergency resident citizen taxpayer borrower
    guarantor policyholder contractor uncle aunt nephew niece cousin son daughter fiance
    fiancee partner boyfriend girlfriend widow widower heir worker staff physician nurse
    therapist lawyer attorney victim suspect claimant insured donor volunteer
    individual shopper traveler traveller tourist pupil learner trainee intern retiree
    pensioner alumnus alumni debtor addressee householder homeowner occupant refugee
    respondent interviewee recruiter athlete player rider courier supervisor coworker
    colleague mentor mentee caregiver carer roommate housemate flatmate neighbour neighbor
    assistant committer pusher creditor prescriber cosigner
            """
        ),
        # parties of a court case, a claim, a lease, a trust, a benefit case or a payment, and
        # clinicians by their trade
        *wordset(
            """
    defendant plaintiff juror petitioner appellant appellee litigant complainant accused
    offender probationer parolee detainee arrestee caseworker officer adjuster underwriter
    appraiser pharmacist dentist surgeon clinician practitioner midwife paramedic solicitor
    barrister judge magistrate bailiff trustee settlor grantor grantee obligor obligee lessee
    lessor renter lodger keeper originator remitter payor testator decedent newborn infant
            """
        ),
        *(f"{prefix}{kin}" for kin in KIN for prefix in ("step", "grand", "great")),
    }
)
"""People, relatives included: `stepmother`, `granddaughter` and `great...` are written out from
the kinship words, so that every form of a relative is a person."""
# People whose word also names a role in software: a build agent, a queue worker, an HTTP
# client, a device driver, a VM guest, a package manager, a parent process, a lock holder.
ROLE_NOUNS = wordset(
    "agent worker client driver guest manager observer subscriber actor parent child holder "
    "editor speaker caller player rider courier assistant keeper originator judge"
)
PEOPLE_ONLY = PERSON_NOUNS - ROLE_NOUNS
# Systems that own such roles (`cicd_worker_name`, `gen_ai_agent_name`, `db_driver_name`,
# `lock_holder_name`): after one of them the role is software, not a person.
TECHNICAL_OWNERS = wordset(
    """
    ai gen genai llm bot cicd ci build job task thread process db database sql jdbc odbc kafka
    queue pubsub mq amqp message messaging k8s kube kubernetes node pod vm virtual lock mutex
    media video music sound stream
    semaphore window package pkg print printer storage disk gpu cpu browser http https rpc
    grpc api oauth service system os kernel runner pipeline cluster cloud proxy cache redis
    celery sidekiq airflow dag workflow scheduler cron etl batch stream test load deploy
    deployment container docker helm terraform ansible jenkins repo repository model ml
    training inference tls ssl dns net network socket file fs nfs smb bluetooth audio usb
    """
)

# Owners of a name, an address or a location that are not people: `bot_display_name`,
# `server_address`.
NOT_PEOPLE = (
    "bot",
    "app",
    "application",
    "team",
    "channel",
    "workspace",
    "org",
    "organization",
    "organisation",
    "project",
    "service",
    "integration",
    "device",
    "group",
    "product",
    "company",
    "repo",
    "repository",
    "server",
    "tenant",
    "plan",
    "role",
    "queue",
    "room",
    "space",
    "folder",
    "file",
    "bucket",
    "domain",
    "brand",
    "business",
    "merchant",
    "vendor",
    "store",
    "shop",
    "site",
    "webhook",
    "manufacturer",
    # characters of a game or a story
    "npc",
    "character",
)
# A tenant of a letting is a person, of a platform an organisation: words of a name that only
# people have (`tenant_full_name`, `tenant_surname`) are a person's after it.
NOT_PEOPLE_NAMED = tuple(w for w in NOT_PEOPLE if w != "tenant")
# Places of an organisation (`bank_address_city`, `office_latitude`, `warehouse_address`): their
# address and location are not a person's.
ORGANISATION_PLACES = wordset(
    """
    bank branch office warehouse store shop headquarters hq factory plant depot facility campus
    venue hotel restaurant clinic hospital airport station hub fulfillment fulfilment
    """
)
# Contact points of an organisation (`support_email`, `sales_phone`): not a person's.
ORGANISATION_CONTACTS = wordset(
    "support helpdesk sales sale hotline switchboard reception press abuse postmaster hostmaster "
    "webmaster carrier"
)
# Network, memory and hardware words: an address or an IP of a thing, not of a person
# (`server_address`, `gateway_ip`, `register_address`, `base_address`, `load_balancer_ip`,
# `pod_ip`, `local_address` of a socket).
NETWORK_NOUNS = wordset(
    """
    server listen bind host proxy smtp relay gateway endpoint network memory node cluster
    broker upstream webhook callback service contract broadcast multicast subnet router dns
    nat vip loopback egress ingress register pointer virtual physical heap stack buffer base
    start end jump load mmio bus balancer lb pod container vm instance interface nic vpc
    local tunnel bridge firewall switch socket sock k8s docker nameserver resolver mgmt
    management floating destination dest dst target logical hop private anycast static
    elastic carrier hsm outside inside forwarder ingest syslog outbound inbound dnat snat
    eni starting ending cidr assign underlay overlay passive controller owned neighbor neighbour
    """
)
# Words of an access policy: the addresses it lets in or keeps out are configuration.
ACCESS_POLICY_WORDS = wordset(
    "allow allowed deny denied block blocked trusted whitelisted blacklisted permitted excluded "
    "exempt bypass"
)
# Devices of a data centre or an operating system, not of a person (`logical_device_id`,
# `block_device_uuid`).
INFRASTRUCTURE_DEVICES = wordset(
    "logical virtual block storage disk network loop raid mapper mount aws cloud server input "
    "output iot edge end gateway sensor parent child upstream downstream dock docking printer"
)
# Clouds and platforms whose accounts are not bank accounts.
CLOUDS = wordset("aws amazon gcp google azure cloud oci alibaba ibm platform service partner")
# Addresses that are not postal: of a network peer, a listener, a device, a wallet or a contract.
NOT_POSTAL = (
    NETWORK_NOUNS
    | ORGANISATION_PLACES
    | wordset(
        "peer listener deployer dev device wallet token contract ip ipv4 ipv6 mac email mail web "
        "url link public"
    )
)
# Before `zip`: what is packed into an archive (`definition_zip`, `lambda_zip`).
PACKED_THINGS = wordset(
    "definition definitions entries entry errors error output input source lambda function layer "
    "deployment bundle artifact package archive file files template code build export backup"
)
# Owners of a mailbox that are not people (`bot_email`, `team_email`, `group_email`).
SHARED_MAILBOXES = (
    wordset(
        "bot app application team channel service integration webhook noreply system group "
        "resource room"
    )
    | ORGANISATION_CONTACTS
)
# Taxes that businesses collect: their numbers are the business's (`sales_tax_number`).
BUSINESS_TAXES = wordset("sales sale vat gst hst pst qst excise value added")
# After `zip`: an archive, not a postal code (`zip_archive_path`, `zip_file_name`).
ARCHIVE_WORDS = (
    "archive",
    "archives",
    "file",
    "files",
    "bundle",
    "export",
    "path",
    "url",
    "download",
    "compression",
    "compressed",
    "size",
    "bytes",
)
# Before `token`: a pagination or sync cursor, not a credential (`next_page_token`).
# A health value is often written as a code or a status (`diagnosis_code`,
# `vaccination_status`); for these concepts the words name the data, not metadata.
HEALTH_KEEPS = (
    *("description", "note", "notes", "is", "has", "percent", "percentage", "zone", "summary"),
    *("status", "state", "code", "codes", "type", "types", "flag", "indicator", "result"),
    # a health fact is also written as a condition (`disability_claim_condition`)
    *("results", "condition", "conditions"),
)
# A demographic value is also written as a code or a status (`gender_code`, `veteran_status`).
DEMOGRAPHIC_KEEPS = ("status", "state", "code", "codes", "type", "category", "group", "range")
TIME_UNITS = ("second", "secs", "ms", "millis", "minute", "mins", "hour", "day", "duration")
"""Singular: words are compared in the singular (`age_seconds`)."""
# A hash of a password (low entropy) can be cracked offline: still a credential.

PERSONAL: tuple[Concept, ...] = tuple(
    c
    for group in (
        alternatives(
            "email|e mail|mail|email address|mail address|emailaddress",
            "pii",
            "an e-mail address",
            not_after=SHARED_MAILBOXES,
        ),
        # Mail headers and mailboxes hold addresses (`reply_to`, `smtp_from`, `cc_mailboxes`).
        alternatives(
            "mailbox|mailboxes|reply to|delivered to|smtp from|smtp to"
            "|smtp rcpt|smtp sender|smtp recipient|envelope from|envelope to|envelope sender"
            "|envelope recipient|mail from|mail to|rcpt to|email to|email from"
            "|cc address|bcc address|cc addresses|bcc addresses|cc list|bcc list|cc email"
            "|bcc email|cc emails|bcc emails|cc mailbox|bcc mailbox",
            "pii",
            "an e-mail address",
        ),
        alternatives(
            "phone|phone number|phonenumber|mobile|mobile number|telephone|cellphone|cell phone"
            "|msisdn|fax|tel|sms number|sms phone|sms phone number|contact number|contact phone"
            "|contact mobile"
            # the parties of a call as switches and CDRs name them
            "|calling party|calling party number|called party|called party number"
            "|calling number|called number|caller number|callee number|dialed number"
            "|dialled number|forward to number|forwarding number|call forward number"
            "|call forwarding number|redirecting number|ported number|ported in number"
            "|ported out number|originating number",
            "pii",
            "a phone number",
            TEXTUAL | NUMERIC,
            not_after=ORGANISATION_CONTACTS | ORGANISATION_PLACES,
        ),
        alternatives(
            "username|user name|login name|screen name|nickname|nick name",
            "pii",
            "the name of a person",
            not_after=NOT_PEOPLE,
        ),
        alternatives(
            "first name|last name|full name|given name|family name|middle name"
            "|maiden name|legal name|real name|surname|firstname|lastname|fullname|fname|lname"
            "|birth name|preferred name|chosen name",
            "pii",
            "the name of a person",
            not_after=NOT_PEOPLE_NAMED,
        ),
        # A person's initials, and the name a document bears (`payee_name_on_check`).
        alternatives(
            "initials|name initials", "pii", "the name of a person", before=(START, *PEOPLE_ONLY)
        ),
        alternatives(
            "name on check|name on cheque|name on ticket|name on passport|name on id"
            "|name on licence|name on license|name on policy|name on document"
            "|name on certificate|name on badge",
            "pii",
            "the name of a person",
        ),
        # Things have display names too (`app_display_name`, `recommendations_display_name`):
        # a display name is a person's alone or after a person.
        alternatives(
            "display name",
            "pii",
            "the name of a person",
            before=(START, *PEOPLE_ONLY, "profile", "account", "public"),
        ),
        # The contacts of a domain or an account are people (`tech_contact`, `registrant`).
        alternatives(
            "tech contact|technical contact|admin contact|administrative contact"
            "|registrant contact|registrant|contact person|gecos",
            "pii",
            "the name of a person",
        ),
        alternatives("name", "pii", "the name of a person", before=PEOPLE_ONLY),
        # The party named on a bill or a delivery is a person (`billing_address_name`).
        alternatives(
            "billing name|shipping name|billing address name|shipping address name"
            "|delivery name|name on card|name on account",
            "pii",
            "the name of a person",
            not_after=TECHNICAL_OWNERS,
        ),
        # A commit's author and committer are people, in a CI job's variables too.
        alternatives(
            "commit author|commit committer|git author|git committer",
            "pii",
            "the name of a person",
        ),
        # The user a proxy or a platform has signed in, as its headers and claims name them
        # (`x-forwarded-user`, `remote_user`, `userPrincipalName`); a service's principal is
        # not a person.
        alternatives(
            "forwarded user|remote user|authenticated user|logged in user|auth request user"
            "|principal name|user principal name|upn",
            "pii",
            "an online identifier",
            not_after=("service", "services", "spn", *TECHNICAL_OWNERS),
        ),
        # The clinicians of a visit are people, named by their role in it (`attending_doctor`).
        alternatives(
            "attending doctor|attending physician|admitting doctor|admitting physician"
            "|referring doctor|referring physician|consulting doctor|consulting physician"
            "|primary care physician|family doctor|treating physician|ordering physician",
            "pii",
            "the name of a person",
        ),
        # The holder of an account, a card or a policy is a person (`account_holder`,
        # `policyHolder`); a holder alone is also a lock's.
        alternatives(
            "account holder|card holder|policy holder|insured person|insured party"
            # the other parties of a claim or a case
            "|injured party|injured person|affected party|opposing party|adverse party"
            "|responsible party|at fault party|registered keeper",
            "pii",
            "the name of a person",
            not_after=TECHNICAL_OWNERS,
            keeps=("name", "names"),
        ),
        *(
            alternatives(
                f"{role} name|{role} display name",
                "pii",
                "the name of a person",
                not_after=TECHNICAL_OWNERS,
            )
            for role in sorted(ROLE_NOUNS)
        ),
        # A directory entry's common or distinguished name is a person's name.
        alternatives(
            "cn|dn|common name|distinguished name",
            "pii",
            "the name of a person",
            before=("ldap", "user", "member", "person", "owner"),
        ),
        # A photo of a person is an online identifier (`avatar_img`, `profile_picture_url`).
        alternatives(
            "avatar|avatar url|avatar image|profile picture|profile photo|profile image"
            "|headshot|selfie|display photo|display picture|display pic|profile pic|cover selfie",
            "pii",
            "a photo of a person",
            not_after=NOT_PEOPLE,
            # the image a check of a person was made on (`selfie_verification_image`)
            keeps=("verification", "check", "liveness", "match"),
        ),
        alternatives(
            "photo|picture|image|portrait", "pii", "a photo of a person", before=PEOPLE_ONLY
        ),
        # A photo alone is a person's in an audit trail (`photo_url`, `thumbnail_photo_data`),
        # a picture or an image is not; a signature's image is a person's.
        alternatives(
            "photo|photos|gravatar|gravatar url|gravatar id|gravatar hash",
            "pii",
            "a photo of a person",
            before=(START, "thumbnail", "profile", "kyc", "id", "passport", "identity"),
            not_after=NOT_PEOPLE,
            keeps=("hash", "id"),
        ),
        alternatives(
            "signature image|signature picture|signature photo|signature scan"
            "|handwritten signature|wet signature",
            "pii",
            "a photo of a person",
        ),
        alternatives(
            "street|street address|home address|mailing address|postal address|billing address"
            "|shipping address|residential address|address line|address line1|address line2"
            "|address|addr|house number",
            "pii",
            "a postal address",
            not_after=NOT_POSTAL,
            # an address of a network or a mailbox, head first (`direccion_ip`, `adresse_mail`)
            not_before=("ip", "ipv4", "ipv6", "mac", "mail", "email", "web"),
        ),
        alternatives(
            "zip",
            "quasi_identifier",
            "a postal code",
            TEXTUAL | NUMERIC,
            not_before=ARCHIVE_WORDS,
            not_after=PACKED_THINGS | ORGANISATION_PLACES,
        ),
        alternatives(
            "zip code|zipcode|postal code|postcode|post code|plz",
            "quasi_identifier",
            "a postal code",
            TEXTUAL | NUMERIC,
            not_after=ORGANISATION_PLACES,
        ),
        alternatives(
            "dob|date of birth|birth date|birthdate|birthday|birth day|born date|born on"
            "|born at|date born|date time of birth|birth date time|birth datetime",
            "pii",
            "a date of birth",
            TEXTUAL | TEMPORAL,
        ),
        alternatives(
            "birth year|year of birth|birthyear",
            "quasi_identifier",
            "a year of birth",
            TEXTUAL | NUMERIC,
        ),
        # A uuid cannot hold a passport number; a `passport_id` of another type usually is
        # the number, so `id` is kept.
        alternatives(
            "ssn|social security|social security number|sin|social insurance number"
            "|national id|national identifier|national insurance|national insurance number"
            "|nino|tax id|taxid|tin|itin|taxpayer id|tax number|tax file number|tfn|aadhaar"
            "|tax identification number|taxpayer identification number|tax identifier"
            "|pesel|personnummer|passport|passport number|passport no|drivers license"
            "|driver license|driving licence|driving license|drivers licence|driver licence"
            "|license number|licence number|id card|id number|identity card|identity number"
            "|vin|license plate|licence plate|number plate",
            "pii",
            "a government identifier",
            (TEXTUAL - {"uuid"}) | NUMERIC,
            not_after=ORGANISATION_OWNERS | BUSINESS_TAXES,
            keeps=("id", "ids"),
        ),
        alternatives(
            "ip|ip address|ipaddress|ip addr|client ip|remote ip|remote addr|remote address"
            "|source ip|src ip|x forwarded for|forwarded for|x real ip|real ip|ipv4|ipv6"
            "|ipv4 address|ipv6 address|origin ip",
            "quasi_identifier",
            "an IP address",
            # the addresses a policy lets in or keeps out (`api_allow_source_ips`)
            not_after=(*NETWORK_NOUNS, *ACCESS_POLICY_WORDS),
            not_before=("server", "gateway", "router"),
        ),
        alternatives(
            "user agent|useragent|ua|browser user agent", "quasi_identifier", "a user agent"
        ),
        # A subscriber's SIP or tel URI is their number (`subscriber_sip_uri`); a trunk's or a
        # gateway's is not.
        alternatives(
            "sip uri|sip address|sip id|sip username|tel uri|impu|impi|public user identity"
            "|private user identity",
            "pii",
            "an online identifier",
            not_after=(*TECHNICAL_OWNERS, *NETWORK_NOUNS, "trunk", "registrar", "pbx"),
        ),
        # The cell a phone is served by locates its owner (`serving_cell_id`, `last_cell_tower`).
        alternatives(
            "serving cell|serving cell id|cell tower|cell tower id|location area code"
            "|tracking area code|ecgi|ncgi|cell global identity|cell global id|camped cell",
            "quasi_identifier",
            "a geolocation",
            keeps=("id", "ids"),
        ),
        # Identifiers of advertising platforms and identity graphs follow a person across
        # apps (`google_ad_id`, `uid2_token`, `ramp_envelope`).
        alternatives(
            "ad id|ads id|ad identifier",
            "quasi_identifier",
            "a device identifier",
            before=("google", "apple", "android", "ios", "mobile", "device", "user", "amazon"),
        ),
        alternatives(
            "uid2|uid2 token|euid|euid token|unified id|unified id token|ramp id|ramp envelope"
            "|ats envelope|liveramp id|liveintent id|id5 id|id5|unified id token|panorama id"
            "|idl env|identity link envelope|publisher provided id|criteo id",
            "quasi_identifier",
            "a device identifier",
            keeps=("id", "ids", "token", "value"),
        ),
        alternatives(
            "device id|deviceid|udid|idfa|idfv|advertising id|gaid|android id|imei|imsi"
            "|iccid|mac address|mac addr|macaddress|hardware address|device fingerprint"
            "|device serial|push token|device token|hardware id|hardware identifier|hwid"
            "|device uuid|device guid|device identifier"
            # an app's installation on a person's phone (`app_installation_id`)
            "|app installation id|app install id|app instance id"
            # push tokens identify a device (`fcm_token`)
            "|fcm token|apns token|gcm token|fcm registration token|apns device token"
            "|expo push token|advertising identifier|ad identifier"
            # mobile advertising ids of ad networks, notification tokens of a device
            "|maid|madid|mobile advertising id|adid|aaid|notification token",
            "quasi_identifier",
            "a device identifier",
            not_after=INFRASTRUCTURE_DEVICES,
            # a device id stays one hashed (`adid_sha256`) or as captured (`maid_raw`)
            keeps=("hash", "hashed", "sha256", "md5", "sha1", "digest"),
        ),
        alternatives(
            "serial number",
            "quasi_identifier",
            "a device identifier",
            not_after=("certificate", "cert", "x509", "tls", "ssl", "key", "license", "licence"),
        ),
        alternatives(
            "latitude|longitude|lat|lon|lng|geo|geolocation|geo location|coordinates|gps"
            "|geohash|home location|current location|precise location|last known location"
            "|gps location|device location|city|home city|login location|signin location"
            "|sign in location|logon location|geofence|home geofence|geofence center",
            "quasi_identifier",
            "a geolocation",
            TEXTUAL | NUMERIC,
            not_after=ORGANISATION_PLACES,
            keeps=("name", "names"),
        ),
        alternatives(
            "location|address|city|country",
            "quasi_identifier",
            "the location of a person",
            before=PEOPLE_ONLY,
        ),
        *(
            alternatives(
                f"{role} location|{role} address|{role} city|{role} country",
                "quasi_identifier",
                "the location of a person",
                not_after=TECHNICAL_OWNERS | NETWORK_NOUNS,
            )
            for role in sorted(ROLE_NOUNS)
        ),
        alternatives(
            "card number|cardnumber|card num|card no|credit card|credit card number"
            "|debit card|debit card number|cc number|cc num|pan|card pan|primary account number"
            "|iban|bank account|bank account number|acct number|routing number"
            "|aba number|sort code|wallet address"
            "|crypto wallet|btc address|bank details"
            # a wallet's extended public key derives all its addresses
            "|xpub|ypub|zpub|extended public key",
            "financial",
            "a card or bank number",
            TEXTUAL | NUMERIC,
        ),
        # An account number of a cloud or a business is not a bank account (`aws_account_number`).
        alternatives(
            "account number",
            "financial",
            "a card or bank number",
            TEXTUAL | NUMERIC,
            not_after=(*ORGANISATION_OWNERS, *CLOUDS),
        ),
        alternatives(
            "diagnosis|diagnoses|prescription|medication|medications|allergy|allergies"
            "|blood type|icd10|icd9|icd|icd code|mrn|medical record|medical record number"
            "|health insurance|health insurance number|nhs number|nhs|medicare|medicaid"
            "|disability|disabilities|illness|pregnancy|mental health|vaccination|vaccine"
            "|immunization|immunisation|treatment plan|medical treatment|therapy"
            "|medical condition|health condition|symptom|symptoms|lab result|lab test"
            "|blood test|medical test"
            # numbers of a health programme, where `id` is the number
            "|medicaid id|medicare id|nhs id|mrn id|health card number",
            "special_category",
            "health data",
            TEXTUAL | NUMERIC | TEMPORAL | frozenset({"boolean"}),
            keeps=HEALTH_KEEPS,
        ),
        # `health` alone names the health of a service (`instance_health`): a person's only
        # after a person (`patient_health`).
        alternatives(
            "health",
            "special_category",
            "health or other special-category data",
            before=PEOPLE_ONLY,
        ),
        alternatives(
            "medical|patient",
            "special_category",
            "health or other special-category data",
        ),
        alternatives(
            "ethnicity|ethnic origin|religion|religious belief|political opinion"
            "|political affiliation|sexual orientation|union membership|trade union"
            "|biometric|biometrics|fingerprint template|face template|faceprint|voiceprint"
            "|retina scan|genetic data",
            "special_category",
            "health or other special-category data",
            # the value written as a code or a status, a biometric as a hash or a template; a
            # belief or an orientation also as a preference (`religion_preference`)
            keeps=(
                *DEMOGRAPHIC_KEEPS,
                *("hash", "hashed", "template", "templates", "data", "preference", "preferences"),
            ),
        ),
        alternatives(
            "gender|sex|nationality|marital status",
            "quasi_identifier",
            "a demographic attribute",
            TEXTUAL | NUMERIC,
            keeps=DEMOGRAPHIC_KEEPS,
            # a campaign's targeting setting (`campaign_target_gender`)
            not_after=("target", "targeting", "audience", "segment"),
        ),
        # `age` of a person, not of a cache entry (`cache_age`, `age_seconds`).
        alternatives(
            "age",
            "quasi_identifier",
            "a demographic attribute",
            TEXTUAL | NUMERIC,
            (START, *PERSON_NOUNS),
            # of a content rating or a gate (`age_rating_code`)
            not_before=(*TIME_UNITS, "rating", "ratings", "gate", "restriction"),
            keeps=DEMOGRAPHIC_KEEPS,
        ),
    )
    for c in group
)
