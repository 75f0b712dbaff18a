"""Dutch word lists: intents, and a sentiment lexicon (valence -4..4, VADER's scale)."""

QUESTION_STARTERS = frozenset(
    "wie wat wanneer waar waarom hoe welke welk hoeveel hoelang kan kun kunt kunnen mag mogen "
    "moet moeten is zijn ben was waren heb hebt heeft hebben wordt worden word zou zouden "
    "gaat gaan klopt weet weten krijg krijgen doe doen".split()
)
QUESTION_PHRASES = (
    "weet iemand", "iemand een idee", "vraag", "vraagje", "ik vroeg me af", "vroeg me af",
    "hoe zit het", "kunnen jullie", "kun je", "kunt u", "graag een reactie", "laat me weten",
    "is het mogelijk", "hoe kan ik", "hoe moet ik", "wat moet ik", "waar kan ik",
)
COMPLAINT_MARKERS = (
    "nog steeds", "nog altijd", "alweer", "weer eens", "wederom", "slecht", "slechte",
    "waardeloos", "waardeloze", "klacht", "klachten", "schandalig", "belachelijk", "teleurgesteld",
    "teleurstellend", "vertraging", "vertraagd", "storing", "storingen", "kapot", "werkt niet",
    "doet het niet", "niet bezorgd", "niet geleverd", "niet ontvangen", "nooit ontvangen",
    "geen reactie", "geen antwoord", "niemand", "terugbetaling", "geld terug", "opgelicht",
    "oplichting", "geannuleerd", "uitgevallen", "in de wacht", "wachttijd", "al weken",
    "al dagen", "al uren", "lang wachten", "fout", "foutmelding", "beschadigd", "onbeschoft",
    "klantonvriendelijk", "bagger", "drama", "zooi", "schande", "ergernis", "irritant",
    "te laat", "kwijt", "dubbel afgeschreven", "onacceptabel", "niet normaal",
)
COMPLIMENT_MARKERS = (
    "bedankt", "dank je", "dank u", "dankjewel", "dankuwel", "dank jullie", "top", "toppie",
    "super", "geweldig", "fantastisch", "goed geholpen", "snel geholpen", "fijn geholpen",
    "complimenten", "compliment", "chapeau", "netjes", "prima service", "goede service",
    "top service", "topservice", "blij", "tevreden", "heerlijk", "prachtig", "perfect",
    "klasse", "held", "helden", "lief", "vriendelijk", "aanrader",
)
NEGATORS = frozenset("niet geen nooit niets niemand nergens noch".split())
SARCASM_MARKERS = ("alweer", "weer eens", "wederom", "nou lekker", "lekker dan", "echt top",
                   "dank je wel hoor", "bedankt hoor", "geweldig hoor", "super hoor", "top hoor",
                   "fijn hoor", "als altijd", "zoals altijd", "zoals gewoonlijk")
POSITIVE: dict[str, float] = {
    "goed": 1.9, "goede": 1.9, "beter": 1.6, "best": 2.0, "beste": 2.0, "top": 2.5,
    "toppie": 2.5, "super": 2.6, "geweldig": 3.0, "fantastisch": 3.1, "prachtig": 2.8,
    "mooi": 2.0, "mooie": 2.0, "fijn": 2.0, "fijne": 2.0, "leuk": 2.0, "leuke": 2.0,
    "blij": 2.4, "tevreden": 2.0, "bedankt": 1.8, "dank": 1.6, "dankjewel": 1.9,
    "dankuwel": 1.9, "heerlijk": 2.6, "perfect": 2.8, "uitstekend": 2.9, "snel": 1.0,
    "vriendelijk": 1.9, "vriendelijke": 1.9, "behulpzaam": 2.0, "geholpen": 1.4, "handig": 1.5,
    "aanrader": 2.5, "klasse": 2.4, "chapeau": 2.4, "complimenten": 2.5, "compliment": 2.3,
    "netjes": 1.7, "prima": 1.6, "lief": 1.9, "lieve": 1.9, "held": 2.2, "helden": 2.2,
    "gelukkig": 2.2, "genieten": 2.3, "geniaal": 2.8, "gaaf": 2.3, "vet": 1.6, "sterk": 1.5,
    "hoop": 0.8, "welkom": 1.5, "succes": 1.8, "gefeliciteerd": 2.5, "trots": 2.0,
    "schitterend": 2.9, "briljant": 2.9, "knap": 1.8, "fantastische": 3.1, "geweldige": 3.0,
    "correct": 1.0, "eerlijk": 1.5, "steun": 1.5, "veilig": 1.3, "gezellig": 2.2, "lekker": 1.9,
    "leuker": 2.0, "mooiste": 2.6, "beste,": 2.0, "hartelijk": 1.8, "waardering": 1.8,
}
NEGATIVE: dict[str, float] = {
    "slecht": -2.5, "slechte": -2.5, "slechter": -2.3, "slechtste": -3.0, "waardeloos": -3.0,
    "waardeloze": -3.0, "belachelijk": -2.7, "schandalig": -3.0, "schande": -2.8,
    "teleurgesteld": -2.3, "teleurstellend": -2.3, "boos": -2.4, "kwaad": -2.4,
    "vertraging": -1.6, "vertraagd": -1.5, "storing": -1.8, "kapot": -2.2, "klacht": -1.8,
    "probleem": -1.6, "problemen": -1.7, "fout": -1.7, "fouten": -1.7, "irritant": -2.2,
    "ergerlijk": -2.3, "vervelend": -1.9, "jammer": -1.4, "helaas": -1.2, "niks": -0.8,
    "nooit": -0.8, "onacceptabel": -2.8, "oplichting": -3.0, "oplichters": -3.1,
    "drama": -2.2, "bagger": -2.8, "zooi": -2.3, "rot": -2.0, "klote": -2.6, "kut": -2.8,
    "verschrikkelijk": -3.0, "vreselijk": -2.9, "afschuwelijk": -3.0, "triest": -2.0,
    "verdrietig": -2.2, "bang": -1.8, "zorgen": -1.2, "gevaarlijk": -2.0, "gedoe": -1.5,
    "ellende": -2.4, "onzin": -2.0, "lelijk": -2.0, "duur": -1.2, "traag": -1.8,
    "onbeschoft": -2.6, "onvriendelijk": -2.2, "kwijt": -1.5, "geannuleerd": -1.6,
    "uitgevallen": -1.6, "beschadigd": -2.0, "schade": -1.8, "zonde": -1.6, "stom": -2.0,
    "stomme": -2.0, "dom": -1.9, "domme": -1.9, "haat": -3.0, "walgelijk": -3.1,
    "respectloos": -2.6, "schamen": -2.2, "onbegrijpelijk": -2.0, "onterecht": -1.9,
    "chaos": -2.1, "wachten": -0.8, "wacht": -0.6, "crisis": -2.0, "slachtoffers": -2.0,
}
INTENSIFIERS: dict[str, float] = {
    "heel": 0.3, "erg": 0.3, "zeer": 0.3, "echt": 0.25, "super": 0.3, "ontzettend": 0.4,
    "enorm": 0.35, "vreselijk": 0.35, "hartstikke": 0.35, "mega": 0.35, "zo": 0.2, "best": 0.1,
    "totaal": 0.3, "volledig": 0.25, "ongelofelijk": 0.4, "absoluut": 0.3,
}
