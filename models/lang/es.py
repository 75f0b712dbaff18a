"""Spanish word lists (a first, small set)."""

QUESTION_STARTERS = frozenset(
    [
        "quién",
        "quien",
        "qué",
        "que",
        "cuándo",
        "cuando",
        "dónde",
        "donde",
        "por",
        "qué",
        "cómo",
        "como",
        "cuál",
        "cual",
        "cuánto",
        "cuanto",
        "puedo",
        "pueden",
        "podéis",
        "hay",
        "es",
        "son",
        "tienen",
    ]
)
QUESTION_PHRASES = ("alguien sabe", "una pregunta", "cómo puedo", "por qué")
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
SARCASM_MARKERS = ("otra vez", "como siempre", "gracias por nada", "qué bien")
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
INTENSIFIERS: dict[str, float] = {"muy": 0.3, "super": 0.3, "realmente": 0.25, "tan": 0.2}
