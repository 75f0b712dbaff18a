"""German word lists (a first, small set: questions, complaints, compliments)."""

# Questions: a wh-word opening a sentence, or an auxiliary followed by a subject
# (subject-verb inversion).
QUESTION_WORDS = frozenset("wer was wann wo warum wieso weshalb wie welche welcher welches".split())
# "Wie immer", "wie gesagt", "wie erwartet": as always, as said, as expected; a comparison,
# not a question (it asks only with a question mark).
NOT_AFTER_QUESTION_WORD = frozenset("immer gesagt erwartet gewohnt üblich".split())
AUXILIARIES = frozenset(
    "kann können kannst ist sind hat haben habt gibt wird werden muss müssen darf".split()
)
SUBJECTS = frozenset("ich du sie wir ihr es jemand man mein meine".split())
# Exclamations open like questions: a wh-word followed by a determiner or an evaluative
# word (or a word of the sentiment lexicon) exclaims instead of asking.
EXCLAIMING = frozenset("was wie".split())
EXCLAMATION_FOLLOWERS = frozenset("ein eine einen schön toll ärgerlich nett".split())
# An auxiliary, an article and a superlative state, they do not ask: "@bol is de beste webshop"
# (the handle, removed before the rules read the text, is the subject).
ARTICLES = frozenset("der die das ein eine".split())
SUPERLATIVES = frozenset("beste schlechteste schönste schnellste billigste".split())
# Problem statements that complain without a sentiment word (regular expressions).
COMPLAINT_PATTERNS = (
    "\\b(?:nicht|kein|keine|nie)\\s+(?:\\w+\\s+){0,2}?(?:angekommen|geliefert|erhalten|funktioniert|erreichbar|bearbeitet)\\b",
)
RESOLVED: tuple[str, ...] = ()  # none yet: see nl
QUESTION_PHRASES = ("weiß jemand", "weiss jemand", "hat jemand", "frage", "wie kann ich")
# Requests to the brand: what a webcare team answers as it answers a question (the
# rules count them as questions).
REQUEST_PHRASES = (
    "bitte helfen",
    "helft mir",
    "helfen sie mir",
    "bitte um rückmeldung",
    "bitte melden",
    "ruft mich zurück",
    "warte auf antwort",
)
# A sentence made of these words alone, one of them a cry for help, asks for help.
HELP_CRIES = frozenset("hilfe help".split())
HELP_FILLERS = frozenset("bitte dringend schnell jemand mir uns please".split())
COMPLAINT_MARKERS = (
    "immer noch",
    "schon wieder",
    "wieder",
    "schlecht",
    "schlechter",
    "katastrophe",
    "beschwerde",
    "enttäuscht",
    "verspätung",
    "verspätet",
    "kaputt",
    "funktioniert nicht",
    "keine antwort",
    "keine reaktion",
    "unverschämt",
    "frechheit",
    "störung",
    "ausgefallen",
    "storniert",
    "nie angekommen",
    "nicht angekommen",
    "geld zurück",
)
COMPLIMENT_MARKERS = (
    "danke",
    "vielen dank",
    "super",
    "toll",
    "klasse",
    "perfekt",
    "spitze",
    "großartig",
    "hervorragend",
    "top",
    "freundlich",
    "schnell geholfen",
)
NEGATORS = frozenset(
    ["nicht", "kein", "keine", "keinen", "keinem", "nie", "niemals", "nichts", "niemand"]
)
# Sarcastic on their own; the cues only beside a failure ("Wie immer super Service" is
# sincere; models.lang.nl has the same split).
SARCASM_MARKERS = ("na toll",)
SARCASM_CUES = ("schon wieder", "wie immer", "danke auch")
POSITIVE: dict[str, float] = {
    "gut": 1.9,
    "super": 2.6,
    "toll": 2.6,
    "danke": 1.8,
    "klasse": 2.4,
    "perfekt": 2.8,
    "großartig": 3.0,
    "schön": 2.0,
    "freundlich": 1.9,
}
NEGATIVE: dict[str, float] = {
    "schlecht": -2.5,
    "katastrophe": -3.0,
    "kaputt": -2.2,
    "enttäuscht": -2.3,
    "ärgerlich": -2.2,
    "frechheit": -2.8,
    "störung": -1.8,
    "verspätung": -1.6,
    "leider": -1.2,
}
IDIOMS: dict[str, str] = {}  # none yet: see nl
INTENSIFIERS: dict[str, float] = {"sehr": 0.3, "echt": 0.25, "total": 0.3, "extrem": 0.4}
