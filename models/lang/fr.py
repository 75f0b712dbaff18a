"""French word lists (a first, small set)."""

# Questions: a wh-word opening a sentence, or an auxiliary followed by a subject
# (subject-verb inversion).
QUESTION_WORDS = frozenset(
    "qui quoi quand où pourquoi comment quel quelle quels quelles combien".split()
)
AUXILIARIES = frozenset("est pouvez peux puis avez as sont peut".split())
SUBJECTS = frozenset("je tu vous il elle on nous quelqu'un ce".split())
# Exclamations open like questions: a wh-word followed by a determiner or an evaluative
# word (or a word of the sentiment lexicon) exclaims instead of asking.
EXCLAIMING = frozenset("quel quelle quels quelles".split())
EXCLAMATION_FOLLOWERS = frozenset("un une".split())
# An auxiliary, an article and a superlative state, they do not ask: "@bol is de beste webshop"
# (the handle, removed before the rules read the text, is the subject).
ARTICLES = frozenset("le la les un une".split())
SUPERLATIVES: frozenset[str] = frozenset()  # none yet: they take two words ("le meilleur")
# Problem statements that complain without a sentiment word (regular expressions).
COMPLAINT_PATTERNS = (
    "\\b(?:toujours pas|jamais)\\s+(?:\\w+\\s+){0,2}?(?:reçu|livré|arrivé|répondu|remboursé)\\b",
)
RESOLVED: tuple[str, ...] = ()  # none yet: see nl
QUESTION_PHRASES = ("est ce que", "quelqu'un sait", "une question", "comment faire")
# Requests to the brand: what a webcare team answers as it answers a question (the
# rules count them as questions).
REQUEST_PHRASES = (
    "aidez moi",
    "aide svp",
    "merci de me recontacter",
    "contactez moi",
    "rappelez moi",
    "j'attends une réponse",
)
# A sentence made of these words alone, one of them a cry for help, asks for help.
HELP_CRIES = frozenset("aide aidez help secours".split())
HELP_FILLERS = frozenset("svp stp au moi nous vite urgent please".split())
COMPLAINT_MARKERS = (
    "toujours pas",
    "encore",
    "nul",
    "nulle",
    "honteux",
    "scandaleux",
    "inadmissible",
    "retard",
    "en panne",
    "ne marche pas",
    "ne fonctionne pas",
    "aucune réponse",
    "pas de réponse",
    "réclamation",
    "déçu",
    "déçue",
    "remboursement",
    "annulé",
    "jamais reçu",
    "arnaque",
)
COMPLIMENT_MARKERS = (
    "merci",
    "bravo",
    "génial",
    "super",
    "parfait",
    "excellent",
    "top",
    "au top",
    "formidable",
    "rapide",
    "efficace",
)
NEGATORS = frozenset(["ne", "pas", "jamais", "rien", "personne", "aucun", "aucune"])
# Sarcastic on their own; the cues only beside a failure (models.lang.nl has the same
# split).
SARCASM_MARKERS = ("merci pour rien",)
SARCASM_CUES = ("encore une fois", "comme d'habitude", "bravo encore")
POSITIVE: dict[str, float] = {
    "merci": 1.8,
    "bravo": 2.3,
    "génial": 3.0,
    "super": 2.6,
    "parfait": 2.8,
    "excellent": 3.0,
    "bien": 1.6,
    "bon": 1.6,
}
NEGATIVE: dict[str, float] = {
    "nul": -2.8,
    "honteux": -2.8,
    "scandaleux": -3.0,
    "retard": -1.6,
    "déçu": -2.3,
    "panne": -1.8,
    "arnaque": -3.0,
    "mauvais": -2.4,
}
IDIOMS: dict[str, str] = {}  # none yet: see nl
INTENSIFIERS: dict[str, float] = {"très": 0.3, "vraiment": 0.25, "trop": 0.25, "super": 0.3}
