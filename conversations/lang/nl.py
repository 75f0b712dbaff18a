"""Dutch wording in a brand's reply that is known to pull the customer's sentiment down:
regret-words that echo the problem back ("vervelend", "jammer", "helaas", "slecht") and
refusals that hide behind rules. Written lowercased, as whole words or phrases."""

TONE_PHRASES: tuple[str, ...] = (
    "vervelend", "vervelende", "jammer", "helaas", "slecht", "slechte", "balen", "balen dat",
    "rot", "rotte", "excuses voor het ongemak", "niet mogelijk", "kunnen wij niets",
    "kunnen we niets", "daar kunnen wij niets aan doen", "daar kunnen we niets aan doen",
    "ons beleid", "volgens ons beleid", "u moet", "je moet", "wij begrijpen uw frustratie",
    "we begrijpen je frustratie",
)
