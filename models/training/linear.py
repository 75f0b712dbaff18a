"""Fit a ``models.linear.LinearTextModel`` with scikit-learn's logistic regression.

The features are built by the runtime tokenizer itself, so training and prediction cannot
drift apart: binary n-gram vectors, L2-normalised, plus the dense features unscaled (the
tokenizer's polarity features, then any ``extra`` ones).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.preprocessing import normalize

from models.linear import LinearTextModel, Tokenizer

DenseFeatures = Callable[[str], Sequence[float]]


@dataclass
class LinearTrainer:
    tokenizer: Tokenizer
    extra_names: tuple[str, ...] = ()
    extra: DenseFeatures | None = None
    c: float = 8.0
    min_df: int = 2
    class_weight: str | None = "balanced"
    prune_below: float = 0.0  # drop n-grams whose largest |weight| is smaller: a smaller file

    def _matrix(self, vectorizer: CountVectorizer, texts: Sequence[str], fit: bool) -> Any:
        counts = vectorizer.fit_transform(texts) if fit else vectorizer.transform(texts)
        ngrams = normalize(counts.astype(np.float64), norm="l2")
        if not self.dense_names:
            return ngrams.tocsr()
        rows = [[*self.tokenizer.analyze(t)[1], *(self.extra(t) if self.extra else ())]
                for t in texts]
        return hstack([ngrams, csr_matrix(np.array(rows, dtype=np.float64))]).tocsr()

    @property
    def dense_names(self) -> tuple[str, ...]:
        return self.tokenizer.dense_names + self.extra_names

    def fit(self, texts: Sequence[str], labels: Sequence[str],
            provenance: dict[str, Any]) -> LinearTextModel:
        vectorizer = CountVectorizer(analyzer=self.tokenizer.features, binary=True,
                                     min_df=self.min_df)
        matrix = self._matrix(vectorizer, texts, fit=True)
        classifier = LogisticRegression(C=self.c, max_iter=3000, class_weight=self.class_weight)
        classifier.fit(matrix, list(labels))
        classes = [str(c) for c in classifier.classes_]
        coef = classifier.coef_
        intercept = classifier.intercept_
        if len(classes) == 2:
            # scikit-learn keeps one row for a binary problem (the second class's log-odds);
            # two rows of +-half give the same softmax and one code path at prediction time.
            coef = np.vstack([-coef[0] / 2, coef[0] / 2])
            intercept = np.array([-intercept[0] / 2, intercept[0] / 2])
        vocabulary = vectorizer.get_feature_names_out()
        n = len(vocabulary)
        kept = [i for i in range(n) if float(np.abs(coef[:, i]).max()) >= self.prune_below]
        return LinearTextModel(
            labels=tuple(classes), tokenizer=self.tokenizer,
            index={str(vocabulary[i]): row for row, i in enumerate(kept)},
            weights=np.round(coef[:, kept].T, 4), bias=np.round(intercept, 5),
            dense_names=self.dense_names, dense_weights=np.round(coef[:, n:].T, 5),
            provenance={**provenance, "c": self.c, "min_df": self.min_df,
                        "class_weight": self.class_weight, "prune_below": self.prune_below,
                        "ngrams_kept": len(kept), "ngrams_fitted": n},
        )


def macro_f1(model: LinearTextModel, texts: Sequence[str], labels: Sequence[str],
             dense: DenseFeatures | None = None) -> float:
    predicted = [model.predict(t, dense(t) if dense else ())[0] for t in texts]
    return float(f1_score(list(labels), predicted, average="macro"))
