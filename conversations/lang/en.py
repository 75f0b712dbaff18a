"""English wording in a brand's reply that is known to pull the customer's sentiment down:
the English counterparts of the Dutch list (regret that echoes the problem, refusals behind
rules). Lowercased whole words or phrases."""

TONE_PHRASES: tuple[str, ...] = (
    "unfortunately", "sorry to hear", "sorry for the inconvenience", "inconvenience",
    "annoying", "too bad", "bad", "regret", "regrettably", "not possible", "unable to",
    "there is nothing we can do", "nothing we can do", "our policy", "per our policy",
    "you must", "you need to", "we understand your frustration",
)
