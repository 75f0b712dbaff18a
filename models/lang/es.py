"""Spanish word lists (a first, small set)."""

# Questions: a wh-word opening a sentence, or an auxiliary followed by a subject
# (subject-verb inversion).
QUESTION_WORDS = frozenset(
    "quién quien qué cuándo cuando dónde donde cómo cuál cual cuánto cuanto".split()
)
AUXILIARIES = frozenset("puedo pueden podéis hay es son tienen".split())
SUBJECTS = frozenset("yo tú usted ustedes alguien esto mi".split())
# Exclamations open like questions: a wh-word followed by a determiner or an evaluative
# word (or a word of the sentiment lexicon) exclaims instead of asking.
EXCLAIMING = frozenset("qué cómo".split())
EXCLAMATION_FOLLOWERS = frozenset("un una".split())
# An auxiliary, an article and a superlative state, they do not ask: "@bol is de beste webshop"
# (the handle, removed before the rules read the text, is the subject).
ARTICLES = frozenset("el la los las un una".split())
SUPERLATIVES: frozenset[str] = frozenset()  # none yet: they take two words ("le meilleur")
# Problem statements that complain without a sentiment word (regular expressions).
COMPLAINT_PATTERNS = (
    "\\b(?:todavía no|aún no|nunca)\\s+(?:\\w+\\s+){0,2}?(?:llegó|recibido|funciona|responden|devuelto)\\b",
)
RESOLVED: tuple[str, ...] = ()  # none yet: see nl
QUESTION_PHRASES = ("alguien sabe", "una pregunta", "cómo puedo", "por qué")
# Requests to the brand: what a webcare team answers as it answers a question (the
# rules count them as questions).
REQUEST_PHRASES = (
    "ayuda por favor",
    "ayúdenme",
    "necesito ayuda",
    "contáctenme",
    "espero respuesta",
)
# A sentence made of these words alone, one of them a cry for help, asks for help.
HELP_CRIES = frozenset("ayuda ayúdenme ayudenme help".split())
HELP_FILLERS = frozenset("por favor porfa urgente alguien me please".split())
COMPLAINT_MARKERS = (
    "todavía no",
    "otra vez",
    "de nuevo",
    "fatal",
    "pésimo",
    "pésima",
    "vergüenza",
    "inaceptable",
    "retraso",
    "no funciona",
    "sin respuesta",
    "ninguna respuesta",
    "queja",
    "reclamación",
    "decepcionado",
    "reembolso",
    "cancelado",
    "nunca llegó",
    "estafa",
    "roto",
)
COMPLIMENT_MARKERS = (
    "gracias",
    "genial",
    "excelente",
    "perfecto",
    "increíble",
    "enhorabuena",
    "muy amables",
    "buen servicio",
    "rápido",
    "estupendo",
)
NEGATORS = frozenset(["no", "nunca", "nada", "nadie", "ningún", "ninguna", "ni", "jamás"])
# Sarcastic on their own; the cues only beside a failure (models.lang.nl has the same
# split).
SARCASM_MARKERS = ("gracias por nada",)
SARCASM_CUES = ("otra vez", "como siempre", "qué bien")
POSITIVE: dict[str, float] = {
    "gracias": 1.8,
    "genial": 3.0,
    "excelente": 3.0,
    "perfecto": 2.8,
    "bueno": 1.8,
    "buen": 1.8,
    "increíble": 2.8,
    "encanta": 2.8,
}
NEGATIVE: dict[str, float] = {
    "fatal": -3.0,
    "pésimo": -3.0,
    "vergüenza": -2.6,
    "retraso": -1.6,
    "estafa": -3.0,
    "malo": -2.4,
    "mal": -2.2,
    "queja": -1.8,
}
IDIOMS: dict[str, str] = {}  # none yet: see nl
INTENSIFIERS: dict[str, float] = {"muy": 0.3, "super": 0.3, "realmente": 0.25, "tan": 0.2}
