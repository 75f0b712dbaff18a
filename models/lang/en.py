"""English word lists for intents and the sentiment lexicon's additions to VADER."""

QUESTION_STARTERS = frozenset(
    "who what when where why how which whose whom can could would will should shall is are "
    "am was were do does did have has had may might any anyone anybody".split()
)
QUESTION_PHRASES = (
    "does anyone know", "anyone know", "any idea", "i wonder", "wondering", "let me know",
    "can you tell", "could you tell", "please advise", "how do i", "how can i", "what is",
    "is there", "is it possible",
)
COMPLAINT_MARKERS = (
    "still not", "still no", "still waiting", "again", "worst", "terrible", "awful", "useless",
    "ridiculous", "unacceptable", "disappointed", "disappointing", "refund", "delay", "delayed",
    "cancelled", "canceled", "broken", "not working", "doesn't work", "does not work",
    "didn't arrive", "never arrived", "no response", "no reply", "nobody", "complaint", "rip off",
    "ripped off", "scam", "fix this", "sort it out", "waste of", "shame on", "horrible", "poor",
    "rude", "overcharged", "charged twice", "lost my", "fail", "fails", "failed", "hours on hold",
    "on hold", "wtf", "joke", "pathetic", "outage", "down again", "error", "can't log",
    "cannot log", "wrong", "missing", "damaged",
)
COMPLIMENT_MARKERS = (
    "thank you", "thanks", "thx", "great service", "amazing", "awesome", "love", "loved",
    "excellent", "fantastic", "brilliant", "well done", "kudos", "shout out", "shoutout",
    "best", "helpful", "quick response", "quickly", "perfect", "impressed", "superb", "appreciate",
)
NEGATORS = frozenset("not no never nothing nobody none neither nor cannot can't don't doesn't "
                     "didn't won't wouldn't isn't aren't wasn't weren't".split())
# Words that, next to praise, signal sarcasm in customer-care traffic.
SARCASM_MARKERS = ("yeah right", "just great", "just perfect", "oh great", "thanks a lot",
                   "thanks for nothing", "again", "as usual", "once again", "love waiting")
POSITIVE: dict[str, float] = {}
NEGATIVE: dict[str, float] = {}
INTENSIFIERS: dict[str, float] = {}
