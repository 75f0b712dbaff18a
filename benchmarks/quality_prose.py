"""The quality report's fixed paragraphs: how each figure was developed and what it may be
compared with. Kept apart from the code that computes the figures (quality_report.py)."""

CARE_QUESTIONS_DATA = (
    'TweetAct is general Twitter, not customer care. The customer turns of the IBM care '
    'threads were labelled here by hand (`benchmarks/labels/README.md`: question, request or '
    'neither, with the guideline and the close calls marked unsure) and split by thread like '
    'the other sets. For the care team a question is a question or a request: both must be '
    'answered. The support accounts are configured as brands, as in the contact section '
    'below, so a customer who writes to the brand\'s main account ("@HP") instead is proactive '
    'here.'
)

CARE_QUESTIONS_HISTORY = (
    'How it was developed: the labels were committed before any classifier was run on these '
    'turns. The first reading, of all 571 turns with the previous default (the TweetAct '
    'model, and the rules only for a clause or request addressed to a brand), gave a '
    'question-or-request F1 of 0.753 (rules alone 0.841, a question mark 0.701): the model, '
    'taught by TweetAct that a question to a person is often an expression, missed '
    '"@AppleSupport What\'s going on with #iTunes?". The present decision (a request is a '
    'question everywhere; addressed to a brand, so is whatever the rules take for one) and '
    'the request phrases and cries for help added to `models/lang` were chosen on the dev '
    "half's errors (`python -m models.training.question_choices` prints every candidate on "
    "both dev halves: 0.898 on this one, 0.801 on TweetAct's against 0.807 for the model "
    'alone). The rules alone do about as well here, but count every question mark in general '
    'chatter (TweetAct, above). The same engineer labelled both halves, so the test half is '
    "unseen by the rules' author only as far as memory goes."
)

INTENT_METHOD = (
    'Neither set has a train/test split, and they are the only public English data for these '
    'intents. As `../shared/eval` prescribes, a dev half was split off first, by content so '
    'copies of a text stay on one side (`models/training/eval_split.py`); the English '
    'question and complaint models of `intents.linear.v1` were fitted and chosen on that half '
    'only (`models/training/intents_en.py`, five-fold cross-validation for C and the '
    'threshold). The scores below are on the other half, which was never used to fit or '
    'choose anything. It was read three times: a first complaint model, trained on the '
    'brand-directed tweets alone with a threshold of 0.35, scored 0.772 macro-F1 here '
    '(question F1 0.757) but flagged ordinary statements to a brand ("The store opens at '
    'nine") as complaints in the hand-written cases; the next one adds the random tweets to '
    'training and never goes below 0.5, chosen on the dev half (0.756 here). The shipped one '
    'is the same recipe, refit on the dev half because the sentiment score it reads changed '
    'with the new sentiment model.'
)

LANGUAGE_CHOICES = (
    'The default combines fastText with the word lists of six languages for every text of up '
    'to twelve words, and with a prior for the stream\'s expected language (Dutch three to '
    'one); a short text fastText is sure (0.8) is in an expected language is taken as it says. '
    "These settings, fastText's search threshold on short texts (0.002) and its input length "
    '(140 characters) were chosen on dev tweets and windows of them '
    '(`models/training/language_choices.py`), never on this set. That favours the listed '
    "languages: with eight words and 0.5 before, all 14 languages' sentences scored 0.890 "
    'here (Dutch 0.998), with twelve words and 0.8 0.874; since 2026-12-07, when the word '
    'lists also weigh sentences fastText is sure of and Dutch got its prior, Dutch word pairs '
    'went from 0.842 to 0.878 and single Dutch words from 0.578 to 0.630 (English word pairs '
    '0.988 -> 0.986; English words, Dutch and English sentences, the real tweets below and '
    'the Dutch and English sentiment and intent figures unchanged), while sentences of the '
    'languages without a list lose to a listed neighbour more often (all 14 languages\' '
    'sentences 0.874 -> 0.850). This set was read once for that change, after it was chosen; '
    'nothing was changed after the reading. Read again on 2026-12-07 (a tenth session; twice, '
    'the second run only writing this sentence in, with the same figures), '
    'after a text\'s quoted phrases were set aside (its own words decide when four listed '
    'words stand outside its quotes, by the labelling guideline; on the dev tweets one English '
    'tweet of 22,196 gained and nothing else moved): all 14 languages\' sentences 0.850 -> '
    '0.848, every other accuracy the same; nothing was changed after it.'
)

REPORT_INTRO = (
    'Generated by `benchmarks/quality_report.py` on the public, third-party labelled data in '
    '`../shared/eval`: test splits only, or the test half of a set split here; nothing scored '
    'was trained or tuned on.'
)

SENTIMENT_HISTORY = (
    'How it was developed: the TweetEval test score was read three times while the first '
    'linear model took shape (0.615, then 0.609 and 0.613 for intermediate versions), and a '
    'fourth time for the shipped pair. Every choice made after the first reading (the larger '
    'dev file, C, the narrower irony rule, litotes, lexicon polarity features in place of '
    "VADER's scores, the TextBlob features, the fastText companion, its size and weight) was "
    'decided on the SemEval 2016 dev file, never on this test set. The column for the linear '
    'model alone was added after that fourth reading, to show what the companion adds; '
    'nothing was chosen on it.'
)

TWEETACT_REQUESTS = (
    "No brand is configured here, so every tweet is proactive: the default's rules for a "
    'mention addressed to a brand do not fire, and only its model and its requests ("please '
    'DM me", "Help!") decide. Requests are not questions in TweetAct\'s labels (`REQ` is a '
    'speech act of its own), so each one the default finds counts against it here. The rules '
    'alone count every question mark. This test half was read a fourth time for the decision '
    'of the section below; nothing was chosen on it.'
)
