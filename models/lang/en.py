"""English word lists for intents and the sentiment lexicon's additions to VADER."""

# Questions: a wh-word opening a sentence, or an auxiliary followed by a subject
# (subject-verb inversion).
QUESTION_WORDS = frozenset("who what when where why how which whose whom".split())
AUXILIARIES = frozenset(
    "can could would will should shall is are am was were do does did have has had may might".split()
)
SUBJECTS = frozenset(
    "i you u we they he she it there anyone anybody someone somebody this that my your".split()
)
# Exclamations open like questions: a wh-word followed by a determiner or an evaluative
# word (or a word of the sentiment lexicon) exclaims instead of asking.
EXCLAIMING = frozenset("what how".split())
EXCLAMATION_FOLLOWERS = frozenset(
    "a an nice great lovely sweet kind cool awesome amazing wonderful awful terrible sad stupid"
    " annoying ridiculous typical rude".split()
)
# An auxiliary, an article and a superlative state, they do not ask: "@bol is de beste webshop"
# (the handle, removed before the rules read the text, is the subject).
ARTICLES = frozenset("the a an".split())
SUPERLATIVES = frozenset("best worst greatest nicest fastest slowest cheapest dumbest".split())
# Problem statements that complain without a sentiment word (regular expressions).
COMPLAINT_PATTERNS = (
    "\\b(?:not|n't|never|no longer|unable to|can't|cannot|couldn't|won't|wont|doesnt|didnt|cant)\\s+(?:\\w+\\s+){0,2}?(?:work\\w*|arriv\\w*|receiv\\w*|load\\w*|respond\\w*|repl\\w*|fix\\w*|help\\w*|deliver\\w*|connect\\w*|refund\\w*|log ?in|sign ?in|access\\w*|ship\\w*|answer\\w*|open\\w*|get through|show\\w* up|turn\\w* up)\\b",
    "\\b(?:been|still|keep|kept) (?:waiting|trying|calling|on hold)\\b",
    "\\bwhere(?: is|'s| are) (?:my|our|the)\\b",
    "\\bwhy (?:is|are|does|do|did|has|have|can't|won't|isn't) (?:my|our|it|this|the|you)\\b",
    "\\bno (?:signal|service|internet|wifi|wi-fi|power|response|reply|answer|update|refund|one)\\b",
    "\\b(?:broken|broke|crash\\w*|glitch\\w*|bug|bugs|outage|down again|charged|overcharged|cancell?ed|late again|delayed|missing|lost|damaged|faulty|wrong)\\b",
    "\\b(?:hours|days|weeks|months) (?:later|now|ago and|and still|waiting)\\b",
)
RESOLVED: tuple[str, ...] = ()  # none yet: see nl
QUESTION_PHRASES = (
    "does anyone know",
    "anyone know",
    "any idea",
    "i wonder",
    "wondering",
    "let me know",
    "can you tell",
    "could you tell",
    "please advise",
    "how do i",
    "how can i",
    "what is",
    "is there",
    "is it possible",
    # Asks that customers put mid-sentence or without a verb ("..., any advice?").
    "any chance",
    "any update",
    "any updates",
    "any advice",
    "any suggestions",
    "any thoughts",
    "any clue",
    "any tips",
    "how to fix",
    "what to do",
    "what should i do",
    "what can i do",
    "i have a question",
    "have a question about",
    "want to know",
    "would like to know",
)
# Requests to the brand: what a webcare team answers as it answers a question (the
# rules count them as questions everywhere; the English model adds them to its own decision).
REQUEST_PHRASES = (
    "please help",
    "pls help",
    "plz help",
    "help please",
    "help pls",
    "help plz",
    "send help",
    "need your help",
    "need assistance",
    "need some assistance",
    "any help would",
    "any help appreciated",
    "help would be appreciated",
    "appreciate some help",
    "appreciate your help",
    "advice appreciated",
    "help appreciated",
    "please fix",
    "pls fix",
    "please look into",
    "please investigate",
    "please check",
    "please reach out",
    "reach out to me",
    "please get back",
    "i want a refund",
    "i would like a refund",
    "i'd like a refund",
    "help me",
    "need help",
    "need some help",
    "can you help",
    "could you help",
    "please dm",
    "dm me",
    "please contact me",
    "contact me",
    "call me back",
    "please call",
    "please respond",
    "please reply",
    "get back to me",
    "waiting for a reply",
    "waiting for a response",
    "waiting for an answer",
)
# A sentence made of these words alone, one of them a cry for help, asks for help: "Help!",
# "pls help", "HELP PLEASE", "someone help me".
HELP_CRIES = frozenset("help sos".split())
HELP_FILLERS = frozenset(
    "please pls plz asap now urgently me us someone somebody anyone send".split()
)
COMPLAINT_MARKERS = (
    "still not",
    "still no",
    "still waiting",
    "again",
    "worst",
    "terrible",
    "awful",
    "useless",
    "ridiculous",
    "unacceptable",
    "disappointed",
    "disappointing",
    "refund",
    "delay",
    "delayed",
    "cancelled",
    "canceled",
    "broken",
    "not working",
    "doesn't work",
    "does not work",
    "didn't arrive",
    "never arrived",
    "no response",
    "no reply",
    "nobody",
    "complaint",
    "rip off",
    "ripped off",
    "scam",
    "fix this",
    "sort it out",
    "waste of",
    "shame on",
    "horrible",
    "poor",
    "rude",
    "overcharged",
    "charged twice",
    "lost my",
    "fail",
    "fails",
    "failed",
    "hours on hold",
    "on hold",
    "wtf",
    "joke",
    "pathetic",
    "outage",
    "down again",
    "error",
    "can't log",
    "cannot log",
    "wrong",
    "missing",
    "damaged",
)
COMPLIMENT_MARKERS = (
    "thank you",
    "thanks",
    "thx",
    "great service",
    "amazing",
    "awesome",
    "love",
    "loved",
    "excellent",
    "fantastic",
    "brilliant",
    "well done",
    "kudos",
    "shout out",
    "shoutout",
    "best",
    "helpful",
    "quick response",
    "quickly",
    "perfect",
    "impressed",
    "superb",
    "appreciate",
    # Praise as people write it to a brand ("The customer service was great", "Nice one"); not
    # "great" as a plain adjective ("Great Britain"). Praise counts with sentiment above zero
    # only, and not beside a failure and a sarcasm marker ("Great job, late again").
    "was great",
    "were great",
    "is great",
    "are great",
    "so great",
    "you're great",
    "great job",
    "great work",
    "great help",
    "great support",
    "great experience",
    "great staff",
    "great team",
    "nice one",
    "nice job",
    "good job",
    "outstanding",
    "wonderful",
    "lovely",
    "friendly",
    "top notch",
    "spot on",
)
NEGATORS = frozenset(
    [
        "not",
        "no",
        "never",
        "nothing",
        "nobody",
        "none",
        "neither",
        "nor",
        "cannot",
        "can't",
        "don't",
        "doesn't",
        "didn't",
        "won't",
        "wouldn't",
        "isn't",
        "aren't",
        "wasn't",
        "weren't",
    ]
)
# Words that, next to praise, signal sarcasm in customer-care traffic.
SARCASM_MARKERS = (
    "yeah right",
    "just great",
    "just perfect",
    "oh great",
    "thanks a lot",
    "thanks for nothing",
    "again",
    "as usual",
    "once again",
    "love waiting",
)
# Phrases that are ironic on their own, whatever else the text says. A trained model has already
# learned what "again" or "as usual" do in context; these it cannot see from n-grams alone.
IRONY_MARKERS = (
    "yeah right",
    "just great",
    "just perfect",
    "oh great",
    "thanks for nothing",
    "love waiting",
)
# Understatement that praises: a negated complaint. n-gram models read "not bad at all" as
# negative ("not", "at all"), so these are applied after the model, unless a "but" follows.
LITOTES = (
    "not bad",
    "not too bad",
    "not that bad",
    "not half bad",
    "can't complain",
    "cant complain",
    "cannot complain",
    "no complaints",
)
POSITIVE: dict[str, float] = {}
NEGATIVE: dict[str, float] = {}
IDIOMS: dict[str, str] = {}  # none yet: see nl
INTENSIFIERS: dict[str, float] = {}
