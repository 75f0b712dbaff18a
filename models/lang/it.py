"""Italian word lists (a first, small set)."""

# Questions: a wh-word opening a sentence, or an auxiliary followed by a subject
# (subject-verb inversion).
QUESTION_WORDS = frozenset(
    "chi cosa quando dove perché perche come quale quali quanto quanti".split()
)
# "Come sempre", "come detto", "come previsto": as always, as said, as expected; a
# comparison, not a question (it asks only with a question mark).
NOT_AFTER_QUESTION_WORD = frozenset("sempre detto previsto solito".split())
AUXILIARIES = frozenset("posso potete può è sono avete".split())
SUBJECTS = frozenset("io tu voi lei qualcuno questo mio".split())
# Exclamations open like questions: a wh-word followed by a determiner or an evaluative
# word (or a word of the sentiment lexicon) exclaims instead of asking.
EXCLAIMING = frozenset({"come"})
EXCLAMATION_FOLLOWERS = frozenset("un una uno".split())
# An auxiliary, an article and a superlative state, they do not ask: "@bol is de beste webshop"
# (the handle, removed before the rules read the text, is the subject).
ARTICLES = frozenset("il lo la i gli le un una".split())
SUPERLATIVES: frozenset[str] = frozenset()  # none yet: they take two words ("le meilleur")
# Problem statements that complain without a sentiment word (regular expressions).
COMPLAINT_PATTERNS = (
    "\\b(?:ancora non|non ancora|mai)\\s+(?:\\w+\\s+){0,2}?(?:arrivato|ricevuto|funziona|risposto|rimborsato)\\b",
)
RESOLVED: tuple[str, ...] = ()  # none yet: see nl
QUESTION_PHRASES = ("qualcuno sa", "una domanda", "come posso", "come faccio")
# Requests to the brand: what a webcare team answers as it answers a question (the
# rules count them as questions).
REQUEST_PHRASES = (
    "aiutatemi",
    "aiuto per favore",
    "ho bisogno di aiuto",
    "contattatemi",
    "attendo risposta",
)
# A sentence made of these words alone, one of them a cry for help, asks for help.
HELP_CRIES = frozenset("aiuto aiutatemi help".split())
HELP_FILLERS = frozenset("per favore vi prego urgente qualcuno mi please".split())
COMPLAINT_MARKERS = (
    "ancora non",
    "ancora una volta",
    "di nuovo",
    "pessimo",
    "pessima",
    "vergogna",
    "inaccettabile",
    "ritardo",
    "non funziona",
    "nessuna risposta",
    "reclamo",
    "deluso",
    "delusa",
    "rimborso",
    "cancellato",
    "mai arrivato",
    "truffa",
    "rotto",
    "schifo",
)
COMPLIMENT_MARKERS = (
    "grazie",
    "bravi",
    "ottimo",
    "perfetto",
    "fantastico",
    "eccellente",
    "complimenti",
    "gentilissimi",
    "veloce",
    "top",
)
NEGATORS = frozenset(["non", "mai", "niente", "nulla", "nessuno", "nessuna", "né"])
# Sarcastic on their own; the cues only beside a failure (models.lang.nl has the same
# split).
SARCASM_MARKERS = ("grazie di niente",)
SARCASM_CUES = ("ancora una volta", "come sempre", "che bello")
POSITIVE: dict[str, float] = {
    "grazie": 1.8,
    "ottimo": 2.8,
    "perfetto": 2.8,
    "fantastico": 3.0,
    "bravi": 2.3,
    "bello": 2.0,
    "buono": 1.8,
    "complimenti": 2.5,
}
NEGATIVE: dict[str, float] = {
    "pessimo": -3.0,
    "vergogna": -2.8,
    "ritardo": -1.6,
    "truffa": -3.0,
    "schifo": -3.0,
    "deluso": -2.3,
    "rotto": -2.0,
    "male": -2.0,
}
IDIOMS: dict[str, str] = {}  # none yet: see nl
INTENSIFIERS: dict[str, float] = {"molto": 0.3, "davvero": 0.25, "troppo": 0.25, "super": 0.3}
